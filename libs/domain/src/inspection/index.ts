export * from './checklist';
export * from './inspection.commands';
export * from './inspection.context';
export * from './inspection.decider';
export * from './inspection.events';
export * from './inspection.lifecycle';
export * from './inspection.machine';
export * from './inspection.rules';
