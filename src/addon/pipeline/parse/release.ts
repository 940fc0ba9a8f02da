// Release names parsed once per process: results are kept per name in the stream cache budget,
// since the same release names recur across requests, titles' addons and users. Names a request
// brings in bulk can be parsed ahead on worker threads (./release-pool.ts) and kept here.
import { streamCacheBudget } from '../../cache/memory-budget.js';
import { SegmentCache } from '../../cache/segment-cache.js';
import { countCache } from '../../../metrics.js';
import type { ReleaseInfo } from '../types.js';
import { packRelease, unpackRelease } from './release-codec.js';
import { releaseInfo } from './release-info.js';

export { nameKey } from './release-info.js';

// Results are kept packed (./release-codec.ts), off the heap (../../cache/segment-cache.ts). Kept
// as objects, a full budget of small cached objects made the heap ~1.5x the estimate and V8 grow
// it to twice that again (RSS +265 MB for a 64 MB budget); as heap strings still +80 MB over the
// same cache off the heap. Unpacking one costs 1.3-2 µs, ptt ~17 µs.
const cache = new SegmentCache(streamCacheBudget);

/** Names parsed ahead for one request (./release-pool.ts): name → `packRelease(releaseInfo(name))`. */
export type PreparedNames = ReadonlyMap<string, string>;

/**
 * Parse a release name (a filename or a torrent/folder name). Names parsed ahead for this request
 * come from `prepared`; others from the cache, where each distinct name is kept once parsed
 * while it stays in the budget. Every call returns an object of its own.
 */
export function parseReleaseName(text: string, prepared?: PreparedNames): Readonly<ReleaseInfo> {
  const ahead = prepared?.get(text);
  if (ahead !== undefined) return unpackRelease(ahead);
  const packed = cache.get(text);
  countCache('release_names', packed !== undefined);
  if (packed !== undefined) return unpackRelease(packed);
  const info = releaseInfo(text);
  keepParsedName(text, packRelease(info));
  return info;
}

/** The names of `names` that are not cached, each once (a peek: no lookup is counted). */
export function uncachedNames(names: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const name of names) if (!cache.has(name)) out.add(name);
  return [...out];
}

/** `count` names looked up ahead and not found (parsed ahead, they are not looked up again). */
export function countUncached(count: number): void {
  for (let i = 0; i < count; i++) countCache('release_names', false);
}

/** Keeps a result parsed ahead: `packed` is `packRelease(releaseInfo(name))`. */
export function keepParsedName(name: string, packed: string): void {
  cache.set(name, packed);
}

/** Empty the process-wide release-name cache (benchmarks, tests). */
export function clearParseCache(): void {
  cache.clear();
}
