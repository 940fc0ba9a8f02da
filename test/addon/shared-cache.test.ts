/**
 * With REDIS_URI, instances share upstream and final stream answers: a second instance behind the
 * same proxy answers from Redis instead of asking the upstream again. What Redis holds reveals
 * neither uuids nor upstream URLs (names are HMACs, values sealed), and a Redis that is down
 * costs nothing but the sharing.
 */
import { createClient, RESP_TYPES } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../helpers/api.js';
import { startSdkAddon, type FakeAddon } from '../helpers/fake-addons.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { assertRedisReachable, TEST_REDIS_URI } from '../helpers/services.js';
import { httpStream } from '../helpers/streams.js';
import { addonBase, custom, get, streamHits } from './support.js';

const MOVIE = 'tt0133093';
const SECRET_URL = 'https://cdn.example.test/resolve/realdebrid/SHARED-SECRET-KEY/matrix.mkv';
const STREAM = httpStream({
  addonName: 'Upstream', label: '1080p', filename: 'The.Matrix.1999.1080p.BluRay.x264-AMIABLE.mkv', url: SECRET_URL, videoSize: 9_000_000_000,
});

describe.runIf(TEST_REDIS_URI)('stream caches shared through Redis', () => {
  let a: TestServer;
  let b: TestServer;
  let upstream: FakeAddon;

  beforeAll(async () => {
    await assertRedisReachable();
    upstream = await startSdkAddon({ id: 'org.test.shared', name: 'Upstream', idPrefixes: ['tt'], handlers: { stream: () => ({ streams: [STREAM] }) } });
    a = await startTestServer({ env: { REDIS_URI: TEST_REDIS_URI! } });
    // Same data (so the same SECRET_KEY and users), same Redis: a second instance.
    b = await startTestServer({ dataDir: a.settings.dataDir, env: { REDIS_URI: TEST_REDIS_URI! } });
  });
  afterAll(async () => {
    await b?.stop();
    await a?.close();
    await upstream?.close();
  });

  it('the second instance answers from what the first one fetched, byte for byte', async () => {
    const { uuid, token } = await createUser(a.url, 'shared secret', {
      presets: [custom('up', 'Upstream', upstream.manifestUrl)],
      formatter: { id: 'torrentio' },
      sortCriteria: { global: [] },
    });
    const fromA = await get(`${addonBase(a.url, uuid, token)}/stream/movie/${MOVIE}.json`);
    expect(fromA.status).toBe(200);
    expect(streamHits(upstream.requests)).toBe(1);
    // Writes to Redis happen in the background; wait until they are there (no timing assertion).
    const redis = createClient({ url: TEST_REDIS_URI });
    await redis.connect();
    try {
      for (let i = 0; i < 200 && (await redis.keys('aiostreams-lite:result:*')).length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      const fromB = await get(`${addonBase(b.url, uuid, token)}/stream/movie/${MOVIE}.json`);
      expect(fromB.status).toBe(200);
      expect(fromB.text).toBe(fromA.text);
      expect(streamHits(upstream.requests)).toBe(1);

      // Nothing in Redis names the user, the addon or the stream's secret link.
      const names = await redis.keys('aiostreams-lite:*');
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) {
        expect(name).not.toContain(uuid);
        expect(name).not.toContain('127.0.0.1');
        const value = (await redis.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer }).get(name)) as unknown as Buffer;
        expect(value.includes('SHARED-SECRET-KEY')).toBe(false);
        expect(value.includes('Matrix')).toBe(false);
      }
    } finally {
      await redis.close();
    }
  });

  it('a Redis that is down only costs the sharing: streams are still answered', async () => {
    const lonely = await startTestServer({ env: { REDIS_URI: 'redis://127.0.0.1:1' } });
    try {
      const { uuid, token } = await createUser(lonely.url, 'lonely secret', {
        presets: [custom('up', 'Upstream', upstream.manifestUrl)],
        formatter: { id: 'torrentio' },
        sortCriteria: { global: [] },
      });
      const res = await get(`${addonBase(lonely.url, uuid, token)}/stream/movie/tt0000042.json`);
      expect(res.status).toBe(200);
      expect(res.body.streams.map((s: { url: string }) => s.url)).toEqual([SECRET_URL]);
    } finally {
      await lonely.close();
    }
  });
});
