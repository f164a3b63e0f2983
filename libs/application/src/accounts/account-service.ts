import { accountStreamId, LOGIN_ROLES, type AccountCommand, type AccountState, type Actor, type Role } from '@shuangsui/domain';
import type { EventStore } from '@shuangsui/event-store';
import { randomBytes, randomUUID } from 'node:crypto';
import { CommandHandler } from '../commands';
import type { CommandContext } from '../command-context';
import { AccountCache } from './account-cache';
import { AccountNotFoundError, InvalidCredentialsError, NotYourAccountError, OwnAdminAccessError } from './account.errors';
import { ACCOUNT_STREAM } from './account-stream';
import { PasswordHasher } from './password-hasher';

export interface CreateAccountInput {
  readonly username: string;
  readonly displayName?: string;
  readonly roles: readonly Role[];
  readonly password: string;
  /** A password someone else chose (first admin, an admin's reset) must be replaced at first sign-in. */
  readonly mustChangePassword?: boolean;
}

/** An account as others may see it: never the hash, never the session ids. */
export interface AccountView {
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly disabled: boolean;
  readonly mustChangePassword: boolean;
  readonly revision: number;
}

export interface SignedIn {
  readonly account: AccountState;
  readonly sessionId: string;
  readonly expiresAt: Date;
}

/**
 * Accounts on the one command handler: the rules are the account decider's, the hashing is here.
 * Looking up an account reads its own stream (`account-<username>`), through the cache.
 */
export class AccountService {
  private readonly commands: CommandHandler;

  constructor(
    store: EventStore,
    readonly cache: AccountCache,
    private readonly hasher: PasswordHasher = new PasswordHasher(),
    private readonly clock: () => Date = () => new Date(),
    private readonly sessionTtlSeconds = 8 * 3600,
  ) {
    this.commands = new CommandHandler(store, clock);
  }

  async create(input: CreateAccountInput, context: CommandContext): Promise<AccountView> {
    const passwordHash = await this.hasher.hash(input.password);
    return this.send(input.username, {
      type: 'createAccount',
      username: input.username,
      displayName: input.displayName ?? input.username,
      roles: input.roles,
      passwordHash,
      mustChangePassword: input.mustChangePassword ?? false,
    }, context, { username: input.username, roles: input.roles });
  }

  grantRole(username: string, role: Role, context: CommandContext): Promise<AccountView> {
    return this.send(username, { type: 'grantRole', role }, context);
  }

  revokeRole(username: string, role: Role, context: CommandContext): Promise<AccountView> {
    if (role === 'admin' && context.actor.id === username) throw new OwnAdminAccessError(username);
    return this.send(username, { type: 'revokeRole', role }, context);
  }

  disable(username: string, reason: string, context: CommandContext): Promise<AccountView> {
    if (context.actor.id === username) throw new OwnAdminAccessError(username);
    return this.send(username, { type: 'disableAccount', reason }, context);
  }

  /**
   * One's own password (the current one proves it is oneself; the current session stays signed in,
   * every other ends), or an admin's reset of someone else's (which must be changed at next sign-in).
   */
  async changePassword(username: string, input: { readonly currentPassword?: string; readonly newPassword: string; readonly sessionId?: string }, context: CommandContext): Promise<AccountView> {
    const own = context.actor.id === username;
    if (!own && context.actor.role !== 'admin') throw new NotYourAccountError(username);
    if (own) {
      const account = await this.cache.get(username);
      if (!account || !(await this.hasher.verify(account.passwordHash, input.currentPassword ?? ''))) throw new InvalidCredentialsError();
    }
    const passwordHash = await this.hasher.hash(input.newPassword);
    return this.send(username, { type: 'changePassword', passwordHash, mustChangePassword: !own, keepSessionId: own ? (input.sessionId ?? null) : null }, context, { username });
  }

  /** Checks the password and starts a session. Unknown user, wrong password and disabled account read alike. */
  async signIn(username: string, password: string): Promise<SignedIn> {
    const account = await this.cache.get(username);
    // Verify against a real hash even for an unknown user, so the answer's timing does not tell.
    const ok = await this.hasher.verify(account?.passwordHash ?? DUMMY_HASH, password);
    if (!account || !ok || account.disabled || account.roles.length === 0) throw new InvalidCredentialsError();
    const sessionId = randomBytes(16).toString('base64url');
    const expiresAt = new Date(this.clock().getTime() + this.sessionTtlSeconds * 1000);
    await this.send(username, { type: 'startSession', sessionId, expiresAt: expiresAt.toISOString(), method: 'password' }, selfContext(account));
    return { account, sessionId, expiresAt };
  }

  async signOut(username: string, sessionId: string): Promise<void> {
    const account = await this.cache.get(username);
    if (!account) return;
    await this.send(username, { type: 'endSession', sessionId }, selfContext(account));
  }

  async view(username: string): Promise<AccountView> {
    const { state, revision } = await this.commands.load(ACCOUNT_STREAM, accountStreamId(username));
    if (!state) throw new AccountNotFoundError(username);
    return toView(state, revision);
  }

  private async send(username: string, command: AccountCommand, context: CommandContext, request?: object): Promise<AccountView> {
    const handled = await this.commands.handle(ACCOUNT_STREAM, accountStreamId(username), command, context, request ? { request } : {});
    this.cache.put(username, handled.state);
    if (!handled.state) throw new AccountNotFoundError(username);
    return toView(handled.state, handled.revision);
  }
}

/** The account acting on itself (sign-in, sign-out): its id, and the first role it holds. */
export function selfContext(account: AccountState): CommandContext {
  const commandId = randomUUID();
  const actor: Actor = { id: account.username, role: account.roles.find((role) => LOGIN_ROLES.includes(role)) ?? 'auditor' };
  return { actor, commandId, correlationId: commandId, causationId: null };
}

function toView(state: AccountState, revision: number): AccountView {
  return { username: state.username, displayName: state.displayName, roles: state.roles, disabled: state.disabled, mustChangePassword: state.mustChangePassword, revision };
}

/** argon2id of a random string nobody knows; only used to spend the same time on unknown users. */
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$0aDrUkE9RxD4ZCVjTbT4P8Q4Ltl6bbCOOhJcJDU0hJY';
