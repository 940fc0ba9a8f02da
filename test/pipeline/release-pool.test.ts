/**
 * The release-name pool on its own: what it hands back (and keeps) is what the event loop would
 * parse, the threads really take their share, small batches stay on the event loop, a cache that
 * keeps nothing still gets its answer, and a closed pool only costs the speed-up.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { streamCacheBudget } from '../../src/addon/cache/memory-budget.js';
import { clearParseCache, parseReleaseName } from '../../src/addon/pipeline/parse.js';
import { packRelease } from '../../src/addon/pipeline/parse/release-codec.js';
import { releaseInfo } from '../../src/addon/pipeline/parse/release-info.js';
import { ReleaseNamePool } from '../../src/addon/pipeline/parse/release-pool.js';
import { uncachedNames } from '../../src/addon/pipeline/parse/release.js';
import { enableMetrics } from '../../src/metrics.js';
import { releaseName } from '../helpers/streams.js';

const names = (count: number, title: string) => Array.from({ length: count }, (_, i) => releaseName(i, title, 1990 + (i % 30)));
const LIMIT = streamCacheBudget.limitBytes;
const asParsed = (name: string) => packRelease(releaseInfo(name));

async function parsedOn(thread: string): Promise<number> {
  const metric = await (await enableMetrics()).getSingleMetric('aiostreams_release_names_parsed_total')!.get();
  return metric.values.find((v) => v.labels.thread === thread)?.value ?? 0;
}

describe('ReleaseNamePool', () => {
  afterEach(() => {
    streamCacheBudget.setLimit(LIMIT);
    clearParseCache();
  });

  it('hands back and keeps every new name of a batch as the event loop would parse it, two thirds parsed on its two threads', async () => {
    const errors: unknown[] = [];
    const pool = new ReleaseNamePool(2, (err) => errors.push(err));
    try {
      const batch = [...names(300, 'Heat'), ...names(50, 'Heat')];
      expect(uncachedNames(batch)).toHaveLength(300);
      const [worker, eventLoop] = [await parsedOn('worker'), await parsedOn('event_loop')];
      const prepared = await pool.prepare(batch);
      expect(prepared.size).toBe(300);
      expect((await parsedOn('worker')) - worker).toBe(200);
      expect((await parsedOn('event_loop')) - eventLoop).toBe(100);
      for (const name of batch) expect(prepared.get(name)).toBe(asParsed(name));
      expect(uncachedNames(batch)).toEqual([]);
      for (const name of batch) expect(parseReleaseName(name)).toStrictEqual(releaseInfo(name));
      expect(errors).toEqual([]);
    } finally {
      await pool.close();
    }
  });

  it('leaves small batches to the event loop; with a cache that keeps nothing the request still gets every name', async () => {
    const pool = new ReleaseNamePool(1, (err) => {
      throw err;
    });
    try {
      const few = names(20, 'Ronin');
      expect((await pool.prepare(few)).size).toBe(0);
      expect(uncachedNames(few)).toHaveLength(20);
      streamCacheBudget.setLimit(0);
      const many = names(200, 'Ronin');
      const prepared = await pool.prepare(many);
      expect(prepared.size).toBe(200);
      expect(prepared.get(many[150]!)).toBe(asParsed(many[150]!));
      expect(uncachedNames(many)).toHaveLength(200);
    } finally {
      await pool.close();
    }
  });

  it('after close, prepare parses nothing ahead and starts no thread; names are parsed where needed', async () => {
    const pool = new ReleaseNamePool(1, () => undefined);
    await pool.close();
    const batch = names(100, 'Thief');
    const worker = await parsedOn('worker');
    const prepared = await pool.prepare(batch);
    expect(prepared.size).toBe(0);
    expect(await parsedOn('worker')).toBe(worker);
    expect(parseReleaseName(batch[99]!, prepared).title).toBe('Thief');
  });
});
