import type { RedisClientType } from 'redis';

/**
 * A fixed-window counter for @fastify/rate-limit. With Redis every instance shares one budget per
 * client; when Redis is unreachable or slow the count falls back to this process's memory, so the
 * API keeps serving (and keeps limiting) through a Redis outage.
 */
type Result = { current: number; ttl: number };
type Callback = (err: Error | null, result: Result) => void;

const INCR_SCRIPT = `
local current = redis.call('INCR', KEYS[1])
if current == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {current, ttl}`;

/** How long a request may wait on Redis before the local count is used instead. */
const REDIS_BUDGET_MS = 250;

class MemoryWindow {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly maxKeys = 100_000) {}

  incr(key: string, windowMs: number): Result {
    const now = Date.now();
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      if (w) this.windows.delete(key);
      else if (this.windows.size >= this.maxKeys) this.sweep(now);
      w = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, w);
    }
    w.count++;
    return { current: w.count, ttl: w.resetAt - now };
  }

  private sweep(now: number): void {
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
    // Still full: drop the oldest windows (Map iterates in insertion order).
    for (const k of this.windows.keys()) {
      if (this.windows.size < this.maxKeys) break;
      this.windows.delete(k);
    }
  }
}

export interface StoreLogger {
  warn(obj: object, msg: string): void;
}

/** Builds the store class the plugin instantiates itself. */
export function rateLimitStore(
  redis: RedisClientType<any, any, any, any, any> | undefined,
  prefix: string,
  defaultWindowMs: number,
  log: StoreLogger,
) {
  const memory = new MemoryWindow();
  let warned = false;
  const useMemory = (key: string, windowMs: number, cb: Callback, err?: unknown) => {
    if (err && !warned) {
      warned = true;
      log.warn({ err: err instanceof Error ? err.message : String(err) }, 'rate limit: Redis unavailable, counting in memory');
    }
    cb(null, memory.incr(key, windowMs));
  };

  return class RateLimitStore {
    incr(key: string, cb: Callback, windowMs = defaultWindowMs): void {
      if (!redis || !redis.isReady) return useMemory(key, windowMs, cb, redis ? 'not connected' : undefined);
      let settled = false;
      const timer = setTimeout(() => {
        settled = true;
        useMemory(key, windowMs, cb, 'timeout');
      }, REDIS_BUDGET_MS);
      redis
        .eval(INCR_SCRIPT, { keys: [prefix + key], arguments: [String(windowMs)] })
        .then((reply) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          const [current, ttl] = reply as [number, number];
          warned = false;
          cb(null, { current: Number(current), ttl: Number(ttl) });
        })
        .catch((err: unknown) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          useMemory(key, windowMs, cb, err);
        });
    }

    child(): RateLimitStore {
      return this;
    }
  };
}
