import type { Identity } from '@shuangsui/application';
import type { Role } from '@shuangsui/domain';
import type { Request } from 'express';

/** What the guard leaves on a request: who it is, and the role it acts in for this route. */
export interface AuthenticatedRequest extends Request {
  identity?: Identity;
  actingRole?: Role;
}

export const SESSION_COOKIE = 'shuangsui_session';
export const CSRF_COOKIE = 'shuangsui_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function cookieOf(request: Request, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export function bearerOf(request: Request): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}
