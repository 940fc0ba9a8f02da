// §5.6: seeder ranges, limited to the stream kinds of `seederRangeTypes`.
import type { UserConfig } from '../../../config/schema.js';
import type { ParsedStream } from '../types.js';

type Range = readonly [number, number];
type Test = (s: ParsedStream) => boolean;

/** A bound at the slider ends (min 0, max 1000) is unset. */
const RANGE_MAX = 1000;

export interface SeederRules {
  /** Keep now (§5.3 step 2). */
  include?: Test;
  /** Drop (§5.3 step 7), required first. */
  dropRequired?: Test;
  dropExcluded?: Test;
}

/** Which streams the ranges apply to; absent or empty → every stream. */
function appliesTo(types: UserConfig['seederRangeTypes']): Test {
  const set = new Set(types ?? []);
  if (set.size === 0) return () => true;
  return (s) =>
    (s.type === 'p2p' && set.has('p2p')) ||
    (s.type === 'debrid' && s.service !== undefined &&
      set.has(s.service.cached ? 'cached' : 'uncached'));
}

/** Wraps a range test with the type scope; undefined when both bounds are unset. */
function rule(
  range: Range | undefined, applies: Test,
  test: (seeders: number | undefined, min: number | undefined, max: number | undefined) => boolean,
): Test | undefined {
  if (!range) return undefined;
  const min = range[0] > 0 ? range[0] : undefined;
  const max = range[1] < RANGE_MAX ? range[1] : undefined;
  if (min === undefined && max === undefined) return undefined;
  return (s) => applies(s) && test(s.seeders, min, max);
}

export function compileSeederRules(config: UserConfig): SeederRules {
  const applies = appliesTo(config.seederRangeTypes);
  // Unknown seeders count as 0 everywhere except required's max.
  return {
    include: rule(config.includeSeederRange, applies, (n = 0, min, max) =>
      (min !== undefined && n > min) || (max !== undefined && n < max)),
    dropRequired: rule(config.requiredSeederRange, applies, (n, min, max) =>
      (min !== undefined && (n ?? 0) < min) || (max !== undefined && n !== undefined && n > max)),
    // AIOStreams quirk, copied: drops above min or below max, not the streams inside the range.
    dropExcluded: rule(config.excludeSeederRange, applies, (n = 0, min, max) =>
      (min !== undefined && n > min) || (max !== undefined && n < max)),
  };
}
