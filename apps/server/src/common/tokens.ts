/** DI tokens for things that are not classes. */
export const EVENT_STORE = Symbol('EVENT_STORE');
export const CLOCK = Symbol('CLOCK');
export type Clock = () => Date;
/** The `Settings` the process started with (libs/application/src/config), read once in main.ts. */
export const SETTINGS = Symbol('SETTINGS');
/** The one WorkingDayCalendar of the process, loaded once from the packaged data and Settings.calendarDir. */
export const WORKING_DAY_CALENDAR = Symbol('WORKING_DAY_CALENDAR');
