import { concerns, remindersDue, type Actor, type Reminder, type ReminderClock, type ReminderSettings, type WorkingDayCalendar } from '@shuangsui/domain';
import type { ReadStore, TableRef } from '../read-store.port';
import { AnswersAtCheckpoint } from './answers-at-checkpoint';
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
  private readonly kept: AnswersAtCheckpoint<readonly Reminder[]>;

  constructor(
    private readonly store: ReadStore,
    private readonly calendar: WorkingDayCalendar,
    private readonly settings: ReminderSettings = DEFAULT_REMINDER_SETTINGS,
  ) {
    this.kept = new AnswersAtCheckpoint(store, remindersProjection.name, 4);
  }

  async clocks(): Promise<ReminderClock[]> {
    const rows = (await this.store.query(REF, { orderBy: [{ column: 'clock_id' }] })) as ReminderClockRow[];
    return rows.map(toClock);
  }

  /**
   * Every reminder due (near or overdue) on `today` (YYYY-MM-DD, China date). Every inbox and every
   * open live feed asks this of the whole model, so the answer is kept until the model moves on;
   * hence a read-only list.
   */
  async due(today: string): Promise<readonly Reminder[]> {
    return this.kept.get(today, async () => remindersDue(await this.clocks(), today, this.calendar, this.settings));
  }

  /** The reminders that concern this user on `today`. */
  async forActor(actor: Actor, today: string): Promise<Reminder[]> {
    return (await this.due(today)).filter((reminder) => concerns(reminder, actor));
  }

  /**
   * The user's inbox: how many reminders concern them, and the `limit` most urgent (overdue before
   * near, then the earliest due date). A district with a backlog has thousands; an inbox sent to every
   * open dashboard must stay small (bench:load: 20 feeds × 20,000 reminders stalled the server for seconds).
   */
  async inbox(actor: Actor, today: string, limit: number): Promise<Inbox> {
    const mine = await this.forActor(actor, today);
    return { asOf: today, total: mine.length, reminders: mine.sort(byUrgency).slice(0, limit) };
  }
}

export interface Inbox {
  readonly asOf: string;
  /** Every reminder that concerns the user today; `reminders` holds the most urgent of them. */
  readonly total: number;
  readonly reminders: readonly Reminder[];
}

const SEVERITY_ORDER: Readonly<Record<Reminder['severity'], number>> = { overdue: 0, near: 1 };

function byUrgency(a: Reminder, b: Reminder): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || compare(a.dueDate, b.dueDate) || compare(a.id, b.id);
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

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
