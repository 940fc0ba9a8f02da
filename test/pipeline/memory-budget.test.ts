import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryBudget, retainedSize } from '../../src/addon/cache/memory-budget.js';

describe('MemoryBudget: one LRU over every cache, bounded by weight', () => {
  afterEach(() => vi.useRealTimers());

  it('evicts the least recently used entry of any cache once the total passes the budget', () => {
    const budget = new MemoryBudget(1000);
    const answers = budget.cache<string>();
    const names = budget.cache<number>();
    answers.set('a', 'A', 200);
    names.set('n1', 1, 200);
    answers.set('b', 'B', 200);
    expect(answers.get('a')).toBe('A'); // a is now the newest
    names.set('n2', 2, 200);
    names.set('n3', 3, 200); // 1,000 bytes: still fits
    expect(budget.usedBytes).toBe(1000);
    answers.set('c', 'C', 200); // over: the oldest (n1) goes, whichever cache it belongs to
    expect(names.get('n1')).toBeUndefined();
    expect(answers.get('a')).toBe('A');
    expect(budget.usedBytes).toBe(1000);
    expect(names.size + answers.size).toBe(5);
  });

  it('re-setting a key replaces its weight instead of adding to it', () => {
    const budget = new MemoryBudget(1000);
    const c = budget.cache<string>();
    c.set('k', 'x', 100);
    c.set('k', 'y', 150);
    expect(budget.usedBytes).toBe(150);
    expect(c.get('k')).toBe('y');
  });

  it('a budget of 0 keeps nothing, and one entry never takes more than a quarter', () => {
    const none = new MemoryBudget(0);
    const c = none.cache<string>();
    c.set('k', 'v', 1);
    expect(c.get('k')).toBeUndefined();
    expect(none.usedBytes).toBe(0);
    const small = new MemoryBudget(1000);
    const d = small.cache<string>();
    d.set('big', 'v', 251);
    expect(d.get('big')).toBeUndefined();
    d.set('ok', 'v', 250);
    expect(d.get('ok')).toBe('v');
  });

  it('expired entries are not served, and a sweep gives their memory back without any read', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const budget = new MemoryBudget(10_000);
    const c = budget.cache<string>();
    c.set('short', 's', 100, 1_000);
    c.set('long', 'l', 100, 60_000);
    c.set('forever', 'f', 100);
    vi.setSystemTime(1_002_000);
    expect(c.get('short')).toBeUndefined();
    c.set('short2', 's', 100, 1_000);
    vi.setSystemTime(1_120_000);
    budget.sweep();
    expect(budget.usedBytes).toBe(100);
    expect(c.get('forever')).toBe('f');
    expect(c.size).toBe(1);
  });

  it('shrinking the limit evicts at once; clearing one cache leaves the others', () => {
    const budget = new MemoryBudget(1000);
    const a = budget.cache<number>();
    const b = budget.cache<number>();
    for (let i = 0; i < 4; i++) a.set(`a${i}`, i, 100);
    for (let i = 0; i < 4; i++) b.set(`b${i}`, i, 100);
    budget.setLimit(300);
    expect(budget.usedBytes).toBe(300);
    expect([b.get('b1'), b.get('b2'), b.get('b3')]).toEqual([1, 2, 3]);
    b.clear();
    expect(budget.usedBytes).toBe(0);
    budget.setLimit(1000);
    a.set('x', 1, 100);
    expect(budget.usedBytes).toBe(100);
  });
});

describe('retainedSize', () => {
  it('counts characters (two bytes once any is outside Latin-1), slots and nested values', () => {
    expect(retainedSize('abcd')).toBe(20);
    expect(retainedSize('ab🇬🇧')).toBe(16 + 2 * 6);
    expect(retainedSize([1, 2])).toBe(16 + 16);
    expect(retainedSize({ a: 'x', b: [1] })).toBeGreaterThan(retainedSize({ a: 'x' }));
    expect(retainedSize(1.5)).toBe(16);
  });
});
