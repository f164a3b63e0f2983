import { LOGIN_ROLES, type Role } from '../events/event-metadata';
import { accept, reject, type Decider, type Decision } from '../shared/decider';
import { violation, type RuleViolation } from '../shared/rule-violation';
import { ACCOUNT_EVENT_TYPES as T, type AccountCreatedData, type AccountEvent, type SessionStartedData } from './account.events';
import { evolveAccount, type AccountFold } from './account.state';

/** Letters, digits and . _ : @ - (an inspector's account is named by the inspector id). */
export const USERNAME_PATTERN = /^[A-Za-z0-9._:@-]{1,128}$/;
const PHC_ARGON2ID = /^\$argon2id\$/;

export type AccountCommand =
  | ({ readonly type: 'createAccount' } & AccountCreatedData)
  | { readonly type: 'grantRole'; readonly role: Role }
  | { readonly type: 'revokeRole'; readonly role: Role }
  | { readonly type: 'changePassword'; readonly passwordHash: string; readonly mustChangePassword: boolean; readonly keepSessionId: string | null }
  | { readonly type: 'disableAccount'; readonly reason: string }
  | ({ readonly type: 'startSession' } & SessionStartedData)
  | { readonly type: 'endSession'; readonly sessionId: string };

export type AccountRejection =
  | ({ readonly kind: 'ruleViolation' } & RuleViolation)
  | { readonly kind: 'accountExists'; readonly username: string }
  | { readonly kind: 'accountNotFound' }
  | { readonly kind: 'accountDisabled'; readonly username: string };

const broken = (field: string, rule: string, message: string): Decision<never, AccountRejection> => reject({ kind: 'ruleViolation', ...violation(field, rule, message) });

function checkRole(role: Role): Decision<never, AccountRejection> | null {
  // `system` is the process managers' own actor: no account can hold it, so no login obtains it.
  return LOGIN_ROLES.includes(role) ? null : broken('role', 'isIn', `角色必须是 ${LOGIN_ROLES.join('、')} 之一`);
}

function checkHash(hash: string): Decision<never, AccountRejection> | null {
  return PHC_ARGON2ID.test(hash) ? null : broken('passwordHash', 'argon2id', '口令须以 argon2id 散列保存');
}

function decideCreate(command: Extract<AccountCommand, { type: 'createAccount' }>, state: AccountFold): Decision<AccountEvent, AccountRejection> {
  if (state) return reject({ kind: 'accountExists', username: state.username });
  if (!USERNAME_PATTERN.test(command.username)) return broken('username', 'matches', '用户名只能包含字母、数字和 . _ : @ -，长度1至128');
  if (command.roles.length === 0) return broken('roles', 'arrayNotEmpty', '账号至少应有一个角色');
  for (const role of command.roles) {
    const bad = checkRole(role);
    if (bad) return bad;
  }
  const badHash = checkHash(command.passwordHash);
  if (badHash) return badHash;
  const { type: _, ...data } = command;
  return accept({ type: T.AccountCreated, data: { ...data, roles: [...new Set(data.roles)] } });
}

/** Account rules. A repeated grant, revoke, disable or logout changes nothing and appends nothing. */
export function decideAccount(command: AccountCommand, state: AccountFold): Decision<AccountEvent, AccountRejection> {
  if (command.type === 'createAccount') return decideCreate(command, state);
  if (!state) return reject({ kind: 'accountNotFound' });
  if (command.type === 'endSession') {
    return state.sessions[command.sessionId] === undefined ? accept() : accept({ type: T.SessionEnded, data: { sessionId: command.sessionId, reason: 'logout' } });
  }
  if (command.type === 'disableAccount') {
    if (state.disabled) return accept();
    if (!command.reason.trim()) return broken('reason', 'isNotEmpty', '停用账号须说明原因');
    return accept({ type: T.AccountDisabled, data: { reason: command.reason } });
  }
  if (state.disabled) return reject({ kind: 'accountDisabled', username: state.username });
  switch (command.type) {
    case 'grantRole':
      return checkRole(command.role) ?? (state.roles.includes(command.role) ? accept() : accept({ type: T.RoleGranted, data: { role: command.role } }));
    case 'revokeRole':
      return state.roles.includes(command.role) ? accept({ type: T.RoleRevoked, data: { role: command.role } }) : accept();
    case 'changePassword': {
      const badHash = checkHash(command.passwordHash);
      if (badHash) return badHash;
      // A new password ends every other session: whoever knew the old one is signed out.
      const others = Object.keys(state.sessions).filter((id) => id !== command.keepSessionId);
      const changed: AccountEvent = { type: T.PasswordChanged, data: { passwordHash: command.passwordHash, mustChangePassword: command.mustChangePassword } };
      const ended = others.map((sessionId): AccountEvent => ({ type: T.SessionEnded, data: { sessionId, reason: 'passwordChanged' } }));
      return accept(changed, ...ended);
    }
    case 'startSession': {
      const { type: _, ...data } = command;
      return accept({ type: T.SessionStarted, data });
    }
  }
}

export const accountDecider: Decider<AccountCommand, AccountEvent, AccountFold, AccountRejection> = {
  initialState: () => null,
  evolve: evolveAccount,
  decide: decideAccount,
};
