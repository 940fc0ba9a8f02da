/**
 * Work and memory per request are bounded: only the first 1,000 streams of one upstream answer
 * are considered, and the caches are bounded by bytes as well as by entry count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_STREAMS_PER_ADDON } from '../../src/addon/pipeline/fetch.js';
import { TtlCache } from '../../src/addon/upstream/ttl-cache.js';
import { createUser } from '../helpers/api.js';
import { startSdkAddon, type FakeAddon } from '../helpers/fake-addons.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { torrentioStreams } from '../helpers/streams.js';
import { addonBase, custom, get } from './support.js';

const MOVIE = 'tt15239678';

describe('one upstream answering 5,000 streams', () => {
  let srv: TestServer;
  let flood: FakeAddon;
  const streams = torrentioStreams({ count: 5000 }) as { infoHash: string }[];

  beforeAll(async () => {
    srv = await startTestServer();
    flood = await startSdkAddon({ id: 'org.test.flood', name: 'Flood', idPrefixes: ['tt'], handlers: { stream: () => ({ streams }) } });
  });
  afterAll(async () => {
    await srv?.close();
    await flood?.close();
  });

  it('only its first 1,000 are considered', async () => {
    expect(MAX_STREAMS_PER_ADDON).toBe(1000);
    // All 5,000 are distinct releases: nothing but the cap could make the answer shorter.
    expect(new Set(streams.map((s) => s.infoHash)).size).toBe(5000);
    const { uuid, token } = await createUser(srv.url, 'flood secret', {
      presets: [custom('flood', 'Flood', flood.manifestUrl)],
      formatter: { id: 'torrentio' },
      sortCriteria: { global: [] },
    });
    const res = await get(`${addonBase(srv.url, uuid, token)}/stream/movie/${MOVIE}.json`);
    expect(res.status).toBe(200);
    const served = res.body.streams as { infoHash?: string; name: string }[];
    expect(served.filter((s) => s.name.startsWith('[❌]'))).toEqual([]);
    expect(served).toHaveLength(1000);
    expect(served.map((s) => s.infoHash)).toEqual(streams.slice(0, 1000).map((s) => s.infoHash));
  });
});

describe('TtlCache weight bound', () => {
  const bytes = (s: string) => s.length;

  it('evicts the least recently used entries until the total weight fits', () => {
    const cache = new TtlCache<string>(100, { weigh: bytes, maxWeight: 10 });
    cache.set('a', 'aaaa', 60_000);
    cache.set('b', 'bbbb', 60_000);
    expect(cache.weight).toBe(8);
    cache.get('a'); // a is now the most recently used
    cache.set('c', 'cccc', 60_000); // 12 > 10: b goes
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual(['aaaa', undefined, 'cccc']);
    expect(cache.weight).toBe(8);
    expect(cache.size).toBe(2);
  });

  it('replacing an entry replaces its weight; a value heavier than the bound is not kept', () => {
    const cache = new TtlCache<string>(100, { weigh: bytes, maxWeight: 10 });
    cache.set('a', 'aaaaaa', 60_000);
    cache.set('a', 'aa', 60_000);
    expect(cache.weight).toBe(2);
    cache.set('huge', 'x'.repeat(11), 60_000);
    expect(cache.get('huge')).toBeUndefined();
    // …and did not flush what was there.
    expect(cache.get('a')).toBe('aa');
    expect(cache.weight).toBe(2);
  });

  it('expired entries and clear() give their weight back; the entry count still bounds', async () => {
    const cache = new TtlCache<string>(2, { weigh: bytes, maxWeight: 1000 });
    cache.set('gone', 'xxxx', 1);
    await new Promise((r) => setTimeout(r, 10)); // past its 1 ms
    expect(cache.get('gone')).toBeUndefined();
    expect(cache.weight).toBe(0);
    cache.set('a', 'a', 60_000);
    cache.set('b', 'b', 60_000);
    cache.set('c', 'c', 60_000);
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBeUndefined();
    cache.clear();
    expect([cache.size, cache.weight]).toEqual([0, 0]);
  });

  it('without weigh only the count bounds (weight stays 0)', () => {
    const cache = new TtlCache<string>(3);
    for (const k of ['a', 'b', 'c', 'd']) cache.set(k, 'x'.repeat(1000), 60_000);
    expect([cache.size, cache.weight]).toEqual([3, 0]);
  });
});
