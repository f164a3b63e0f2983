import { drawDecider, type DrawCommand, type DrawEvent, type DrawRejection, type DrawState } from '@shuangsui/domain/draw';
import type { StreamKind } from '../commands';
import { BusinessRuleError } from '../errors';
import { COMMAND_ROLES } from '../permissions';
import { DrawAlreadyPerformedError, DrawFailedError, DrawNotFoundError } from './draw.errors';

export const DRAW_STREAM: StreamKind<DrawCommand, DrawEvent, DrawState, DrawRejection> = {
  decider: drawDecider,
  commandRoles: { performDraw: COMMAND_ROLES.performDraw, redraw: COMMAND_ROLES.redraw, completeDrawFollowUp: COMMAND_ROLES.completeDrawFollowUp },
  rejectionError: (rejection) => {
    switch (rejection.kind) {
      case 'drawAlreadyPerformed':
        return new DrawAlreadyPerformedError(rejection.drawId);
      case 'drawNotFound':
        return new DrawNotFoundError(rejection.drawId);
      case 'drawFailed':
        return new DrawFailedError(rejection.failure);
      case 'ruleViolation':
        return new BusinessRuleError(rejection);
    }
  },
};
