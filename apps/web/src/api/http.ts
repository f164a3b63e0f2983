import type { ErrorBody } from './types';

/** A request the server refused: its status and its Chinese message, and the fields it names. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.message);
  }

  /** The server's message for one field (`violations[].field`), to show next to that field. */
  fieldMessage(field: string): string | undefined {
    return this.body.violations?.find((violation) => violation.field === field)?.message;
  }

  /** Every field the server named, with its message: what a form shows next to each input. */
  fieldMessages(): Record<string, string> {
    return Object.fromEntries((this.body.violations ?? []).map((violation) => [violation.field, violation.message]));
  }
}

/** Called on a 401: the session ended (signed out elsewhere, expired, disabled). */
let onSignedOut: () => void = () => undefined;
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

const CSRF_COOKIE = 'shuangsui_csrf';

function csrfToken(): string | undefined {
  return document.cookie
    .split('; ')
    .find((pair) => pair.startsWith(`${CSRF_COOKIE}=`))
    ?.slice(CSRF_COOKIE.length + 1);
}

/**
 * Every call goes through here: the httpOnly session cookie signs it in (the browser sends it), an
 * unsafe method echoes the CSRF cookie in X-CSRF-Token as the server requires, and a refusal becomes
 * an ApiError carrying the server's own message.
 */
export async function api<T>(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const token = csrfToken();
  if (method !== 'GET' && token) headers['x-csrf-token'] = decodeURIComponent(token);
  const response = await fetch(path, { method, headers, credentials: 'same-origin', body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  const text = await response.text();
  const body: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    if (response.status === 401 && path !== '/auth/login') onSignedOut();
    const error = (body ?? { statusCode: response.status, error: 'HttpError', message: `请求失败（${response.status}）` }) as ErrorBody;
    throw new ApiError(response.status, error);
  }
  return body as T;
}

/** A query string from the set members of a filter. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Uploads one file as multipart (`file`, and the case it is for), signed in and CSRF-echoed like every call. */
export async function uploadFile<T>(path: string, file: File, fields: Record<string, string>): Promise<T> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', file, file.name);
  const token = csrfToken();
  const response = await fetch(path, { method: 'POST', headers: { accept: 'application/json', ...(token ? { 'x-csrf-token': decodeURIComponent(token) } : {}) }, credentials: 'same-origin', body: form });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw new ApiError(response.status, (body ?? { statusCode: response.status, error: 'HttpError', message: `上传失败（${response.status}）` }) as ErrorBody);
  return body as T;
}
