export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite-event-store';
export type { GroupCommitStats } from './group-commit';
export { SqliteThread, type ThreadHandlerFactory } from './sqlite-thread';
