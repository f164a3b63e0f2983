import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request } from 'express';
import type { StorageEngine } from 'multer';
import { SNIFF_BYTES } from '@shuangsui/application';

/** What multer adds to `request.file` with this storage: the hash and first bytes, found on the way. */
export interface HashedUpload {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
  readonly head: Buffer;
}

/**
 * A multer storage engine that streams the upload to a temporary file while hashing it and keeping
 * its first bytes, so a large file is read once and never held in memory.
 */
export class HashingDiskStorage implements StorageEngine {
  _handleFile(_request: Request, file: Express.Multer.File, callback: (error?: unknown, info?: Partial<Express.Multer.File> & HashedUpload) => void): void {
    const path = join(tmpdir(), `shuangsui-evidence-${randomUUID()}`);
    const hash = createHash('sha256');
    const head: Buffer[] = [];
    let headLength = 0;
    let size = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        if (headLength < SNIFF_BYTES) {
          head.push(chunk.subarray(0, SNIFF_BYTES - headLength));
          headLength += Math.min(chunk.length, SNIFF_BYTES - headLength);
        }
        done(null, chunk);
      },
    });
    pipeline(file.stream, tap, createWriteStream(path)).then(
      () => callback(null, { path, size, sha256: hash.digest('hex'), head: Buffer.concat(head) }),
      (error: unknown) => void rm(path, { force: true }).finally(() => callback(error)),
    );
  }

  _removeFile(_request: Request, file: Express.Multer.File, callback: (error: Error | null) => void): void {
    rm(file.path, { force: true }).then(() => callback(null), callback);
  }
}
