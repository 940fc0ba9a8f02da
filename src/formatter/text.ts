/** Character-level string transforms used by modifiers and derived fields (browser-safe). */

const SMALL_CAPS = Array.from('ᴀʙᴄᴅᴇғɢʜɪᴊᴋʟᴍɴᴏᴘǫʀꜱᴛᴜᴠᴡxʏᴢ');
const SUBSCRIPT: Record<string, string> = mapChars('0123456789+-=()', '₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎');
const SUPERSCRIPT: Record<string, string> = mapChars('0123456789+-=()', '⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾');

function mapChars(from: string, to: string): Record<string, string> {
  const target = Array.from(to);
  const out: Record<string, string> = {};
  Array.from(from).forEach((c, i) => {
    out[c] = target[i] ?? c;
  });
  return out;
}

export function smallCaps(s: string): string {
  let out = '';
  for (const c of s) {
    const code = c.charCodeAt(0);
    const index = code >= 65 && code <= 90 ? code - 65 : code >= 97 && code <= 122 ? code - 97 : -1;
    out += index < 0 ? c : SMALL_CAPS[index]!;
  }
  return out;
}

function mapEach(s: string, table: Record<string, string>): string {
  let out = '';
  for (const c of s) out += table[c] ?? c;
  return out;
}

export const subscript = (s: string): string => mapEach(s, SUBSCRIPT);
export const superscript = (s: string): string => mapEach(s, SUPERSCRIPT);

/** Split on single spaces; each word lower-cased, then its first character upper-cased. */
export function titleCase(s: string): string {
  return s
    .split(' ')
    .map((w) => {
      const lower = w.toLowerCase();
      return lower.charAt(0).toUpperCase() + lower.slice(1);
    })
    .join(' ');
}

/** `from[i]` → `to[i]` per character; characters without a partner stay. */
export function compileTranslate(from: string, to: string): (s: string) => string {
  const table = mapChars(from, to);
  return (s) => mapEach(s, table);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const encoder = new TextEncoder();

/** Base64 of the UTF-8 bytes, without Buffer or btoa so it runs in both the server and the page. */
export function base64(s: string): string {
  const bytes = encoder.encode(s);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!;
    out += b === undefined ? '=' : B64[(n >> 6) & 63]!;
    out += c === undefined ? '=' : B64[n & 63]!;
  }
  return out;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** First `n` grapheme clusters, trailing whitespace trimmed, then `…` — only when longer than `n`. */
export function truncate(s: string, n: number): string {
  if (s.length <= n) return s; // a grapheme is at least one code unit
  let count = 0;
  let end = 0;
  for (const seg of segmenter.segment(s)) {
    if (count === n) return s.slice(0, end).trimEnd() + '…';
    count++;
    end = seg.index + seg.segment.length;
  }
  return s;
}
