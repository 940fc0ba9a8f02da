// Release names parsed once per process: results are kept per name in the stream cache budget,
// since the same release names recur across requests, titles' addons and users. Names a request
// brings in bulk can be parsed ahead on worker threads (./release-pool.ts) and kept here.
import { retainedSize, streamCacheBudget } from '../../cache/memory-budget.js';
import { countCache } from '../../../metrics.js';
import type { ReleaseInfo } from '../types.js';
import { releaseInfo } from './release-info.js';

export { nameKey } from './release-info.js';

// Results are kept as their JSON text: one flat string that the garbage collector never traces,
// whose size is what it holds. Kept as objects, a full budget of small cached objects made the
// heap ~1.5x the estimate and V8 grow it to twice that again (RSS +265 MB for a 64 MB budget,
// against +123 MB as strings); JSON.parse of one costs ~1 µs, ptt ~17 µs.
const cache = streamCacheBudget.cache<string>();
/** Map entry, node and key string around each cached result. */
const ENTRY_OVERHEAD = 120;

/**
 * Parse a release name (a filename or a torrent/folder name). Cached: each distinct name is
 * parsed once while it stays in the budget; every call returns an object of its own.
 */
export function parseReleaseName(text: string): Readonly<ReleaseInfo> {
  const packed = cache.get(text);
  countCache('release_names', packed !== undefined);
  if (packed !== undefined) return JSON.parse(packed) as ReleaseInfo;
  const info = releaseInfo(text);
  keepParsedName(text, JSON.stringify(info));
  return info;
}

/** The names of `names` that are not cached, each once (a peek: no lookup is counted). */
export function uncachedNames(names: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const name of names) if (!cache.has(name)) out.add(name);
  return [...out];
}

/** Keeps a result parsed elsewhere (a worker thread): `json` is `JSON.stringify(releaseInfo(name))`. */
export function keepParsedName(name: string, json: string): void {
  cache.set(name, json, ENTRY_OVERHEAD + retainedSize(name) + retainedSize(json));
}

/** Whether kept results survive at all (STREAM_CACHE_MB=0 keeps nothing). */
export const keepsParsedNames = (): boolean => streamCacheBudget.limitBytes > 0;

/** Empty the process-wide release-name cache (benchmarks, tests). */
export function clearParseCache(): void {
  cache.clear();
}
