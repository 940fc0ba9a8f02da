import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureRoutes } from '../../src/routes/configure.js';
import { createUser } from '../helpers/api.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { ensureWebBuilt, WEB_DIST } from './helpers.js';

describe('serving the configure page', () => {
  let srv: TestServer;
  beforeAll(async () => {
    ensureWebBuilt();
    srv = await startTestServer();
  }, 180_000);
  afterAll(async () => {
    await srv?.close();
  });

  it('answers the page at /stremio/configure and at a config’s configure link, never cached', async () => {
    const { uuid, token } = await createUser(srv.url);
    for (const p of ['/stremio/configure', `/stremio/${uuid}/${token}/configure`]) {
      const res = await fetch(srv.url + p);
      expect(res.status, p).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      const html = await res.text();
      expect(html).toMatch(/<div id="app"><\/div>/);
      expect(html).toMatch(/src="\/assets\/index-[\w-]+\.js"/);
    }
  });

  it('redirects / and /configure to /stremio/configure', async () => {
    for (const p of ['/', '/configure']) {
      const res = await fetch(srv.url + p, { redirect: 'manual' });
      expect(res.status, p).toBe(302);
      expect(res.headers.get('location')).toBe('/stremio/configure');
    }
  });

  it('serves hashed assets for a year, immutable, precompressed when the client accepts it', async () => {
    const html = await (await fetch(`${srv.url}/stremio/configure`)).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
    for (const a of assets) {
      const res = await fetch(srv.url + a, { headers: { 'accept-encoding': 'gzip' } });
      expect(res.status, a).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('content-encoding')).toBe('gzip');
      expect((await res.text()).length).toBeGreaterThan(1000);
    }
    const missing = await fetch(`${srv.url}/assets/nope-123.js`);
    expect(missing.status).toBe(404);
  });

  it('answers 503 with a clear message when the page is not built', async () => {
    const app = Fastify();
    await configureRoutes(app, { webRoot: path.join(WEB_DIST, 'does-not-exist') });
    for (const url of ['/stremio/configure', '/stremio/u/t/configure', '/assets/index.js']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(503);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.body).toMatch(/has not been built.*npm run build/s);
    }
    await app.close();
  });

  it('keeps the first load under 250 KB gzipped', () => {
    const dir = path.join(WEB_DIST, 'assets');
    const gz = readdirSync(dir).filter((f) => /\.(js|css)\.gz$/.test(f));
    expect(gz.length).toBeGreaterThanOrEqual(2);
    // Precompressed files are what the server sends; their total is the first-load weight.
    const total = gz.reduce((n, f) => n + statSync(path.join(dir, f)).size, 0);
    expect(total).toBeLessThan(250 * 1024);
  });
});
