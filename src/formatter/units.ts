/** Number formatting of the size, bitrate, count and duration modifiers (formatter.md §4). */

import { OUTPUT_CAP } from './value.js';

export type Rounding = 'two' | 'whole' | 'compact';

const round = (v: number, decimals: number): number => {
  const f = 10 ** decimals;
  return Math.round(v * f) / f;
};

function applyRounding(v: number, mode: Rounding): number {
  const two = round(v, 2);
  if (mode === 'two') return two;
  if (mode === 'whole') return Math.round(two); // rounded after the 2-decimal step: 65.498 → 65.5 → 66
  const abs = Math.abs(v);
  return abs >= 100 ? Math.round(v) : abs >= 10 ? round(v, 1) : two;
}

/** Scale `v` by powers of `base` into the largest unit it reaches, then round. */
export function scaleUnits(v: number, base: number, units: readonly string[], mode: Rounding): string {
  let i = 0;
  const abs = Math.abs(v);
  while (i < units.length - 1 && abs >= base ** (i + 1)) i++;
  return `${applyRounding(v / base ** i, mode)} ${units[i]!}`;
}

export const DECIMAL_BYTES = ['B', 'KB', 'MB', 'GB', 'TB'];
export const BINARY_BYTES = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
const BITRATE_UNITS = ['bps', 'Kbps', 'Mbps', 'Gbps', 'Tbps'];

export function formatBitrate(v: number, mode: Rounding): string {
  return v <= 0 ? '0 bps' : scaleUnits(v, 1000, BITRATE_UNITS, mode);
}

const THOUSANDS = /\B(?=(\d{3})+(?!\d))/g;

/** Thousands separators on the integer part: `12345.5` → `12,345.5`. */
export function comma(v: number): string {
  const [int, frac] = String(v).split('.');
  return int!.replace(THOUSANDS, ',') + (frac === undefined ? '' : `.${frac}`);
}

/**
 * ⌊v/20⌋ full stars plus a half star when v mod 20 ≥ 10; `pad` fills with ☆ to five symbols.
 * The count is capped at OUTPUT_CAP before `repeat` runs: a byte count such as a 60 GB size
 * would otherwise ask for billions of stars and throw (each symbol is one UTF-16 unit).
 */
export function stars(v: number, pad: boolean): string {
  const wanted = Math.floor(v / 20);
  const full = Number.isFinite(wanted) ? Math.min(OUTPUT_CAP, Math.max(0, wanted)) : v > 0 ? OUTPUT_CAP : 0;
  const half = full < OUTPUT_CAP && v >= 0 && v % 20 >= 10;
  const out = '★'.repeat(full) + (half ? '⯪' : '');
  return pad ? out + '☆'.repeat(Math.max(0, 5 - out.length)) : out;
}

/** Durations are milliseconds, except values under 1000, which are minutes (runtimes). */
export function toMilliseconds(v: number): number {
  return v < 1000 ? v * 60_000 : v;
}

/** `2h:46m:0s` with hours, else `10m:5s`, else `10m`. */
export function plainDuration(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h:${m}m:${s}s`;
  return s > 0 ? `${m}m:${s}s` : `${m}m`;
}
