import { accountStreamId } from '@shuangsui/domain';
import { randomBytes } from 'node:crypto';
import type { EventStore } from '@shuangsui/event-store';
import { readStreamOrEmpty } from '../commands';
import { AccountExistsError } from './account.errors';
import type { AccountService } from './account-service';

export interface FirstAdminSettings {
  /** SHUANGSUI_ADMIN_USER; default `admin`. */
  readonly username: string;
  /** SHUANGSUI_ADMIN_PASSWORD; without it a one-time password is generated and printed once. */
  readonly password?: string;
}

const BOOTSTRAP = { id: 'account-bootstrap', role: 'system' } as const;

/**
 * At first start (the admin's account stream does not exist yet) creates the first administrator.
 * There is never a default password: either the configured one, or a generated one that is shown
 * once, through `announce`, and must be changed at first sign-in. Two servers starting together
 * race on the stream's "no stream" expectation; the loser prints nothing.
 */
export async function ensureFirstAdmin(store: EventStore, accounts: AccountService, settings: FirstAdminSettings, announce: (message: string) => void): Promise<boolean> {
  if ((await readStreamOrEmpty(store, accountStreamId(settings.username))).length > 0) return false;
  const oneTime = settings.password === undefined;
  const password = settings.password ?? randomBytes(18).toString('base64url');
  const commandId = `first-admin:${settings.username}`;
  try {
    await accounts.create(
      { username: settings.username, displayName: '系统管理员', roles: ['admin'], password, mustChangePassword: oneTime },
      { actor: BOOTSTRAP, commandId, correlationId: commandId, causationId: null },
    );
  } catch (error) {
    if (error instanceof AccountExistsError) return false;
    throw error;
  }
  if (oneTime) {
    announce(`首个管理员账号“${settings.username}”已创建，一次性口令：${password}（仅显示这一次；首次登录后必须修改）`);
  }
  return true;
}
