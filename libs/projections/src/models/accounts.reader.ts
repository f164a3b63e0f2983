import type { Role } from '@shuangsui/domain';
import type { ReadStore, TableRef } from '../read-store.port';
import { ACCOUNTS, accountsProjection, rolesOf, type AccountRow } from './accounts.projection';

/** An account in the administrator's list. */
export interface AccountListItem {
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly disabled: boolean;
  readonly mustChangePassword: boolean;
  readonly createdAt: string;
  readonly lastSignInAt: string | null;
}

export interface AccountList {
  readonly total: number;
  readonly accounts: readonly AccountListItem[];
}

const REF: TableRef = { projection: accountsProjection.name, table: ACCOUNTS };

export class AccountsReader {
  constructor(private readonly store: ReadStore) {}

  /** By username; `q` matches a part of the username or the display name. */
  async list(options: { readonly q?: string; readonly limit: number; readonly offset: number }): Promise<AccountList> {
    const q = options.q?.trim();
    const rows = (await this.store.query(REF, { orderBy: [{ column: 'username' }] })) as AccountRow[];
    // A brigade has tens of accounts, so matching here is simpler than a search index and as fast.
    const matching = q ? rows.filter((row) => row.username.includes(q) || row.display_name.includes(q)) : rows;
    return { total: matching.length, accounts: matching.slice(options.offset, options.offset + options.limit).map(toItem) };
  }
}

function toItem(row: AccountRow): AccountListItem {
  return {
    username: row.username,
    displayName: row.display_name,
    roles: rolesOf(row) as Role[],
    disabled: row.disabled === 1,
    mustChangePassword: row.must_change_password === 1,
    createdAt: row.created_at,
    lastSignInAt: row.last_sign_in_at,
  };
}
