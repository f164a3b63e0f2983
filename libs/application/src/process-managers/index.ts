/** Process managers: reactions to recorded events that send ordinary commands as the system actor. */
export * from './event-reactor';
export * from './follow-up-reactions';
export * from './hazard-referral.process-manager';
export * from './leader-tasks';
export * from './periodic-task';
