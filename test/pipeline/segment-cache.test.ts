import { describe, expect, it } from 'vitest';
import { MemoryBudget } from '../../src/addon/cache/memory-budget.js';
import { SegmentCache } from '../../src/addon/cache/segment-cache.js';

const SEGMENT = 64 * 1024;
const name = (i: number) => `Some.Movie.${i}.2024.1080p.WEB-DL.DDP5.1.H.264-GRP${i % 7}.mkv`;
const value = (i: number) => JSON.stringify({ key: `k${i}`, title: `Some Movie ${i}`, visualTags: ['HDR'], seasons: [i % 9] });

describe('SegmentCache: a string cache off the heap, weighed into the shared budget', () => {
  it('gives back exactly what was kept: ASCII, Latin-1, emoji and CJK keys and values', () => {
    const cache = new SegmentCache(new MemoryBudget(8 * 1024 * 1024));
    const pairs: [string, string][] = [
      ['Plain.Name.2020.mkv', '{"a":1}'],
      ['Amélie.2001.1080p', '{"title":"Amélie"}'],
      ['日本語.S01E02', '{"title":"日本語","x":"😀"}'],
      ['🇬🇧 Flag name', '{"e":"\\ud800 escaped lone surrogate stays text"}'],
      ['', '{}'],
    ];
    for (const [k, v] of pairs) cache.set(k, v);
    for (const [k, v] of pairs) expect(cache.get(k)).toBe(v);
    expect(cache.get('Plain.Name.2020.mkv ')).toBeUndefined();
    expect(cache.has('Amélie.2001.1080p')).toBe(true);
    expect(cache.size).toBe(pairs.length);
  });

  it('never confuses a key with a lone surrogate for another key (it is not kept)', () => {
    const cache = new SegmentCache(new MemoryBudget(8 * 1024 * 1024));
    cache.set('bad\ud800', 'x');
    cache.set('bad\ufffd', 'y');
    expect(cache.get('bad\ud800')).toBeUndefined();
    expect(cache.get('bad\ufffd')).toBe('y');
  });

  it('a replaced value wins; its old copy is dead space', () => {
    const cache = new SegmentCache(new MemoryBudget(8 * 1024 * 1024));
    cache.set('k', 'one');
    cache.set('k', 'two');
    expect(cache.get('k')).toBe('two');
    expect(cache.size).toBe(1);
  });

  it('weighs whole segments into the budget and stays within it, oldest segments going first', () => {
    const budget = new MemoryBudget(1024 * 1024);
    const cache = new SegmentCache(budget);
    for (let i = 0; i < 20_000; i++) cache.set(name(i), value(i));
    expect(budget.usedBytes).toBeLessThanOrEqual(budget.limitBytes);
    expect(budget.usedBytes).toBeGreaterThan(budget.limitBytes - 2 * SEGMENT * 1.07);
    // The newest entries are kept, the oldest are gone, and the index holds only what is kept.
    expect(cache.get(name(19_999))).toBe(value(19_999));
    expect(cache.get(name(0))).toBeUndefined();
    let kept = 0;
    for (let i = 0; i < 20_000; i++) if (cache.has(name(i))) kept++;
    expect(kept).toBe(cache.size);
    expect(kept).toBeGreaterThan(5_000);
    expect(kept).toBeLessThan(20_000);
  });

  it('keeps an entry in use alive: a read from an old segment moves it to the newest', () => {
    const budget = new MemoryBudget(1024 * 1024);
    const cache = new SegmentCache(budget);
    cache.set('hot', 'still here');
    for (let i = 0; i < 50_000; i++) {
      cache.set(name(i), value(i));
      if (i % 500 === 0) expect(cache.get('hot')).toBe('still here');
    }
    expect(cache.get('hot')).toBe('still here');
    expect(cache.get(name(10))).toBeUndefined();
  });

  it('shares the budget with other caches: their entries can push its segments out, and the reverse', () => {
    const budget = new MemoryBudget(1024 * 1024);
    const cache = new SegmentCache(budget);
    const answers = budget.cache<string>();
    for (let i = 0; i < 2_000; i++) cache.set(name(i), value(i));
    const before = cache.size;
    answers.set('answer', 'x', 200 * 1024);
    expect(cache.size).toBeLessThanOrEqual(before);
    expect(cache.get(name(1_999))).toBe(value(1_999));
    for (let i = 2_000; i < 30_000; i++) cache.set(name(i), value(i));
    expect(answers.get('answer')).toBeUndefined();
  });

  it('a budget of 0 keeps nothing; shrinking the budget or clearing empties it', () => {
    const none = new SegmentCache(new MemoryBudget(0));
    none.set('k', 'v');
    expect(none.get('k')).toBeUndefined();
    expect(none.size).toBe(0);

    const budget = new MemoryBudget(4 * 1024 * 1024);
    const cache = new SegmentCache(budget);
    for (let i = 0; i < 1_000; i++) cache.set(name(i), value(i));
    expect(cache.get(name(5))).toBe(value(5));
    budget.setLimit(0);
    expect(cache.size).toBe(0);
    expect(cache.get(name(5))).toBeUndefined();
    expect(budget.usedBytes).toBe(0);
    budget.setLimit(4 * 1024 * 1024);
    cache.set('again', 'yes');
    expect(cache.get('again')).toBe('yes');
    cache.clear();
    expect(cache.size).toBe(0);
    expect(budget.usedBytes).toBe(0);
  });

  it('does not keep a value larger than a segment', () => {
    const cache = new SegmentCache(new MemoryBudget(8 * 1024 * 1024));
    cache.set('huge', 'x'.repeat(SEGMENT));
    expect(cache.get('huge')).toBeUndefined();
    cache.set('small', 'y');
    expect(cache.get('small')).toBe('y');
  });
});
