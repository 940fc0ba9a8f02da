/**
 * What an operator watches: liveness and readiness probes (never rate-limited), Prometheus
 * metrics behind METRICS_TOKEN, a request id on every answer and every log line of a request,
 * and one access log line per request that names no secret.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERSION } from '../../src/version.js';
import { basic, call, createUser, MINIMAL_CONFIG } from '../helpers/api.js';
import { rawManifest, startRawAddon, startSdkAddon, type FakeAddon } from '../helpers/fake-addons.js';
import { sleep } from '../helpers/load.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { httpStream } from '../helpers/streams.js';
import { freePort } from '../helpers/throwaway-services.js';
import { addonBase, custom, get } from '../addon/support.js';

const LIMITED = { DISABLE_RATE_LIMITS: 'false', USER_API_RATE_LIMIT_MAX_REQUESTS: '3', USER_API_RATE_LIMIT_WINDOW: '60' };
const TOKEN = randomBytes(24).toString('hex');
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const STREAM = httpStream({ addonName: 'Good', label: '1080p', filename: 'The.Matrix.1999.1080p.BluRay.x264-AMIABLE.mkv', url: 'https://cdn.example.test/m.mkv', videoSize: 9e9 });

type Log = Record<string, any>;
const parse = (lines: string[]): Log[] => lines.map((l) => JSON.parse(l) as Log);

describe('health and readiness', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({ env: LIMITED });
  });
  afterAll(() => srv?.close());

  it('both answer 200 envelopes, HEAD too, and are never rate-limited', async () => {
    for (let i = 0; i < 10; i++) {
      for (const [route, detail] of [['/api/v1/health', 'ok'], ['/api/v1/ready', 'ready']] as const) {
        const res = await call(srv.url, 'GET', route);
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ success: true, detail, error: null, data: { version: VERSION } });
        expect(res.headers.get('cache-control')).toBe('no-store');
        expect(res.headers.get('ratelimit-limit')).toBeNull();
        expect((await fetch(srv.url + route, { method: 'HEAD' })).status).toBe(200);
      }
    }
  });

  it('readiness is a 503 envelope with Retry-After while the migrations have not run', async () => {
    const sqlite = new Database(path.join(srv.settings.dataDir, 'db.sqlite'));
    try {
      const rows = sqlite.prepare('select * from schema_migrations').all();
      sqlite.prepare('delete from schema_migrations').run();
      await sleep(1_100); // past the reuse of the last probe result
      const res = await call(srv.url, 'GET', '/api/v1/ready');
      expect(res.status).toBe(503);
      expect(res.body.error).toEqual({ code: 'SERVICE_UNAVAILABLE', message: 'Not ready: database migrations have not run' });
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((await call(srv.url, 'GET', '/api/v1/health')).status).toBe(200);
      const insert = sqlite.prepare('insert into schema_migrations (name, timestamp) values (@name, @timestamp)');
      for (const row of rows) insert.run(row);
      await sleep(1_100);
      expect((await call(srv.url, 'GET', '/api/v1/ready')).status).toBe(200);
    } finally {
      sqlite.close();
    }
  });
});

describe('metrics', () => {
  it('are not served without METRICS_TOKEN', async () => {
    const srv = await startTestServer();
    try {
      const res = await call(srv.url, 'GET', '/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(404);
    } finally {
      await srv.close();
    }
  });

  describe('with METRICS_TOKEN', () => {
    let srv: TestServer;
    const addons: FakeAddon[] = [];
    let user: { uuid: string; token: string; password: string };

    beforeAll(async () => {
      srv = await startTestServer({ env: { METRICS_TOKEN: TOKEN } });
      addons.push(await startSdkAddon({ id: 'org.test.good', name: 'Good', idPrefixes: ['tt'], handlers: { stream: () => ({ streams: [STREAM] }) } }));
      addons.push(await startRawAddon(rawManifest('org.test.hang', 'Hangs'), () => undefined));
      user = await createUser(srv.url, 'metrics password', {
        ...MINIMAL_CONFIG,
        presets: [
          custom('good', 'Good', addons[0]!.manifestUrl),
          custom('hang', 'Hangs', addons[1]!.manifestUrl, { timeout: 1000 }),
          custom('gone', 'Gone', `http://127.0.0.1:${await freePort()}/manifest.json`),
        ],
      });
    });
    afterAll(async () => {
      await srv?.close();
      await Promise.all(addons.map((a) => a.close()));
    });

    const scrape = async () => {
      const res = await fetch(`${srv.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      return res.text();
    };
    /** The value of the first sample whose name and labels match. */
    const sample = (text: string, name: string, labels: Record<string, string> = {}) => {
      for (const line of text.split('\n')) {
        if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
        if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) return Number(line.slice(line.lastIndexOf(' ') + 1));
      }
      return undefined;
    };

    it('ask for the token as a Bearer token', async () => {
      for (const authorization of [undefined, 'Bearer wrong-token-of-some-length', `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}`]) {
        const res = await call(srv.url, 'GET', '/metrics', { headers: authorization ? { authorization } : {} });
        expect(res.status).toBe(401);
        expect(res.body.error?.code).toBe('UNAUTHORIZED');
        expect(res.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
      }
    });

    it('count HTTP requests by route and status, upstream requests by host and outcome, caches, password hashing, memory and event-loop delay', async () => {
      const base = addonBase(srv.url, user.uuid, user.token);
      for (let i = 0; i < 2; i++) {
        expect((await get(`${base}/stream/movie/tt0133093.json`)).status).toBe(200);
        expect((await call(srv.url, 'GET', '/api/v1/user', { headers: { authorization: basic(user.uuid, user.password) } })).status).toBe(200);
      }
      expect((await call(srv.url, 'GET', '/api/v1/user', { headers: { authorization: basic(user.uuid, 'wrong password') } })).status).toBe(401);
      const text = await scrape();

      expect(sample(text, 'aiostreams_http_request_duration_seconds_count', { method: 'GET', route: '/api/v1/user', status: '200' })).toBe(2);
      expect(sample(text, 'aiostreams_http_request_duration_seconds_count', { route: '/api/v1/user', status: '401' })).toBe(1);
      expect(sample(text, 'aiostreams_http_request_duration_seconds_count', { route: '/stremio/:uuid/:token/*', status: '200' })).toBe(2);
      expect(sample(text, 'aiostreams_http_request_duration_seconds_bucket', { route: '/stremio/:uuid/:token/*', le: '+Inf' })).toBe(2);

      const host = (addon: FakeAddon) => new URL(addon.manifestUrl).host;
      expect(sample(text, 'aiostreams_upstream_requests_total', { host: host(addons[0]!), outcome: 'ok' })).toBeGreaterThanOrEqual(2);
      expect(sample(text, 'aiostreams_upstream_requests_total', { host: host(addons[1]!), outcome: 'timeout' })).toBe(2);
      expect(sample(text, 'aiostreams_upstream_requests_total', { outcome: 'error' })).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'aiostreams_upstream_request_duration_seconds_count', { host: host(addons[1]!) })).toBeGreaterThanOrEqual(2);

      expect(sample(text, 'aiostreams_cache_lookups_total', { cache: 'manifests', result: 'miss' })).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'aiostreams_cache_lookups_total', { cache: 'manifests', result: 'hit' })).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'aiostreams_cache_lookups_total', { cache: 'ready_configs', result: 'hit' })).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'aiostreams_cache_lookups_total', { cache: 'passwords', result: 'hit' })).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'aiostreams_cache_lookups_total', { cache: 'stream_results', result: 'miss' })).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'aiostreams_cache_lookups_total', { cache: 'upstream_streams', result: 'miss' })).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'aiostreams_cache_lookups_total', { cache: 'release_names', result: 'miss' })).toBeGreaterThanOrEqual(1);

      // Creating the user and the wrong password each ran Argon2id.
      expect(sample(text, 'aiostreams_password_hash_duration_seconds_count')).toBeGreaterThanOrEqual(2);
      expect(sample(text, 'aiostreams_password_hash_wait_seconds_count')).toBeGreaterThanOrEqual(2);
      expect(sample(text, 'aiostreams_password_hash_queue_length')).toBe(0);
      expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
      expect(sample(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
      expect(sample(text, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);

      // Route patterns only: no uuid, token or password ever becomes a label.
      for (const secret of [user.uuid, user.token, user.password]) expect(text).not.toContain(secret);
    });

    it('are not rate-limited', async () => {
      const limited = await startTestServer({ env: { ...LIMITED, METRICS_TOKEN: TOKEN } });
      try {
        for (let i = 0; i < 8; i++) {
          expect((await fetch(`${limited.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
        }
      } finally {
        await limited.close();
      }
    });
  });
});

describe('request ids and the access log', () => {
  let srv: TestServer;
  const lines: string[] = [];
  let gone: string;

  beforeAll(async () => {
    srv = await startTestServer({ logLines: lines });
    gone = `http://127.0.0.1:${await freePort()}/manifest.json`;
  });
  afterAll(() => srv?.close());

  it('every answer carries X-Request-Id: a new uuid, or the one a proxy sent when it looks like one', async () => {
    for (const route of ['/api/v1/health', '/api/v1/user', '/nowhere', '/stremio/%E0%A4%A/x']) {
      const res = await fetch(srv.url + route);
      expect(res.headers.get('x-request-id'), route).toMatch(UUID_RE);
    }
    const passed = await fetch(`${srv.url}/api/v1/health`, { headers: { 'x-request-id': 'proxy-4f2a9c1b-77' } });
    expect(passed.headers.get('x-request-id')).toBe('proxy-4f2a9c1b-77');
    for (const odd of ['short', 'has spaces in it', 'x'.repeat(200), 'quote"injection"1234']) {
      const res = await fetch(`${srv.url}/api/v1/health`, { headers: { 'x-request-id': odd } });
      expect(res.headers.get('x-request-id')).toMatch(UUID_RE);
    }
  });

  it("every line a request logs carries its id, and its one access line names the route, status and time, never a secret", async () => {
    const user = await createUser(srv.url, 'logged password', { ...MINIMAL_CONFIG, presets: [custom('gone', 'Gone', gone)] });
    const res = await fetch(`${addonBase(srv.url, user.uuid, user.token)}/manifest.json?secretquery=1`);
    expect(res.status).toBe(200);
    const id = res.headers.get('x-request-id');
    await sleep(50);
    const logs = parse(lines);

    // The service's warning is written through the app logger, not the request's: it still has the id.
    const warned = logs.filter((l) => l.msg === 'upstream manifest unavailable; left out');
    expect(warned.length).toBeGreaterThan(0);
    for (const line of warned) expect(line.reqId).toBe(id);

    const access = logs.filter((l) => l.msg === 'request' && l.reqId === id);
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({ method: 'GET', route: '/stremio/:uuid/:token/manifest.json', status: 200 });
    expect(access[0]!.ms).toBeTypeOf('number');
    // One reqId per line, whichever logger wrote it.
    for (const line of lines) expect(line.match(/"reqId"/g)?.length ?? 0).toBeLessThanOrEqual(1);

    const all = lines.join('\n');
    for (const secret of [user.token, 'logged password', 'secretquery']) expect(all).not.toContain(secret);
  });

  it('ACCESS_LOG=false turns the access line off', async () => {
    const quiet: string[] = [];
    const other = await startTestServer({ logLines: quiet, env: { ACCESS_LOG: 'false' } });
    try {
      expect((await fetch(`${other.url}/api/v1/health`)).status).toBe(200);
      await sleep(50);
      expect(parse(quiet).filter((l) => l.msg === 'request')).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
