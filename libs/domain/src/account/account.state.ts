import type { Role } from '../events/event-metadata';
import type { StoredEvent } from '../shared/decider';
import { ACCOUNT_EVENT_TYPES as T, type AccountEvent } from './account.events';

export interface AccountState {
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly passwordHash: string;
  readonly mustChangePassword: boolean;
  readonly disabled: boolean;
  /** Sessions signed in and not ended, with when each expires (ISO instant). */
  readonly sessions: Readonly<Record<string, string>>;
}

/** null: no such account. */
export type AccountFold = AccountState | null;

/** Applies a recorded event; never validates (recorded events are facts). */
export function evolveAccount(state: AccountFold, event: StoredEvent<AccountEvent>): AccountFold {
  if (event.type === T.AccountCreated) {
    const { username, displayName, roles, passwordHash, mustChangePassword } = event.data;
    return { username, displayName, roles, passwordHash, mustChangePassword, disabled: false, sessions: {} };
  }
  if (!state) return state;
  switch (event.type) {
    case T.RoleGranted:
      return { ...state, roles: [...state.roles, event.data.role] };
    case T.RoleRevoked:
      return { ...state, roles: state.roles.filter((role) => role !== event.data.role) };
    case T.PasswordChanged:
      return { ...state, passwordHash: event.data.passwordHash, mustChangePassword: event.data.mustChangePassword };
    case T.AccountDisabled:
      return { ...state, disabled: true, sessions: {} };
    case T.SessionStarted:
      return { ...state, sessions: { ...liveSessions(state.sessions, event.occurredAt), [event.data.sessionId]: event.data.expiresAt } };
    case T.SessionEnded: {
      const { [event.data.sessionId]: _ended, ...rest } = state.sessions;
      return { ...state, sessions: rest };
    }
    default:
      return state;
  }
}

/** Drops sessions expired by `now`, so a long-lived account's state stays small. */
function liveSessions(sessions: Readonly<Record<string, string>>, now: string): Record<string, string> {
  return Object.fromEntries(Object.entries(sessions).filter(([, expiresAt]) => expiresAt > now));
}

/** True when the session exists, has not expired and the account may act. */
export function sessionIsActive(state: AccountFold, sessionId: string, now: string): boolean {
  if (!state || state.disabled) return false;
  const expiresAt = state.sessions[sessionId];
  return expiresAt !== undefined && expiresAt > now;
}
