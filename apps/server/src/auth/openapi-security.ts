import type { DocumentBuilder, OpenAPIObject } from '@nestjs/swagger';
import { SESSION_COOKIE } from './request-identity';

/** The Authorize button: a Bearer token from POST /auth/login, or the session cookie. */
export function withAuthSchemes(builder: DocumentBuilder): DocumentBuilder {
  return builder
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'POST /auth/login 返回的 accessToken（15分钟有效）' })
    .addCookieAuth(SESSION_COOKIE, { type: 'apiKey', in: 'cookie', description: '浏览器会话 Cookie；修改请求须带 X-CSRF-Token 请求头' });
}

const LABEL: Record<string, string> = { public: '公开（无需登录）', 'signed-in': '任何已登录账号' };

/** States each operation's roles in its description, from the `x-roles` the route decorators wrote. */
export function describeRoles(document: OpenAPIObject): OpenAPIObject {
  for (const path of Object.values(document.paths)) {
    for (const operation of Object.values(path) as { 'x-roles'?: string[]; description?: string; security?: unknown[] }[]) {
      const roles = operation?.['x-roles'];
      if (!Array.isArray(roles)) continue;
      const line = `**角色 / roles:** ${roles.map((role) => LABEL[role] ?? role).join(', ')}`;
      operation.description = operation.description ? `${line}\n\n${operation.description}` : line;
      if (roles.includes('public')) operation.security = [];
    }
  }
  return document;
}
