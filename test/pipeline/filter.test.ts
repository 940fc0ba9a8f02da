import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../src/addon/pipeline/filter.js';
import type { ParsedStream } from '../../src/addon/pipeline/types.js';
import { addonRef, parsedStream } from '../helpers/parsed-streams.js';
import type { UserConfig } from '../../src/config/schema.js';

// ---- fixtures -------------------------------------------------------------------------------

const addon = addonRef;
const TIO = addon('tio', 0);

/** A cached Real-Debrid stream with empty lists; `filename` doubles as the test label. */
function stream(filename: string, over: Partial<ParsedStream> = {}): ParsedStream {
  return parsedStream(TIO, { filename, ...over });
}

function config(over: Record<string, unknown>): UserConfig {
  return { presets: [], formatter: { id: 'prism' }, sortCriteria: { global: [] }, ...over } as UserConfig;
}

/** Labels of the streams that survive. */
function run(over: Record<string, unknown>, streams: ParsedStream[], kind = 'movie', regexAllowed = true): string[] {
  return compileFilter(config(over), { regexAllowed })(streams, { kind }).map((s) => s.filename ?? '?');
}

const GB = 1_000_000_000;

// ---- tests ----------------------------------------------------------------------------------

describe('filter: attribute families (§5.1, §5.2)', () => {
  const uhd = stream('uhd', { resolution: '2160p', quality: 'BluRay', encode: 'HEVC' });
  const fhd = stream('fhd', { resolution: '1080p', quality: 'WEB-DL', encode: 'AVC' });
  const none = stream('none');

  it('excluded drops a matching value; missing values match Unknown', () => {
    expect(run({ excludedResolutions: ['2160p'] }, [uhd, fhd, none])).toEqual(['fhd', 'none']);
    expect(run({ excludedQualities: ['Unknown'] }, [uhd, fhd, none])).toEqual(['uhd', 'fhd']);
    expect(run({ excludedEncodes: ['AVC', 'Unknown'] }, [uhd, fhd, none])).toEqual(['uhd']);
  });

  it('required keeps only listed values; an empty list is no requirement', () => {
    expect(run({ requiredResolutions: ['1080p', 'Unknown'] }, [uhd, fhd, none])).toEqual(['fhd', 'none']);
    expect(run({ requiredQualities: ['BluRay'] }, [uhd, fhd, none])).toEqual(['uhd']);
    expect(run({ requiredQualities: [] }, [uhd, fhd, none])).toEqual(['uhd', 'fhd', 'none']);
  });

  it('list families: excluded drops on any value, required needs one value', () => {
    const atmos = stream('atmos', { audioTags: ['Atmos', 'TrueHD'] });
    const aac = stream('aac', { audioTags: ['AAC'] });
    const silent = stream('silent');
    expect(run({ excludedAudioTags: ['TrueHD'] }, [atmos, aac, silent])).toEqual(['aac', 'silent']);
    expect(run({ requiredAudioTags: ['Atmos', 'Unknown'] }, [atmos, aac, silent])).toEqual(['atmos', 'silent']);
    const surround = stream('surround', { audioChannels: ['5.1'] });
    expect(run({ excludedAudioChannels: ['Unknown'] }, [surround, silent])).toEqual(['surround']);
  });

  it('languages and subtitles drop only when every value is excluded', () => {
    const enFr = stream('enFr', { languages: ['English', 'French'] });
    const fr = stream('fr', { languages: ['French'] });
    const unknown = stream('unknown');
    expect(run({ excludedLanguages: ['French'] }, [enFr, fr, unknown])).toEqual(['enFr', 'unknown']);
    expect(run({ excludedLanguages: ['French', 'Unknown'] }, [enFr, fr, unknown])).toEqual(['enFr']);
    expect(run({ requiredLanguages: ['English'] }, [enFr, fr, unknown])).toEqual(['enFr']);
    const subs = stream('subs', { subtitles: ['English', 'Russian'] });
    expect(run({ excludedSubtitles: ['Russian'] }, [subs, unknown])).toEqual(['subs', 'unknown']);
    expect(run({ excludedSubtitles: ['Unknown'] }, [subs, unknown])).toEqual(['subs']);
  });

  it('visual tags include the synthetic HDR+DV / DV Only / HDR Only tags', () => {
    const both = stream('both', { visualTags: ['DV', 'HDR10'] });
    const dv = stream('dv', { visualTags: ['DV'] });
    const hdr = stream('hdr', { visualTags: ['HDR10+'] });
    const sdr = stream('sdr');
    const all = [both, dv, hdr, sdr];
    expect(run({ excludedVisualTags: ['DV Only'] }, all)).toEqual(['both', 'hdr', 'sdr']);
    expect(run({ excludedVisualTags: ['HDR Only'] }, all)).toEqual(['both', 'dv', 'sdr']);
    expect(run({ requiredVisualTags: ['HDR+DV'] }, all)).toEqual(['both']);
    expect(run({ excludedVisualTags: ['DV'] }, all)).toEqual(['hdr', 'sdr']);
    expect(run({ requiredVisualTags: ['Unknown'] }, all)).toEqual(['sdr']);
  });

  it('release groups compare case-insensitively; Unknown matches a stream without one', () => {
    const flux = stream('flux', { releaseGroup: 'FLUX' });
    const ntb = stream('ntb', { releaseGroup: 'NTb' });
    const anon = stream('anon');
    expect(run({ excludedReleaseGroups: ['flux'] }, [flux, ntb, anon])).toEqual(['ntb', 'anon']);
    expect(run({ requiredReleaseGroups: ['ntb', 'unknown'] }, [flux, ntb, anon])).toEqual(['ntb', 'anon']);
  });

  it('stream types: excluded then required; info items are kept at that step', () => {
    const p2p = stream('p2p', { type: 'p2p', service: undefined });
    const http = stream('http', { type: 'http', service: undefined });
    const info = stream('info', { type: 'info', service: undefined });
    expect(run({ excludedStreamTypes: ['p2p', 'info'] }, [p2p, http, info])).toEqual(['http', 'info']);
    expect(run({ requiredStreamTypes: ['http'] }, [p2p, http, info])).toEqual(['http', 'info']);
    // Kept decisively: later steps (here a required resolution) do not apply to info items.
    expect(run({ requiredResolutions: ['2160p'] }, [p2p, info])).toEqual(['info']);
  });
});

describe('filter: order of §5.3', () => {
  it('passthrough addons bypass every rule', () => {
    const passthrough = stream('pass', { addon: addon('lib', 1, { resultPassthrough: true }), resolution: '480p' });
    expect(run({ excludedResolutions: ['480p'], requiredStreamTypes: ['p2p'] }, [passthrough])).toEqual(['pass']);
  });

  it('an include keeps the stream and skips every later check', () => {
    const flux = stream('Movie.2160p.CAM-FLUX', {
      releaseGroup: 'flux', quality: 'CAM', languages: ['Russian'], service: { id: 'realdebrid', cached: false },
      size: 200 * GB, seeders: 0,
    });
    const over = {
      includedReleaseGroups: ['FLUX'], excludedQualities: ['CAM'], excludedLanguages: ['Russian'],
      excludeUncached: true, excludedKeywords: ['CAM'], excludedRegexPatterns: ['CAM'],
      requiredSeederRange: [5, 1000], size: { global: { movies: [GB, 50 * GB] } },
      excludedStreamTypes: ['debrid'],
    };
    expect(run(over, [flux])).toEqual(['Movie.2160p.CAM-FLUX']);
    expect(run({ ...over, includedReleaseGroups: ['OTHER'] }, [flux])).toEqual([]);
  });

  it('every include family keeps on a match', () => {
    const s = stream('Movie.2160p.REPACK', {
      type: 'debrid', resolution: '2160p', quality: 'BluRay', visualTags: ['HDR10'], audioTags: ['DTS'],
      audioChannels: ['7.1'], languages: ['German'], subtitles: ['Dutch'], releaseGroup: 'GRP', encode: 'AV1',
      seeders: 40,
    });
    const drop = { requiredStreamTypes: ['p2p'] };
    for (const include of [
      { includedStreamTypes: ['debrid'] }, { includedResolutions: ['2160p'] }, { includedQualities: ['BluRay'] },
      { includedVisualTags: ['HDR Only'] }, { includedAudioTags: ['DTS'] }, { includedAudioChannels: ['7.1'] },
      { includedLanguages: ['German'] }, { includedSubtitles: ['Dutch'] }, { includedReleaseGroups: ['grp'] },
      { includedEncodes: ['AV1'] }, { includedRegexPatterns: ['/repack/i'] }, { includedKeywords: ['repack'] },
      { includeSeederRange: [30, 1000] },
    ]) {
      expect(run({ ...drop, ...include }, [s]), JSON.stringify(include)).toEqual(['Movie.2160p.REPACK']);
    }
    expect(run({ ...drop, includedKeywords: ['pack'] }, [s])).toEqual([]);
  });

  it('excludeUncached / excludeCached never touch service-less streams', () => {
    const cached = stream('cached');
    const uncached = stream('uncached', { service: { id: 'torbox', cached: false } });
    const p2p = stream('p2p', { type: 'p2p', service: undefined });
    expect(run({ excludeUncached: true }, [cached, uncached, p2p])).toEqual(['cached', 'p2p']);
    expect(run({ excludeCached: true }, [cached, uncached, p2p])).toEqual(['uncached', 'p2p']);
  });
});

describe('filter: keywords and regex (§5.5)', () => {
  const byFile = stream('Movie.2021.HC.HDRip');
  const byGroup = stream('a', { releaseGroup: 'KORSUB' });
  const byIndexer = stream('b', { indexer: 'ThePirateBay' });
  const byFolder = stream('c', { folderName: 'Movie.2021.HDCAM' });
  const all = [byFile, byGroup, byIndexer, byFolder];

  it('tests keywords on the filename, release group, indexer and folder name', () => {
    expect(run({ excludedKeywords: ['HC', 'KORSUB'] }, all)).toEqual(['b', 'c']);
    expect(run({ excludedKeywords: ['CAM'] }, all)).toEqual(['Movie.2021.HC.HDRip', 'a', 'b', 'c']);
    expect(run({ requiredKeywords: ['thepiratebay', 'hdcam'] }, all)).toEqual(['b', 'c']);
  });

  it('tests regexes on the same fields; required needs one match', () => {
    expect(run({ excludedRegexPatterns: ['/pirate/i', 'CAM$'] }, all)).toEqual(['Movie.2021.HC.HDRip', 'a']);
    expect(run({ requiredRegexPatterns: ['^KOR', '/hdrip/i'] }, all)).toEqual(['Movie.2021.HC.HDRip', 'a']);
  });

  it('does not honour the n flag outside preferred patterns', () => {
    expect(run({ excludedRegexPatterns: ['/korsub/in'] }, all)).toEqual(['Movie.2021.HC.HDRip', 'b', 'c']);
  });

  it('ignores regex lists for users the operator has not allowed', () => {
    const over = { excludedRegexPatterns: ['.'], requiredRegexPatterns: ['^$'], includedRegexPatterns: ['.'] };
    expect(run(over, all, 'movie', false)).toEqual(['Movie.2021.HC.HDRip', 'a', 'b', 'c']);
  });

  it('reports invalid patterns and skips them', () => {
    const filter = compileFilter(
      config({ excludedRegexPatterns: ['(?<=x)y', 'KORSUB'], requiredRegexPatterns: ['(a)\\1'] }),
      { regexAllowed: true },
    );
    expect(filter.regexIssues.map((i) => i.pattern)).toEqual(['(?<=x)y', '(a)\\1']);
    expect(filter(all, { kind: 'movie' }).map((s) => s.filename)).toEqual(['Movie.2021.HC.HDRip', 'b', 'c']);
  });

  it('a catastrophic user regex on a 100 KB filename completes', () => {
    const long = stream(`${'a'.repeat(100_000)}!`);
    expect(run({ excludedRegexPatterns: ['(a+)+$'] }, [long])).toHaveLength(1);
  });
});

describe('filter: seeder ranges (§5.6)', () => {
  const s = (label: string, seeders: number | undefined, over: Partial<ParsedStream> = {}) =>
    stream(label, { seeders, ...over });
  const zero = s('0', 0);
  const five = s('5', 5);
  const fifty = s('50', 50);
  const many = s('5000', 5000);
  const unknown = s('?', undefined);
  const all = [zero, five, fifty, many, unknown];

  it('required: below min dropped (unknown = 0); above max only when known; 1000 = no max', () => {
    expect(run({ requiredSeederRange: [5, 40] }, all)).toEqual(['5']);
    expect(run({ requiredSeederRange: [0, 40] }, all)).toEqual(['0', '5', '?']);
    expect(run({ requiredSeederRange: [5, 1000] }, all)).toEqual(['5', '50', '5000']);
    expect(run({ requiredSeederRange: [0, 1000] }, all)).toEqual(['0', '5', '50', '5000', '?']);
  });

  it('excluded copies the AIOStreams quirk: drop above min, drop below max', () => {
    expect(run({ excludeSeederRange: [10, 1000] }, all)).toEqual(['0', '5', '?']);
    expect(run({ excludeSeederRange: [0, 10] }, all)).toEqual(['50', '5000']);
    expect(run({ excludeSeederRange: [10, 40] }, all)).toEqual([]);
  });

  it('included keeps above min or below max, before any drop', () => {
    const over = { requiredStreamTypes: ['p2p'] };
    expect(run({ ...over, includeSeederRange: [10, 1000] }, all)).toEqual(['50', '5000']);
    expect(run({ ...over, includeSeederRange: [0, 3] }, all)).toEqual(['0', '?']);
  });

  it('seederRangeTypes limits the streams the ranges apply to', () => {
    const p2p = s('p2p', 1, { type: 'p2p', service: undefined });
    const cached = s('cached', 1);
    const uncached = s('uncached', 1, { service: { id: 'realdebrid', cached: false } });
    const http = s('http', 1, { type: 'http', service: undefined });
    const streams = [p2p, cached, uncached, http];
    const required = { requiredSeederRange: [5, 1000] };
    expect(run(required, streams)).toEqual([]);
    expect(run({ ...required, seederRangeTypes: [] }, streams)).toEqual([]);
    expect(run({ ...required, seederRangeTypes: ['p2p', 'uncached'] }, streams)).toEqual(['cached', 'http']);
    expect(run({ ...required, seederRangeTypes: ['cached'] }, streams)).toEqual(['p2p', 'uncached', 'http']);
  });
});

describe('filter: size (§5.4)', () => {
  const sized = (label: string, gb: number | undefined, resolution?: ParsedStream['resolution']) =>
    stream(label, { size: gb === undefined ? undefined : gb * GB, resolution });

  it('drops outside [min, max]; an unknown size always passes', () => {
    const streams = [sized('0.2', 0.2), sized('1', 1), sized('90', 90), sized('?', undefined)];
    expect(run({ size: { global: { movies: [0.5 * GB, 80 * GB] } } }, streams)).toEqual(['1', '?']);
  });

  it('min 0 and max 0 / 100 GB mean no bound; [0, 0] still blocks the global fallback', () => {
    const big = sized('150', 150, '720p');
    const small = sized('0.1', 0.1, '720p');
    const global = { movies: [GB, 2 * GB] };
    expect(run({ size: { global: { movies: [0, 100 * GB] } } }, [big, small])).toEqual(['150', '0.1']);
    expect(run({ size: { global: { movies: [GB, 0] } } }, [big, small])).toEqual(['150']);
    expect(run({ size: { global: { movies: [0, 10 * GB] } } }, [big, small])).toEqual(['0.1']);
    // [0, 100 GB] per resolution is absent: global applies.
    expect(run({ size: { global, resolution: { '720p': { movies: [0, 100 * GB] } } } }, [big, small])).toEqual([]);
    // [0, 0] is present: it wins and filters nothing.
    expect(run({ size: { global, resolution: { '720p': { movies: [0, 0] } } } }, [big, small])).toEqual(['150', '0.1']);
  });

  it('per-resolution beats global; a stream without a resolution uses global only', () => {
    const size = {
      global: { movies: [0.5 * GB, 80 * GB], series: [0.1 * GB, 20 * GB] },
      resolution: { '720p': { movies: [0, 8 * GB] } },
    };
    const streams = [sized('720p/10', 10, '720p'), sized('1080p/10', 10, '1080p'), sized('none/10', 10)];
    expect(run({ size }, streams, 'movie')).toEqual(['1080p/10', 'none/10']);
    expect(run({ size: { ...size, resolution: { Unknown: { movies: [0, 8 * GB] } } } }, streams, 'movie'))
      .toEqual(['720p/10', '1080p/10', 'none/10']);
  });

  it('series kinds use series; anime tries anime pairs then series pairs', () => {
    const streams = [sized('5', 5, '1080p'), sized('30', 30, '1080p')];
    const size = { global: { movies: [0, 10 * GB], series: [0, 20 * GB] } };
    expect(run({ size }, streams, 'series')).toEqual(['5']);
    expect(run({ size }, streams, 'tv')).toEqual(['5']);
    expect(run({ size }, streams, 'anime')).toEqual(['5']);
    expect(run({ size: { global: { ...size.global, anime: [10 * GB, 0] } } }, streams, 'anime')).toEqual(['30']);
    expect(run({ size: { ...size, resolution: { '1080p': { anime: [0, 4 * GB] } } } }, streams, 'anime')).toEqual([]);
    // For series requests the anime pairs are not consulted.
    expect(run({ size: { ...size, resolution: { '1080p': { anime: [0, 4 * GB] } } } }, streams, 'series')).toEqual(['5']);
    expect(run({ size: { resolution: { '1080p': { series: [0, 10 * GB] } } } }, streams, 'anime')).toEqual(['5']);
  });
});
