// Service and cached status from a stream's `name` (config.md §4.3).
import { SERVICES } from '../../../config/services.js';
import type { ParsedService, ServiceId } from '../types.js';

const WEB_DL = /web-?dl/i;
const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// One pattern per service: a recognised name standing alone (boundary characters of §4.3).
// `m` makes ^/$ work per line; `u` is needed for the astral emoji in the class.
const SERVICE_PATTERNS: ReadonlyArray<{ id: ServiceId; pattern: RegExp }> = SERVICES.map((s) => ({
  id: s.id,
  pattern: new RegExp(
    `(?<=^|[ |\\[(_/\\-.])(?:${s.knownNames.map(escapeRegex).join('|')})(?=$|[+ ⬇⏳⚡☁🌩📫/|)\\]_.\\-])`,
    'imu',
  ),
}));

const UNCACHED_MARKERS = ['⏳', 'download', 'UNCACHED', '☁️'];
const CACHED_MARKERS = ['⚡', '🚀', 'cached', '🌩️', '📫'];

export function detectService(name: string): ParsedService | undefined {
  const cleaned = name.replace(WEB_DL, '');
  let found: { id: ServiceId; plusAfter: boolean } | undefined;
  // Every service is tried: the last one in table order that matches wins.
  for (const { id, pattern } of SERVICE_PATTERNS) {
    const m = pattern.exec(cleaned);
    if (m) found = { id, plusAfter: cleaned[m.index + m[0].length] === '+' };
  }
  if (!found) return undefined;
  if (UNCACHED_MARKERS.some((marker) => name.includes(marker))) return { id: found.id, cached: false };
  const cached = found.plusAfter || CACHED_MARKERS.some((marker) => name.includes(marker));
  return { id: found.id, cached };
}
