import { describe, expect, it } from 'vitest';
import { compilePreferred } from '../../src/addon/pipeline/preferred.js';
import { compileSorter, type SortContext } from '../../src/addon/pipeline/sort.js';
import type { ParsedStream } from '../../src/addon/pipeline/types.js';
import { addonRef, parsedStream } from '../helpers/parsed-streams.js';
import type { UserConfig } from '../../src/config/schema.js';

// ---- fixtures -------------------------------------------------------------------------------

const addon = addonRef;
const A = addon('a', 0);
const B = addon('b', 1);
const C = addon('c', 2);

/** A cached Real-Debrid stream with empty lists; `filename` doubles as the test label. */
function stream(filename: string, over: Partial<ParsedStream> = {}): ParsedStream {
  return parsedStream(A, { filename, ...over });
}
const uncached = (label: string, over: Partial<ParsedStream> = {}) =>
  stream(label, { service: { id: 'realdebrid', cached: false }, ...over });

type Criterion = { key: string; direction: 'asc' | 'desc' };
const desc = (key: string): Criterion => ({ key, direction: 'desc' });
const asc = (key: string): Criterion => ({ key, direction: 'asc' });

function config(sortCriteria: Record<string, Criterion[]>, over: Record<string, unknown> = {}): UserConfig {
  return {
    presets: [], formatter: { id: 'prism' }, sortCriteria: { global: [], ...sortCriteria }, ...over,
  } as UserConfig;
}

const MOVIE: SortContext = { kind: 'movie', isAnime: false };

function sortBy(criteria: Criterion[], streams: ParsedStream[], over: Record<string, unknown> = {}, ctx = MOVIE): string[] {
  return compileSorter(config({ global: criteria }, over))(streams, ctx).map((s) => s.filename ?? '?');
}

// ---- tests ----------------------------------------------------------------------------------

describe('sort: keys (§6)', () => {
  it('keeps arrival order with no criteria and on ties', () => {
    const streams = [stream('1'), stream('2'), stream('3')];
    expect(sortBy([], streams)).toEqual(['1', '2', '3']);
    expect(sortBy([desc('cached'), desc('library')], streams)).toEqual(['1', '2', '3']);
  });

  it('cached: cached and service-less first; asc reverses', () => {
    const streams = [uncached('unc'), stream('p2p', { type: 'p2p', service: undefined }), stream('cached')];
    expect(sortBy([desc('cached')], streams)).toEqual(['p2p', 'cached', 'unc']);
    expect(sortBy([asc('cached')], streams)).toEqual(['unc', 'p2p', 'cached']);
  });

  it('library streams first', () => {
    expect(sortBy([desc('library')], [stream('x'), stream('lib', { library: true })])).toEqual(['lib', 'x']);
  });

  it('size and seeders: larger first, missing counts as 0', () => {
    const streams = [stream('none'), stream('small', { size: 1, seeders: 9 }), stream('big', { size: 9, seeders: 1 })];
    expect(sortBy([desc('size')], streams)).toEqual(['big', 'small', 'none']);
    expect(sortBy([asc('size')], streams)).toEqual(['none', 'small', 'big']);
    expect(sortBy([desc('seeders')], streams)).toEqual(['small', 'big', 'none']);
  });

  it('the first differing criterion decides', () => {
    const streams = [
      stream('unc-big', { service: { id: 'realdebrid', cached: false }, size: 9 }),
      stream('c-small', { size: 1 }), stream('c-big', { size: 5 }),
    ];
    expect(sortBy([desc('cached'), desc('size')], streams)).toEqual(['c-big', 'c-small', 'unc-big']);
    expect(sortBy([desc('size'), desc('cached')], streams)).toEqual(['unc-big', 'c-big', 'c-small']);
  });

  it('scalar list keys: preferred index, unlisted after, Unknown for missing; asc from the end', () => {
    const streams = [
      stream('480', { resolution: '480p' }), stream('720', { resolution: '720p' }), stream('none'),
      stream('2160', { resolution: '2160p' }), stream('1080', { resolution: '1080p' }),
    ];
    const preferredResolutions = ['2160p', '1080p', 'Unknown', '720p'];
    expect(sortBy([desc('resolution')], streams, { preferredResolutions })).toEqual(['2160', '1080', 'none', '720', '480']);
    expect(sortBy([asc('resolution')], streams, { preferredResolutions })).toEqual(['480', '720', 'none', '1080', '2160']);
    // No list: no effect.
    expect(sortBy([desc('resolution')], streams)).toEqual(['480', '720', 'none', '2160', '1080']);
  });

  it('quality, encode, stream type and release group (case-insensitive) use their lists', () => {
    const streams = [
      stream('web', { quality: 'WEB-DL', encode: 'AVC', releaseGroup: 'ntb' }),
      stream('remux', { quality: 'BluRay REMUX', encode: 'HEVC', type: 'usenet', releaseGroup: 'FLUX' }),
    ];
    expect(sortBy([desc('quality')], streams, { preferredQualities: ['BluRay REMUX', 'WEB-DL'] })).toEqual(['remux', 'web']);
    expect(sortBy([desc('encode')], streams, { preferredEncodes: ['HEVC'] })).toEqual(['remux', 'web']);
    expect(sortBy([desc('streamType')], streams, { preferredStreamTypes: ['usenet'] })).toEqual(['remux', 'web']);
    expect(sortBy([desc('releaseGroup')], streams, { preferredReleaseGroups: ['flux'] })).toEqual(['remux', 'web']);
    expect(sortBy([desc('releaseGroup')], streams, { preferredReleaseGroups: ['NTB', 'FLUX'] })).toEqual(['web', 'remux']);
  });

  it('visual tags: lowest index among the tags, synthetic tags included, none listed last', () => {
    const streams = [
      stream('sdr', { visualTags: ['SDR'] }), stream('none'), stream('hdr', { visualTags: ['HDR10'] }),
      stream('dv', { visualTags: ['DV'] }), stream('both', { visualTags: ['DV', 'HDR10+'] }),
      stream('3d', { visualTags: ['3D'] }),
    ];
    const preferredVisualTags = ['HDR+DV', 'DV Only', 'HDR10+', 'HDR Only', 'SDR', 'Unknown'];
    expect(sortBy([desc('visualTag')], streams, { preferredVisualTags })).toEqual(['both', 'dv', 'hdr', 'sdr', 'none', '3d']);
  });

  it('audio tags, languages and subtitles: lowest index among the values', () => {
    const streams = [
      stream('dd', { audioTags: ['DD'], languages: ['French'], subtitles: [] }),
      stream('atmos', { audioTags: ['AAC', 'Atmos'], languages: ['Japanese', 'English'], subtitles: ['English'] }),
    ];
    expect(sortBy([desc('audioTag')], streams, { preferredAudioTags: ['Atmos', 'DD'] })).toEqual(['atmos', 'dd']);
    expect(sortBy([desc('language')], streams, { preferredLanguages: ['English', 'French'] })).toEqual(['atmos', 'dd']);
    expect(sortBy([desc('subtitle')], streams, { preferredSubtitles: ['Unknown', 'English'] })).toEqual(['dd', 'atmos']);
  });

  it('addon: preset position; asc puts the last preset first', () => {
    const streams = [stream('b', { addon: B }), stream('c', { addon: C }), stream('a', { addon: A })];
    expect(sortBy([desc('addon')], streams)).toEqual(['a', 'b', 'c']);
    expect(sortBy([asc('addon')], streams)).toEqual(['c', 'b', 'a']);
  });

  it('service: position in the whole services list; none or unlisted last', () => {
    const services = [
      { id: 'torbox', enabled: false, credentials: {} },
      { id: 'realdebrid', enabled: true, credentials: {} },
    ];
    const streams = [
      stream('p2p', { type: 'p2p', service: undefined }), stream('pm', { service: { id: 'premiumize', cached: true } }),
      stream('rd'), stream('tb', { service: { id: 'torbox', cached: true } }),
    ];
    expect(sortBy([desc('service')], streams, { services })).toEqual(['tb', 'rd', 'p2p', 'pm']);
  });

  it('keys without data or effect tie: age, bitrate, private, expressions, seadex, audioChannel', () => {
    const streams = [stream('1', { audioChannels: ['2.0'] }), stream('2', { audioChannels: ['7.1'] })];
    const keys = ['age', 'bitrate', 'private', 'streamExpressionMatched', 'streamExpressionScore', 'regexScore', 'seadex', 'audioChannel'];
    expect(sortBy(keys.map(desc), streams)).toEqual(['1', '2']);
    expect(sortBy(keys.map(asc), streams)).toEqual(['1', '2']);
  });
});

describe('sort: preferred keyword and regex marks', () => {
  const cfg = (over: Record<string, unknown>) => config({ global: [] }, over);

  it('marks preferred keyword matches and the first matching preferred regex', () => {
    const mark = compilePreferred(cfg({
      preferredKeywords: ['REPACK'],
      preferredRegexPatterns: [
        { name: 'Bad', pattern: '(?<=x)y' },
        { name: 'Remux', pattern: '/remux/i' },
        { name: 'Group', pattern: '^FLUX$' },
      ],
    }), { regexAllowed: true });
    expect(mark.regexIssues.map((i) => i.pattern)).toEqual(['(?<=x)y']);
    const [a, b, c] = mark([
      stream('Movie.REPACK.REMUX-FLUX', { releaseGroup: 'FLUX' }),
      stream('Movie.WEB', { releaseGroup: 'FLUX' }),
      stream('Movie.REPACKED'),
    ]);
    expect([a?.keywordMatched, a?.regexMatched, a?.regexMatchIndex]).toEqual([true, 'Remux', 1]);
    expect([b?.keywordMatched, b?.regexMatched, b?.regexMatchIndex]).toEqual([false, 'Group', 2]);
    expect([c?.keywordMatched, c?.regexMatched, c?.regexMatchIndex]).toEqual([false, undefined, undefined]);
  });

  it('n negates a preferred pattern: it matches when no field matches', () => {
    const mark = compilePreferred(cfg({ preferredRegexPatterns: [{ name: 'Not CAM', pattern: '/cam/in' }] }), { regexAllowed: true });
    const [cam, clean] = mark([stream('Movie.HDCAM', { indexer: 'X' }), stream('Movie.BluRay', { indexer: 'X' })]);
    expect(cam?.regexMatched).toBeUndefined();
    expect(clean?.regexMatched).toBe('Not CAM');
  });

  it('ignores preferred regexes for users not allowed regexes; keeps the streams untouched', () => {
    const original = stream('Movie.REMUX');
    const mark = compilePreferred(cfg({ preferredRegexPatterns: [{ name: 'R', pattern: 'REMUX' }] }), { regexAllowed: false });
    const [marked] = mark([original]);
    expect(marked?.regexMatched).toBeUndefined();
    expect(marked?.keywordMatched).toBeFalsy();
    expect('keywordMatched' in original).toBe(false);
    expect('regexMatched' in original).toBe(false);
  });

  it('marks copies, never the parsed streams themselves', () => {
    const original = stream('Movie.REMUX');
    const [marked] = compilePreferred(cfg({ preferredKeywords: ['REMUX'] }), { regexAllowed: true })([original]);
    expect(marked?.keywordMatched).toBe(true);
    expect(marked).not.toBe(original);
    expect('keywordMatched' in original).toBe(false);
  });

  it('keyword and regexPatterns sort keys read the marks', () => {
    const over = {
      preferredKeywords: ['PROPER'],
      preferredRegexPatterns: [{ name: 'Remux', pattern: 'REMUX' }, { name: 'Web', pattern: 'WEB' }],
    };
    const streams = compilePreferred(cfg(over), { regexAllowed: true })([
      stream('none'), stream('Movie.WEB'), stream('Movie.REMUX'), stream('Movie.PROPER'),
    ]);
    const sorter = (c: Criterion[]) => compileSorter(config({ global: c }, over))(streams, MOVIE).map((s) => s.filename);
    expect(sorter([desc('regexPatterns')])).toEqual(['Movie.REMUX', 'Movie.WEB', 'none', 'Movie.PROPER']);
    expect(sorter([asc('regexPatterns')])).toEqual(['none', 'Movie.PROPER', 'Movie.WEB', 'Movie.REMUX']);
    expect(sorter([desc('keyword')])).toEqual(['Movie.PROPER', 'none', 'Movie.WEB', 'Movie.REMUX']);
  });
});

describe('sort: which lists apply and split mode (§6)', () => {
  const streams = [
    uncached('unc-720-50', { resolution: '720p', seeders: 50, size: 5 }),
    stream('c-720-big', { resolution: '720p', size: 9 }),
    uncached('unc-2160-5', { resolution: '2160p', seeders: 5, size: 1 }),
    stream('p2p-1080', { type: 'p2p', service: undefined, resolution: '1080p', size: 1 }),
    stream('c-2160-small', { resolution: '2160p', size: 2 }),
  ];
  const preferredResolutions = ['2160p', '1080p', '720p'];
  const run = (sortCriteria: Record<string, Criterion[]>, ctx: SortContext) =>
    compileSorter(config(sortCriteria, { preferredResolutions }))(streams, ctx).map((s) => s.filename);

  it('primary list per kind when non-empty, else global; anime ids use the anime lists', () => {
    const lists = { global: [desc('size')], movies: [desc('resolution')], series: [], anime: [desc('seeders')] };
    expect(run(lists, MOVIE)).toEqual(['unc-2160-5', 'c-2160-small', 'p2p-1080', 'unc-720-50', 'c-720-big']);
    expect(run(lists, { kind: 'series', isAnime: false })).toEqual(['c-720-big', 'unc-720-50', 'c-2160-small', 'unc-2160-5', 'p2p-1080']);
    expect(run(lists, { kind: 'series', isAnime: true })).toEqual(['unc-720-50', 'unc-2160-5', 'c-720-big', 'p2p-1080', 'c-2160-small']);
    expect(run(lists, { kind: 'tv', isAnime: false })[0]).toBe('c-720-big');
    expect(run(lists, { kind: 'constructor', isAnime: false })[0]).toBe('c-720-big');
  });

  it('split mode: cached/service-less by the cached list, then uncached by the uncached list', () => {
    const lists = {
      global: [desc('cached'), desc('size')],
      cached: [desc('resolution'), desc('size')],
      uncached: [desc('seeders')],
    };
    expect(run(lists, MOVIE)).toEqual(['c-2160-small', 'p2p-1080', 'c-720-big', 'unc-720-50', 'unc-2160-5']);
    // cached asc: the uncached group comes first.
    expect(run({ ...lists, global: [asc('cached')] }, MOVIE))
      .toEqual(['unc-720-50', 'unc-2160-5', 'c-2160-small', 'p2p-1080', 'c-720-big']);
  });

  it('kind-specific cached/uncached lists win over the global ones when non-empty', () => {
    const lists = {
      global: [desc('cached')], cached: [desc('resolution')], uncached: [desc('seeders')],
      cachedMovies: [desc('size')], uncachedMovies: [],
    };
    expect(run(lists, MOVIE)).toEqual(['c-720-big', 'c-2160-small', 'p2p-1080', 'unc-720-50', 'unc-2160-5']);
  });

  it('no split mode unless both lists are non-empty and the primary starts with cached', () => {
    const primary = [desc('cached'), desc('size')];
    const expected = ['c-720-big', 'c-2160-small', 'p2p-1080', 'unc-720-50', 'unc-2160-5'];
    expect(run({ global: primary, cached: [desc('resolution')] }, MOVIE)).toEqual(expected);
    expect(run({ global: primary, cached: [desc('resolution')], uncached: [] }, MOVIE)).toEqual(expected);
    expect(run({ global: [desc('size'), desc('cached')], cached: [desc('resolution')], uncached: [desc('seeders')] }, MOVIE))
      .toEqual(['c-720-big', 'unc-720-50', 'c-2160-small', 'p2p-1080', 'unc-2160-5']);
  });

  it('pinned addons go on top or bottom in arrival order, outside the sort', () => {
    const top = addon('lib', 3, { pinPosition: 'top' });
    const bottom = addon('end', 4, { pinPosition: 'bottom' });
    const pinned = [
      stream('bottom-1', { addon: bottom, size: 100 }), ...streams.slice(0, 2),
      stream('top-small', { addon: top, size: 1 }), stream('top-big', { addon: top, size: 100 }),
    ];
    const out = compileSorter(config({ global: [desc('size')] }))(pinned, MOVIE).map((s) => s.filename);
    expect(out).toEqual(['top-small', 'top-big', 'c-720-big', 'unc-720-50', 'bottom-1']);
  });
});
