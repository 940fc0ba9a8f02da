// §5.4: the size bounds that apply to a stream, resolved once per config for every
// (request kind, resolution) pair so the per-stream test is a map lookup and two comparisons.
import type { UserConfig } from '../../../config/schema.js';
import { RESOLUTIONS } from '../types.js';
import type { ParsedStream } from '../types.js';

type Pair = readonly [number, number];
type SizeConfig = NonNullable<UserConfig['size']>;
type Media = 'movies' | 'series' | 'anime';

/** The slider maximum; as an upper bound it means "no bound". */
const SLIDER_MAX = 100_000_000_000;
/** Key for streams without a parsed resolution (they only use `global`). */
const NO_RESOLUTION = '';

/** Only exactly `[0, 100 GB]` is absent; `[0, 0]` filters nothing but still blocks the fallback. */
function present(pair: Pair | undefined): Pair | undefined {
  return pair && !(pair[0] === 0 && pair[1] === SLIDER_MAX) ? pair : undefined;
}

/** movie → movies; anime → anime then series; any other kind → series. */
function mediaOrder(kind: string): Media[] {
  if (kind === 'movie') return ['movies'];
  return kind === 'anime' ? ['anime', 'series'] : ['series'];
}

/** The first present pair: per-resolution beats global, for each media key in order. */
function resolvePair(size: SizeConfig, kind: string, resolution: string): Pair | undefined {
  const perRes = resolution === NO_RESOLUTION
    ? undefined
    : size.resolution?.[resolution as keyof NonNullable<SizeConfig['resolution']>];
  for (const media of mediaOrder(kind)) {
    const pair = present(perRes?.[media]) ?? present(size.global?.[media]);
    if (pair) return pair;
  }
  return undefined;
}

function withinPair(bytes: number, [min, max]: Pair): boolean {
  if (min > 0 && bytes < min) return false;
  return !(max > 0 && max !== SLIDER_MAX && bytes > max);
}

/** Whether a stream passes the size filter for the request kind; undefined when no size filter. */
export function compileSizeFilter(
  size: UserConfig['size'],
): ((s: ParsedStream, kind: string) => boolean) | undefined {
  if (!size) return undefined;
  const byKind = new Map<string, Map<string, Pair | undefined>>();
  const pairsFor = (kind: string): Map<string, Pair | undefined> => {
    const key = kind === 'movie' || kind === 'anime' ? kind : 'other';
    let pairs = byKind.get(key);
    if (!pairs) {
      pairs = new Map();
      for (const res of [NO_RESOLUTION, ...RESOLUTIONS]) pairs.set(res, resolvePair(size, kind, res));
      byKind.set(key, pairs);
    }
    return pairs;
  };
  return (s, kind) => {
    if (s.size === undefined) return true;
    const pair = pairsFor(kind).get(s.resolution ?? NO_RESOLUTION);
    return pair === undefined || withinPair(s.size, pair);
  };
}
