import {
  inspectorDecider,
  unitDecider,
  type DirectoryRejection,
  type InspectorCommand,
  type InspectorEvent,
  type InspectorState,
  type UnitCommand,
  type UnitEvent,
  type UnitState,
} from '@shuangsui/domain/directory';
import { violation } from '@shuangsui/domain';
import type { StreamKind } from '../commands';
import { BusinessRuleError } from '../errors';
import { COMMAND_ROLES } from '../permissions';

const rowRejected = (rejection: DirectoryRejection): Error =>
  new BusinessRuleError(rejection.violations[0] ?? violation('row', 'invalid', '名录记录不合规'));

export const UNIT_STREAM: StreamKind<UnitCommand, UnitEvent, UnitState, DirectoryRejection> = {
  decider: unitDecider,
  commandRoles: { importUnit: COMMAND_ROLES.importUnit },
  rejectionError: rowRejected,
};
export const INSPECTOR_STREAM: StreamKind<InspectorCommand, InspectorEvent, InspectorState, DirectoryRejection> = {
  decider: inspectorDecider,
  commandRoles: { importInspector: COMMAND_ROLES.importInspector },
  rejectionError: rowRejected,
};
