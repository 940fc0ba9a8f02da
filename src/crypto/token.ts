import { open, seal } from './aead.js';

/**
 * The encryptedPassword token: base64url(version ‖ AEAD(K_token, S, aad=uuid)).
 * It carries the password-equivalent S, never the password, so a leaked manifest URL never
 * leaks a password reused elsewhere; it is bound to its uuid and dies on a password change
 * (S then no longer matches the stored verifier).
 */
const VERSION = 1;
const S_BYTES = 32;
const TOKEN_BYTES = 1 + 12 + S_BYTES + 16;
/** base64url length of TOKEN_BYTES, without padding. */
const TOKEN_LENGTH = Math.ceil((TOKEN_BYTES * 4) / 3);
const TOKEN_RE = new RegExp(`^[A-Za-z0-9_-]{${TOKEN_LENGTH}}$`);

const aad = (uuid: string) => Buffer.from(`token|${uuid}`);

export function issueToken(tokenKey: Buffer, uuid: string, secretS: Buffer): string {
  return Buffer.concat([Buffer.from([VERSION]), seal(tokenKey, secretS, aad(uuid))]).toString('base64url');
}

export const looksLikeToken = (text: string): boolean => TOKEN_RE.test(text);

/** S from a token, or null when it is not one of ours for this uuid (tampered, truncated, other uuid). */
export function readToken(tokenKey: Buffer, uuid: string, token: string): Buffer | null {
  if (!looksLikeToken(token)) return null;
  const raw = Buffer.from(token, 'base64url');
  // Only the canonical spelling is a token: base64 leaves spare bits in the last character, and a
  // string that differs there decodes to the same bytes, yet it is not a token we issued.
  if (raw.length !== TOKEN_BYTES || raw[0] !== VERSION || raw.toString('base64url') !== token) return null;
  return open(tokenKey, raw.subarray(1), aad(uuid));
}
