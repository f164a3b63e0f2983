import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiExtension, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { rolesFor, type KnownCommandType } from '@shuangsui/application';
import type { Role } from '@shuangsui/domain';

export const PUBLIC_ROUTE = 'shuangsui:public';
export const ROUTE_ROLES = 'shuangsui:roles';
/** Routes a person with a one-time password may still use (to change it, or to sign out). */
export const DURING_PASSWORD_CHANGE = 'shuangsui:during-password-change';

/** Open to everyone, signed in or not: /public/**, /health, the draw verification, the login. */
export const Public = (): MethodDecorator & ClassDecorator => applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiExtension('x-roles', ['public']));

/**
 * Signed-in callers holding one of `roles`. The roles land in the OpenAPI document (`x-roles`, and
 * the summary line), which docs/security.md's matrix and the matrix test read.
 */
export const Roles = (...roles: readonly Role[]): MethodDecorator & ClassDecorator => {
  const loginable = roles.filter((role) => role !== 'system');
  return applyDecorators(
    SetMetadata(ROUTE_ROLES, loginable),
    ApiExtension('x-roles', loginable),
    ApiBearerAuth(),
    ApiCookieAuth(),
    ApiUnauthorizedResponse({ description: '未登录、令牌过期或无效、会话已注销、账号已停用' }),
    ApiForbiddenResponse({ description: `需要以下角色之一：${loginable.join('、')}` }),
  );
};

/** The roles of a command route come from COMMAND_ROLES, the one table the command handler also checks. */
export const CommandRoles = (command: KnownCommandType): MethodDecorator & ClassDecorator => Roles(...rolesFor(command));

/** Any signed-in account, whatever its roles (its own profile, sign-out). */
export const SignedIn = (): MethodDecorator & ClassDecorator => applyDecorators(ApiExtension('x-roles', ['signed-in']), ApiBearerAuth(), ApiCookieAuth());

export const AllowedDuringPasswordChange = (): MethodDecorator => SetMetadata(DURING_PASSWORD_CHANGE, true);
