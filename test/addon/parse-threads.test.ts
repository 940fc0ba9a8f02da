/**
 * New release names parsed on worker threads (PARSE_THREADS) give the very answer the event loop
 * alone gives, byte for byte, and the threads really take the work: the event loop parses only its
 * share of a request's new names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearParseCache } from '../../src/addon/pipeline/parse.js';
import { enableMetrics } from '../../src/metrics.js';
import { createUser } from '../helpers/api.js';
import { rawManifest, startRawAddon, type FakeAddon } from '../helpers/fake-addons.js';
import { GOLDENS } from '../helpers/formatter-goldens.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { torrentioStreams } from '../helpers/streams.js';
import { addonBase, custom, get, preset } from './support.js';

/** Real addons' streams (the goldens' inputs, with and without filename hints) and generated ones. */
const STREAMS = [
  ...GOLDENS.streams.map((s) => s.input),
  ...torrentioStreams({ count: 300, service: 'RD', uncachedEvery: 3, title: 'Arrival' }),
];

const config = (upstream: FakeAddon) => ({
  presets: [
    custom('plain', 'Plain', upstream.manifestUrl),
    preset('torrentio', 'tio', { url: upstream.manifestUrl }),
  ],
  services: [{ id: 'realdebrid', enabled: true, credentials: { apiKey: 'k' } }],
  formatter: { id: 'gdrive' },
  sortCriteria: { global: [{ key: 'cached', direction: 'desc' }, { key: 'resolution', direction: 'desc' }, { key: 'size', direction: 'desc' }] },
  deduplicator: { enabled: true },
});

async function releaseNameMisses(): Promise<number> {
  const registry = await enableMetrics();
  const metric = await registry.getSingleMetric('aiostreams_cache_lookups_total')!.get();
  return metric.values.find((v) => v.labels.cache === 'release_names' && v.labels.result === 'miss')?.value ?? 0;
}

describe('release names parsed on worker threads', () => {
  let upstream: FakeAddon;
  let threaded: TestServer;
  let single: TestServer;

  beforeAll(async () => {
    upstream = await startRawAddon(rawManifest('test.parse-threads', 'Upstream'), (_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ streams: STREAMS }));
    });
    threaded = await startTestServer({ env: { PARSE_THREADS: '2', STREAM_RESULT_CACHE_TTL: '0', UPSTREAM_STREAM_CACHE_TTL: '0' } });
    single = await startTestServer({ env: { PARSE_THREADS: '0', STREAM_RESULT_CACHE_TTL: '0', UPSTREAM_STREAM_CACHE_TTL: '0' } });
  });

  afterAll(async () => {
    await Promise.all([threaded?.close(), single?.close(), upstream?.close()]);
  });

  it('answers byte for byte as the event loop alone, while parsing only a share of the new names itself', async () => {
    await enableMetrics();
    const urls: string[] = [];
    for (const srv of [threaded, single]) {
      const { uuid, token } = await createUser(srv.url, 'pw-parse-threads', config(upstream));
      urls.push(`${addonBase(srv.url, uuid, token)}/stream/movie/tt0000001.json`);
    }
    const answers: string[] = [];
    const misses: number[] = [];
    for (const url of urls) {
      clearParseCache();
      const before = await releaseNameMisses();
      const got = await get(url);
      expect(got.status).toBe(200);
      expect(got.body.streams.length).toBeGreaterThan(300);
      answers.push(got.text);
      misses.push((await releaseNameMisses()) - before);
    }
    expect(answers[0]).toBe(answers[1]);
    // Three shares (two threads and the event loop): the event loop met about a third of the
    // names as new; alone, it met them all.
    expect(misses[1]).toBeGreaterThan(300);
    expect(misses[0]).toBeLessThan(misses[1]! / 2);
  });

  it('a second request with the same releases parses nothing again, on either server', async () => {
    for (const srv of [threaded, single]) {
      const { uuid, token } = await createUser(srv.url, 'pw-parse-threads', config(upstream));
      const url = `${addonBase(srv.url, uuid, token)}/stream/movie/tt0000002.json`;
      clearParseCache();
      const first = await get(url);
      const before = await releaseNameMisses();
      const again = await get(url);
      expect(again.text).toBe(first.text);
      expect((await releaseNameMisses()) - before).toBe(0);
    }
  });
});
