/** Runtime values of the template language and the helpers every stage shares. */

export type ListValue = readonly (string | number)[];
/** `null` is "missing"; strings, numbers, booleans and lists are the four printable types. */
export type Value = string | number | boolean | ListValue | null;

/** Private control characters standing for `{tools.newLine}` / `{tools.removeLine}` until clean-up. */
export const NEWLINE_MARKER = '\u0001';
export const REMOVE_LINE_MARKER = '\u0002';
const MARKERS = /[\u0001\u0002]/g;

/** Longest text a template or a single modifier may produce (§10). */
export const OUTPUT_CAP = 8000;

const NON_WHITESPACE = /\S/;

/** §2: missing, whitespace-only text, or an empty list. */
export function isAbsent(v: Value): boolean {
  if (v === null) return true;
  if (typeof v === 'string') return !NON_WHITESPACE.test(v);
  if (Array.isArray(v)) return v.length === 0;
  return false;
}

/** How a value prints: lists comma-joined without a space (`DV,HDR`), booleans as `true`/`false`. */
export function toText(v: Value): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  return String(v);
}

export function typeName(v: string | number | boolean | ListValue): 'string' | 'number' | 'boolean' | 'array' {
  if (Array.isArray(v)) return 'array';
  return typeof v as 'string' | 'number' | 'boolean';
}

/** §7: `false`, `0`, empty text and null; everything else is true-like. */
export function isTrueLike(v: Value): boolean {
  return !(v === null || v === false || v === 0 || v === '');
}

/** Stream values may never forge the tool markers (§10). */
export function scrub(s: string): string {
  return s.includes(NEWLINE_MARKER) || s.includes(REMOVE_LINE_MARKER) ? s.replace(MARKERS, '') : s;
}
