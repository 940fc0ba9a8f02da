// Service and cached status from a stream's `name` (config.md §4.3).
import { SERVICES } from '../../../config/services.js';
import type { ParsedService, ServiceId } from '../types.js';

const WEB_DL = /web-?dl/i;
const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// One pattern per service: a recognised name standing alone (boundary characters of §4.3).
// `m` makes ^/$ work per line; `u` is needed for the astral emoji in the class.
const SERVICE_PATTERNS: ReadonlyArray<{ id: ServiceId; names: readonly string[]; pattern: RegExp }> = SERVICES.map((s) => ({
  id: s.id,
  // The regex only runs when one of the names occurs at all (most names name one service).
  names: s.knownNames.map((n) => n.toLowerCase()),
  pattern: new RegExp(
    `(?<=^|[ |\\[(_/\\-.])(?:${s.knownNames.map(escapeRegex).join('|')})(?=$|[+ ⬇⏳⚡☁🌩📫/|)\\]_.\\-])`,
    'imu',
  ),
}));

const UNCACHED_MARKERS = ['⏳', 'download', 'UNCACHED', '☁️'];
const CACHED_MARKERS = ['⚡', '🚀', 'cached', '🌩️', '📫'];

/** One shared, frozen object per (service, cached): streams only read them. */
const RESULTS = new Map<string, ParsedService>(
  SERVICES.flatMap((s) => [true, false].map((cached) => [`${s.id}${cached}`, Object.freeze({ id: s.id, cached })] as const)),
);

/** The shared object for a service and cache state (so later stages can key by identity). */
export function serviceResult(id: ServiceId, cached: boolean): ParsedService {
  return RESULTS.get(`${id}${cached}`)!;
}

/**
 * Stream names repeat (an addon writes one per service state and resolution), so results are
 * remembered per name; the memo is emptied once its keys hold MEMO_CHARS characters.
 */
const memo = new Map<string, ParsedService | null>();
const MEMO_CHARS = 256 * 1024;
let memoChars = 0;

export function detectService(name: string): ParsedService | undefined {
  const known = memo.get(name);
  if (known !== undefined) return known ?? undefined;
  const found = detectServiceUncached(name);
  if (memoChars + name.length > MEMO_CHARS) {
    memo.clear();
    memoChars = 0;
  }
  memo.set(name, found ?? null);
  memoChars += name.length;
  return found;
}

function detectServiceUncached(name: string): ParsedService | undefined {
  const cleaned = name.replace(WEB_DL, '');
  const lower = cleaned.toLowerCase();
  let found: ServiceId | undefined;
  let plusAfter = false;
  // Every service is tried: the last one in table order that matches wins.
  for (const { id, names, pattern } of SERVICE_PATTERNS) {
    if (!names.some((n) => lower.includes(n))) continue;
    const m = pattern.exec(cleaned);
    if (m) {
      found = id;
      plusAfter = cleaned[m.index + m[0].length] === '+';
    }
  }
  if (!found) return undefined;
  const cached = UNCACHED_MARKERS.some((marker) => name.includes(marker))
    ? false
    : plusAfter || CACHED_MARKERS.some((marker) => name.includes(marker));
  return serviceResult(found, cached);
}
