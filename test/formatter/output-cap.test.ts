/**
 * formatter.md §10: no modifier result exceeds the 8000-character cap, and none is built larger
 * first. `star` on a byte count (a 60 GB size is 3 billion stars) used to throw
 * `RangeError: Invalid string length` before the cap applied.
 */
import { describe, expect, it } from 'vitest';
import { stars } from '../../src/formatter/units.js';
import { OUTPUT_CAP } from '../../src/formatter/value.js';
import { F1, render, withStream } from './fixtures.js';

const SIXTY_GB = 60_000_000_000;

describe('modifier results stay within the output cap', () => {
  it('star and pstar on a 60 GB size give exactly 8000 stars instead of throwing', () => {
    const input = withStream(F1, { size: SIXTY_GB });
    expect(() => render('{stream.size::star}', input)).not.toThrow();
    expect(render('{stream.size::star}', input)).toBe('★'.repeat(OUTPUT_CAP));
    expect(render('{stream.size::pstar}', input)).toBe('★'.repeat(OUTPUT_CAP));
    // The template keeps rendering after it: the cap stops the output, not the process.
    expect(render('{stream.size::star::length}', input)).toBe(String(OUTPUT_CAP));
  });

  it('stars never exceed the cap for any number, and keep the spec for scores', () => {
    for (const v of [SIXTY_GB, Number.MAX_VALUE, Infinity, 8000 * 20 + 10, 8000 * 20 - 10]) {
      expect(stars(v, false).length).toBeLessThanOrEqual(OUTPUT_CAP);
      expect(stars(v, true).length).toBeLessThanOrEqual(OUTPUT_CAP);
    }
    expect(stars(-Infinity, true)).toBe('☆☆☆☆☆');
    expect(stars(NaN, false)).toBe('');
    // §4 / E22 unchanged: a 0–100 score as up to five stars.
    expect(stars(70, false)).toBe('★★★⯪');
    expect(stars(70, true)).toBe('★★★⯪☆');
    expect(stars(100, true)).toBe('★★★★★');
  });

  it('replace with a long replacement on a long value stops at the cap', () => {
    const long = 'a'.repeat(150_000); // × 4000 is past V8's longest string: this used to throw
    const replacement = 'b'.repeat(4000);
    const out = render(`{stream.filename::replace('a', '${replacement}')}`, withStream(F1, { filename: long }));
    expect(out).toBe('b'.repeat(OUTPUT_CAP));
    // A short result is untouched.
    expect(render(`{'a-b'::replace('-', '${'x'.repeat(10)}')}`, F1)).toBe(`a${'x'.repeat(10)}b`);
  });

  it('join with a long separator stops at the cap', () => {
    const sep = 's'.repeat(4000);
    const out = render(`{stream.languages::join('${sep}')}`, withStream(F1, { languages: Array.from({ length: 50 }, () => 'English') }));
    expect(out.length).toBe(OUTPUT_CAP);
    expect(out.startsWith(`English${sep}English`)).toBe(true);
  });
});
