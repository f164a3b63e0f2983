export * from './command-context';
export * from './errors';
export * from './permissions';
export * from './inspections/command-result';
export * from './inspections/inspection-command.handler';
export * from './inspections/inspection-queries';
export * from './inspections/stored-events';
