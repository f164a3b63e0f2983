import { createEventTables } from './001_create_event_tables';
import { createAppendFunctions } from './002_create_append_functions';
import type { Migration } from './migration';

export type { Migration } from './migration';

/** Every migration, in version order. Append new ones; never edit an applied one (checksums are verified). */
export const EVENT_STORE_MIGRATIONS: readonly Migration[] = [createEventTables, createAppendFunctions];
