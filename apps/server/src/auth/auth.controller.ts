import { Body, Controller, Get, HttpCode, Logger, Post, Req, Res, HttpException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccountService, Authenticator, InvalidCredentialsError, LoginThrottle, type AccountView, type CommandContext } from '@shuangsui/application';
import type { Response } from 'express';
import { Command } from '../common/command-context.decorator';
import { AllowedDuringPasswordChange, Public, SignedIn } from './access.decorators';
import { AUTH_SETTINGS, type ServerAuthSettings } from './auth.tokens';
import { ChangePasswordDto, LoginDto } from './dto/auth.dto';
import { CSRF_COOKIE, SESSION_COOKIE, type AuthenticatedRequest } from './request-identity';
import { Inject } from '@nestjs/common';

export interface LoginResponse {
  readonly accessToken: string;
  readonly expiresAt: string;
  /** Echo in X-CSRF-Token on unsafe requests authenticated by the session cookie. */
  readonly csrfToken: string;
  readonly mustChangePassword: boolean;
  readonly roles: readonly string[];
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly accounts: AccountService,
    private readonly authenticator: Authenticator,
    private readonly throttle: LoginThrottle,
    @Inject(AUTH_SETTINGS) private readonly settings: ServerAuthSettings,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in: answers a short-lived Bearer access token and sets the httpOnly session cookie' })
  async login(@Body() dto: LoginDto, @Req() request: AuthenticatedRequest, @Res({ passthrough: true }) response: Response): Promise<LoginResponse> {
    const address = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    const wait = this.throttle.retryAfter(dto.username, address);
    if (wait > 0) {
      response.setHeader('Retry-After', String(wait));
      throw new HttpException({ statusCode: 429, error: 'TooManyLoginAttempts', message: `登录失败次数过多，请${wait}秒后再试`, retryAfterSeconds: wait }, 429);
    }
    try {
      const signedIn = await this.accounts.signIn(dto.username, dto.password);
      this.throttle.recordSuccess(dto.username);
      const tokens = this.authenticator.issue(signedIn);
      const secure = this.settings.cookieSecure === 'auto' ? request.secure : this.settings.cookieSecure;
      const cookie = { sameSite: 'strict' as const, secure, path: '/', expires: signedIn.expiresAt };
      response.cookie(SESSION_COOKIE, tokens.sessionToken, { ...cookie, httpOnly: true });
      // Readable by the page's script, which echoes it in X-CSRF-Token; useless to another site.
      response.cookie(CSRF_COOKIE, tokens.csrfToken, { ...cookie, httpOnly: false });
      this.logger.log(`login ok user=${dto.username} address=${address}`);
      return { accessToken: tokens.accessToken, expiresAt: tokens.accessExpiresAt.toISOString(), csrfToken: tokens.csrfToken, mustChangePassword: signedIn.account.mustChangePassword, roles: signedIn.account.roles };
    } catch (error) {
      if (error instanceof InvalidCredentialsError) {
        this.throttle.recordFailure(dto.username, address);
        // Never the password, not even its length.
        this.logger.warn(`login failed user=${JSON.stringify(dto.username)} address=${address}`);
      }
      throw error;
    }
  }

  @Post('logout')
  @SignedIn()
  @AllowedDuringPasswordChange()
  @HttpCode(200)
  @ApiOperation({ summary: 'End this session at once: its access tokens and cookie stop working' })
  async logout(@Req() request: AuthenticatedRequest, @Res({ passthrough: true }) response: Response): Promise<{ readonly loggedOut: true }> {
    const identity = request.identity!;
    await this.accounts.signOut(identity.username, identity.sessionId);
    response.clearCookie(SESSION_COOKIE, { path: '/' });
    response.clearCookie(CSRF_COOKIE, { path: '/' });
    return { loggedOut: true };
  }

  @Get('me')
  @SignedIn()
  @AllowedDuringPasswordChange()
  @ApiOperation({ summary: 'The signed-in account' })
  me(@Req() request: AuthenticatedRequest): Promise<AccountView> {
    return this.accounts.view(request.identity!.username);
  }

  @Post('password')
  @SignedIn()
  @AllowedDuringPasswordChange()
  @HttpCode(200)
  @ApiOperation({ summary: 'Change one’s own password (required after a one-time password); other sessions end' })
  changePassword(@Body() dto: ChangePasswordDto, @Req() request: AuthenticatedRequest, @Command() context: CommandContext): Promise<AccountView> {
    const identity = request.identity!;
    return this.accounts.changePassword(identity.username, { currentPassword: dto.currentPassword, newPassword: dto.newPassword, sessionId: identity.sessionId }, context);
  }
}
