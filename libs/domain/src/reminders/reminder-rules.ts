import { chineseDate, chineseMonth } from '../shared/china-time';
import { CalendarNotCoveredError, type WorkingDayCalendar } from '../calendar/working-day-calendar';
import type { Actor, Role } from '../events/event-metadata';
import { REMINDER_AUDIENCE, SEES_EVERY_REMINDER, STATUTORY_WORKING_DAYS, type ReminderKind, type ReminderSeverity } from './reminder-kinds';

/** A running clock, as the reminders read model keeps it. */
export interface ReminderClock {
  readonly kind: ReminderKind;
  readonly caseId: string | null;
  readonly planId: string;
  /** The case's visit month, or the month whose quota is missing. */
  readonly month: string | null;
  /** The date the clock runs from (the visit month's end, the day a result was recorded, …). */
  readonly base: string;
  readonly unitName: string | null;
  readonly inspectorIds: readonly string[];
}

export interface ReminderSettings {
  /** A reminder turns "near" this many working days before it is due (SHUANGSUI_REMINDER_NEAR_WORKING_DAYS). */
  readonly nearWorkingDays: number;
  readonly reviewWorkingDays: number;
  readonly publicationWorkingDays: number;
}

export interface Reminder {
  /**
   * Stable: the same clock, due date and severity always give the same id, whenever and wherever it
   * is computed, so an inbox, the live feed and a webhook receiver can all de-duplicate on it.
   */
  readonly id: string;
  readonly kind: ReminderKind;
  readonly severity: ReminderSeverity;
  readonly dueDate: string;
  readonly caseId?: string;
  readonly planId?: string;
  readonly month?: string;
  readonly message: string;
  /** Who it concerns (besides supervisors): these roles, and these inspectors. */
  readonly audience: { readonly roles: readonly Role[]; readonly inspectorIds: readonly string[] };
}

/** The day a clock's step is due; null when the calendar lacks the year (an unknown deadline is not guessed). */
export function dueDateOf(clock: Pick<ReminderClock, 'kind' | 'base'>, calendar: WorkingDayCalendar, settings: ReminderSettings): string | null {
  const after = (days: number): string | null => {
    try {
      return calendar.addWorkingDays(clock.base, days);
    } catch (error) {
      if (error instanceof CalendarNotCoveredError) return null;
      throw error;
    }
  };
  switch (clock.kind) {
    case 'quotaNotSet':
    case 'notInspected':
      return clock.base;
    case 'reviewPending':
      return after(settings.reviewWorkingDays);
    case 'publicationDue':
      return after(settings.publicationWorkingDays);
    case 'referralOrder':
      return after(STATUTORY_WORKING_DAYS.order);
    case 'referralReinspection':
      return after(STATUTORY_WORKING_DAYS.reinspection);
    case 'referralCollectiveOpinion':
      return after(STATUTORY_WORKING_DAYS.collectiveOpinion);
  }
}

/**
 * "Due on D" means late from the day after D. Near: D is at most `nearWorkingDays` working days
 * away (so a deadline after a holiday turns near on the last working day before it, not a week
 * early). Nothing to say yet: null.
 */
export function severityOn(dueDate: string, today: string, calendar: WorkingDayCalendar, nearWorkingDays: number): ReminderSeverity | null {
  if (today > dueDate) return 'overdue';
  try {
    return calendar.workingDaysBetween(today, dueDate) <= nearWorkingDays ? 'near' : null;
  } catch (error) {
    if (error instanceof CalendarNotCoveredError) return null;
    throw error;
  }
}

/** The reminders a set of clocks gives on `today`, in due-date order. */
export function remindersDue(clocks: readonly ReminderClock[], today: string, calendar: WorkingDayCalendar, settings: ReminderSettings): Reminder[] {
  const due: Reminder[] = [];
  for (const clock of clocks) {
    const dueDate = dueDateOf(clock, calendar, settings);
    if (dueDate === null) continue;
    const severity = severityOn(dueDate, today, calendar, settings.nearWorkingDays);
    if (severity !== null) due.push(reminderOf(clock, dueDate, severity));
  }
  return due.sort((a, b) => (a.dueDate === b.dueDate ? (a.id < b.id ? -1 : 1) : a.dueDate < b.dueDate ? -1 : 1));
}

export function reminderOf(clock: ReminderClock, dueDate: string, severity: ReminderSeverity): Reminder {
  const subject = clock.caseId ?? `${clock.planId}:${clock.month}`;
  const audience = REMINDER_AUDIENCE[clock.kind];
  return {
    id: `${clock.kind}:${subject}:${dueDate}:${severity}`,
    kind: clock.kind,
    severity,
    dueDate,
    ...(clock.caseId !== null ? { caseId: clock.caseId } : {}),
    planId: clock.planId,
    ...(clock.month !== null ? { month: clock.month } : {}),
    message: messageOf(clock, dueDate, severity),
    audience: { roles: audience.roles, inspectorIds: audience.caseInspectors ? clock.inspectorIds : [] },
  };
}

/** True when the reminder concerns this signed-in user. */
export function concerns(reminder: Pick<Reminder, 'audience'>, actor: Actor): boolean {
  if (SEES_EVERY_REMINDER.includes(actor.role)) return true;
  if (actor.role === 'inspector') return reminder.audience.inspectorIds.includes(actor.id);
  return reminder.audience.roles.includes(actor.role);
}

/** What a person reads: dates and months written out in Chinese (2026年10月10日), as everywhere else. */
function messageOf(clock: ReminderClock, dueDate: string, severity: ReminderSeverity): string {
  const due = chineseDate(dueDate);
  const when = severity === 'overdue' ? `已于${due}到期，现已逾期` : `将于${due}到期`;
  const month = clock.month !== null ? chineseMonth(clock.month) : '';
  const unit = clock.unitName ? `（${clock.unitName}）` : '';
  const theCase = `案件 ${clock.caseId ?? ''}${unit}`;
  switch (clock.kind) {
    case 'quotaNotSet':
      return `抽查计划 ${clock.planId} 的${month}抽查数量尚未确定；${when}`;
    case 'notInspected':
      return `${theCase}应在${month}内完成检查，尚未检查；${when}`;
    case 'reviewPending':
      return `${theCase}的检查结果等待审核；审核期限${when}`;
    case 'publicationDue':
      return `${theCase}的检查结果已审核通过，尚未公示；公示期限${when}`;
    case 'referralOrder':
      return `${theCase}已移交处理，应在 3 个工作日内下达《责令限期改正通知书》；期限${when}`;
    case 'referralReinspection':
      return `${theCase}的整改期限已满，应在 3 个工作日内复查；复查期限${when}`;
    case 'referralCollectiveOpinion':
      return `${theCase}存在重大火灾隐患，应在 7 个工作日内提出集体研究处理意见；期限${when}`;
  }
}
