import type { Inspector } from './inspector';
import type { Unit, UnitStatus } from './unit';

/**
 * The directories' event catalogue (docs/events.md, "Directories"). Each unit and each inspector is
 * its own stream; the directory is the fold of those streams.
 */
export const DIRECTORY_EVENT_TYPES = {
  UnitRegistered: 'UnitRegistered.v1',
  UnitUpdated: 'UnitUpdated.v1',
  UnitStatusChanged: 'UnitStatusChanged.v1',
  InspectorRegistered: 'InspectorRegistered.v1',
  InspectorUpdated: 'InspectorUpdated.v1',
} as const;

/** Unit fields other than status, which changes only through UnitStatusChanged.v1. */
export type UnitDetails = Omit<Unit, 'status' | 'statusDate'>;
export type UnitDetailField = keyof UnitDetails;

export interface UnitRegisteredData {
  readonly unit: Unit;
}

export interface UnitUpdatedData {
  readonly unitId: string;
  /** Only the fields that changed, with their new values. */
  readonly changes: Partial<UnitDetails>;
}

export interface UnitStatusChangedData {
  readonly unitId: string;
  readonly previousStatus: UnitStatus;
  readonly status: UnitStatus;
  /** The date the unit closed, was deregistered or reopened. */
  readonly statusDate: string | null;
}

export interface InspectorRegisteredData {
  readonly inspector: Inspector;
}

export interface InspectorUpdatedData {
  readonly inspectorId: string;
  /** Only the fields that changed (leaves and conflicts are replaced as whole lists). */
  readonly changes: Partial<Omit<Inspector, 'id'>>;
}

export const UNIT_STREAM_PREFIX = 'unit-';
export const INSPECTOR_STREAM_PREFIX = 'inspector-';
export const unitStreamId = (unitId: string): string => `${UNIT_STREAM_PREFIX}${unitId}`;
export const inspectorStreamId = (inspectorId: string): string => `${INSPECTOR_STREAM_PREFIX}${inspectorId}`;

type Of<Type extends string, Data> = { readonly type: Type; readonly data: Data };
export type UnitEvent =
  | Of<typeof DIRECTORY_EVENT_TYPES.UnitRegistered, UnitRegisteredData>
  | Of<typeof DIRECTORY_EVENT_TYPES.UnitUpdated, UnitUpdatedData>
  | Of<typeof DIRECTORY_EVENT_TYPES.UnitStatusChanged, UnitStatusChangedData>;
export type InspectorEvent =
  | Of<typeof DIRECTORY_EVENT_TYPES.InspectorRegistered, InspectorRegisteredData>
  | Of<typeof DIRECTORY_EVENT_TYPES.InspectorUpdated, InspectorUpdatedData>;
