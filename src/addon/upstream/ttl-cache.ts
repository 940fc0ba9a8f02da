/**
 * A bounded map with per-entry expiry, plus single-flight loading (`share`): concurrent misses
 * for one key share one upstream call. Map insertion order doubles as LRU order.
 *
 * Bounded by entry count and, optionally, by total weight (e.g. bytes): a count alone lets a
 * few thousand 10 MB answers pin gigabytes.
 */
import { SingleFlight } from '../cache/single-flight.js';

export interface TtlCacheOptions<V> {
  /** The cost of one value (e.g. its size in bytes); needed for `maxWeight`. */
  weigh?: (value: V) => number;
  /** Oldest entries are evicted until the total weight fits; a heavier value is not kept at all. */
  maxWeight?: number;
}

interface Entry<V> {
  value: V;
  expires: number;
  weight: number;
}

export class TtlCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly inflight = new SingleFlight<V>();
  private readonly weigh: ((value: V) => number) | undefined;
  private readonly maxWeight: number;
  private totalWeight = 0;

  constructor(
    private readonly maxEntries: number,
    opts: TtlCacheOptions<V> = {},
  ) {
    this.weigh = opts.weigh;
    this.maxWeight = opts.maxWeight ?? Infinity;
  }

  get(key: string): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.expires <= Date.now()) {
      this.delete(key);
      return undefined;
    }
    // Refresh recency.
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.value;
  }

  set(key: string, value: V, ttlMs: number): void {
    if (ttlMs <= 0) return;
    this.delete(key);
    const weight = this.weigh ? Math.max(0, this.weigh(value)) : 0;
    if (weight > this.maxWeight) return; // would evict everything and still not fit
    while (this.entries.size > 0 && (this.entries.size >= this.maxEntries || this.totalWeight + weight > this.maxWeight)) {
      this.delete(this.entries.keys().next().value!);
    }
    this.entries.set(key, { value, expires: Date.now() + ttlMs, weight });
    this.totalWeight += weight;
  }

  /** Single flight without caching (../cache/single-flight.ts). */
  share(key: string, load: () => Promise<V>): Promise<V> {
    return this.inflight.run(key, load);
  }

  clear(): void {
    this.entries.clear();
    this.totalWeight = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Total weight of the entries held (0 without `weigh`). */
  get weight(): number {
    return this.totalWeight;
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.totalWeight -= entry.weight;
  }
}
