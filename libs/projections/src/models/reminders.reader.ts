import { concerns, remindersDue, type Actor, type Reminder, type ReminderClock, type ReminderSettings, type WorkingDayCalendar } from '@shuangsui/domain';
import type { ReadStore, TableRef } from '../read-store.port';
import { REMINDER_CLOCKS, remindersProjection, type ReminderClockRow } from './reminders.projection';

const REF: TableRef = { projection: remindersProjection.name, table: REMINDER_CLOCKS };

/** The defaults of SHUANGSUI_REMINDER_NEAR_WORKING_DAYS, _REVIEW_ and _PUBLICATION_WORKING_DAYS. */
export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = { nearWorkingDays: 1, reviewWorkingDays: 5, publicationWorkingDays: 20 };

/**
 * Reminders are evaluated on read: the model keeps the running clocks (pure, from the events), and
 * which of them are near or overdue is the pure rule `remindersDue` applied to today's China date.
 * No timer has to run for an inbox to be right, and a rebuilt model gives the same answer.
 */
export class RemindersReader {
  constructor(
    private readonly store: ReadStore,
    private readonly calendar: WorkingDayCalendar,
    private readonly settings: ReminderSettings = DEFAULT_REMINDER_SETTINGS,
  ) {}

  async clocks(): Promise<ReminderClock[]> {
    const rows = (await this.store.query(REF, { orderBy: [{ column: 'clock_id' }] })) as ReminderClockRow[];
    return rows.map(toClock);
  }

  /** Every reminder due (near or overdue) on `today` (YYYY-MM-DD, China date). */
  async due(today: string): Promise<Reminder[]> {
    return remindersDue(await this.clocks(), today, this.calendar, this.settings);
  }

  /** The reminders that concern this user on `today`. */
  async forActor(actor: Actor, today: string): Promise<Reminder[]> {
    return (await this.due(today)).filter((reminder) => concerns(reminder, actor));
  }
}

function toClock(row: ReminderClockRow): ReminderClock {
  return {
    kind: row.kind,
    caseId: row.case_id,
    planId: row.plan_id,
    month: row.month,
    base: row.base,
    unitName: row.unit_name,
    inspectorIds: row.inspector_ids ?? [],
  };
}
