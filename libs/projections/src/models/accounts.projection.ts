import { ACCOUNT_EVENT_TYPES, ACCOUNT_STREAM_PREFIX, type AccountCreatedData, type PasswordChangedData, type RoleChangedData } from '@shuangsui/domain';
import type { LeanEvent } from '@shuangsui/event-store';
import type { EventHandler, EventHandlers, Projection } from '../projection';
import type { TableSpec } from '../read-store.port';

/**
 * The accounts as an administrator lists them. Only what the account page shows: never the password
 * hash, never a session id, both of which are in the account's events.
 */
export interface AccountRow {
  readonly [column: string]: unknown;
  readonly username: string;
  readonly display_name: string;
  /** The roles held now, comma-separated, in the order they were granted. */
  readonly roles: string;
  readonly disabled: number;
  readonly must_change_password: number;
  readonly created_at: string;
  readonly last_sign_in_at: string | null;
}

export const ACCOUNTS: TableSpec = {
  name: 'accounts',
  key: 'username',
  columns: {
    username: 'text', display_name: 'text', roles: 'text', disabled: 'integer', must_change_password: 'integer',
    created_at: 'text', last_sign_in_at: 'text',
  },
};

const A = ACCOUNT_EVENT_TYPES;
const usernameOf = (event: LeanEvent): string => event.streamId.slice(ACCOUNT_STREAM_PREFIX.length);

/** One row per account stream; events of an account never seen created are ignored, as the decider's fold does. */
function accountRow(evolve: (row: AccountRow | undefined, event: LeanEvent) => AccountRow | undefined): EventHandler {
  return {
    rows: (event) => (event.streamId.startsWith(ACCOUNT_STREAM_PREFIX) ? [{ table: ACCOUNTS.name, key: usernameOf(event) }] : []),
    apply: (event, rows) => {
      if (!event.streamId.startsWith(ACCOUNT_STREAM_PREFIX)) return;
      const next = evolve(rows.get<AccountRow>(ACCOUNTS.name, usernameOf(event)), event);
      if (next) rows.put(ACCOUNTS.name, next);
    },
  };
}

const known = (evolve: (row: AccountRow, event: LeanEvent) => AccountRow) => accountRow((row, event) => (row ? evolve(row, event) : undefined));
/** The roles column as a list. */
export const rolesOf = (row: AccountRow): string[] => (row.roles === '' ? [] : row.roles.split(','));

const handlers: EventHandlers = {
  [A.AccountCreated]: accountRow((_row, event) => {
    const data = event.data as unknown as AccountCreatedData;
    return {
      username: data.username, display_name: data.displayName, roles: data.roles.join(','), disabled: 0,
      must_change_password: data.mustChangePassword ? 1 : 0, created_at: event.occurredAt, last_sign_in_at: null,
    };
  }),
  [A.RoleGranted]: known((row, event) => {
    const { role } = event.data as unknown as RoleChangedData;
    const roles = rolesOf(row);
    return { ...row, roles: (roles.includes(role) ? roles : [...roles, role]).join(',') };
  }),
  [A.RoleRevoked]: known((row, event) => {
    const { role } = event.data as unknown as RoleChangedData;
    return { ...row, roles: rolesOf(row).filter((held) => held !== role).join(',') };
  }),
  [A.PasswordChanged]: known((row, event) => ({ ...row, must_change_password: (event.data as unknown as PasswordChangedData).mustChangePassword ? 1 : 0 })),
  [A.AccountDisabled]: known((row) => ({ ...row, disabled: 1 })),
  [A.SessionStarted]: known((row, event) => ({ ...row, last_sign_in_at: event.occurredAt })),
};

export const accountsProjection: Projection = { name: 'accounts', version: 1, tables: [ACCOUNTS], handlers };
