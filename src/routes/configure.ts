import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * The configure page (web/, built by Vite into dist/web): one HTML document for every page
 * address, long-cached hashed assets under /assets/. The HTML is never cached and never leaks its
 * address (it may carry the install token) through a Referer.
 */
export interface ConfigureRouteOptions {
  /** The built page. Default: <repo>/dist/web, from src/routes (tests) and dist/routes (production) alike. */
  webRoot?: string;
}

export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

const NOT_BUILT =
  'The configure page has not been built. Build it with `npm run build` (or `npx vite build --config web/vite.config.ts`) and reload.\n' +
  'Configurations can still be managed through the User API at /api/v1/user (see /api/v1/openapi.json).\n';

/** Images may come from any addon's host; everything else only from this server. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  'img-src * data: blob:',
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const ONE_YEAR_S = 31_536_000;

export async function configureRoutes(app: FastifyInstance, options: ConfigureRouteOptions = {}): Promise<void> {
  const webRoot = options.webRoot ?? DEFAULT_WEB_ROOT;
  const indexFile = path.join(webRoot, 'index.html');
  const assetsDir = path.join(webRoot, 'assets');

  // The document is re-read when it changes on disk, so a rebuild never serves stale asset names.
  let cached: { mtimeMs: number; html: string } | undefined;
  async function indexHtml(): Promise<string | undefined> {
    try {
      const { mtimeMs } = await stat(indexFile);
      if (cached?.mtimeMs !== mtimeMs) cached = { mtimeMs, html: await readFile(indexFile, 'utf8') };
      return cached.html;
    } catch {
      cached = undefined;
      return undefined;
    }
  }

  const page = async (_req: unknown, reply: FastifyReply) => {
    const html = await indexHtml();
    reply.header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff');
    if (html === undefined) return reply.code(503).type('text/plain; charset=utf-8').send(NOT_BUILT);
    return reply
      .type('text/html; charset=utf-8')
      .header('referrer-policy', 'no-referrer')
      .header('x-frame-options', 'DENY')
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .send(html);
  };

  app.get('/stremio/configure', page);
  app.get('/stremio/:uuid/:token/configure', page);
  app.get('/configure', (_req, reply) => reply.redirect('/stremio/configure', 302));
  app.get('/', (_req, reply) => reply.redirect('/stremio/configure', 302));

  if (existsSync(assetsDir)) {
    await app.register(fastifyStatic, {
      root: assetsDir,
      prefix: '/assets/',
      decorateReply: false,
      index: false,
      // Vite names every asset by its content hash, so a URL's bytes never change.
      cacheControl: false,
      etag: false,
      lastModified: false,
      preCompressed: true,
      setHeaders: (res) => {
        res.setHeader('cache-control', `public, max-age=${ONE_YEAR_S}, immutable`);
        res.setHeader('x-content-type-options', 'nosniff');
      },
    });
  } else {
    app.get('/assets/*', (_req, reply) =>
      reply.code(503).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send(NOT_BUILT),
    );
  }
}
