import type { AuthSettings } from '@shuangsui/application';

export const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');
export type ServerAuthSettings = AuthSettings;
