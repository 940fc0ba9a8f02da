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

async function counter(name: string, labels: Record<string, string>): Promise<number> {
  const registry = await enableMetrics();
  const metric = await registry.getSingleMetric(name)!.get();
  return metric.values.find((v) => Object.entries(labels).every(([k, want]) => v.labels[k] === want))?.value ?? 0;
}
const releaseNameMisses = () => counter('aiostreams_cache_lookups_total', { cache: 'release_names', result: 'miss' });
const parsedAhead = async () => ({
  worker: await counter('aiostreams_release_names_parsed_total', { thread: 'worker' }),
  eventLoop: await counter('aiostreams_release_names_parsed_total', { thread: 'event_loop' }),
});

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
    const ahead: { worker: number; eventLoop: number }[] = [];
    for (const url of urls) {
      clearParseCache();
      const before = await releaseNameMisses();
      const aheadBefore = await parsedAhead();
      const got = await get(url);
      expect(got.status).toBe(200);
      expect(got.body.streams.length).toBeGreaterThan(300);
      answers.push(got.text);
      misses.push((await releaseNameMisses()) - before);
      const aheadAfter = await parsedAhead();
      ahead.push({ worker: aheadAfter.worker - aheadBefore.worker, eventLoop: aheadAfter.eventLoop - aheadBefore.eventLoop });
    }
    expect(answers[0]).toBe(answers[1]);
    // Both met hundreds of new names; the threaded one had about two thirds of each batch parsed
    // on its two threads, the other parsed every name where it was needed.
    expect(misses[0]).toBeGreaterThan(300);
    expect(misses[1]).toBeGreaterThan(300);
    expect(ahead[0]!.worker).toBeGreaterThan(300);
    expect(ahead[0]!.worker).toBeGreaterThan(ahead[0]!.eventLoop);
    expect(ahead[1]).toEqual({ worker: 0, eventLoop: 0 });
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
