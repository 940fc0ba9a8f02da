/** Fixtures F1–F4 of formatter.md §13, as base data (derived fields are computed by the library). */
import { compileTemplate, type FormatterInput, type StreamInput } from '../../src/formatter/index.js';

const config = { addonName: 'AIOStreams' };

/** Cached Real-Debrid movie. */
export const F1: FormatterInput = {
  config,
  service: { id: 'realdebrid', shortName: 'RD', name: 'Real-Debrid', cached: true },
  addon: { name: 'Torrentio', presetId: 'custom' },
  stream: {
    type: 'debrid',
    filename: 'Dune.Part.Two.2024.2160p.BluRay.REMUX.DV.HDR.HEVC.TrueHD.Atmos.7.1-FGT.mkv',
    resolution: '2160p',
    quality: 'BluRay REMUX',
    encode: 'HEVC',
    visualTags: ['DV', 'HDR'],
    audioTags: ['Atmos', 'TrueHD'],
    audioChannels: ['7.1'],
    languages: ['English', 'French'],
    subtitles: [],
    releaseGroup: 'FGT',
    title: 'Dune Part Two',
    year: '2024',
    size: 65498251264,
    seeders: 152,
    indexer: 'ThePirateBay',
    duration: 9960000,
    bitrate: 52609037,
    nSeScore: 70,
  },
};

/** P2P episode. */
export const F2: FormatterInput = {
  config,
  addon: { name: 'Comet' },
  stream: {
    type: 'p2p',
    filename: 'The.Bear.S02E03.1080p.WEB-DL.DDP5.1.H.264-NTb.mkv',
    resolution: '1080p',
    quality: 'WEB-DL',
    encode: 'AVC',
    visualTags: [],
    audioTags: ['DD+'],
    audioChannels: ['5.1'],
    languages: [],
    title: 'The Bear',
    seasons: [2],
    episodes: [3],
    size: 1503238554,
    seeders: 0,
    ageHours: 80,
    releaseGroup: 'NTb',
    infoHash: '0123456789abcdef0123456789abcdef01234567',
  },
};

/** Uncached TorBox, sparse. */
export const F3: FormatterInput = {
  config,
  service: { id: 'torbox', shortName: 'TB', name: 'TorBox', cached: false },
  addon: { name: 'TorBox' },
  stream: {
    type: 'debrid',
    filename: 'Some.Movie.720p.mkv',
    resolution: '720p',
    seeders: 7,
    message: 'Download to your debrid',
    visualTags: [],
    audioTags: [],
    languages: [],
  },
};

/** Bare library link. */
export const F4: FormatterInput = {
  config,
  addon: { name: 'My Library' },
  stream: { type: 'http', library: true },
};

export const FIXTURES = { F1, F2, F3, F4 } as const;
export type FixtureName = keyof typeof FIXTURES;

/** Render a one-off template. */
export function render(template: string, input: FormatterInput = F1): string {
  return compileTemplate(template).render(input);
}

/** A fixture with some stream fields replaced. */
export function withStream(base: FormatterInput, stream: StreamInput): FormatterInput {
  return { ...base, stream: { ...base.stream, ...stream } };
}
