import type { Role } from '../events/event-metadata';

/** The account's event catalogue: who could do what at any moment is the fold of these. */
export const ACCOUNT_EVENT_TYPES = {
  AccountCreated: 'AccountCreated.v1',
  RoleGranted: 'RoleGranted.v1',
  RoleRevoked: 'RoleRevoked.v1',
  PasswordChanged: 'PasswordChanged.v1',
  AccountDisabled: 'AccountDisabled.v1',
  SessionStarted: 'SessionStarted.v1',
  SessionEnded: 'SessionEnded.v1',
} as const;

export interface AccountCreatedData {
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  /** An argon2id PHC string computed by the application; a plaintext never reaches the log. */
  readonly passwordHash: string;
  /** A one-time password must be replaced at first sign-in. */
  readonly mustChangePassword: boolean;
}
export interface RoleChangedData {
  readonly role: Role;
}
export interface PasswordChangedData {
  readonly passwordHash: string;
  readonly mustChangePassword: boolean;
}
export interface AccountDisabledData {
  readonly reason: string;
}
export interface SessionStartedData {
  readonly sessionId: string;
  readonly expiresAt: string;
  /** How the person proved who they are: a password today, an OIDC issuer tomorrow. */
  readonly method: 'password' | 'oidc';
}
export interface SessionEndedData {
  readonly sessionId: string;
  readonly reason: 'logout' | 'passwordChanged';
}

export const ACCOUNT_STREAM_PREFIX = 'account-';
export const accountStreamId = (username: string): string => `${ACCOUNT_STREAM_PREFIX}${username}`;

type Of<Type extends string, Data> = { readonly type: Type; readonly data: Data };
export type AccountEvent =
  | Of<typeof ACCOUNT_EVENT_TYPES.AccountCreated, AccountCreatedData>
  | Of<typeof ACCOUNT_EVENT_TYPES.RoleGranted, RoleChangedData>
  | Of<typeof ACCOUNT_EVENT_TYPES.RoleRevoked, RoleChangedData>
  | Of<typeof ACCOUNT_EVENT_TYPES.PasswordChanged, PasswordChangedData>
  | Of<typeof ACCOUNT_EVENT_TYPES.AccountDisabled, AccountDisabledData>
  | Of<typeof ACCOUNT_EVENT_TYPES.SessionStarted, SessionStartedData>
  | Of<typeof ACCOUNT_EVENT_TYPES.SessionEnded, SessionEndedData>;
