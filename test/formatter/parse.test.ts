/** Syntax, groups, nesting, tools, clean-up and limits (§3, §8–§11). */
import { describe, expect, it } from 'vitest';
import { F1, F2, F4, render, withStream } from './fixtures.js';

/** `n` nested conditionals on `stream.library`, the innermost printing `inner`. */
function nested(n: number, inner: string): string {
  let template = inner;
  for (let level = n; level >= 1; level--) template = `{stream.library["${level}${template}"||""]}`;
  return template;
}

describe('expression syntax', () => {
  it('allows spaces only right inside the braces', () => {
    expect(render('{ stream.resolution }|{\tstream.resolution::upper\t}')).toBe('2160p|2160P');
    expect(render('{stream.resolution ::upper}')).toBe('{invalid_expression(stream.resolution ::upper)}');
  });

  it('accepts quoted operands with either quote', () => {
    expect(render(`{"x"::upper}|{' '::default('blank')}|{' '::length}`)).toBe('X|blank|1');
  });

  it('matches modifier names case-insensitively, longest plain name first', () => {
    expect(render('{stream.size::BYTES2}|{stream.size::Bytes10}')).toBe('61 GiB|65.5 GB');
    expect(render('{stream.size::bytes3}')).toBe('{invalid_expression(stream.size::bytes3)}');
  });

  it('rejects calls without the required argument shape', () => {
    expect(render(`{stream.filename::truncate('5')}`)).toBe(`{invalid_expression(stream.filename::truncate('5'))}`);
    expect(render(`{stream.visualTags::slice(1,2,3)}`)).toBe(`{invalid_expression(stream.visualTags::slice(1,2,3))}`);
    expect(render(`{stream.filename::default(x)}`)).toBe(`{invalid_expression(stream.filename::default(x))}`);
  });

  it('requires a complete check', () => {
    expect(render('{stream.library["a"]}')).toBe('{invalid_expression(stream.library["a"])}');
    expect(render('{stream.library["a"||"b"||"c"||"d"]}')).toBe('{invalid_expression(stream.library["a"||"b"||"c"||"d"])}');
  });
});

describe('what is not an expression (§11)', () => {
  it('prints non-field braces as text and keeps reading after the {', () => {
    expect(render('{hello} {1.2} {{stream.resolution}} {')).toBe('{hello} {1.2} {2160p} {');
  });

  it('reports anything that begins like name.name', () => {
    expect(render('{ a . b }|{stream.size::bytes')).toBe('{invalid_expression(a . b)}|{stream.size::bytes');
    expect(render('{Stream.Foo::upper}')).toBe('{invalid_expression(Stream.Foo::upper)}');
    expect(render('{tools.unknown}')).toBe('{invalid_expression(tools.unknown)}');
  });
});

describe('optional groups (§9)', () => {
  it('judge presence before modifiers; errors and checks never hide', () => {
    expect(render('{?x{stream.filename::bytes}?}')).toBe('x{unknown_string_modifier(bytes)}');
    expect(render('{?<{stream.message::default(\'-\')}>?}|{?<{stream.editions::join::default(\'-\')}>?}')).toBe('<->|<>');
    expect(render('{?a{stream.library["y"||"n"]}?}|{?b{stream.message["y"||"n"]}?}')).toBe('an|b');
  });

  it('combine presence: or needs either operand, other combiners both', () => {
    expect(render('{?[{stream.message::or::stream.resolution}]?}|{?[{stream.message::and::stream.resolution}]?}')).toBe('[2160p]|');
  });

  it('count short-circuited operands for presence', () => {
    expect(render('{?[{stream.library::and::stream.message}]?}')).toBe('');
  });

  it('treat an unmatched {? as text', () => {
    expect(render('{?{stream.resolution}')).toBe('{?2160p');
    expect(render('{? a {?b?}')).toBe('{? a b');
    expect(render('a?}b')).toBe('a?}b');
  });

  it('nest without limit and stay linear on pathological input', () => {
    expect(render('{?'.repeat(2000) + '{stream.resolution}' + '?}'.repeat(2000))).toBe('2160p');
    expect(render('{?'.repeat(2500))).toBe('{?'.repeat(2500));
  });
});

describe('nesting depth (§8)', () => {
  it('interprets five nested conditionals and prints the sixth branch as written', () => {
    expect(render(nested(5, '{stream.resolution}'), withStream(F1, { library: true }))).toBe('123452160p');
    expect(render(nested(6, String.raw`{stream.resolution}\n`), withStream(F1, { library: true }))).toBe(
      String.raw`123456{stream.resolution}\n`,
    );
  });
});

describe('text, tools and clean-up (§10)', () => {
  it('turns \\n into a line break and removes blank lines', () => {
    expect(render('a\\n \\n\t\\nb')).toBe('a\nb');
  });

  it('keeps new-line markers through the clean-up; tool names are case-insensitive', () => {
    expect(render('a{tools.newLine}{TOOLS.NEWLINE}b\n \nc')).toBe('a\n\nb\nc');
  });

  it('removes the whole line holding a remove-line marker', () => {
    expect(render('keep\ndrop {tools.removeLine} this{tools.newLine}too\nkeep')).toBe('keep\nkeep');
  });

  it('scrubs marker characters out of stream values', () => {
    const input = withStream(F4, { filename: 'a\u0001b\u0002c', visualTags: ['x\u0002'], languages: ['English\u0001'] });
    expect(render('{stream.filename}|{stream.visualTags}|{stream.languageEmojis}\nline', input)).toBe('abc|x|🇬🇧\nline');
  });

  it('stops adding pieces once the output reaches 8000 characters', () => {
    const input = withStream(F2, { filename: 'y'.repeat(3000) });
    const out = render('{stream.filename}'.repeat(5), input);
    expect(out).toHaveLength(9000);
    expect(render(`{stream.library["${'{stream.filename}'.repeat(5)}"||""]}`, withStream(input, { library: true }))).toHaveLength(9000);
  });

  it('renders line breaks inside a single template only where written', () => {
    expect(render('{stream.resolution}\n\n{stream.quality}', F4)).toBe('');
  });
});
