/** The pure domain: no NestJS, no I/O. */
export * from './events/event-metadata';
export * from './events/upcasting';
export * from './shared/canonical-json';
export * from './shared/rule-violation';
export * from './inspection';
export * from './shared/china-time';
export * from './calendar';
export * from './directory';
export * from './plan';
export * from './draw';
export * from './account';
export * from './shared/decider';
export * from './transparency';
export * from './reminders';
export * from './documents';
