import type { Migration } from '@shuangsui/event-store';
import { createBookkeeping } from './001_create_bookkeeping';

/** Every read-store migration, in version order. Append new ones; never edit an applied one (checksums are verified). */
export const READ_STORE_MIGRATIONS: readonly Migration[] = [createBookkeeping];
