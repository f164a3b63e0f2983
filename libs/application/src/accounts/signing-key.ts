import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

const FILE = 'token-signing.key';

/**
 * The token signing key: the configured secret (SHUANGSUI_AUTH_SECRET, for several servers sharing
 * one) or a 256-bit key generated at first start into the secrets directory, 0600. Written with
 * O_EXCL, so two servers starting together on one directory end up with the same key.
 */
export function loadSigningKey(secretsDirectory: string, configuredSecret?: string): Buffer {
  if (configuredSecret) {
    if (configuredSecret.length < 32) throw new Error('Setting SHUANGSUI_AUTH_SECRET must be at least 32 characters');
    return Buffer.from(configuredSecret, 'utf8');
  }
  mkdirSync(secretsDirectory, { recursive: true, mode: 0o700 });
  const path = join(secretsDirectory, FILE);
  if (!existsSync(path)) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      try {
        writeSync(fd, randomBytes(32).toString('hex'));
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  chmodSync(path, 0o600);
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
  if (key.length < 32) throw new Error(`the token signing key in ${path} is damaged (fewer than 32 bytes)`);
  return key;
}
