/**
 * Filter lists that contradict each other (config.md §5.3): a value both excluded and required
 * (the exclusion runs first, so the requirement is moot for it), or excluded and preferred (an
 * excluded stream is never there to be sorted). The page warns as they are set. DOM-free.
 */
import { stringList, type Config } from './config.js';

export interface Conflict {
  value: string;
  /** The list in which the value does nothing because `excluded<family>` has it. */
  moot: 'required' | 'preferred';
}

/** Release groups and keywords compare without case; enum families exactly. */
export function filterConflicts(config: Config, family: string, ignoreCase = false): Conflict[] {
  const key = (v: string) => (ignoreCase ? v.toLowerCase() : v);
  const excluded = new Set(stringList(config, `excluded${family}`).map(key));
  return (['required', 'preferred'] as const).flatMap((moot) =>
    stringList(config, `${moot}${family}`)
      .filter((v) => excluded.has(key(v)))
      .map((value) => ({ value, moot })),
  );
}
