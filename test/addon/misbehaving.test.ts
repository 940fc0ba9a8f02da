/**
 * Upstreams that misbehave (slow, 5xx, broken JSON, 20 MB, HTML, not a manifest, refused, an
 * addon-level error item) cost only their own results and show up as `[❌] <name>` items unless
 * hidden; per-addon timeouts and the global deadline bound the answer time; bad credentials and
 * malformed URLs never produce a 5xx; a valid token never pays for the password KDF.
 */
import { createServer } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kdfStats } from '../../src/crypto/password.js';
import { basic, call, createUser } from '../helpers/api.js';
import { rawManifest, startRawAddon, startSdkAddon, type FakeAddon } from '../helpers/fake-addons.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { httpStream } from '../helpers/streams.js';
import { addonBase, custom, get } from './support.js';

/** Generous allowance over a timeout for scheduling and loopback I/O on a noisy machine. */
const MOVIE = 'tt0133093';

const GOOD_STREAMS = [
  httpStream({ addonName: 'Good', label: '1080p', filename: 'The.Matrix.1999.1080p.BluRay.x264-AMIABLE.mkv', url: 'https://cdn.example.test/matrix-1080.mkv', videoSize: 9_000_000_000 }),
  httpStream({ addonName: 'Good', label: '2160p', filename: 'The.Matrix.1999.2160p.UHD.BluRay.x265-TERMiNAL.mkv', url: 'https://cdn.example.test/matrix-2160.mkv', videoSize: 30_000_000_000 }),
];
const GOOD_URLS = GOOD_STREAMS.map((s) => s.url);

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Answers `streams` after `ms` (or never, if the client gives up first). */
/** Slow answers actually sent: stays unchanged when the aggregator gave up on them (and hung up) first. */
let slowAnswersSent = 0;
const slowly = (ms: number, body: object) => (req: IncomingMessage, res: ServerResponse) => {
  const timer = setTimeout(() => {
    slowAnswersSent++;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  }, ms);
  req.socket.on('close', () => clearTimeout(timer));
};

const errorNames = (streams: { name: string }[]) => streams.filter((s) => s.name.startsWith('[❌]')).map((s) => s.name).sort();

describe('misbehaving upstreams', () => {
  let srv: TestServer;
  const addons: FakeAddon[] = [];
  let presets: ReturnType<typeof custom>[];
  const baseConfig = { formatter: { id: 'torrentio' }, sortCriteria: { global: [{ key: 'size', direction: 'desc' }] } };

  beforeAll(async () => {
    srv = await startTestServer();
    const good = await startSdkAddon({
      id: 'org.test.good', name: 'Good', idPrefixes: ['tt'],
      handlers: { stream: () => ({ streams: GOOD_STREAMS }) },
    });
    const slow = await startRawAddon(rawManifest('org.test.slow', 'Slow'), slowly(4000, { streams: [GOOD_STREAMS[0]] }));
    const http500 = await startRawAddon(rawManifest('org.test.500', 'Five Hundred'), (_req, res) => {
      res.statusCode = 500;
      res.setHeader('content-type', 'application/json');
      res.end('{"err":"handler error"}');
    });
    const badJson = await startRawAddon(rawManifest('org.test.badjson', 'Bad JSON'), (_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end('{"streams": [{"name": "Torrentio\\n1080p", "infoHash": "');
    });
    const huge = await startRawAddon(rawManifest('org.test.huge', 'Huge'), (req, res) => {
      // 20 MB of valid JSON, chunked (no Content-Length): the cap has to hold while streaming.
      res.on('error', () => undefined);
      req.socket.on('error', () => undefined);
      res.setHeader('content-type', 'application/json');
      const item = JSON.stringify({ name: 'Huge\n1080p', title: 'x'.repeat(1000), url: 'https://cdn.example.test/h.mkv' });
      const chunk = Buffer.from(Array.from({ length: 1000 }, () => item).join(',') + ',');
      res.write('{"streams":[');
      for (let written = 0; written < 20 * 1024 * 1024; written += chunk.length) res.write(chunk);
      res.end(`${item}]}`);
    });
    const html = await startRawAddon(rawManifest('org.test.html', 'Cloudflared'), (_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end('<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>');
    });
    const notManifest = await startRawAddon({ hello: 'world', streams: [] }, (_req, res) => res.end('{"streams":[]}'));
    const malformed = await startRawAddon(rawManifest('org.test.malformed', 'Malformed'), (_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end('{"streams":{"0":{"name":"x"}}}');
    });
    const badKey = await startSdkAddon({
      id: 'org.test.badkey', name: 'Torrentio', idPrefixes: ['tt'],
      handlers: {
        stream: () => ({
          streams: [
            { name: '[RD ⚠️] Torrentio', title: 'Invalid RealDebrid ApiKey\nPlease check your configuration', url: 'https://torrentio.example.test/videos/invalid_api_key.mp4' },
            GOOD_STREAMS[0],
          ],
        }),
      },
    });
    addons.push(good, slow, http500, badJson, huge, html, notManifest, malformed, badKey);
    presets = [
      custom('good', 'Good Addon', good.manifestUrl),
      custom('slow', 'Slow Addon', slow.manifestUrl, { timeout: 1000 }),
      custom('e500', 'Five Hundred', http500.manifestUrl),
      custom('bjs', 'Bad JSON', badJson.manifestUrl),
      custom('big', 'Huge Answer', huge.manifestUrl),
      custom('htm', 'Cloudflared', html.manifestUrl),
      custom('nmf', 'Not A Manifest', notManifest.manifestUrl),
      custom('ref', 'Refused', `http://127.0.0.1:${await closedPort()}/manifest.json`),
      custom('mal', 'Malformed', malformed.manifestUrl),
      custom('key', 'Torrentio RD', badKey.manifestUrl),
    ];
  });

  afterAll(async () => {
    await srv?.close();
    await Promise.all(addons.map((a) => a.close()));
  });

  it('each failure costs only its own results and yields a [❌] <addon name> item saying why', async () => {
    const { uuid, token } = await createUser(srv.url, 'misbehaving secret', { ...baseConfig, presets });
    const slowBefore = slowAnswersSent;
    const res = await get(`${addonBase(srv.url, uuid, token)}/stream/movie/${MOVIE}.json`);
    expect(res.status).toBe(200);
    const streams = res.body.streams as { name: string; description: string; url?: string; externalUrl?: string }[];
    // The good addon's streams first (sorted by size), then one error item per failed addon.
    expect(streams.slice(0, 2).map((s) => s.url)).toEqual([GOOD_URLS[1], GOOD_URLS[0]]);
    expect(streams).toHaveLength(2 + 9);
    const byName = new Map(streams.slice(2).map((s) => [s.name, s.description]));
    expect([...byName.keys()].sort()).toEqual(
      ['Bad JSON', 'Cloudflared', 'Five Hundred', 'Huge Answer', 'Malformed', 'Not A Manifest', 'Refused', 'Slow Addon', 'Torrentio RD']
        .map((n) => `[❌] ${n}`)
        .sort(),
    );
    expect(byName.get('[❌] Slow Addon')).toMatch(/timed out after 1000 ms/);
    expect(byName.get('[❌] Five Hundred')).toMatch(/HTTP 500/);
    expect(byName.get('[❌] Bad JSON')).toMatch(/not valid JSON/);
    expect(byName.get('[❌] Huge Answer')).toMatch(/too large/);
    expect(byName.get('[❌] Cloudflared')).toMatch(/not valid JSON/);
    expect(byName.get('[❌] Not A Manifest')).toMatch(/manifest/);
    expect(byName.get('[❌] Refused')).toMatch(/could not connect to the addon/);
    expect(byName.get('[❌] Malformed')).toMatch(/streams/);
    // An upstream item reporting a bad API key fails that whole addon with its own words.
    expect(byName.get('[❌] Torrentio RD')).toMatch(/Invalid RealDebrid ApiKey/);
    // Error items are playable-safe stream objects.
    for (const s of streams.slice(2)) expect(s.externalUrl).toBeTypeOf('string');
    // The slow addon is cut at its own 1 s timeout, not waited for: it never got to answer.
    expect(slowAnswersSent).toBe(slowBefore);
    // A partial answer must not be cached by Stremio.
    expect(res.body.cacheMaxAge ?? 0).toBe(0);
    expect(res.headers.get('cache-control')).toMatch(/no-cache|no-store|max-age=0/);
  });

  it('hideErrors: true hides every error item', async () => {
    const { uuid, token } = await createUser(srv.url, 'hidden secret', { ...baseConfig, presets, hideErrors: true });
    const res = await get(`${addonBase(srv.url, uuid, token)}/stream/movie/${MOVIE}.json`);
    expect(res.status).toBe(200);
    expect(res.body.streams.map((s: { url: string }) => s.url)).toEqual([GOOD_URLS[1], GOOD_URLS[0]]);
  });

  it("hideErrorsForResources: ['stream'] hides them for streams; another resource listed does not", async () => {
    const hidden = await createUser(srv.url, 'hidden stream secret', { ...baseConfig, presets, hideErrorsForResources: ['stream'] });
    const res = await get(`${addonBase(srv.url, hidden.uuid, hidden.token)}/stream/movie/${MOVIE}.json`);
    expect(res.body.streams.map((s: { url: string }) => s.url)).toEqual([GOOD_URLS[1], GOOD_URLS[0]]);

    const shown = await createUser(srv.url, 'catalog only secret', { ...baseConfig, presets, hideErrorsForResources: ['catalog', 'meta'] });
    const res2 = await get(`${addonBase(srv.url, shown.uuid, shown.token)}/stream/movie/${MOVIE}.json`);
    expect(errorNames(res2.body.streams)).toHaveLength(9);
  });

  it('an addon answering after its timeout is dropped; one answering within it is kept', async () => {
    const late = await startRawAddon(rawManifest('org.test.late', 'Late'), slowly(5000, { streams: [GOOD_STREAMS[0]] }));
    const unhurried = await startRawAddon(
      rawManifest('org.test.unhurried', 'Unhurried'),
      slowly(600, { streams: [httpStream({ addonName: 'Unhurried', label: '720p', filename: 'The.Matrix.1999.720p.BluRay.x264-SiNNERS.mkv', url: 'https://cdn.example.test/matrix-720.mkv', videoSize: 4_000_000_000 })] }),
    );
    addons.push(late, unhurried);
    const { uuid, token } = await createUser(srv.url, 'timeout secret', {
      ...baseConfig,
      presets: [
        custom('good', 'Good Addon', presets[0]!.options.manifestUrl),
        custom('late', 'Late Addon', late.manifestUrl, { timeout: 1500 }),
        custom('unh', 'Unhurried', unhurried.manifestUrl, { timeout: 3000 }),
      ],
    });
    const slowBefore = slowAnswersSent;
    const res = await get(`${addonBase(srv.url, uuid, token)}/stream/movie/${MOVIE}.json`);
    expect(res.status).toBe(200);
    expect(res.body.streams.map((s: { url?: string; name: string }) => s.url ?? s.name)).toEqual([
      GOOD_URLS[1],
      GOOD_URLS[0],
      'https://cdn.example.test/matrix-720.mkv',
      '[❌] Late Addon',
    ]);
    expect(res.body.streams[3].description).toMatch(/timed out after 1500 ms/);
    // Only the unhurried addon (600 ms, within its 3 s) got to answer; the late one (5 s) was cut.
    expect(slowAnswersSent).toBe(slowBefore + 1);
  });
});

describe('the global deadline', () => {
  let srv: TestServer;
  const addons: FakeAddon[] = [];
  afterAll(async () => {
    await srv?.close();
    await Promise.all(addons.map((a) => a.close()));
  });

  it('holds with 10 slow addons (each with a 10 s timeout): the answer comes at the deadline', async () => {
    srv = await startTestServer({ env: { STREAM_REQUEST_DEADLINE_MS: '2000' } });
    const good = await startSdkAddon({ id: 'org.test.good', name: 'Good', idPrefixes: ['tt'], handlers: { stream: () => ({ streams: GOOD_STREAMS }) } });
    addons.push(good);
    const presets = [custom('good', 'Good Addon', good.manifestUrl)];
    for (let i = 0; i < 10; i++) {
      const slow = await startRawAddon(rawManifest(`org.test.slow${i}`, `Slow ${i}`), slowly(8000, { streams: [GOOD_STREAMS[0]] }));
      addons.push(slow);
      presets.push(custom(`slow${i}`, `Slow ${i}`, slow.manifestUrl, { timeout: 10_000 }));
    }
    const { uuid, token } = await createUser(srv.url, 'deadline secret', {
      presets,
      formatter: { id: 'torrentio' },
      sortCriteria: { global: [{ key: 'size', direction: 'desc' }] },
    });
    const slowBefore = slowAnswersSent;
    const res = await get(`${addonBase(srv.url, uuid, token)}/stream/movie/${MOVIE}.json`);
    expect(res.status).toBe(200);
    // Answered at the deadline, before any of the slow addons answered.
    expect(slowAnswersSent).toBe(slowBefore);
    expect(res.body.streams.slice(0, 2).map((s: { url: string }) => s.url)).toEqual([GOOD_URLS[1], GOOD_URLS[0]]);
    expect(errorNames(res.body.streams)).toEqual(Array.from({ length: 10 }, (_, i) => `[❌] Slow ${i}`).sort());
    for (const s of res.body.streams.slice(2)) expect(s.description).toMatch(/deadline/);
  });
});

describe('bad credentials and malformed URLs', () => {
  let srv: TestServer;
  let good: FakeAddon;
  let user: { uuid: string; token: string; password: string };
  beforeAll(async () => {
    srv = await startTestServer();
    good = await startSdkAddon({ id: 'org.test.good', name: 'Good', idPrefixes: ['tt'], handlers: { stream: () => ({ streams: GOOD_STREAMS }) } });
    user = await createUser(srv.url, 'credentials secret', {
      presets: [custom('good', 'Good Addon', good.manifestUrl)],
      formatter: { id: 'torrentio' },
      sortCriteria: { global: [] },
    });
  });
  afterAll(async () => {
    await srv?.close();
    await good?.close();
  });

  it('a wrong token on the stream route: HTTP 200 with one error stream saying the link is stale', async () => {
    const res = await get(`${srv.url}/stremio/${user.uuid}/AAAAwrongTOKENwrongTOKENwrongTOKENwrong/stream/movie/${MOVIE}.json`);
    expect(res.status).toBe(200);
    expect(res.body.streams).toHaveLength(1);
    const [item] = res.body.streams;
    expect(item.name).toMatch(/^\[❌\]/);
    expect(`${item.name}\n${item.description}`).toMatch(/no longer valid|password/i);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    // Other resources get an item of their own kind.
    const catalog = await get(`${srv.url}/stremio/${user.uuid}/wrong/catalog/movie/goode3b0.top.json`);
    expect(catalog.status).toBe(200);
    expect(catalog.body.metas).toHaveLength(1);
    expect(catalog.body.metas[0].name).toMatch(/^\[❌\]/);
    const meta = await get(`${srv.url}/stremio/${user.uuid}/wrong/meta/movie/${MOVIE}.json`);
    expect(meta.status).toBe(200);
    const subs = await get(`${srv.url}/stremio/${user.uuid}/wrong/subtitles/movie/${MOVIE}.json`);
    expect(subs.status).toBe(200);
    expect(subs.body.subtitles).toBeInstanceOf(Array);
  });

  it('a deleted config: HTTP 200 with one error stream saying it does not exist', async () => {
    const doomed = await createUser(srv.url, 'doomed secret', {
      presets: [custom('good', 'Good Addon', good.manifestUrl)],
      formatter: { id: 'torrentio' },
      sortCriteria: { global: [] },
    });
    const url = `${addonBase(srv.url, doomed.uuid, doomed.token)}/stream/movie/${MOVIE}.json`;
    expect((await get(url)).body.streams).toHaveLength(2);
    const del = await call(srv.url, 'DELETE', '/api/v1/user', { headers: { authorization: basic(doomed.uuid, doomed.token) } });
    expect(del.status).toBe(200);
    const res = await get(url);
    expect(res.status).toBe(200);
    expect(res.body.streams).toHaveLength(1);
    expect(res.body.streams[0].name).toMatch(/^\[❌\]/);
    expect(`${res.body.streams[0].name}\n${res.body.streams[0].description}`).toMatch(/does not exist|deleted/i);
  });

  it('garbage uuid/token segments and malformed paths never give a 5xx', async () => {
    const { uuid, token } = user;
    const paths = [
      `/stremio/not-a-uuid/not-a-token/stream/movie/${MOVIE}.json`,
      `/stremio/${uuid}/%ZZ/stream/movie/${MOVIE}.json`,
      `/stremio/%ZZ/${token}/manifest.json`,
      `/stremio/${uuid}/${token}/stream/movie/%E0%A4%A.json`,
      `/stremio/${uuid}/${token}/stream/movie/${MOVIE}/%ZZ.json`,
      `/stremio/${uuid}/${token}/stream/movie.json`,
      `/stremio/${uuid}/${token}/stream/movie/${MOVIE}`,
      `/stremio/${uuid}/${token}/stream/movie/${MOVIE}/a/b/c.json`,
      `/stremio/${uuid}/${token}/nonsense/movie/${MOVIE}.json`,
      `/stremio/${uuid}/${token}/stream/__proto__/constructor.json`,
      `/stremio/${uuid}/${token}/catalog/movie/.json`,
      `/stremio/${uuid}/${token}/catalog/movie/nodot.json`,
      `/stremio/${uuid}/${token}/catalog/movie/.top.json`,
      `/stremio/${uuid}/${token}/addon_catalog/all/x.json`,
      `/stremio/__proto__/constructor/stream/movie/${MOVIE}.json`,
      `/stremio/${'a'.repeat(3000)}/${token}/stream/movie/${MOVIE}.json`,
      `/stremio/${uuid}/${'b'.repeat(3000)}/manifest.json`,
      `/stremio/${uuid}/${token.slice(0, -1)}/stream/movie/${MOVIE}.json`,
      `/stremio/${uuid.toUpperCase()}/${token}/stream/movie/${MOVIE}.json`,
      `/stremio/${uuid}/${token}/stream/movie/${encodeURIComponent('../../../etc/passwd')}.json`,
      `/stremio/${uuid}/${token}/stream/movie/${MOVIE}.json?x=%ZZ`,
      `/stremio/u/${'%'.repeat(3)}/manifest.json`,
      `/stremio/u/nobody`,
      `/stremio/x`,
    ];
    for (const path of paths) {
      const res = await get(srv.url + path);
      expect(res.status, `${path.slice(0, 120)} → ${res.text.slice(0, 200)}`).toBeLessThan(500);
      expect(res.text).not.toMatch(/\n\s+at\s|node_modules/);
    }
  });

  it('no stream request runs the password KDF: valid, stale or forged tokens, unknown uuids', async () => {
    const url = `${addonBase(srv.url, user.uuid, user.token)}/stream/movie/${MOVIE}.json`;
    const before = kdfStats.runs;
    for (let i = 0; i < 50; i++) expect((await get(url)).status).toBe(200);
    for (let i = 0; i < 5; i++) {
      const stale = await get(`${srv.url}/stremio/${user.uuid}/StaleTokenStaleTokenStaleToken${i}/stream/movie/${MOVIE}.json`);
      expect(stale.body.streams[0].name).toMatch(/^\[❌\]/);
      const forged = user.token.slice(0, -4) + (user.token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
      expect((await get(`${addonBase(srv.url, user.uuid, forged)}/stream/movie/${MOVIE}.json`)).body.streams[0].name).toMatch(/^\[❌\]/);
      const nobody = `00000000-0000-4000-8000-00000000000${i}`;
      expect((await get(`${addonBase(srv.url, nobody, user.token)}/stream/movie/${MOVIE}.json`)).body.streams[0].name).toMatch(/^\[❌\]/);
    }
    // The Stremio routes are open and unthrottled: they must never cost an Argon2id run.
    expect(kdfStats.runs).toBe(before);
  });
});

describe('preset kinds not implemented yet', () => {
  let srv: TestServer;
  let good: FakeAddon;
  beforeAll(async () => {
    srv = await startTestServer();
    good = await startSdkAddon({ id: 'org.test.good', name: 'Good', idPrefixes: ['tt'], handlers: { stream: () => ({ streams: GOOD_STREAMS }) } });
  });
  afterAll(async () => {
    await srv?.close();
    await good?.close();
  });

  it('yield one error item each, unless their url is a manifest URL (then they work like custom)', async () => {
    const { uuid, token } = await createUser(srv.url, 'kinds secret', {
      presets: [
        { type: 'baguettio', instanceId: 'bag', enabled: true, options: { name: 'Baguettio' } },
        { type: 'hdhub', instanceId: 'hdh', enabled: true, options: { name: 'HdHub', url: good.manifestUrl } },
      ],
      formatter: { id: 'torrentio' },
      sortCriteria: { global: [{ key: 'size', direction: 'desc' }] },
    });
    const res = await get(`${addonBase(srv.url, uuid, token)}/stream/movie/${MOVIE}.json`);
    expect(res.status).toBe(200);
    expect(res.body.streams.map((s: { url?: string; name: string }) => s.url ?? s.name)).toEqual([GOOD_URLS[1], GOOD_URLS[0], '[❌] Baguettio']);
    expect(res.body.streams[2].description).toMatch(/not supported/);
  });
});
