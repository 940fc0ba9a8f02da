import { describe, expect, it } from 'vitest';
import { clearParseCache, parseReleaseName } from '../../src/addon/pipeline/parse.js';
import type { ReleaseInfo } from '../../src/addon/pipeline/types.js';
import { streamCacheBudget } from '../../src/addon/cache/memory-budget.js';

type Picked = Pick<ReleaseInfo, 'resolution' | 'quality' | 'encode' | 'visualTags' | 'audioTags' | 'audioChannels'>;
const tags = (name: string): Picked => {
  const r = parseReleaseName(name);
  return {
    resolution: r.resolution,
    quality: r.quality,
    encode: r.encode,
    visualTags: r.visualTags,
    audioTags: r.audioTags,
    audioChannels: r.audioChannels,
  };
};

describe('parseReleaseName: full releases', () => {
  it('parses a UHD remux', () => {
    expect(parseReleaseName('Dune.Part.Two.2024.2160p.BluRay.REMUX.DV.HDR.HEVC.TrueHD.Atmos.7.1-FGT')).toEqual({
      key: 'duneparttwo20242160pblurayremuxdvhdrhevctruehdatmos71fgt',
      title: 'Dune Part Two',
      year: '2024',
      resolution: '2160p',
      quality: 'BluRay REMUX',
      encode: 'HEVC',
      releaseGroup: 'FGT',
      // Lists in table order (10bit, HDR10+, HDR10, HDR, HLG, DV, …), as AIOStreams shows them.
      visualTags: ['HDR', 'DV'],
      audioTags: ['Atmos', 'TrueHD'],
      audioChannels: ['7.1'],
      languages: [],
      editions: [],
      seasons: [],
      episodes: [],
      repack: false,
      proper: false,
      subbed: false,
      dubbed: false,
      regraded: false,
      uncensored: false,
      unrated: false,
      upscaled: false,
    });
  });

  it('parses an episode file', () => {
    expect(parseReleaseName('The Bear S02E03 Sundays 1080p DSNP WEB-DL DDP5.1 H 264-NTb.mkv')).toMatchObject({
      title: 'The Bear',
      seasons: [2],
      episodes: [3],
      episodeTitle: 'Sundays',
      network: 'Disney+',
      resolution: '1080p',
      quality: 'WEB-DL',
      encode: 'AVC',
      audioTags: ['DD+'],
      audioChannels: ['5.1'],
      releaseGroup: 'NTb',
      container: 'mkv',
      extension: 'mkv',
    });
  });

  it('reads repack/proper flags and editions', () => {
    const r = parseReleaseName('Movie.2020.Extended.REPACK.PROPER.1080p.BluRay.x264-GRP');
    expect(r).toMatchObject({ repack: true, proper: true, editions: ['Extended Edition'] });
  });
});

describe('parseReleaseName: spellings of §4.5', () => {
  it.each([
    ['Movie.2020.4k.WEB', '2160p'],
    ['Movie.2020.UHD.BluRay.x265', '2160p'],
    ['Movie.2020.2160p.WEB', '2160p'],
    ['Movie 2020 2K WEB', '1440p'],
    ['Movie.2020.QHD.WEB', '1440p'],
    ['Movie.2020.FHD.WEB', '1080p'],
    ['Movie.2020.HD.WEB', '720p'],
    ['Movie.2020.SD.DVDRip', '480p'],
    // The parser's own NNNp → the nearest enum value.
    ['Movie.2020.1600p.WEB', '1440p'],
    ['Movie.2020.540p.WEB', '576p'],
  ])('resolution of %s is %s', (name, expected) => {
    expect(parseReleaseName(name).resolution).toBe(expected);
  });

  it('reads a lone HD token as 720p when the parser finds no resolution (AIOStreams does, DTS-HD included)', () => {
    expect(parseReleaseName('Movie.2020.BluRay.DTS-HD.MA.5.1').resolution).toBe('720p');
    expect(parseReleaseName('Movie.2020.BluRay.TrueHD').resolution).toBeUndefined();
  });

  it.each([
    ['Movie.2020.1080p.BluRay.REMUX', 'BluRay REMUX'],
    ['Movie.2020.1080p.BDRemux', 'BluRay REMUX'],
    // AIOStreams has no DVD REMUX rule: any remux is a BluRay remux.
    ['Movie.2020.DVD.REMUX', 'BluRay REMUX'],
    ['Movie.2020.DVDRip.REMUX', 'BluRay REMUX'],
    ['Movie.2020.BluRay', 'BluRay'],
    ['Movie.2020.Blu-Ray', 'BluRay'],
    ['Movie.2020.BDRip.x264', 'BluRay'],
    ['Movie.2020.BRRip', 'BluRay'],
    ['Movie.2020.WEB.H.265', 'WEB-DL'],
    ['Movie.2020.WEB-DL', 'WEB-DL'],
    ['Movie.2020.WEBRip', 'WEBRip'],
    ['Movie.2020.WEB-Rip.x264', 'WEBRip'],
    ['Movie.2020.HDRip', 'HDRip'],
    // HDRip comes first in the table, so AIOStreams never reports HC HD-Rip for an HD-Rip.
    ['Movie.2020.HC.HD-Rip.x264', 'HDRip'],
    ['Movie.2020.HC.x264', 'HC HD-Rip'],
    ['Movie.2020.DVDRip', 'DVDRip'],
    ['Movie.2020.HDTV.x264', 'HDTV'],
    ['Movie.2020.HDCAM', 'CAM'],
    ['Movie.2020.HDTS.x264', 'TS'],
    ['Movie.2020.TELESYNC', 'TS'],
    ['Movie.2020.TC', 'TC'],
    ['Movie.2020.DVDSCR', 'SCR'],
    ['Movie.2020.SCREENER', 'SCR'],
  ])('quality of %s is %s', (name, expected) => {
    expect(parseReleaseName(name).quality).toBe(expected);
  });

  it('reads a `.ts` extension as TeleSync (an AIOStreams quirk) but no quality in a bare HD', () => {
    expect(parseReleaseName('Movie.2020.ts').quality).toBe('TS');
    expect(parseReleaseName('Movie 2020 4k HDR10+ DTS-HD MA 5.1').quality).toBeUndefined();
  });

  it.each([
    ['Movie.2020.x265', 'HEVC'],
    ['Movie.2020.H.265', 'HEVC'],
    ['Movie.2020.HEVC', 'HEVC'],
    ['Movie.2020.x264', 'AVC'],
    ['Movie.2020.H.264', 'AVC'],
    ['Movie.2020.AVC', 'AVC'],
    ['Movie.2020.AV1', 'AV1'],
    ['Movie.2020.XviD', 'XviD'],
    ['Movie.2020.DivX', 'DivX'],
    // Checked in the order HEVC, AVC, AV1, XviD, DivX, so HEVC wins over AV1.
    ['Movie.2020.AV1.x265', 'HEVC'],
    ['Movie.2020.MPEG-4.XviD', 'XviD'],
    // AIOStreams reads no VC-1 or MPEG-4, nor a codec glued to the audio one.
    ['Movie.2020.VC-1', undefined],
    ['Movie.2020.MPEG-4', undefined],
    ['Movie.2020.H264AAC', undefined],
  ])('encode of %s is %s', (name, expected) => {
    expect(parseReleaseName(name).encode).toBe(expected);
  });

  it.each([
    ['Movie.2020.DV', ['DV']],
    ['Movie.2020.DoVi', ['DV']],
    ['Movie.2020.Dolby.Vision.HDR10Plus', ['HDR10+', 'DV']],
    ['Movie.2020.DV.HDR', ['HDR', 'DV']],
    ['Movie.2020.HDR10+.DV', ['HDR10+', 'DV']],
    // The parser reports HDR10 as HDR (and as 10bit); the table keeps HDR10 alone.
    ['Movie 2021 2160p HDR10 HEVC', ['HDR10']],
    ['Movie.2020.HDR.HLG.2160p', ['HDR', 'HLG']],
    ['Movie.2020.10bit', ['10bit']],
    ['Movie.2020.x265.10bit.HDR', ['10bit', 'HDR']],
    // No Hi10P or Upscaled rule in AIOStreams.
    ['Movie.2020.Hi10P', []],
    ['Movie.2020.IMAX.AI.Upscaled.SDR', ['IMAX', 'AI', 'SDR']],
    ['Movie.2020.3D.HSBS.1080p', ['3D', 'H-SBS']],
    ['Movie.2020.H-OU.3D', ['3D', 'H-OU']],
    ['Movie.2020.1080p.WEB', []],
  ])('visual tags of %s are %j', (name, expected) => {
    expect(parseReleaseName(name).visualTags).toEqual(expected);
  });

  it.each([
    ['Movie.2020.DDP5.1.Atmos', ['Atmos', 'DD+'], ['5.1']],
    ['Movie.2020.DDPA5.1', ['Atmos', 'DD+'], ['5.1']],
    ['Movie.2020.EAC3.5.1', ['DD+'], ['5.1']],
    ['Movie 2020 1080p WEB-DL DD+ 5.1 x264', ['DD+'], ['5.1']],
    ['Movie.2020.AC3', ['DD'], []],
    ['Movie.2020.DD.2.0', ['DD'], ['2.0']],
    ['Movie.2020.DTS-X.7.1', ['DTS:X'], ['7.1']],
    ['Movie.2020.DTS-HD.MA.5.1', ['DTS-HD MA'], ['5.1']],
    ['Movie.2020.DTS-HD.HRA.7.1', ['DTS-HD'], ['7.1']],
    ['Movie.2020.DTS.5.1', ['DTS'], ['5.1']],
    ['Movie.2020.TrueHD.7.1', ['TrueHD'], ['7.1']],
    // No PCM rule; OPUS, AAC, FLAC in table order; channels glued to AAC stay unread.
    ['Movie.2020.LPCM.FLAC.OPUS', ['OPUS', 'FLAC'], []],
    ['Movie.2020.AAC2.0', ['AAC'], []],
  ])('audio of %s is %j, channels %j', (name, audio, channels) => {
    expect(parseReleaseName(name)).toMatchObject({ audioTags: audio, audioChannels: channels });
  });

  it('keeps DTS-ES and its 6.1, and reads its ES as Spanish as AIOStreams does', () => {
    expect(parseReleaseName('Movie.2020.1080p.BluRay.DTS-ES.6.1')).toMatchObject({
      audioTags: ['DTS-ES'],
      audioChannels: ['6.1'],
      languages: ['Spanish'],
    });
    expect(parseReleaseName('Movie.2020.1080p.BluRay.DTS-ES.SPANISH').languages).toEqual(['Spanish']);
  });

  it('does not read channels out of years, resolutions or episode numbers', () => {
    expect(tags('Show.S05.1080p.WEB')).toMatchObject({ audioChannels: [] });
    expect(tags('Movie.2005.1080p.WEB')).toMatchObject({ audioChannels: [] });
  });

  it('cuts a title of five characters or more out before matching tags; shorter ones stay', () => {
    // The title's "English" is not a language tag.
    expect(parseReleaseName('English.Vinglish.2012.720p.BluRay').languages).toEqual([]);
    const r = parseReleaseName('Cam.2018.1080p.NF');
    expect(r.title).toBe('Cam');
    expect(r.quality).toBe('CAM');
  });
});

describe('parseReleaseName: languages', () => {
  it.each([
    ['Movie.2020.MULTi.1080p.BluRay.x264-GRP', ['Multi']],
    ['Film 2020 ITA ENG 1080p', ['English', 'Italian']],
    // The table's languages first, in table order (Multi, Dual Audio, Dubbed, English, …), then the parser's.
    ['Movie 2020 Dual Audio Hindi English 720p', ['Dual Audio', 'English', 'Hindi']],
    ['Movie.2020.LATINO.1080p', ['Latino']],
    ['Movie.2020.PT-BR.1080p.WEB-DL', ['Portuguese']],
    ['Movie.2020.VOSTFR.DUBBED.1080p', ['Dubbed', 'French']],
    ['Movie.2020.1080p.WEB', []],
  ])('%s → %j', (name, expected) => {
    expect(parseReleaseName(name).languages).toEqual(expected);
  });
});

describe('parseReleaseName: cache', () => {
  it('keeps one entry per distinct name and answers repeats from it, each with its own object', () => {
    clearParseCache();
    const name = 'Cache.Test.2020.1080p.WEB-DL.x264-GRP';
    const first = parseReleaseName(name);
    const held = streamCacheBudget.usedBytes;
    expect(held).toBeGreaterThan(name.length);
    const second = parseReleaseName(name);
    expect(streamCacheBudget.usedBytes).toBe(held);
    expect(second).not.toBe(first);
    expect(second).toStrictEqual(first);
    clearParseCache();
    expect(streamCacheBudget.usedBytes).toBe(0);
    expect(parseReleaseName(name)).toStrictEqual(first);
  });
});
