import { CalendarNotCoveredError, STATUTORY_WORKING_DAYS, type WorkingDayCalendar } from '@shuangsui/domain';

/**
 * Deadline arithmetic of the read side, in working days on the Chinese holiday calendar (调休
 * included). Settings (review, publication) are parameters; statutory follow-up limits are fixed by
 * 消防监督检查规定 (docs/domain.md §4.6). "Due on D" means the step is late from the day after D.
 */

export interface DeadlineSettings {
  /** A result waiting for review longer than this many working days is overdue (SHUANGSUI_REVIEW_WORKING_DAYS). */
  readonly reviewWorkingDays: number;
  /** Publication is due this many working days after approval (SHUANGSUI_PUBLICATION_WORKING_DAYS; docs/domain.md §4.5). */
  readonly publicationWorkingDays: number;
}

/** The defaults of SHUANGSUI_REVIEW_WORKING_DAYS and SHUANGSUI_PUBLICATION_WORKING_DAYS (loadSettings takes them from here). */
export const DEFAULT_DEADLINE_SETTINGS: DeadlineSettings = { reviewWorkingDays: 5, publicationWorkingDays: 20 };

/** The statutory follow-up limits live with the reminder rules in the domain. */
export { STATUTORY_WORKING_DAYS };

export class Deadlines {
  constructor(
    private readonly calendar: WorkingDayCalendar,
    readonly settings: DeadlineSettings = DEFAULT_DEADLINE_SETTINGS,
  ) {}

  reviewDue(inspectedOn: string): string | null {
    return this.after(inspectedOn, this.settings.reviewWorkingDays);
  }

  publicationDue(approvedOn: string): string | null {
    return this.after(approvedOn, this.settings.publicationWorkingDays);
  }

  orderDue(referredOn: string): string | null {
    return this.after(referredOn, STATUTORY_WORKING_DAYS.order);
  }

  reinspectionDue(orderDeadline: string): string | null {
    return this.after(orderDeadline, STATUTORY_WORKING_DAYS.reinspection);
  }

  collectiveOpinionDue(referredOn: string): string | null {
    return this.after(referredOn, STATUTORY_WORKING_DAYS.collectiveOpinion);
  }

  /** Null when the calendar has no data for the year: an unknown deadline is shown as such, not guessed. */
  private after(date: string, workingDays: number): string | null {
    try {
      return this.calendar.addWorkingDays(date, workingDays);
    } catch (error) {
      if (error instanceof CalendarNotCoveredError) return null;
      throw error;
    }
  }
}

/** Last calendar day of a month, YYYY-MM → YYYY-MM-DD. */
export function monthEnd(month: string): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, mon, 0)).toISOString().slice(0, 10);
}

export const isPast = (due: string | null, today: string): boolean => due !== null && today > due;
