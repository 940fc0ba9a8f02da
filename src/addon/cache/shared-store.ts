/**
 * Stream caches shared by every instance through Redis (when REDIS_URI is set), so N instances
 * behind one proxy ask each upstream addon once, not N times. Entries are compressed, sealed
 * (AES-256-GCM under a key derived from SECRET_KEY: upstream answers carry debrid links and
 * keys), stored under an HMAC of their key (which names uuids and addon URLs), and expire in
 * Redis with their TTL. Redis is a best effort: while it is away or slow, reads miss and writes
 * are dropped, and every request is answered from this process alone.
 */
import { createHmac } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { RESP_TYPES, type RedisClientType } from 'redis';
import { open, seal } from '../../crypto/aead.js';
import type { BudgetedCache, MemoryBudget } from './memory-budget.js';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** How long a read may wait on Redis before it counts as a miss. */
const READ_BUDGET_MS = 150;
/** Entries larger than this (sealed) stay local: Redis is not a blob store. */
const MAX_SHARED_BYTES = 4 * 1024 * 1024;
/** Bytes around each kept value besides its own: map entry, budget node, key string, Buffer object. */
const ENTRY_OVERHEAD = 200;
/** The sealed payload starts with its expiry (ms since epoch), so local copies expire in step. */
const HEADER = 8;

type AnyRedis = RedisClientType<any, any, any, any, any>;

export interface SharedStoreOptions {
  redis: AnyRedis;
  /** Seals values and keys their names; derived from SECRET_KEY for this purpose only. */
  key: Buffer;
}

/** One namespace of shared bytes in Redis. */
export class RedisBytes {
  private readonly buffers: AnyRedis;

  constructor(
    private readonly opts: SharedStoreOptions,
    private readonly namespace: string,
  ) {
    this.buffers = opts.redis.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer }) as AnyRedis;
  }

  private name(key: string): string {
    return `aiostreams-lite:${this.namespace}:${createHmac('sha256', this.opts.key).update(key).digest('base64url').slice(0, 32)}`;
  }

  /** The value and its expiry, or undefined (absent, expired, tampered, or Redis unavailable). */
  async get(key: string): Promise<{ value: Buffer; expires: number } | undefined> {
    if (!this.opts.redis.isReady) return undefined;
    const name = this.name(key);
    try {
      const sealed = (await withTimeout(this.buffers.get(name), READ_BUDGET_MS)) as Buffer | null | undefined;
      if (!sealed) return undefined;
      const plain = open(this.opts.key, sealed, Buffer.from(name));
      if (!plain || plain.length < HEADER) return undefined;
      const expires = Number(plain.readBigUInt64BE(0));
      if (expires <= Date.now()) return undefined;
      return { value: await gunzipAsync(plain.subarray(HEADER)), expires };
    } catch {
      return undefined;
    }
  }

  /** Stores in the background; failures only mean the next instance asks upstream itself. */
  set(key: string, value: Buffer, ttlMs: number): void {
    if (!this.opts.redis.isReady || !Number.isFinite(ttlMs) || ttlMs <= 0) return;
    const name = this.name(key);
    const expires = Date.now() + ttlMs;
    gzipAsync(value, { level: 1 })
      .then((packed) => {
        const header = Buffer.alloc(HEADER);
        header.writeBigUInt64BE(BigInt(expires));
        const sealed = seal(this.opts.key, Buffer.concat([header, packed]), Buffer.from(name));
        if (sealed.length > MAX_SHARED_BYTES) return undefined;
        return this.opts.redis.set(name, sealed, { PX: Math.max(1, expires - Date.now()) });
      })
      .catch(() => undefined);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

/**
 * Bytes kept in this process's memory budget and, when Redis is configured, in Redis for the
 * other instances. Reads try memory first, then Redis (and keep what Redis had).
 */
export class TieredBytes {
  private readonly local: BudgetedCache<Buffer>;

  constructor(
    budget: MemoryBudget,
    private readonly shared: RedisBytes | undefined,
  ) {
    this.local = budget.cache<Buffer>();
  }

  getLocal(key: string): Buffer | undefined {
    return this.local.get(key);
  }

  async get(key: string): Promise<Buffer | undefined> {
    const hit = this.local.get(key);
    if (hit || !this.shared) return hit;
    const remote = await this.shared.get(key);
    if (!remote) return undefined;
    this.local.set(key, remote.value, this.weigh(key, remote.value), remote.expires - Date.now());
    return remote.value;
  }

  set(key: string, value: Buffer, ttlMs: number): void {
    this.local.set(key, value, this.weigh(key, value), ttlMs);
    this.shared?.set(key, value, ttlMs);
  }

  clear(): void {
    this.local.clear();
  }

  private weigh(key: string, value: Buffer): number {
    return ENTRY_OVERHEAD + key.length + value.byteLength;
  }
}
