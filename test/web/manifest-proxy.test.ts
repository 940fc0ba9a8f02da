import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawManifest, startRawAddon, startSdkAddon, type FakeAddon } from '../helpers/fake-addons.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { isEnvelope } from './helpers.js';

async function proxy(base: string, url?: string) {
  const res = await fetch(`${base}/api/v1/addon-manifest${url === undefined ? '' : `?url=${encodeURIComponent(url)}`}`);
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

describe('GET /api/v1/addon-manifest', () => {
  let srv: TestServer;
  let sdk: FakeAddon;
  let notManifest: FakeAddon;
  beforeAll(async () => {
    srv = await startTestServer();
    sdk = await startSdkAddon({
      id: 'test.catalogs',
      name: 'Catalog Addon',
      catalogs: [{ type: 'movie', id: 'top', name: 'Top movies' }],
      handlers: { stream: () => ({ streams: [] }), catalog: () => ({ metas: [] }) },
    });
    // Answers /manifest.json with JSON that is not a manifest (no id/resources/types).
    notManifest = await startRawAddon({ hello: 'world' }, (_req, res) => res.end('{}'));
  });
  afterAll(async () => {
    await Promise.all([srv?.close(), sdk?.close(), notManifest?.close()]);
  });

  it('answers the manifest of a real addon in the envelope', async () => {
    const r = await proxy(srv.url, sdk.manifestUrl);
    expect(r.status).toBe(200);
    expect(isEnvelope(r.body)).toBe(true);
    expect(r.body.success).toBe(true);
    expect(r.body.error).toBeNull();
    expect(r.body.data.manifestUrl).toBe(sdk.manifestUrl);
    expect(r.body.data.manifest).toMatchObject({ id: 'test.catalogs', name: 'Catalog Addon', types: ['movie', 'series'] });
    expect(r.body.data.manifest.catalogs).toEqual([expect.objectContaining({ type: 'movie', id: 'top', name: 'Top movies' })]);
    expect(r.headers.get('cache-control')).toBe('no-store');
  });

  it('rejects a URL that does not end in /manifest.json with 400 BAD_REQUEST', async () => {
    const r = await proxy(srv.url, sdk.manifestUrl.replace('/manifest.json', '/stream/movie/tt1.json'));
    expect(r.status).toBe(400);
    expect(isEnvelope(r.body)).toBe(true);
    expect(r.body).toMatchObject({ success: false, data: null, error: { code: 'BAD_REQUEST' } });
    expect(r.body.error.message).toMatch(/manifest\.json/);
  });

  it('rejects an answer that is not a Stremio manifest with 400 BAD_REQUEST', async () => {
    const r = await proxy(srv.url, notManifest.manifestUrl);
    expect(r.status).toBe(400);
    expect(isEnvelope(r.body)).toBe(true);
    expect(r.body.error).toMatchObject({ code: 'BAD_REQUEST' });
    expect(r.body.error.message).toMatch(/not with a Stremio addon manifest/);
  });

  it('rejects non-http(s) URLs, garbage and a missing url, always in the envelope', async () => {
    for (const url of ['ftp://example.com/manifest.json', 'stremio://example.com/manifest.json', 'not a url', 'file:///etc/manifest.json']) {
      const r = await proxy(srv.url, url);
      expect(r.status, url).toBe(400);
      expect(isEnvelope(r.body), url).toBe(true);
      expect(r.body.error.code, url).toBe('BAD_REQUEST');
    }
    const missing = await proxy(srv.url);
    expect(missing.status).toBe(400);
    expect(isEnvelope(missing.body)).toBe(true);
    expect(missing.body.error.code).toBe('MISSING_REQUIRED_FIELDS');
  });

  it('reports an unreachable addon as 400 with the reason', async () => {
    const r = await proxy(srv.url, 'http://127.0.0.1:9/manifest.json');
    expect(r.status).toBe(400);
    expect(isEnvelope(r.body)).toBe(true);
    expect(r.body.error.message).toMatch(/Could not load the manifest: could not connect to the addon/);
  });
});

describe('manifest proxy rate limit', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({ env: { DISABLE_RATE_LIMITS: 'false', USER_API_RATE_LIMIT_MAX_REQUESTS: '3', USER_API_RATE_LIMIT_WINDOW: '60' } });
  });
  afterAll(async () => {
    await srv?.close();
  });

  it('limits like the User API, with its own budget, answering the envelope', async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof proxy>> | undefined;
    for (let i = 0; i < 4; i++) {
      last = await proxy(srv.url, 'ftp://x/manifest.json');
      statuses.push(last.status);
    }
    expect(statuses).toEqual([400, 400, 400, 429]);
    expect(isEnvelope(last!.body)).toBe(true);
    expect(last!.body.error.code).toBe('RATE_LIMIT_EXCEEDED');
    expect(last!.headers.get('retry-after')).toBeTruthy();
    // The User API keeps its own budget.
    const user = await fetch(`${srv.url}/api/v1/user?uuid=00000000-0000-4000-8000-000000000000`, { method: 'HEAD' });
    expect(user.status).toBe(404);
  });
});
