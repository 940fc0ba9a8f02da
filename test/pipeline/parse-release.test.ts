import { describe, expect, it } from 'vitest';
import { clearParseCache, parseReleaseName } from '../../src/addon/pipeline/parse.js';
import { LruCache } from '../../src/addon/pipeline/parse/lru.js';
import type { ReleaseInfo } from '../../src/addon/pipeline/types.js';

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
      title: 'Dune Part Two',
      year: '2024',
      resolution: '2160p',
      quality: 'BluRay REMUX',
      encode: 'HEVC',
      releaseGroup: 'FGT',
      visualTags: ['DV', 'HDR'],
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

  it('does not read the HD of DTS-HD or TrueHD as 720p', () => {
    expect(parseReleaseName('Movie.2020.BluRay.DTS-HD.MA.5.1').resolution).toBeUndefined();
    expect(parseReleaseName('Movie.2020.BluRay.TrueHD').resolution).toBeUndefined();
  });

  it.each([
    ['Movie.2020.1080p.BluRay.REMUX', 'BluRay REMUX'],
    ['Movie.2020.1080p.BDRemux', 'BluRay REMUX'],
    ['Movie.2020.DVD.REMUX', 'DVD REMUX'],
    ['Movie.2020.DVDRip.REMUX', 'DVD REMUX'],
    ['Movie.2020.BluRay', 'BluRay'],
    ['Movie.2020.Blu-Ray', 'BluRay'],
    ['Movie.2020.BDRip.x264', 'BluRay'],
    ['Movie.2020.BRRip', 'BluRay'],
    ['Movie.2020.WEB.H.265', 'WEB-DL'],
    ['Movie.2020.WEB-DL', 'WEB-DL'],
    ['Movie.2020.WEBRip', 'WEBRip'],
    ['Movie.2020.WEB-Rip.x264', 'WEBRip'],
    ['Movie.2020.HDRip', 'HDRip'],
    ['Movie.2020.HC.HD-Rip.x264', 'HC HD-Rip'],
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

  it('finds no quality in a `.ts` extension or a bare HD (the parser would say TeleSync / HDTV)', () => {
    expect(parseReleaseName('Movie.2020.ts').quality).toBeUndefined();
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
    ['Movie.2020.VC-1', 'VC-1'],
    ['Movie.2020.XviD', 'XviD'],
    ['Movie.2020.DivX', 'DivX'],
    ['Movie.2020.MPEG-4', 'MPEG-4'],
    // Checked in the order HEVC, AVC, …, so HEVC wins over AV1 and XviD over MPEG-4.
    ['Movie.2020.AV1.x265', 'HEVC'],
    ['Movie.2020.MPEG-4.XviD', 'XviD'],
    // Glued to the audio codec: only the parser sees it.
    ['Movie.2020.H264AAC', 'AVC'],
  ])('encode of %s is %s', (name, expected) => {
    expect(parseReleaseName(name).encode).toBe(expected);
  });

  it.each([
    ['Movie.2020.DV', ['DV']],
    ['Movie.2020.DoVi', ['DV']],
    ['Movie.2020.Dolby.Vision.HDR10Plus', ['HDR10+', 'DV']],
    ['Movie.2020.HDR10+.DV', ['HDR10+', 'DV']],
    // The parser reports HDR10 as HDR (and as 10bit); the table keeps HDR10 alone.
    ['Movie 2021 2160p HDR10 HEVC', ['HDR10']],
    ['Movie.2020.HDR.HLG.2160p', ['HDR', 'HLG']],
    ['Movie.2020.10bit', ['10bit']],
    ['Movie.2020.Hi10P', ['10bit']],
    ['Movie.2020.IMAX.AI.Upscaled.SDR', ['IMAX', 'AI', 'Upscaled', 'SDR']],
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
    ['Movie.2020.LPCM.FLAC.OPUS', ['PCM', 'OPUS', 'FLAC'], []],
    ['Movie.2020.AAC2.0', ['AAC'], ['2.0']],
  ])('audio of %s is %j, channels %j', (name, audio, channels) => {
    expect(parseReleaseName(name)).toMatchObject({ audioTags: audio, audioChannels: channels });
  });

  it('keeps DTS-ES and its 6.1 without reading ES as Spanish', () => {
    expect(parseReleaseName('Movie.2020.1080p.BluRay.DTS-ES.6.1')).toMatchObject({
      audioTags: ['DTS-ES'],
      audioChannels: ['6.1'],
      languages: [],
    });
    expect(parseReleaseName('Movie.2020.1080p.BluRay.DTS-ES.SPANISH').languages).toEqual(['Spanish']);
  });

  it('does not read channels out of years, resolutions or episode numbers', () => {
    expect(tags('Show.S05.1080p.WEB')).toMatchObject({ audioChannels: [] });
    expect(tags('Movie.2005.1080p.WEB')).toMatchObject({ audioChannels: [] });
  });

  it('cuts the title out before matching tags', () => {
    const r = parseReleaseName('Cam.2018.1080p.NF');
    expect(r.title).toBe('Cam');
    expect(r.quality).toBeUndefined();
  });

  it('drops the Movies Anywhere network the parser reads from a spaced DTS-HD MA', () => {
    expect(parseReleaseName('Movie 2020 2160p DTS-HD MA 5.1').network).toBeUndefined();
    expect(parseReleaseName('Movie 2020 MA WEB-DL 1080p').network).toBe('Movies Anywhere');
  });
});

describe('parseReleaseName: languages', () => {
  it.each([
    ['Movie.2020.MULTi.1080p.BluRay.x264-GRP', ['Multi']],
    ['Film 2020 ITA ENG 1080p', ['English', 'Italian']],
    ['Movie 2020 Dual Audio Hindi English 720p', ['English', 'Hindi', 'Dual Audio']],
    ['Movie.2020.LATINO.1080p', ['Latino']],
    ['Movie.2020.PT-BR.1080p.WEB-DL', ['Portuguese (Brazil)']],
    ['Movie.2020.VOSTFR.DUBBED.1080p', ['French', 'Dubbed']],
    ['Movie.2020.1080p.WEB', []],
  ])('%s → %j', (name, expected) => {
    expect(parseReleaseName(name).languages).toEqual(expected);
  });
});

describe('parseReleaseName: cache', () => {
  it('returns the same frozen object for the same text until cleared', () => {
    const name = 'Cache.Test.2020.1080p.WEB-DL.x264-GRP';
    const first = parseReleaseName(name);
    expect(parseReleaseName(name)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.visualTags)).toBe(true);
    clearParseCache();
    const again = parseReleaseName(name);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  it('LruCache evicts the least recently used entry', () => {
    const lru = new LruCache<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1); // a is now the newest
    lru.set('c', 3);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
    expect(lru.get('c')).toBe(3);
    expect(lru.size).toBe(2);
    lru.set('a', 10); // re-setting refreshes without growing
    expect(lru.size).toBe(2);
    expect(lru.get('a')).toBe(10);
  });
});
