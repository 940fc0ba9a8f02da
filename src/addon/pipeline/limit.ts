// Result limits (config.md §8), applied to the sorted list from the top so the best survive.
import type { UserConfig } from '../../config/schema.js';
import { isAlwaysKept, UNKNOWN } from './attributes.js';
import type { ParsedStream } from './types.js';

export type Limiter = <T extends ParsedStream>(streams: T[]) => T[];

type Category = 'indexer' | 'releaseGroup' | 'resolution' | 'quality' | 'addon' | 'streamType' | 'service';

/** §8 check order of the independent mode. */
const CATEGORY_ORDER: Category[] = [
  'indexer', 'releaseGroup', 'resolution', 'quality', 'addon', 'streamType', 'service',
];

/** A stream's value in a category; undefined = not counted (no indexer, group or service). */
function categoryValue(s: ParsedStream, c: Category): string | undefined {
  switch (c) {
    case 'indexer': return s.indexer;
    case 'releaseGroup': return s.releaseGroup;
    case 'resolution': return s.resolution ?? UNKNOWN;
    case 'quality': return s.quality ?? UNKNOWN;
    case 'addon': return s.addon.presetInstanceId;
    case 'streamType': return s.type;
    case 'service': return s.service?.id;
  }
}

export function compileLimiter(config: UserConfig): Limiter {
  const limits = config.resultLimits ?? {};
  const global = limits.global ?? Infinity;
  const enabled = CATEGORY_ORDER
    .filter((c) => limits[c] !== undefined)
    .map((c) => ({ category: c, limit: limits[c]! }));
  if (global === Infinity && enabled.length === 0) return (streams) => streams;
  const counter = limits.mode === 'conjunctive' ? conjunctive : independent;

  return (streams) => {
    const admit = counter(enabled); // fresh counts per request
    const out: typeof streams = [];
    let counted = 0;
    for (const s of streams) {
      if (counted >= global) break;
      // Info items and passthrough addons are not counted, but the global cut still ends them.
      if (isAlwaysKept(s)) out.push(s);
      else if (admit(s)) {
        out.push(s);
        counted++;
      }
    }
    return out;
  };
}

type Admit = (s: ParsedStream) => boolean;
interface Enabled {
  category: Category;
  limit: number;
}

/**
 * Each category on its own. AIOStreams quirk, copied: a category's count rises as soon as it
 * passes, even when a later category then drops the stream.
 */
function independent(enabled: Enabled[]): Admit {
  const counts = enabled.map(() => new Map<string, number>());
  return (s) => {
    for (const [i, { category, limit }] of enabled.entries()) {
      const value = categoryValue(s, category);
      if (value === undefined) continue;
      const count = counts[i]!.get(value) ?? 0;
      if (count >= limit) return false;
      counts[i]!.set(value, count + 1);
    }
    return true;
  };
}

/**
 * One combined key over the enabled categories, capped at the smallest enabled limit. A category
 * the stream has no value for (indexer, group, service) is left out of its key; a stream with
 * none of them is only capped by `global`, as in the independent mode.
 */
function conjunctive(enabled: Enabled[]): Admit {
  const limit = Math.min(...enabled.map((e) => e.limit));
  const counts = new Map<string, number>();
  return (s) => {
    const values = enabled.map(({ category }) => categoryValue(s, category) ?? null);
    if (values.every((v) => v === null)) return true;
    const key = JSON.stringify(values);
    const count = counts.get(key) ?? 0;
    if (count >= limit) return false;
    counts.set(key, count + 1);
    return true;
  };
}
