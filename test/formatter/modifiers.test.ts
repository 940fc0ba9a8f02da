/** Modifiers of formatter.md §4 beyond the worked examples. */
import { describe, expect, it } from 'vitest';
import { F1, F2, F4, render, withStream } from './fixtures.js';

const onDate = (date: string, pattern: string): string => render(`{stream.date::date('${pattern}')}`, withStream(F4, { date }));
const onDuration = (duration: number, pattern: string): string =>
  render(`{stream.duration::time('${pattern}')}`, withStream(F4, { duration }));

describe('string modifiers', () => {
  it('upper, lower, title', () => {
    expect(render(`{'hELLO  wORLD'::title}|{stream.quality::lower}|{stream.quality::UPPER}`)).toBe('Hello  World|bluray remux|BLURAY REMUX');
  });

  it('length counts UTF-16 code units and returns text', () => {
    expect(render(`{stream.resolution::length}|{stream.size::string::length}|{'🇫🇷'::length}`)).toBe('5|11|4');
  });

  it('reverse', () => {
    expect(render('{stream.resolution::reverse}')).toBe('p0612');
  });

  it('base64 of the UTF-8 bytes, with padding', () => {
    for (const text of ['a', 'ab', 'abc', 'héllo ✓', 'Dune 🏜️ €']) {
      expect(render(`{'${text}'::base64}`, F4)).toBe(Buffer.from(text, 'utf8').toString('base64'));
    }
  });

  it('smallcaps, subscript, superscript', () => {
    expect(render(`{'ABCDEFGHIJKLMNOPQRSTUVWXYZ abc-1'::smallcaps}`)).toBe('ᴀʙᴄᴅᴇғɢʜɪᴊᴋʟᴍɴᴏᴘǫʀꜱᴛᴜᴠᴡxʏᴢ ᴀʙᴄ-1');
    expect(render(`{'x(1+2)=3-4'::subscript}|{'x(1+2)=3-4'::superscript}`)).toBe('x₍₁₊₂₎₌₃₋₄|x⁽¹⁺²⁾⁼³⁻⁴');
  });

  it('languagecode and languageemoji on a string', () => {
    expect(render(`{'japanese'::languagecode} {'pt-br'::languageemoji} {'Multi'::languagecode} {'Multi'::languageemoji}`)).toBe('JA 🇧🇷 MULTI 🌎');
    expect(render(`[{'Klingon'::languageemoji}] {'Klingon'::languagecode} [{'Dual Audio'::languageemoji}]`)).toBe('[] KLINGON []');
  });

  it('replace: every occurrence, case-sensitive, or with a field as the text to find', () => {
    expect(render(`{'a-b-c'::replace('-', '+')}|{stream.quality::replace('bluray','x')}`)).toBe('a+b+c|BluRay REMUX');
    expect(render(`{stream.filename::replace({stream.resolution}, 'RES')::truncate(25)}`)).toBe('Dune.Part.Two.2024.RES.Bl…');
    expect(render(`{stream.quality::replace({stream.message}, 'X')}|{stream.quality::replace('', 'X')}`)).toBe('BluRay REMUX|BluRay REMUX');
  });

  it("a quote closes an argument only before ',', ')' or whitespace", () => {
    const input = withStream(F1, { editions: ["Director's Cut"] });
    expect(render(`{stream.edition::replace('Director's Cut', 'DC')}`, input)).toBe('DC');
    expect(render(`{stream.edition::replace("Director's Cut", 'DC')}`, input)).toBe('DC');
    expect(render(`{stream.visualTags::join(') ')}`)).toBe('DV) HDR');
  });

  it('remove and translate', () => {
    expect(render(`{'a.b.c'::remove('.')}|{'abc'::translate('abc', 'xy')}`, F4)).toBe('abc|xyc');
  });

  it('truncate counts grapheme clusters and trims before the ellipsis', () => {
    const family = '👨‍👩‍👧';
    expect(render(`{'${family}${family} family'::truncate(1)}`, F4)).toBe(`${family}…`);
    expect(render(`{'🇫🇷🇬🇧🇯🇵'::truncate(2)}|{'🇫🇷🇬🇧🇯🇵'::truncate(3)}`, F4)).toBe('🇫🇷🇬🇧…|🇫🇷🇬🇧🇯🇵');
    expect(render(`{'ab   cd'::truncate(4)}|{'abc'::truncate(0)}`, F4)).toBe('ab…|…');
  });
});

describe('date patterns (§4.1)', () => {
  it('every token on a Tuesday in July', () => {
    expect(onDate('2023-07-04', '%Y %y %m %-m %d %-d %o %B %b %A %a')).toBe('2023 23 07 7 04 4 4th July Jul Tuesday Tue');
  });

  it('ordinal suffixes', () => {
    const days = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31];
    expect(days.map((d) => onDate(`2023-01-${String(d).padStart(2, '0')}`, '%o')).join(' ')).toBe(
      '1st 2nd 3rd 4th 11th 12th 13th 21st 22nd 23rd 31st',
    );
  });

  it('escapes, unknown tokens and optional parts', () => {
    expect(onDate('2024-02-29', '%% %[%d%] %q [on %A]')).toBe('% [29] %q on Thursday');
  });

  it('anything but a valid YYYY-MM-DD is printed unchanged', () => {
    expect(onDate('2023-02-30', '%Y')).toBe('2023-02-30');
    expect(onDate('July 2023', '%Y')).toBe('July 2023');
  });

  it('applies to strings only', () => {
    expect(render(`{stream.size::date('%Y')}`)).toBe(`{unknown_number_modifier(date('%Y'))}`);
  });
});

describe('time patterns (§4.1) and plain time', () => {
  const hms = (h: number, m: number, s: number): number => ((h * 60 + m) * 60 + s) * 1000;

  it('the largest unit present takes the overflow', () => {
    expect(onDuration(hms(1, 23, 45), '%-M min')).toBe('83 min');
    expect(onDuration(hms(1, 23, 45), '%-S s')).toBe('5025 s');
    expect(onDuration(hms(1, 23, 45), '%H:%M:%S')).toBe('01:23:45');
    expect(onDuration(hms(1, 23, 45), '%-Mm %-Ss')).toBe('83m 45s');
  });

  it('optional parts drop when all their tokens are zero', () => {
    expect(onDuration(hms(1, 23, 45), '[%-Hh ]%-Mm')).toBe('1h 23m');
    expect(onDuration(hms(0, 45, 0), '[%-Hh ]%-Mm')).toBe('45m');
    expect(onDuration(hms(0, 45, 0), '%-Mm[ %-Ss]')).toBe('45m');
    expect(onDuration(hms(0, 45, 0), '[text]%-Mm %x %%')).toBe('text45m %x %');
  });

  it('plain time: hours, else minutes and seconds, else minutes', () => {
    const plain = (duration: number): string => render('{stream.duration::time}', withStream(F4, { duration }));
    expect([plain(hms(2, 46, 0)), plain(hms(0, 10, 5)), plain(hms(0, 10, 0))]).toEqual(['2h:46m:0s', '10m:5s', '10m']);
  });

  it('values under 1000 are minutes (runtimes)', () => {
    const input = { ...F4, metadata: { runtime: 166 } };
    expect(render(`{metadata.runtime::time}|{metadata.runtime::time('%-Hh%-Mm')}`, input)).toBe('2h:46m:0s|2h46m');
  });
});

describe('number modifiers', () => {
  const num = (template: string, seeders: number): string => render(template, withStream(F4, { seeders }));

  it('byte units: decimal, binary, rounded, compact', () => {
    expect(num('{stream.seeders::bytes}', 0)).toBe('0 B');
    expect(num('{stream.seeders::bytes10}|{stream.seeders::bytes2}', 1024)).toBe('1.02 KB|1 KiB');
    expect(num('{stream.seeders::sbytes}|{stream.seeders::sbytes10}', 123456789012)).toBe('123 GB|123 GB');
    expect(num('{stream.seeders::sbytes}', 12345678)).toBe('12.3 MB');
    expect(num('{stream.seeders::sbytes}', 10_040_000)).toBe('10 MB');
    expect(num('{stream.seeders::rbytes2}|{stream.seeders::rbytes10}', 1503238554)).toBe('1 GiB|2 GB');
    expect(num('{stream.seeders::sbytes2}', 1503238554)).toBe('1.4 GiB');
    expect(num('{stream.seeders::bytes}', 5e15)).toBe('5000 TB');
  });

  it('bitrates, with zero or negative as 0 bps', () => {
    expect(render('{stream.bitrate::rbitrate}')).toBe('53 Mbps');
    expect(render('{stream.bitrate::bitrate}', withStream(F4, { bitrate: 0 }))).toBe('0 bps');
    expect(render('{stream.bitrate::sbitrate}', withStream(F4, { bitrate: -5 }))).toBe('0 bps');
    expect(render('{stream.bitrate::bitrate}', withStream(F4, { bitrate: 999 }))).toBe('999 bps');
  });

  it('comma, hex, octal, binary', () => {
    expect(num('{stream.seeders::comma}', 12345678)).toBe('12,345,678');
    expect(num('{stream.seeders::comma}', 999)).toBe('999');
    expect(num('{stream.seeders::hex} {stream.seeders::octal} {stream.seeders::binary}', 10)).toBe('a 12 1010');
  });

  it('star and pstar', () => {
    const stars = (v: number): string => render('{stream.nSeScore::star}|{stream.nSeScore::pstar}', withStream(F4, { nSeScore: v }));
    expect(stars(0)).toBe('|☆☆☆☆☆');
    expect(stars(10)).toBe('⯪|⯪☆☆☆☆');
    expect(stars(95)).toBe('★★★★⯪|★★★★⯪');
    expect(stars(100)).toBe('★★★★★|★★★★★');
  });
});

describe('list modifiers', () => {
  const tags = withStream(F1, { visualTags: ['b', 'A', '10bit', '2x'] });

  it('sort is natural, lsort plain code-unit order, rsort the reverse of sort', () => {
    expect(render('{stream.visualTags::sort::join}', tags)).toBe('2x, 10bit, A, b');
    expect(render('{stream.visualTags::lsort::join}', tags)).toBe('10bit, 2x, A, b');
    expect(render('{stream.visualTags::rsort::join}', tags)).toBe('b, A, 10bit, 2x');
  });

  it('numbers sort numerically', () => {
    expect(render('{stream.seasons::sort}', withStream(F2, { seasons: [10, 2, 1] }))).toBe('1,2,10');
  });

  it('slice, first and last on an empty result, length as a number', () => {
    expect(render('[{stream.visualTags::slice(5)::first}][{stream.visualTags::slice(1,1)::last}]')).toBe('[][]');
    expect(render('{stream.visualTags::slice(0,1)::join}|{stream.visualTags::length::>1}')).toBe('DV|true');
  });

  it('remove drops equal elements', () => {
    expect(render(`{stream.visualTags::remove('DV', 'x')}`)).toBe('HDR');
  });

  it('random picks an element', () => {
    expect(['DV', 'HDR']).toContain(render('{stream.visualTags::random}'));
  });

  it('languagecode / languageemoji per element: empty results dropped, duplicates removed', () => {
    const input = withStream(F1, { languages: ['Hindi', 'Tamil', 'Dual Audio', 'English'] });
    expect(render('{stream.languages::languageemoji::join}', input)).toBe('🇮🇳, 🇬🇧');
    expect(render('{stream.languages::languagecode::join}', input)).toBe('HI, TA, DUAL AUDIO, EN');
  });

  it('join honours tools in its argument', () => {
    expect(render(`{stream.visualTags::join('{tools.newLine}')}`)).toBe('DV\nHDR');
    expect(render(`{stream.visualTags::join('{tools.removeLine}')}\nkept`)).toBe('kept');
  });
});

describe('any type', () => {
  it('string converts numbers, booleans and lists', () => {
    expect(render('{stream.seeders::string} {stream.library::string} {stream.visualTags::string}')).toBe('152 false DV,HDR');
  });

  it('a modifier for another type prints the error with the modifier as written', () => {
    expect(render('{stream.library::upper}')).toBe('{unknown_boolean_modifier(upper)}');
    expect(render('{stream.visualTags::UPPER}')).toBe('{unknown_array_modifier(UPPER)}');
    expect(render(`{stream.seeders::join(' + ')}`)).toBe(`{unknown_number_modifier(join(' + '))}`);
    expect(render(`{stream.visualTags::join::bytes}`)).toBe('{unknown_string_modifier(bytes)}');
  });

  it('a missing value stops the chain silently', () => {
    expect(render('[{stream.message::upper::bytes}]')).toBe('[]');
  });

  it('a single modifier result is cut at 8000 characters', () => {
    const input = withStream(F4, { filename: 'X'.repeat(10_000) });
    expect(render('{stream.filename}', input)).toHaveLength(10_000);
    expect(render('{stream.filename::lower}', input)).toBe('x'.repeat(8000));
  });
});
