import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { open, seal } from './aead.js';

/**
 * Key hierarchy of one user (pure functions, no I/O):
 *   S   = Argon2id(password, salt)                 password-equivalent, carried by the token
 *   KEK = HKDF(S ‖ pepper, "wrap")                 needs SECRET_KEY too, so a DB dump alone is useless
 *   DK  = random 32 bytes                          encrypts the config; survives password changes
 * Stored: wrap = AEAD(KEK, DK, aad=uuid), verifier = HMAC(KEK, "verify"), config = AEAD(DK, json, aad=uuid‖version).
 */
export function deriveKek(secretS: Buffer, pepper: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.concat([secretS, pepper]), Buffer.alloc(0), 'aiostreams-lite/v1/kek', 32));
}

export function makeVerifier(kek: Buffer): Buffer {
  return createHmac('sha256', kek).update('aiostreams-lite/v1/verify').digest();
}

export function verifierMatches(kek: Buffer, stored: Buffer): boolean {
  const expected = makeVerifier(kek);
  return stored.length === expected.length && timingSafeEqual(expected, stored);
}

const wrapAad = (uuid: string) => Buffer.from(`wrap|${uuid}`);
const configAad = (uuid: string, version: number) => Buffer.from(`config|${uuid}|${version}`);

export const newDataKey = (): Buffer => randomBytes(32);

export const wrapDataKey = (kek: Buffer, dk: Buffer, uuid: string): Buffer => seal(kek, dk, wrapAad(uuid));

export const unwrapDataKey = (kek: Buffer, wrapped: Buffer, uuid: string): Buffer | null => open(kek, wrapped, wrapAad(uuid));

export const encryptConfig = (dk: Buffer, json: string, uuid: string, version: number): Buffer =>
  seal(dk, Buffer.from(json, 'utf8'), configAad(uuid, version));

export function decryptConfig(dk: Buffer, sealed: Buffer, uuid: string, version: number): string | null {
  const plain = open(dk, sealed, configAad(uuid, version));
  return plain ? plain.toString('utf8') : null;
}
