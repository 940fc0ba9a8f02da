import { describe, expect, it } from 'vitest';
import {
  compileKeywords, compileRegexList, compileUserRegex, validateUserRegex, type UserRegex,
} from '../../src/addon/pipeline/user-regex.js';

function regex(pattern: string): UserRegex {
  const r = compileUserRegex(pattern);
  if (!r.ok) throw new Error(r.error);
  return r.regex;
}

describe('compileUserRegex', () => {
  it('takes a bare pattern as case-sensitive with no flags', () => {
    const r = regex('Hybrid');
    expect(r.negate).toBe(false);
    expect(r.test('Movie.Hybrid.1080p')).toBe(true);
    expect(r.test('movie.hybrid.1080p')).toBe(false);
  });

  it('reads /pattern/flags', () => {
    expect(regex('/hybrid/i').test('Movie.HYBRID')).toBe(true);
    expect(regex('/^b/m').test('a\nb')).toBe(true);
    expect(regex('/^b/').test('a\nb')).toBe(false);
    // A slash inside the body is fine: the last slash ends it.
    expect(regex('/a/b/').test('xa/b')).toBe(true);
  });

  it('marks the n flag as negate without passing it to the engine', () => {
    const r = regex('/cam/in');
    expect(r.negate).toBe(true);
    expect(r.test('HDCAM')).toBe(true);
  });

  it('tests every string from its start whatever g/y leave behind', () => {
    const g = regex('/abc/g');
    expect([g.test('abc'), g.test('abc'), g.test('xxabc')]).toEqual([true, true, true]);
    const y = regex('/abc/y');
    expect([y.test('abcx'), y.test('abcx'), y.test('xabc')]).toEqual([true, true, false]);
  });

  it('reports invalid patterns, bad flags and syntax RE2 does not support', () => {
    expect(validateUserRegex('/abc/i')).toBeNull();
    expect(validateUserRegex('(?<=a)b')).toMatch(/invalid pattern/);
    expect(validateUserRegex('(a)\\1')).toMatch(/invalid pattern/);
    expect(validateUserRegex('(?=a)')).toMatch(/invalid pattern/);
    expect(validateUserRegex('[abc')).toMatch(/invalid pattern/);
    expect(validateUserRegex('/abc/s')).toBe('unsupported flag "s" (allowed: g i m u y n)');
    expect(validateUserRegex('/abc/ii')).toBe('duplicate flag "i"');
    expect(validateUserRegex('')).toBe('empty pattern');
  });

  it('runs a catastrophic pattern on a 100 KB string without stalling', () => {
    const input = `${'a'.repeat(100_000)}!`;
    expect(regex('(a+)+$').test(input)).toBe(false);
    expect(regex('/^(a|aa)+$/i').test(input)).toBe(false);
    expect(regex('(a+)+$').test('a'.repeat(100_000))).toBe(true);
  });

  it('compiles a list, keeping valid patterns in order and reporting the others', () => {
    const { regexes, issues } = compileRegexList(['a', '(?<=x)y', '/b/i']);
    expect(regexes.map((r) => r.pattern)).toEqual(['a', '/b/i']);
    expect(issues).toEqual([{ pattern: '(?<=x)y', error: expect.stringMatching(/^invalid pattern: /) }]);
  });
});

describe('compileKeywords', () => {
  const match = (keywords: string[], text: string) => compileKeywords(keywords)!.test(text);

  it('matches whole words bounded by separators or the string ends, case-insensitively', () => {
    expect(match(['HC'], 'Movie.HC.HDRip')).toBe(true);
    expect(match(['CAM'], 'Movie.HDCAM.x264')).toBe(false);
    expect(match(['cam'], 'Movie [CAM]')).toBe(true);
    expect(match(['cam'], '(CAM) Movie')).toBe(true);
    expect(match(['cam'], 'Movie_CAM_x264')).toBe(true);
    expect(match(['cam'], 'Movie-CAM')).toBe(true);
    expect(match(['cam'], 'CAM')).toBe(true);
    expect(match(['cam'], 'Movie.CAMERA')).toBe(false);
  });

  it('turns whitespace runs into one optional space, dot, hyphen or underscore', () => {
    for (const text of ['Dual Audio', 'Dual.Audio', 'Dual-Audio', 'Dual_Audio', 'DualAudio']) {
      expect(match(['Dual  Audio'], `Movie.${text}.mkv`)).toBe(true);
    }
    expect(match(['Dual Audio'], 'Movie.Dual..Audio')).toBe(false);
  });

  it('escapes regex specials and joins keywords as alternatives', () => {
    expect(match(['DD+'], 'Movie.DD+.5.1')).toBe(true);
    expect(match(['DD+'], 'Movie.DDD.5.1')).toBe(false);
    expect(match(['a.b'], 'x axb y')).toBe(false);
    expect(match(['(x)', 'KORSUB'], 'Movie.KORSUB')).toBe(true);
  });

  it('is undefined for an empty or blank list', () => {
    expect(compileKeywords(undefined)).toBeUndefined();
    expect(compileKeywords([' ', ''])).toBeUndefined();
  });
});
