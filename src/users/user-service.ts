import { randomBytes, randomUUID } from 'node:crypto';
import type { PurposeKeys } from '../crypto/keys.js';
import { decodeKdfParams, DEFAULT_KDF, encodeKdfParams, SALT_BYTES, stretchPassword, type KdfParams } from '../crypto/password.js';
import { PasswordCache } from '../crypto/password-cache.js';
import { issueToken, looksLikeToken, readToken } from '../crypto/token.js';
import {
  decryptConfig,
  deriveKek,
  encryptConfig,
  makeVerifier,
  newDataKey,
  unwrapDataKey,
  verifierMatches,
  wrapDataKey,
} from '../crypto/user-keys.js';
import { AppError } from '../errors.js';
import type { UserRow, UsersRepository } from '../store/users-repository.js';
import type { AliasResolver } from './aliases.js';
import { checkPassword } from './password-policy.js';
import { countCache } from '../metrics.js';

/** What a successful authentication unlocks: the user's keys and the row they were checked against. */
export interface Session {
  uuid: string;
  /** The password-equivalent secret: what a token carries. */
  s: Buffer;
  dk: Buffer;
  row: UserRow;
  /** The token the request came with, if any: still valid, so it can be handed back as is. */
  token?: string;
}

export interface StoredConfig {
  config: Record<string, unknown>;
  version: number;
}

export interface UserServiceOptions {
  kdf?: KdfParams;
}

const b64 = (buf: Buffer) => buf.toString('base64');
const unb64 = (text: string) => Buffer.from(text, 'base64');
const now = () => new Date().toISOString();
const MAX_WRITE_ATTEMPTS = 100;
const MAX_UNLOCKED = 10_000;

/**
 * Users: create, authenticate, read, write, delete, change password. Knows crypto and the
 * repository, nothing of HTTP. Config validation happens before calls reach it.
 */
export class UserService {
  private readonly kdf: KdfParams;
  private readonly passwordCache: PasswordCache;
  /** Data keys already unwrapped, by (uuid, S): in-process only, bounded, checked against the row. */
  private readonly unlocked = new Map<string, { verifier: string; wrapped: string; dk: Buffer }>();
  /** Paid for unknown uuids so that they cost as much as a wrong password. */
  private readonly decoySalt = randomBytes(SALT_BYTES);

  constructor(
    private readonly repo: UsersRepository,
    private readonly keys: PurposeKeys,
    readonly aliases: AliasResolver,
    options: UserServiceOptions = {},
  ) {
    this.kdf = options.kdf ?? DEFAULT_KDF;
    this.passwordCache = new PasswordCache(keys.cache);
  }

  resolveUuid(uuidOrAlias: string): string | null {
    return this.aliases.resolve(uuidOrAlias);
  }

  async exists(uuidOrAlias: string): Promise<string | null> {
    const uuid = this.resolveUuid(uuidOrAlias);
    return uuid && (await this.repo.exists(uuid)) ? uuid : null;
  }

  /**
   * Checks a raw password or an encryptedPassword token. A valid token never runs Argon2id; a
   * repeated raw password may skip it through the keyed in-process cache; anything wrong pays it.
   * Unknown uuid and wrong secret are indistinguishable to the caller (both null).
   * `tokenOnly` (the open, unthrottled Stremio routes) accepts nothing but a token, so no request
   * there can make the server run Argon2id.
   */
  async authenticate(
    uuidOrAlias: string,
    secret: string,
    opts: { allowToken?: boolean; tokenOnly?: boolean } = {},
  ): Promise<Session | null> {
    const uuid = this.resolveUuid(uuidOrAlias);
    // Not even uuid-shaped: nothing to hide, so no reason to spend a KDF run on it.
    if (!uuid) return null;
    const row = await this.repo.find(uuid);
    if (!row) {
      if (!opts.tokenOnly) await stretchPassword(secret, this.decoySalt, this.kdf);
      return null;
    }
    const allowToken = opts.tokenOnly || (opts.allowToken ?? true);
    if (allowToken && looksLikeToken(secret)) {
      const s = readToken(this.keys.token, uuid, secret);
      const session = s && this.unlock(row, s);
      if (session) return { ...session, token: secret };
      // Not a token of ours: it may still be a raw password that happens to look like one.
    }
    if (opts.tokenOnly) return null;
    const cached = this.passwordCache.get(uuid, secret);
    countCache('passwords', cached !== undefined);
    if (cached) {
      const session = this.unlock(row, cached);
      if (session) return session;
      this.passwordCache.delete(uuid, secret);
    }
    const params = decodeKdfParams(row.kdf);
    if (!params) throw new AppError('INTERNAL_SERVER_ERROR', 'stored key derivation parameters are unreadable');
    const s = await stretchPassword(secret, unb64(row.salt), params);
    const session = this.unlock(row, s);
    if (session) this.passwordCache.set(uuid, secret, s);
    return session;
  }

  private unlock(row: UserRow, s: Buffer): Session | null {
    // Every Stremio request unlocks the same user with the same S: remember the data key, but only
    // for the exact stored key material it was checked against (a password change misses).
    const cacheKey = `${row.uuid}:${s.toString('base64')}`;
    const known = this.unlocked.get(cacheKey);
    if (known && known.verifier === row.verifier && known.wrapped === row.wrapped_key) {
      return { uuid: row.uuid, s, dk: known.dk, row };
    }
    const kek = deriveKek(s, this.keys.pepper);
    if (!verifierMatches(kek, unb64(row.verifier))) return null;
    const dk = unwrapDataKey(kek, unb64(row.wrapped_key), row.uuid);
    if (!dk) return null;
    if (this.unlocked.size >= MAX_UNLOCKED) {
      const oldest = this.unlocked.keys().next().value;
      if (oldest !== undefined) this.unlocked.delete(oldest);
    }
    this.unlocked.set(cacheKey, { verifier: row.verifier, wrapped: row.wrapped_key, dk });
    return { uuid: row.uuid, s, dk, row };
  }

  /** The stored config version of a user, or null when there is none: a cheap staleness check. */
  async currentVersion(uuid: string): Promise<number | null> {
    return (await this.repo.find(uuid))?.version ?? null;
  }

  /** A fresh token for the session's user. */
  tokenFor(session: Session): string {
    return session.token ?? issueToken(this.keys.token, session.uuid, session.s);
  }

  async create(config: Record<string, unknown>, password: string): Promise<{ uuid: string; token: string }> {
    checkPassword(password);
    const salt = randomBytes(SALT_BYTES);
    const s = await stretchPassword(password, salt, this.kdf);
    const kek = deriveKek(s, this.keys.pepper);
    const dk = newDataKey();
    const json = JSON.stringify(config);
    for (;;) {
      const uuid = randomUUID();
      const stamp = now();
      const inserted = await this.repo.insert({
        uuid,
        version: 1,
        kdf: encodeKdfParams(this.kdf),
        salt: b64(salt),
        wrapped_key: b64(wrapDataKey(kek, dk, uuid)),
        verifier: b64(makeVerifier(kek)),
        config: b64(encryptConfig(dk, json, uuid, 1)),
        created_at: stamp,
        updated_at: stamp,
      });
      if (inserted) {
        this.passwordCache.set(uuid, password, s);
        return { uuid, token: issueToken(this.keys.token, uuid, s) };
      }
    }
  }

  /** The stored config, decrypted. A row that fails to decrypt was tampered with: that is a server fault. */
  read(session: Session): StoredConfig {
    const { row, dk } = session;
    const json = decryptConfig(dk, unb64(row.config), row.uuid, row.version);
    if (json === null) throw new AppError('INTERNAL_SERVER_ERROR', 'stored configuration failed its integrity check');
    return { config: JSON.parse(json) as Record<string, unknown>, version: row.version };
  }

  /**
   * Replaces the config atomically. With `expectedVersions` (If-Match) a write that lost a race is
   * refused; without it, a lost race is retried on the newer row, so concurrent writers each land
   * whole and the last one stays.
   */
  async update(session: Session, config: Record<string, unknown>, expectedVersions?: readonly number[]): Promise<StoredConfig> {
    const json = JSON.stringify(config);
    let row: UserRow | undefined = session.row;
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      if (!row) throw new AppError('USER_INVALID_DETAILS', 'Invalid UUID or password');
      if (expectedVersions && !expectedVersions.includes(row.version)) {
        throw new AppError('PRECONDITION_FAILED', 'The configuration was changed since you loaded it (If-Match does not match)');
      }
      const next = row.version + 1;
      const sealed = b64(encryptConfig(session.dk, json, row.uuid, next));
      if (await this.repo.updateConfig(row.uuid, row.version, sealed, now())) {
        return { config, version: next };
      }
      row = await this.repo.find(session.uuid);
    }
    throw new AppError('CONFLICT', 'The configuration is being changed by other requests; try again');
  }

  async delete(session: Session): Promise<void> {
    if (!(await this.repo.delete(session.uuid, session.row.verifier))) {
      throw new AppError('USER_INVALID_DETAILS', 'Invalid UUID or password');
    }
  }

  /** New salt, new S, the same data key re-wrapped: the config is kept, old tokens stop working. */
  async changePassword(session: Session, newPassword: string): Promise<string> {
    checkPassword(newPassword);
    const salt = randomBytes(SALT_BYTES);
    const s = await stretchPassword(newPassword, salt, this.kdf);
    const kek = deriveKek(s, this.keys.pepper);
    const changed = await this.repo.updateCredentials(session.uuid, session.row.verifier, {
      kdf: encodeKdfParams(this.kdf),
      salt: b64(salt),
      wrapped_key: b64(wrapDataKey(kek, session.dk, session.uuid)),
      verifier: b64(makeVerifier(kek)),
      updated_at: now(),
    });
    if (!changed) throw new AppError('USER_INVALID_DETAILS', 'Invalid UUID or password');
    this.passwordCache.set(session.uuid, newPassword, s);
    return issueToken(this.keys.token, session.uuid, s);
  }
}
