/** Unit and inspector directories: record types and their pure validation. */
export * from './credit-code';
export * from './inspector';
export * from './iso-date';
export * from './unit';
export * from './directory.events';
export * from './unit.decider';
export * from './inspector.decider';
