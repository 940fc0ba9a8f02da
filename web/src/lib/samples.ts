/**
 * Sample streams for the formatter preview: parsed streams as the server's pipeline produces them
 * (config.md §4), rendered by the server's own formatting stage (src/addon/pipeline/format.ts).
 * DOM-free: the test renders the same samples in Node and compares with the page.
 */
import { compileFormat, type StremioStream } from '../../../src/addon/pipeline/format.js';
import { emptyStreamFields, type AddonRef, type ParsedStream } from '../../../src/addon/pipeline/types.js';

function addon(name: string, index: number, extra: Partial<AddonRef> = {}): AddonRef {
  return {
    presetInstanceId: `s${index}`,
    presetType: 'custom',
    addonId: `s${index}e3b0`,
    addonName: name,
    label: name,
    addonIndex: index,
    manifestUrl: `https://addon${index}.example.com/manifest.json`,
    libraryAddon: false,
    formatPassthrough: false,
    resultPassthrough: false,
    ...extra,
  };
}

const EMPTY = emptyStreamFields();

const GiB = 1024 ** 3;

export interface PreviewSample {
  label: string;
  stream: ParsedStream;
}

export const PREVIEW_SAMPLES: readonly PreviewSample[] = [
  {
    label: 'Cached 4K remux through Real-Debrid',
    stream: {
      ...EMPTY,
      original: {},
      addon: addon('Torrentio', 0),
      type: 'debrid',
      service: { id: 'realdebrid', cached: true },
      filename: 'Dune.Part.Two.2024.2160p.BluRay.REMUX.DV.HDR.HEVC.TrueHD.Atmos.7.1-FGT.mkv',
      size: Math.round(61 * GiB),
      seeders: 152,
      indexer: 'ThePirateBay',
      title: 'Dune Part Two',
      year: '2024',
      resolution: '2160p',
      quality: 'BluRay REMUX',
      encode: 'HEVC',
      releaseGroup: 'FGT',
      container: 'mkv',
      extension: 'mkv',
      visualTags: ['DV', 'HDR'],
      audioTags: ['Atmos', 'TrueHD'],
      audioChannels: ['7.1'],
      languages: ['English', 'French'],
    },
  },
  {
    label: 'Uncached 1080p WEB-DL on TorBox',
    stream: {
      ...EMPTY,
      original: {},
      addon: addon('Comet', 1),
      type: 'debrid',
      service: { id: 'torbox', cached: false },
      filename: 'Dune.Part.Two.2024.1080p.WEB-DL.DDP5.1.H.264-FLUX.mkv',
      size: Math.round(8.4 * GiB),
      seeders: 38,
      indexer: '1337x',
      title: 'Dune Part Two',
      year: '2024',
      resolution: '1080p',
      quality: 'WEB-DL',
      encode: 'AVC',
      releaseGroup: 'FLUX',
      container: 'mkv',
      extension: 'mkv',
      audioTags: ['DD+'],
      audioChannels: ['5.1'],
      languages: ['English'],
    },
  },
  {
    label: 'P2P episode from a season pack',
    stream: {
      ...EMPTY,
      original: {},
      addon: addon('Torrentio', 0),
      type: 'p2p',
      infoHash: '3b245504cf5f11bbdbe1201cea6a6bf45aee1bc0',
      fileIdx: 2,
      folderName: 'The.Bear.S02.720p.WEBRip.x265-NTb',
      filename: 'The.Bear.S02E03.720p.WEBRip.x265-NTb.mkv',
      size: Math.round(0.6 * GiB),
      folderSize: Math.round(6.2 * GiB),
      seeders: 211,
      indexer: 'TorrentGalaxy',
      title: 'The Bear',
      resolution: '720p',
      quality: 'WEBRip',
      encode: 'HEVC',
      releaseGroup: 'NTb',
      container: 'mkv',
      extension: 'mkv',
      audioTags: ['AAC'],
      audioChannels: ['2.0'],
      languages: ['English', 'Japanese'],
      seasons: [2],
      episodes: [3],
      folderSeasons: [2],
    },
  },
  {
    label: 'Your own library file',
    stream: {
      ...EMPTY,
      original: {},
      addon: addon('My Library', 2, { libraryAddon: true }),
      type: 'http',
      library: true,
      url: 'https://library.example.com/files/dune-part-two.mkv',
      filename: 'Dune Part Two (2024) [1080p].mkv',
      size: Math.round(14.2 * GiB),
      title: 'Dune Part Two',
      year: '2024',
      resolution: '1080p',
      quality: 'BluRay',
      container: 'mkv',
      extension: 'mkv',
      languages: ['English'],
    },
  },
];

export interface PreviewLine {
  label: string;
  name: string;
  description: string;
}

/**
 * Renders every sample with the config's formatter, exactly as the stream route does.
 * `addonName` is what templates see as `config.addonName` (the user's, else the instance name).
 */
export function renderPreview(config: Record<string, unknown>, instanceName: string): PreviewLine[] {
  const addonName = typeof config.addonName === 'string' && config.addonName ? config.addonName : instanceName;
  const format = compileFormat(config as Parameters<typeof compileFormat>[0], { addonName });
  return PREVIEW_SAMPLES.map(({ label, stream }) => {
    const out: StremioStream = format(stream);
    return { label, name: String(out.name ?? ''), description: String(out.description ?? '') };
  });
}
