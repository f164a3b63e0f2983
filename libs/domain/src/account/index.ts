/** Accounts: who may sign in, with which roles, and which sessions are live. */
export * from './account.events';
export * from './account.state';
export * from './account.decider';
