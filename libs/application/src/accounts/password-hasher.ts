import { hash, verify, type Options } from '@node-rs/argon2';
import { WeakPasswordError } from './account.errors';

/** argon2id (`Algorithm.Argon2id` is 2); the parameters are OWASP's minimum: 19 MiB, 2 passes. */
export const PRODUCTION_ARGON2: Options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
/** For tests only: the same algorithm, cheap enough to create many accounts per test server. */
export const TEST_ARGON2: Options = { algorithm: 2, memoryCost: 1024, timeCost: 1, parallelism: 1 };

/**
 * Hashing is slow on purpose and none of the domain's business: the application hashes, the account
 * stream stores only the PHC string. Verification uses the parameters stored in the hash.
 */
export class PasswordHasher {
  constructor(private readonly options: Options = PRODUCTION_ARGON2) {}

  async hash(password: string): Promise<string> {
    checkStrength(password);
    return hash(password, this.options);
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }
}

/** 12 characters at least (NIST SP 800-63B prefers length over composition rules). */
export function checkStrength(password: string): void {
  if (password.length < 12) throw new WeakPasswordError('口令至少12个字符');
  if (password.length > 256) throw new WeakPasswordError('口令不得超过256个字符');
}
