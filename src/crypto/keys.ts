import { hkdfSync } from 'node:crypto';

/**
 * One key per purpose, all derived from SECRET_KEY with HKDF-SHA256, so that no key ever
 * serves two jobs (a leaked cache key, say, opens no token).
 */
export interface PurposeKeys {
  /** Encrypts the encryptedPassword token. */
  token: Buffer;
  /** Mixed into every key-encryption key: a database dump alone allows no offline guessing. */
  pepper: Buffer;
  /** Keys the in-process password cache. */
  cache: Buffer;
  /** Seals stream answers shared through Redis and keys their names. */
  streamCache: Buffer;
}

const derive = (secret: Buffer, label: string): Buffer =>
  Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `aiostreams-lite/v1/${label}`, 32));

export function derivePurposeKeys(secret: Buffer): PurposeKeys {
  if (secret.length !== 32) throw new Error('SECRET_KEY must be 32 bytes');
  return {
    token: derive(secret, 'token'),
    pepper: derive(secret, 'pepper'),
    cache: derive(secret, 'password-cache'),
    streamCache: derive(secret, 'stream-cache'),
  };
}
