export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite-event-store';
export { SqliteThread, type ThreadHandlerFactory } from './sqlite-thread';
