import argon2 from 'argon2';
import { availableParallelism } from 'node:os';
import { gaugeSource, observePasswordHash } from '../metrics.js';

/** Argon2id parameters; stored per user so they can be raised later without breaking old rows. */
export interface KdfParams {
  m: number; // memory in KiB
  t: number;
  p: number;
}

/** OWASP's first recommended Argon2id setting (m=19 MiB, t=2, p=1). */
export const DEFAULT_KDF: KdfParams = { m: 19 * 1024, t: 2, p: 1 };

export const SALT_BYTES = 16;

/** How many Argon2id runs this process started: lets tests and operators see which paths pay it. */
export const kdfStats = { runs: 0 };

/**
 * The password-equivalent secret S = Argon2id(password, salt). argon2 runs in libuv's threadpool,
 * off the event loop. The whole password is hashed (no 72-byte truncation as with bcrypt).
 */
export async function stretchPassword(password: string, salt: Buffer, params: KdfParams): Promise<Buffer> {
  kdfStats.runs++;
  const queued = performance.now();
  await acquire();
  const started = performance.now();
  try {
    return await hashRaw(password, salt, params);
  } finally {
    release();
    observePasswordHash(started - queued, performance.now() - started);
  }
}

/**
 * At most one Argon2id run per core at a time: more would not finish sooner, but each holds
 * m KiB of memory and all of them would hold libuv's threadpool that file and DNS work also need.
 */
const MAX_CONCURRENT = Math.max(1, availableParallelism());
let running = 0;
const waiting: (() => void)[] = [];
gaugeSource('aiostreams_password_hash_queue_length', 'Password hashes waiting for a free slot', () => waiting.length);

function acquire(): Promise<void> {
  if (running < MAX_CONCURRENT) {
    running++;
    return Promise.resolve();
  }
  return new Promise((resolve) => waiting.push(resolve));
}

function release(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

function hashRaw(password: string, salt: Buffer, params: KdfParams): Promise<Buffer> {
  return argon2.hash(password, {
    type: argon2.argon2id,
    raw: true,
    salt,
    memoryCost: params.m,
    timeCost: params.t,
    parallelism: params.p,
    hashLength: 32,
  });
}

export function encodeKdfParams(p: KdfParams): string {
  return `argon2id$m=${p.m},t=${p.t},p=${p.p}`;
}

export function decodeKdfParams(text: string): KdfParams | null {
  const m = /^argon2id\$m=(\d+),t=(\d+),p=(\d+)$/.exec(text);
  if (!m) return null;
  return { m: Number(m[1]), t: Number(m[2]), p: Number(m[3]) };
}
