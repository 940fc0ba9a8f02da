// The sort stage (config.md §6). Each criterion compiles to a number per stream where smaller is
// "better" under `desc` (negated for `asc`); the numbers are computed once per stream into a flat
// array and the comparator only reads that array, breaking ties by arrival order.
import type { SORT_LISTS, SortCriterion, UserConfig } from '../../config/schema.js';
import { configFamilyList, familyValues, isUncached, type Family } from './attributes.js';
import type { PreferredMarks } from './preferred.js';
import type { ParsedStream } from './types.js';

export interface SortContext {
  /** Stremio type of the request (`movie`, `series`, …). */
  kind: 'movie' | 'series' | 'anime' | string;
  /** The requested id is an anime id: the `anime` lists apply (§6). */
  isAnime: boolean;
}

/** Streams may carry the marks of the preferred stage; unmarked streams tie on those keys. */
export type Sortable = ParsedStream & Partial<PreferredMarks>;
export type Sorter = <T extends Sortable>(streams: T[], ctx: SortContext) => T[];

type KeyFn = (s: Sortable) => number;
type Criteria = SortCriterion[];

/** Keys ranked by the lowest index of any of the stream's values in `preferredX`. */
const LIST_KEYS: Partial<Record<SortCriterion['key'], Family>> = {
  resolution: 'resolution', quality: 'quality', encode: 'encode', streamType: 'streamType',
  releaseGroup: 'releaseGroup', visualTag: 'visualTag', audioTag: 'audioTag',
  language: 'language', subtitle: 'subtitle',
};

type ListName = Exclude<(typeof SORT_LISTS)[number], 'global'>;
/**
 * The kind-specific list names; other kinds only use `global`, `cached` and `uncached`. A Map,
 * because the kind comes from the request URL (no prototype keys).
 */
const LIST_NAMES = new Map<string, { primary: ListName; cached: ListName; uncached: ListName }>([
  ['movie', { primary: 'movies', cached: 'cachedMovies', uncached: 'uncachedMovies' }],
  ['series', { primary: 'series', cached: 'cachedSeries', uncached: 'uncachedSeries' }],
  ['anime', { primary: 'anime', cached: 'cachedAnime', uncached: 'uncachedAnime' }],
]);

export function compileSorter(config: UserConfig): Sorter {
  const keyOf = keyFactory(config);
  const compiled = new Map<Criteria, KeyFn[]>();
  const keysFor = (criteria: Criteria): KeyFn[] => {
    let fns = compiled.get(criteria);
    if (!fns) {
      fns = [];
      for (const c of criteria) {
        const fn = keyOf(c.key);
        // A key with no effect (no preferred list, no data yet) is left out: it would only tie.
        if (fn) fns.push(c.direction === 'asc' ? (s) => -fn(s) : fn);
      }
      compiled.set(criteria, fns);
    }
    return fns;
  };
  const sc = config.sortCriteria;
  const nonEmpty = (list: Criteria | undefined) => (list && list.length > 0 ? list : undefined);

  return <T extends Sortable>(streams: T[], ctx: SortContext): T[] => {
    const top: T[] = [];
    const bottom: T[] = [];
    const rest: T[] = [];
    for (const s of streams) {
      const pin = s.addon.pinPosition;
      (pin === 'top' ? top : pin === 'bottom' ? bottom : rest).push(s);
    }

    const names = LIST_NAMES.get(ctx.isAnime ? 'anime' : ctx.kind);
    const primary = (names && nonEmpty(sc[names.primary])) ?? sc.global;
    const cachedList = (names && nonEmpty(sc[names.cached])) ?? nonEmpty(sc.cached);
    const uncachedList = (names && nonEmpty(sc[names.uncached])) ?? nonEmpty(sc.uncached);
    const first = primary[0];

    let sorted: T[];
    if (cachedList && uncachedList && first?.key === 'cached') {
      // Split mode: the rest of the primary list is unused.
      const uncached = sortBy(rest.filter(isUncached), keysFor(uncachedList));
      const cached = sortBy(rest.filter((s) => !isUncached(s)), keysFor(cachedList));
      sorted = first.direction === 'desc' ? [...cached, ...uncached] : [...uncached, ...cached];
    } else {
      sorted = sortBy(rest, keysFor(primary));
    }
    return [...top, ...sorted, ...bottom];
  };
}

/** Stable sort on precomputed keys; ties keep arrival order. */
function sortBy<T extends Sortable>(streams: T[], fns: KeyFn[]): T[] {
  const k = fns.length;
  if (k === 0 || streams.length < 2) return streams.slice();
  const keys = new Float64Array(streams.length * k);
  streams.forEach((s, i) => {
    for (let j = 0; j < k; j++) keys[i * k + j] = fns[j]!(s);
  });
  const order = streams.map((_, i) => i);
  order.sort((a, b) => {
    for (let j = 0; j < k; j++) {
      const d = keys[a * k + j]! - keys[b * k + j]!;
      if (d !== 0) return d;
    }
    return a - b;
  });
  return order.map((i) => streams[i]!);
}

/** Builds the "smaller is better" function of each sort key, or undefined for a no-op key. */
function keyFactory(config: UserConfig): (key: SortCriterion['key']) => KeyFn | undefined {
  const serviceIndex = new Map((config.services ?? []).map((svc, i) => [svc.id as string, i]));
  const serviceCount = serviceIndex.size;
  const regexCount = config.preferredRegexPatterns?.length ?? 0;

  return (key) => {
    const family = LIST_KEYS[key];
    if (family) return listKey(family, configFamilyList(config, 'preferred', family));
    switch (key) {
      case 'cached': return (s) => (isUncached(s) ? 1 : 0);
      case 'library': return (s) => (s.library ? 0 : 1);
      case 'size': return (s) => -(s.size ?? 0);
      case 'seeders': return (s) => -(s.seeders ?? 0);
      case 'addon': return (s) => s.addon.addonIndex;
      case 'service': return (s) => (s.service ? serviceIndex.get(s.service.id) : undefined) ?? serviceCount;
      case 'keyword': return (s) => (s.keywordMatched ? 0 : 1);
      case 'regexPatterns': return (s) => s.regexMatchIndex ?? regexCount;
      // `age`, `bitrate`, `private` have no parsed data yet (all missing → equal); the expression
      // and SeaDex keys are not built yet; `audioChannel` is a no-op in AIOStreams too.
      default: return undefined;
    }
  };
}

/** Lowest index of any of the stream's values (Unknown when missing) in the list; unlisted last. */
function listKey(family: Family, list: string[] | undefined): KeyFn | undefined {
  if (!list) return undefined;
  const index = new Map<string, number>();
  list.forEach((v, i) => {
    if (!index.has(v)) index.set(v, i);
  });
  return (s) => {
    let best = list.length;
    for (const v of familyValues(s, family)) best = Math.min(best, index.get(v) ?? best);
    return best;
  };
}
