/** DI tokens for things that are not classes. */
export const EVENT_STORE = Symbol('EVENT_STORE');
export const CLOCK = Symbol('CLOCK');
export type Clock = () => Date;
