import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a token says: who (`sub`), which session (`sid`), what for (`typ`), until when (`exp`, seconds). */
export interface TokenClaims {
  readonly sub: string;
  readonly sid: string;
  readonly typ: 'access' | 'session';
  readonly iat: number;
  readonly exp: number;
}

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/**
 * Compact JWS with HS256 (RFC 7515/7519), written out because it is twenty lines: the header is
 * fixed, so a token claiming another algorithm (`none`, RS256 with the key as a public key) is
 * refused by comparison, not by trusting what it says.
 */
export class TokenSigner {
  constructor(private readonly key: Buffer) {
    if (key.length < 32) throw new RangeError('the token signing key must be at least 32 bytes');
  }

  sign(claims: TokenClaims): string {
    const payload = base64url(JSON.stringify(claims));
    return `${HEADER}.${payload}.${this.mac(`${HEADER}.${payload}`)}`;
  }

  /** The claims of a well-formed token signed with this key, not expired at `nowSeconds`; otherwise null. */
  verify(token: string, nowSeconds: number): TokenClaims | null {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) return null;
    const [, payload, signature] = parts as [string, string, string];
    const expected = Buffer.from(this.mac(`${HEADER}.${payload}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    let claims: Partial<TokenClaims>;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<TokenClaims>;
    } catch {
      return null;
    }
    if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string' || typeof claims.exp !== 'number' || typeof claims.iat !== 'number') return null;
    if (claims.typ !== 'access' && claims.typ !== 'session') return null;
    if (claims.exp <= nowSeconds) return null;
    return claims as TokenClaims;
  }

  /** A value derived from the session: the CSRF token the browser must echo in a header. */
  csrfTokenOf(sessionId: string): string {
    return this.mac(`csrf:${sessionId}`);
  }

  private mac(text: string): string {
    return createHmac('sha256', this.key).update(text).digest('base64url');
  }
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
