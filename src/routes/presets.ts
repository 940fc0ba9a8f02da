import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ok } from '../http/envelope.js';
import { buildCatalogue } from '../presets/catalogue.js';

/**
 * GET /api/v1/presets: every preset kind's metadata (no secrets). The answer only changes with the
 * server's code, so it is built once and revalidated by ETag.
 */
export async function presetRoutes(app: FastifyInstance, opts: { version: string }): Promise<void> {
  let body: string | undefined;
  let etag: string | undefined;
  app.get('/', (request, reply) => {
    if (!body) {
      body = JSON.stringify(ok('Preset kinds', buildCatalogue(opts.version)));
      etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    }
    reply.header('etag', etag).header('cache-control', 'public, max-age=300').header('vary', 'accept-encoding');
    const match = request.headers['if-none-match'];
    if (match && match.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(body);
  });
}
