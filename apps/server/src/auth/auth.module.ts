import { Inject, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import {
  AccountCache,
  AccountDisabledError,
  AccountExistsError,
  AccountNotFoundError,
  AccountService,
  Authenticator,
  CaseAccessDeniedError,
  ensureFirstAdmin,
  InvalidCredentialsError,
  loadSigningKey,
  LoginThrottle,
  NotYourAccountError,
  OwnAdminAccessError,
  PasswordHasher,
  TokenSigner,
  WeakPasswordError,
  type AuthSettings,
} from '@shuangsui/application';
import type { EventStore } from '@shuangsui/event-store';
import type { Options as Argon2Options } from '@node-rs/argon2';
import { registerErrorMapper } from '../common/error.filter';
import { CLOCK, EVENT_STORE, type Clock } from '../common/tokens';
import { AccountsController } from './accounts.controller';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AUTH_SETTINGS } from './auth.tokens';

export interface AuthOptions {
  readonly settings: AuthSettings;
  /** Where a generated signing key is kept (default: SHUANGSUI_SECRETS_DIR, beside the draw secrets). */
  readonly secretsDirectory?: string;
  /** argon2id parameters; tests use cheap ones. */
  readonly hashing?: Argon2Options;
  /** Where the one-time admin password is shown (default: the console, once). */
  readonly announce?: (message: string) => void;
}

registerErrorMapper((error) => {
  if (error instanceof InvalidCredentialsError) return { statusCode: 401, error: 'InvalidCredentials', message: error.message };
  if (error instanceof AccountNotFoundError) return { statusCode: 404, error: 'AccountNotFound', message: error.message, username: error.username };
  if (error instanceof AccountExistsError) return { statusCode: 409, error: 'AccountExists', message: error.message, username: error.username };
  if (error instanceof AccountDisabledError) return { statusCode: 409, error: 'AccountDisabled', message: error.message, username: error.username };
  if (error instanceof NotYourAccountError) return { statusCode: 403, error: 'NotYourAccount', message: error.message };
  if (error instanceof OwnAdminAccessError) return { statusCode: 409, error: 'OwnAdminAccess', message: error.message, username: error.username };
  if (error instanceof WeakPasswordError) return { statusCode: 400, error: 'WeakPassword', message: error.message };
  if (error instanceof CaseAccessDeniedError) return { statusCode: 403, error: 'NotAssignedToCase', message: error.message, caseId: error.caseId };
  return null;
});

const FIRST_ADMIN = Symbol('FIRST_ADMIN');

/** Accounts, sign-in, tokens, the global guard, and the first administrator at first start. */
@Module({})
export class AuthModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly cache: AccountCache,
    private readonly accounts: AccountService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
    @Inject(FIRST_ADMIN) private readonly announce: (message: string) => void,
  ) {}

  static forRoot(options: AuthOptions, secretsDir: string): DynamicModule {
    const key = loadSigningKey(options.secretsDirectory ?? secretsDir, options.settings.signingSecret);
    const { settings } = options;
    return {
      module: AuthModule,
      controllers: [AuthController, AccountsController],
      providers: [
        { provide: AUTH_SETTINGS, useValue: settings },
        { provide: FIRST_ADMIN, useValue: options.announce ?? ((message: string) => console.log(message)) },
        { provide: TokenSigner, useValue: new TokenSigner(key) },
        { provide: AccountCache, useFactory: (store: EventStore) => new AccountCache(store), inject: [EVENT_STORE] },
        {
          provide: AccountService,
          useFactory: (store: EventStore, cache: AccountCache, clock: Clock) => new AccountService(store, cache, new PasswordHasher(options.hashing), clock, settings.sessionTtlSeconds),
          inject: [EVENT_STORE, AccountCache, CLOCK],
        },
        {
          provide: Authenticator,
          useFactory: (signer: TokenSigner, cache: AccountCache, clock: Clock) => new Authenticator(signer, cache, clock, settings.accessTokenTtlSeconds),
          inject: [TokenSigner, AccountCache, CLOCK],
        },
        { provide: LoginThrottle, useFactory: (clock: Clock) => new LoginThrottle(5, 20, 15 * 60 * 1000, clock), inject: [CLOCK] },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [AccountService, Authenticator, AccountCache, TokenSigner],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.cache.start();
    await ensureFirstAdmin(this.store, this.accounts, { username: this.settings.adminUser, ...(this.settings.adminPassword ? { password: this.settings.adminPassword } : {}) }, this.announce);
  }

  onApplicationShutdown(): void {
    this.cache.stop();
  }
}
