import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync, chmodSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where a month's seed secret waits between the freeze (only its SHA-256 commitment is appended) and
 * the draw (the secret is revealed in the draw record).
 *
 * Why not the event store: the log is read by auditors, projections and public feeds. A secret visible
 * before the draw would let whoever gives the last witness input try values until the seed favours
 * them. So the secret lives in one file per commitment, in a directory only the server's user may
 * enter (0700), the file itself 0600, written with O_EXCL and fsynced before the commitment is
 * appended: a crash can leave an unused secret, never a commitment without its secret.
 */
export interface DrawSecretStore {
  put(commitment: string, secret: string): Promise<void>;
  get(commitment: string): Promise<string | null>;
}

const HEX64 = /^[0-9a-f]{64}$/;

export class FileDrawSecretStore implements DrawSecretStore {
  constructor(private readonly directory: string) {}

  async put(commitment: string, secret: string): Promise<void> {
    if (!HEX64.test(commitment)) throw new RangeError('commitment must be 64 lowercase hex characters');
    mkdirSync(this.directory, { recursive: true, mode: 0o700 });
    chmodSync(this.directory, 0o700);
    const fd = openSync(this.pathOf(commitment), 'wx', 0o600);
    try {
      writeSync(fd, `${secret}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    const dir = openSync(this.directory, 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  }

  async get(commitment: string): Promise<string | null> {
    if (!HEX64.test(commitment)) return null;
    try {
      return readFileSync(this.pathOf(commitment), 'utf8').trim();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  private pathOf(commitment: string): string {
    return join(this.directory, `${commitment}.secret`);
  }
}
