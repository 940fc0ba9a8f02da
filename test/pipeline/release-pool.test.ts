/**
 * The release-name pool on its own: results kept from worker threads are the ones the event loop
 * would make, small batches and a cache that keeps nothing leave the work to the event loop, and
 * a pool that is closed or broken only costs the speed-up.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { streamCacheBudget } from '../../src/addon/cache/memory-budget.js';
import { clearParseCache, parseReleaseName } from '../../src/addon/pipeline/parse.js';
import { releaseInfo } from '../../src/addon/pipeline/parse/release-info.js';
import { ReleaseNamePool } from '../../src/addon/pipeline/parse/release-pool.js';
import { uncachedNames } from '../../src/addon/pipeline/parse/release.js';
import { releaseName } from '../helpers/streams.js';

const names = (count: number, title: string) => Array.from({ length: count }, (_, i) => releaseName(i, title, 1990 + (i % 30)));
const LIMIT = streamCacheBudget.limitBytes;

describe('ReleaseNamePool', () => {
  afterEach(() => {
    streamCacheBudget.setLimit(LIMIT);
    clearParseCache();
  });

  it('keeps every new name of a batch, each as the event loop would parse it', async () => {
    const errors: unknown[] = [];
    const pool = new ReleaseNamePool(2, (err) => errors.push(err));
    try {
      const batch = [...names(300, 'Heat'), ...names(50, 'Heat')];
      expect(uncachedNames(batch)).toHaveLength(300);
      await pool.prepare(batch);
      expect(uncachedNames(batch)).toEqual([]);
      for (const name of batch) expect(parseReleaseName(name)).toEqual(JSON.parse(JSON.stringify(releaseInfo(name))));
      expect(errors).toEqual([]);
    } finally {
      await pool.close();
    }
  });

  it('leaves small batches, and everything when the cache keeps nothing, to the event loop', async () => {
    const pool = new ReleaseNamePool(1, () => undefined);
    try {
      const few = names(20, 'Ronin');
      await pool.prepare(few);
      expect(uncachedNames(few)).toHaveLength(20);
      streamCacheBudget.setLimit(0);
      const many = names(200, 'Ronin');
      await pool.prepare(many);
      expect(uncachedNames(many)).toHaveLength(200);
    } finally {
      await pool.close();
    }
  });

  it('after close, prepare still resolves and the names are parsed where needed', async () => {
    const pool = new ReleaseNamePool(1, () => undefined);
    await pool.close();
    const batch = names(100, 'Thief');
    await expect(pool.prepare(batch)).resolves.toBeUndefined();
    expect(parseReleaseName(batch[0]!).title).toBe('Thief');
  });
});
