import type { Role } from '../events/event-metadata';

/**
 * What a reminder is about (docs/reminders.md). Each kind is a clock: it starts on a date the events
 * give (its base), runs until the step it waits for happens, and is due on a date computed from the
 * base with the working-day calendar.
 */
export const REMINDER_KINDS = [
  /** Next month's quota not set by the 25th of this month. */
  'quotaNotSet',
  /** A drawn or assigned case not inspected by the end of its month. */
  'notInspected',
  /** A recorded result waiting for review longer than the setting. */
  'reviewPending',
  /** An approved result not yet published within the setting. */
  'publicationDue',
  /** 责令限期改正 within 3 working days of the referral. */
  'referralOrder',
  /** 复查 within 3 working days after the order's time limit expires. */
  'referralReinspection',
  /** A major hazard's collective handling opinion within 7 working days of the referral. */
  'referralCollectiveOpinion',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export type ReminderSeverity = 'near' | 'overdue';

/** Fixed by 消防监督检查规定 (docs/domain.md §4.6). */
export const STATUTORY_WORKING_DAYS = {
  order: 3,
  reinspection: 3,
  collectiveOpinion: 7,
} as const;

/**
 * Who a kind concerns besides supervisors (who see every reminder) and, for case kinds marked
 * `caseInspectors`, the case's own inspectors. Reviewers share one queue: any reviewer may take a
 * result that is not their own, so every reviewer sees every pending review.
 */
export const REMINDER_AUDIENCE: Readonly<Record<ReminderKind, { readonly roles: readonly Role[]; readonly caseInspectors: boolean }>> = {
  quotaNotSet: { roles: ['planner'], caseInspectors: false },
  notInspected: { roles: ['planner'], caseInspectors: true },
  reviewPending: { roles: ['reviewer'], caseInspectors: false },
  publicationDue: { roles: ['planner', 'reviewer'], caseInspectors: false },
  referralOrder: { roles: ['planner'], caseInspectors: true },
  referralReinspection: { roles: ['planner'], caseInspectors: true },
  referralCollectiveOpinion: { roles: ['planner', 'reviewer'], caseInspectors: false },
};

/** Roles that see every reminder. */
export const SEES_EVERY_REMINDER: readonly Role[] = ['supervisor'];
