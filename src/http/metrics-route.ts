import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';
import { enableMetrics } from '../metrics.js';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * GET /metrics in Prometheus text format, for a scraper holding METRICS_TOKEN as a Bearer token.
 * Not registered at all without a token: a public instance shows nothing by default.
 */
export async function metricsRoute(app: FastifyInstance, opts: { token: string }): Promise<void> {
  const registry = await enableMetrics();
  // Compared as digests: equal lengths for timingSafeEqual, and no early exit on the first byte.
  const expected = digest(opts.token);
  app.get('/metrics', async (request, reply) => {
    const header = request.headers.authorization ?? '';
    const given = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
    if (!given || !timingSafeEqual(digest(given), expected)) {
      reply.header('www-authenticate', 'Bearer realm="metrics"');
      throw new AppError('UNAUTHORIZED', 'Metrics need Authorization: Bearer <METRICS_TOKEN>');
    }
    return reply.type(registry.contentType).header('cache-control', 'no-store').send(await registry.metrics());
  });
}
