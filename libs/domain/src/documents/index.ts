export * from './document-number.decider';
