/** Reminders: which clocks run, when they fall due, whom they concern (pure date rules). */
export * from './reminder-kinds';
export * from './reminder-rules';
