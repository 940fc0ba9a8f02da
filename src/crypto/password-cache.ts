import { createHmac } from 'node:crypto';

/**
 * In-process cache (never Redis) that lets a repeated raw-password request skip Argon2id.
 * Keyed by HMAC(K_cache, uuid ‖ password): the plain password is never a key. An entry only
 * short-cuts the KDF; its S is still checked against the stored verifier, so a stale entry after
 * a password change simply fails and is dropped.
 */
export class PasswordCache {
  private readonly entries = new Map<string, { s: Buffer; expires: number }>();

  constructor(
    private readonly key: Buffer,
    private readonly ttlMs = 5 * 60_000,
    private readonly maxEntries = 10_000,
  ) {}

  private id(uuid: string, password: string): string {
    return createHmac('sha256', this.key).update(uuid).update('\0').update(password).digest('base64url');
  }

  get(uuid: string, password: string): Buffer | undefined {
    const id = this.id(uuid, password);
    const hit = this.entries.get(id);
    if (!hit) return undefined;
    if (hit.expires <= Date.now()) {
      this.entries.delete(id);
      return undefined;
    }
    return hit.s;
  }

  set(uuid: string, password: string, s: Buffer): void {
    const id = this.id(uuid, password);
    this.entries.delete(id);
    if (this.entries.size >= this.maxEntries) {
      // Map keeps insertion order: the first key is the oldest.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(id, { s, expires: Date.now() + this.ttlMs });
  }

  delete(uuid: string, password: string): void {
    this.entries.delete(this.id(uuid, password));
  }
}
