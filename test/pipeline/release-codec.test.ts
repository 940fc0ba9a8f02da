import { describe, expect, it } from 'vitest';
import { packRelease, unpackRelease } from '../../src/addon/pipeline/parse/release-codec.js';
import { releaseInfo } from '../../src/addon/pipeline/parse/release-info.js';
import {
  AUDIO_CHANNELS, AUDIO_TAGS, ENCODES, LANGUAGES, QUALITIES, RESOLUTIONS, VISUAL_TAGS, type ReleaseInfo,
} from '../../src/addon/pipeline/types.js';
import { releaseName } from '../helpers/streams.js';

const NAMES = [
  'Dune.Part.Two.2024.2160p.BluRay.REMUX.DV.HDR.HEVC.TrueHD.Atmos.7.1-FGT',
  'The Bear S02E03 Sundays 1080p DSNP WEB-DL DDP5.1 H 264-NTb.mkv',
  'Movie.2020.Extended.REPACK.PROPER.1080p.BluRay.x264-GRP',
  '[SubsPlease] Frieren - 12 (1080p) [ABCD1234].mkv',
  'Shōgun.2024.S01.COMPLETE.MULTi.VFF.1080p.WEB.H265-Ŧeam',
  'Some.Show.S01-S03.Complete.Uncensored.Unrated.Dubbed.ITA.ENG.720p.HDTV.x264',
  'The.Daily.Show.2024.03.14.Episode.Title.720p.WEB.h264-EDITH',
  'Film "quoted" \\ back\\slash 2019 480p DVDRip XviD',
  '\ud83c\udfac Emoji Title 2023 4K HDR10+ DTS-HD MA 5.1',
  'nothing to see here',
  '',
];

describe('release codec', () => {
  it('gives back exactly what releaseInfo gave, key order included, for every kind of name', () => {
    const names = [...NAMES, ...Array.from({ length: 600 }, (_, i) => releaseName(i, i % 2 ? 'Dune.Part.Two' : 'Some Show', 2000 + (i % 25), i % 3 ? undefined : { season: 1 + (i % 4), episode: 1 + (i % 9) }))];
    for (const name of names) {
      const info = releaseInfo(name);
      const back = unpackRelease(packRelease(info));
      expect(back).toStrictEqual(info);
      // Same keys in the same order: one hidden class for parsed and cached results.
      expect(Object.keys(back)).toEqual(Object.keys(info));
    }
  });

  it('keeps every flag apart and every table value, and values outside the tables as text', () => {
    const base = releaseInfo('Movie.2020.1080p.BluRay.x264-GRP');
    const flags = ['repack', 'proper', 'subbed', 'dubbed', 'regraded', 'uncensored', 'unrated', 'upscaled'] as const;
    for (const f of flags) {
      const info: ReleaseInfo = { ...base, [f]: true };
      const back = unpackRelease(packRelease(info));
      for (const g of flags) expect(back[g]).toBe(g === f);
    }
    const everything: ReleaseInfo = {
      ...base,
      resolution: RESOLUTIONS[RESOLUTIONS.length - 1],
      quality: 'Some Future Quality' as ReleaseInfo['quality'],
      visualTags: [...VISUAL_TAGS].reverse(),
      audioTags: [...AUDIO_TAGS, 'Not A Tag' as (typeof AUDIO_TAGS)[number]],
      audioChannels: [...AUDIO_CHANNELS],
      languages: [...LANGUAGES],
      editions: ['Extended', 'Director\'s Cut'],
      seasons: [1, 2, 3],
      episodes: [0, 12],
    };
    expect(unpackRelease(packRelease(everything))).toStrictEqual(everything);
    expect(QUALITIES).not.toContain(everything.quality);
    // The single-valued tables, each value (and absent) through the codec.
    for (const resolution of [...RESOLUTIONS, undefined]) expect(unpackRelease(packRelease({ ...base, resolution })).resolution).toBe(resolution);
    for (const quality of [...QUALITIES, undefined]) expect(unpackRelease(packRelease({ ...base, quality })).quality).toBe(quality);
    for (const encode of [...ENCODES, undefined]) expect(unpackRelease(packRelease({ ...base, encode })).encode).toBe(encode);
  });

  it('packs a name in a third of its JSON or less', () => {
    const info = releaseInfo('Dune.Part.Two.2024.2160p.BluRay.REMUX.DV.HDR.HEVC.TrueHD.Atmos.7.1-FGT');
    expect(packRelease(info).length * 3).toBeLessThanOrEqual(JSON.stringify(info).length);
  });

  it('hands out lists of its own on every call', () => {
    const packed = packRelease(releaseInfo('Movie.2020.2160p.DV.HDR.Atmos.ITA.ENG-GRP'));
    const a = unpackRelease(packed);
    const b = unpackRelease(packed);
    expect(a.visualTags).not.toBe(b.visualTags);
    expect(a.languages).not.toBe(b.languages);
    expect(a).toStrictEqual(b);
  });
});
