import { sessionIsActive, type Role } from '@shuangsui/domain';
import type { AccountCache } from './account-cache';
import type { SignedIn } from './account-service';
import { TokenSigner, type TokenClaims } from './signed-tokens';

/** Who a verified request comes from. */
export interface Identity {
  readonly username: string;
  readonly displayName: string;
  /** The roles the account holds now (not when the token was issued): a revoked role stops at once. */
  readonly roles: readonly Role[];
  readonly sessionId: string;
  readonly mustChangePassword: boolean;
  /** How the request proved itself: a Bearer token needs no CSRF token, a cookie does. */
  readonly via: 'bearer' | 'cookie';
}

export interface IssuedTokens {
  readonly accessToken: string;
  readonly accessExpiresAt: Date;
  readonly sessionToken: string;
  readonly csrfToken: string;
}

/**
 * Issues and checks tokens. A token is only a pointer to a session: each request also checks that
 * the account is enabled and the session live, in the account's cached fold (AccountCache).
 */
export class Authenticator {
  constructor(
    private readonly signer: TokenSigner,
    private readonly cache: AccountCache,
    private readonly clock: () => Date = () => new Date(),
    private readonly accessTtlSeconds = 15 * 60,
  ) {}

  issue(signedIn: SignedIn): IssuedTokens {
    const now = Math.floor(this.clock().getTime() / 1000);
    const sessionEnd = Math.floor(signedIn.expiresAt.getTime() / 1000);
    const accessEnd = Math.min(now + this.accessTtlSeconds, sessionEnd);
    const base = { sub: signedIn.account.username, sid: signedIn.sessionId, iat: now };
    return {
      accessToken: this.signer.sign({ ...base, typ: 'access', exp: accessEnd }),
      accessExpiresAt: new Date(accessEnd * 1000),
      sessionToken: this.signer.sign({ ...base, typ: 'session', exp: sessionEnd }),
      csrfToken: this.signer.csrfTokenOf(signedIn.sessionId),
    };
  }

  /** The identity behind a token, or null: bad signature, expired, wrong kind, account disabled, session ended. */
  async authenticate(token: string, via: Identity['via']): Promise<Identity | null> {
    const now = this.clock();
    const claims: TokenClaims | null = this.signer.verify(token, Math.floor(now.getTime() / 1000));
    if (!claims || claims.typ !== (via === 'bearer' ? 'access' : 'session')) return null;
    const account = await this.cache.get(claims.sub);
    if (!account || !sessionIsActive(account, claims.sid, now.toISOString())) return null;
    return { username: account.username, displayName: account.displayName, roles: account.roles, sessionId: claims.sid, mustChangePassword: account.mustChangePassword, via };
  }

  csrfTokenOf(sessionId: string): string {
    return this.signer.csrfTokenOf(sessionId);
  }
}
