/** Conditions (§5), checks (§6) and combiners (§7) beyond the worked examples. */
import { describe, expect, it } from 'vitest';
import { F1, F2, F3, F4, render, withStream } from './fixtures.js';

describe('comparison operators', () => {
  it('compare in lower case', () => {
    expect(render('{stream.filename::$DUNE} {stream.filename::^.MKV} {stream.quality::~remux}')).toBe('true true true');
  });

  it('strip whitespace from the argument unless the value has some', () => {
    expect(render('{stream.quality::=bluray remux} {stream.resolution::=2160 p} {stream.quality::=blurayremux}')).toBe('true true false');
  });

  it('compare numerically when both sides read as numbers', () => {
    expect(render('{stream.seeders::=152.0} {stream.seeders::<1000} {stream.seeders::<=152} {stream.year::>2023}')).toBe('true true true true');
    expect(render('{stream.resolution::<=720p} {stream.resolution::<720p}')).toBe('true true');
  });

  it('treat numbers as text for $ ^ ~', () => {
    expect(render('{stream.seeders::~15} {stream.seeders::$1} {stream.seeders::^2}')).toBe('true true true');
  });

  it('on lists: first, last, whole element, comma-joined text', () => {
    expect(render('{stream.visualTags::$hdr} {stream.visualTags::^dv} {stream.visualTags::~hd}')).toBe('false false false');
    expect(render('{stream.visualTags::=DV, HDR} {stream.audioChannels::=7.1} {stream.audioChannels::>7}')).toBe('true true true');
    expect(render('{stream.seasons::=2}', F2)).toBe('true');
  });

  it('turn an absent value into false', () => {
    expect(render('{stream.message::~x} {stream.message::=} {service.id::$r}', F4)).toBe('false false false');
  });
});

describe('istrue, isfalse, exists, in', () => {
  it('istrue / isfalse need exactly a boolean', () => {
    expect(render('{stream.resolution::istrue} {stream.resolution::isfalse} {stream.library::isfalse}')).toBe('false false true');
  });

  it('exists: booleans are present, absent service fields are not', () => {
    expect(render('{stream.repack::exists} {service.cached::exists} {stream.freeleech::exists}', F4)).toBe('true false false');
  });

  it('in: text of the value, or any list element, ignoring case', () => {
    expect(render(`{stream.visualTags::in('hdr')} {stream.seeders::in('152', 'x')} {stream.quality::in('bluray')}`)).toBe('true true false');
  });

  it('results take further modifiers', () => {
    expect(render('{stream.resolution::exists::string::upper}')).toBe('TRUE');
  });
});

describe('checks', () => {
  it('print an error instead of choosing a branch', () => {
    expect(render('{stream.filename::bytes["a"||"b"]}')).toBe('{unknown_string_modifier(bytes)}');
  });

  it('refuse non-boolean values, lists printed comma-joined', () => {
    expect(render('{stream.visualTags["a"||"b"]}')).toBe('{cannot_coerce_boolean_for_check_from(DV,HDR)}');
  });

  it('use the third branch for an absent value only', () => {
    expect(render('{stream.freeleech["free"||"paid"||"unknown"]}', F4)).toBe('unknown');
    expect(render('{stream.freeleech["free"||"paid"||"unknown"]}', withStream(F4, { freeleech: false }))).toBe('paid');
    expect(render('{stream.message::upper["a"||"b"||"missing"]}', F4)).toBe('missing');
  });

  it('empty branches print nothing; branches are templates with \\n escapes', () => {
    expect(render(String.raw`[{stream.library[""||""]}]{stream.library["a\nb"||"c"]}`, F4)).toBe('[]a\nb');
  });
});

describe('combiners', () => {
  it('and / or keep one of the values', () => {
    // and: the right value unless the left is false-like; or: the left value when true-like.
    expect(render('{stream.resolution::and::stream.quality}|{stream.message::or::stream.resolution}|{stream.message::and::stream.quality}')).toBe(
      'BluRay REMUX|2160p|',
    );
  });

  it('xor, neq, equal, left, right', () => {
    expect(render(`{stream.library::xor::stream.proxied} {stream.resolution::equal::'2160p'} {stream.resolution::neq::'2160p'}`)).toBe('false true false');
    expect(render('{stream.visualTags::equal::stream.visualTags} {stream.resolution::left::stream.quality} {stream.resolution::right::stream.quality}')).toBe(
      'true 2160p BluRay REMUX',
    );
  });

  it('have no precedence: strictly left to right', () => {
    // (true or false) and false → false; true or (false and false) would be true.
    expect(render('{stream.library::isfalse::or::stream.proxied::istrue::and::stream.proxied::istrue}')).toBe('false');
  });

  it('short-circuit uniform and/or chains, so later errors are never met', () => {
    expect(render('{stream.library::and::stream.seeders::upper}')).toBe('false');
    expect(render('{stream.library::and::stream.seeders::upper}', withStream(F1, { library: true }))).toBe('{unknown_number_modifier(upper)}');
    expect(render('{stream.library::or::stream.seeders::upper}', F4)).toBe('true');
    // A mixed chain evaluates every operand; the first error wins.
    expect(render('{stream.library::and::stream.proxied::or::stream.seeders::upper::or::stream.filename::bytes}')).toBe(
      '{unknown_number_modifier(upper)}',
    );
  });

  it('feed checks', () => {
    expect(render('{service.cached::istrue::or::stream.type::=p2p["go"||"wait"]}', F3)).toBe('wait');
  });
});
