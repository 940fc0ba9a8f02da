import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { RedisClientType } from 'redis';
import { AppError } from '../errors.js';
import { rateLimitStore } from './rate-limit-store.js';

export interface RateLimitOptions {
  max: number;
  windowMs: number;
  /** Separates budgets of different surfaces in Redis. */
  name: string;
  redis?: RedisClientType<any, any, any, any, any> | undefined;
}

/**
 * Limits every request of the routes registered in the calling scope, per client IP. `request.ip`
 * honours X-Forwarded-For only from TRUSTED_PROXIES (Fastify's trustProxy), so a client cannot pick its key.
 */
export async function registerRateLimit(scope: FastifyInstance, opts: RateLimitOptions): Promise<void> {
  await scope.register(rateLimit, {
    global: true,
    max: opts.max,
    timeWindow: opts.windowMs,
    hook: 'onRequest',
    keyGenerator: (request) => request.ip,
    store: rateLimitStore(opts.redis, `rl:${opts.name}:`, opts.windowMs, scope.log),
    enableDraftSpec: true,
    addHeadersOnExceeding: { 'ratelimit-limit': true, 'ratelimit-remaining': true, 'ratelimit-reset': true },
    addHeaders: { 'ratelimit-limit': true, 'ratelimit-remaining': true, 'ratelimit-reset': true, 'retry-after': true },
    errorResponseBuilder: (_request, context) =>
      new AppError('RATE_LIMIT_EXCEEDED', `Too many requests: retry in ${context.after}`),
  });
}
