export * from './event-store.port';
export { occurredAtOf, toLeanEvent, type LeanEvent } from './lean-event';
export * from './errors';
export * from './hash-chain';
export * from './event-id';
export * from './sqlite';
export * from './create-event-store';
export * from './postgres';
export * from './esdb';
