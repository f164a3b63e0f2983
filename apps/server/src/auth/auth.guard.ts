import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Authenticator, type Identity } from '@shuangsui/application';
import type { Role } from '@shuangsui/domain';
import type { Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { DURING_PASSWORD_CHANGE, PUBLIC_ROUTE, ROUTE_ROLES } from './access.decorators';
import { bearerOf, cookieOf, CSRF_HEADER, SESSION_COOKIE, type AuthenticatedRequest } from './request-identity';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every route needs a signed-in caller unless it is marked @Public(); a route's @Roles decide which
 * roles may call it. The caller is a Bearer access token (API clients) or the session cookie (the
 * browser), the latter with a CSRF token on unsafe methods. Each request checks the account's live
 * state, so logout, disabling and a revoked role take effect at once.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, targets) === true;
    const identity = await this.identify(request);
    if (identity) request.identity = identity;
    if (isPublic) return true;
    if (!identity) {
      context.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="shuangsui"');
      throw new UnauthorizedException({ statusCode: 401, error: 'Unauthenticated', message: '请先登录：令牌缺失、无效或已过期，或会话已注销、账号已停用' });
    }
    if (identity.via === 'cookie' && !SAFE_METHODS.has(request.method)) this.checkCsrf(request, identity);
    if (identity.mustChangePassword && !this.reflector.get<boolean | undefined>(DURING_PASSWORD_CHANGE, context.getHandler())) {
      throw new ForbiddenException({ statusCode: 403, error: 'PasswordChangeRequired', message: '请先修改一次性口令（POST /auth/password）' });
    }
    const roles = this.reflector.getAllAndOverride<readonly Role[] | undefined>(ROUTE_ROLES, targets);
    if (roles === undefined) return true;
    // The route's order decides: an account that is planner and inspector reads cases as planner.
    const acting = roles.find((role) => identity.roles.includes(role));
    if (!acting) {
      throw new ForbiddenException({ statusCode: 403, error: 'Forbidden', message: `当前账号的角色（${identity.roles.join('、') || '无'}）无权访问；需要以下角色之一：${roles.join('、')}`, allowedRoles: roles });
    }
    request.actingRole = acting;
    return true;
  }

  /** A Bearer header wins over the cookie; an invalid Bearer is not retried as a cookie. */
  private async identify(request: AuthenticatedRequest): Promise<Identity | null> {
    const bearer = bearerOf(request);
    if (bearer) return this.authenticator.authenticate(bearer, 'bearer');
    const cookie = cookieOf(request, SESSION_COOKIE);
    return cookie ? this.authenticator.authenticate(cookie, 'cookie') : null;
  }

  /** Double submit, bound to the session: the header must carry the HMAC of this session's id. */
  private checkCsrf(request: AuthenticatedRequest, identity: Identity): void {
    const given = Buffer.from(String(request.headers[CSRF_HEADER] ?? ''));
    const expected = Buffer.from(this.authenticator.csrfTokenOf(identity.sessionId));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new ForbiddenException({ statusCode: 403, error: 'CsrfTokenInvalid', message: '缺少或错误的 X-CSRF-Token 请求头（使用会话 Cookie 时的修改请求必须携带）' });
    }
  }
}
