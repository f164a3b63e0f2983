/** Accounts, sign-in and tokens: identity and access on the one command handler. */
export * from './account.errors';
export * from './account-stream';
export * from './account-cache';
export * from './account-service';
export * from './authenticator';
export * from './first-admin';
export * from './login-throttle';
export * from './password-hasher';
export * from './signed-tokens';
export * from './signing-key';
