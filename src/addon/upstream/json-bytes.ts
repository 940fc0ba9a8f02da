// JSON bytes → value, without decoding the whole text as UTF-8 first. On Node 20, decoding a
// stream answer that holds emoji (two-byte string) costs ~5x its JSON.parse; decoding it as
// latin1 (one char per byte) is ~100x cheaper. JSON's syntax is ASCII and UTF-8 never uses ASCII
// bytes inside a multi-byte character, so the latin1 text parses into the same structure, and
// only the strings holding bytes ≥ 0x80 need decoding, each on its own.

/** A byte ≥ 0x80 seen as a latin1 char. */
const HIGH_BYTE = /[\x80-\xff]/;
/**
 * An escape that yields a char ≥ 0x80 (or a `\\u` text, conservatively): such a char would be
 * indistinguishable from a raw byte after latin1 decoding, so those texts take the plain path.
 */
const HIGH_ESCAPE = /\\u(?!00[0-7])/i;

/** Thrown by the walk when a key needs decoding (rare enough to just take the plain path). */
const PLAIN_PATH = Symbol('plain path');

/** Parses UTF-8 JSON bytes exactly as `JSON.parse(bytes.toString('utf8'))` does; throws the same way. */
export function parseJsonBytes(bytes: Buffer): unknown {
  const text = bytes.toString('latin1');
  if (!HIGH_BYTE.test(text)) return JSON.parse(text);
  if (!HIGH_ESCAPE.test(text)) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      // Invalid JSON: let the plain path throw its own error (and decode invalid UTF-8 its way).
      return JSON.parse(bytes.toString('utf8'));
    }
    try {
      return decodeStrings(value);
    } catch {
      // A key to decode (PLAIN_PATH), or nesting deeper than the walk's stack (JSON.parse has no
      // depth limit): the plain path gives the value.
    }
  }
  return JSON.parse(bytes.toString('utf8'));
}

/** Decodes, in place, every string of a parsed latin1 text that holds UTF-8 bytes. */
function decodeStrings(value: unknown): unknown {
  if (typeof value === 'string') return HIGH_BYTE.test(value) ? Buffer.from(value, 'latin1').toString('utf8') : value;
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'string' || typeof item === 'object') value[i] = decodeStrings(item);
    }
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (HIGH_BYTE.test(key)) throw PLAIN_PATH;
    const item = record[key];
    // An own data property (JSON.parse makes `__proto__` one too) is assigned, never a prototype.
    if (typeof item === 'string' || typeof item === 'object') record[key] = decodeStrings(item);
  }
  return value;
}
