import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, openSync, closeSync, fsyncSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { keyIdOf, treeHeadBytes, type SignedTreeHead, type TreeHead } from '@shuangsui/domain/transparency';

/**
 * The log's Ed25519 key pair, from a PKCS#8 PEM file: read if it exists, else generated and written
 * (mode 0600, fsynced) before the first head is signed. Only the server that leads signs; servers that
 * share one PostgreSQL share this file (docs/transparency-log.md, "Signing and key rotation").
 */
export class LogSigningKey {
  private constructor(
    private readonly privateKey: KeyObject,
    readonly publicKey: KeyObject,
  ) {}

  static loadOrCreate(file: string, log: (message: string) => void = () => undefined): LogSigningKey {
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      const { privateKey } = generateKeyPairSync('ed25519');
      const fd = openSync(file, 'wx', 0o600);
      try {
        writeSync(fd, privateKey.export({ format: 'pem', type: 'pkcs8' }) as string);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      chmodSync(file, 0o600);
      log(`transparency log: new Ed25519 key ${keyIdOf(createPublicKey(privateKey))} written to ${file}`);
    }
    const privateKey = createPrivateKey(readFileSync(file));
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${file} holds a ${privateKey.asymmetricKeyType} key, not Ed25519`);
    return new LogSigningKey(privateKey, createPublicKey(privateKey));
  }

  get keyId(): string {
    return keyIdOf(this.publicKey);
  }

  publicKeyPem(): string {
    return this.publicKey.export({ format: 'pem', type: 'spki' }) as string;
  }

  sign(head: TreeHead): SignedTreeHead {
    return { ...head, keyId: this.keyId, signature: sign(null, treeHeadBytes(head), this.privateKey).toString('base64') };
  }
}
