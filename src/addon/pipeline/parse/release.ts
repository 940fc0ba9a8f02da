// Release-name parsing (config.md §4.5): `@viren070/parse-torrent-title` for title, year,
// seasons/episodes, group and metadata; the tag tables for the enum attributes. Results are
// cached per text because the same release names recur across requests and addons.
import { parseTorrentTitle, type ParsedResult } from '@viren070/parse-torrent-title';
import {
  AUDIO_CHANNELS, AUDIO_TAGS, LANGUAGES, RESOLUTIONS, VISUAL_TAGS,
  type AudioChannel, type AudioTag, type Encode, type Language, type ReleaseInfo,
  type Resolution, type VisualTag,
} from '../types.js';
import { mapParserLanguage } from './languages.js';
import { LruCache } from './lru.js';
import {
  AUDIO_CHANNEL_RULES, AUDIO_TAG_RULES, ENCODE_RULES, LANGUAGE_RULES, QUALITY_RULES,
  RESOLUTION_RULES, VISUAL_TAG_RULES, allMatches, firstMatch,
} from './tags.js';

const CACHE_LIMIT = 20_000;
const cache = new LruCache<string, Readonly<ReleaseInfo>>(CACHE_LIMIT);

/** Parse a release name (a filename or a torrent/folder name). Cached; the result is frozen. */
export function parseReleaseName(text: string): Readonly<ReleaseInfo> {
  let info = cache.get(text);
  if (!info) {
    info = deepFreeze(buildReleaseInfo(text));
    cache.set(text, info);
  }
  return info;
}

/** Empty the process-wide release-name cache (benchmarks, tests). */
export function clearParseCache(): void {
  cache.clear();
}

const TRAILING_EXTENSION = /\.(?:mkv|mp4|avi|m4v|mov|wmv|ts|m2ts|webm|flv|mpe?g|iso|vob|divx|srt)$/i;
const DTS_ES = /DTS[ .\-_]?ES(?![a-z])/gi;
const DTS_HD_MA = /DTS[ .\-_]?HD[ .\-_]?MA/gi;
const MA_TOKEN = /(?:^|[^a-z0-9])(?:MA|YKW)(?:[^a-z0-9]|$)/i;
const NUMBERED_RESOLUTION = /^(\d{3,4})p$/;
const NUMERIC_RESOLUTIONS = RESOLUTIONS.filter((r) => r !== 'Unknown').map((r) => ({
  value: r,
  lines: Number.parseInt(r, 10),
}));

// Parser values → enum spellings. Its quality is not used: it reads a bare HD/SD as HDTV/SDTV
// and a `.ts` extension as TeleSync, and the tag tables cover every quality. Nor is its 10bit: it
// derives one from every HDR10.
const PARSER_CODEC: Record<string, Encode> = {
  hevc: 'HEVC', x265: 'HEVC', h265: 'HEVC', avc: 'AVC', x264: 'AVC', h264: 'AVC', av1: 'AV1',
  xvid: 'XviD', divx: 'DivX', dvix: 'DivX',
};
const PARSER_HDR: Record<string, VisualTag> = { DV: 'DV', 'HDR10+': 'HDR10+', HDR: 'HDR', SDR: 'SDR' };
const PARSER_AUDIO: Record<string, AudioTag> = {
  Atmos: 'Atmos', DDP: 'DD+', EAC3: 'DD+', DD: 'DD', AC3: 'DD', TrueHD: 'TrueHD', FLAC: 'FLAC',
  PCM: 'PCM', OPUS: 'OPUS', AAC: 'AAC', 'DTS Lossless': 'DTS-HD MA', 'DTS Lossy': 'DTS',
};
const PARSER_CHANNELS: Record<string, AudioChannel> = { '2.0': '2.0', '5.1': '5.1', '7.1': '7.1' };

function buildReleaseInfo(name: string): ReleaseInfo {
  const p = parseTorrentTitle(name);
  const tagText = cutTitle(name, p.title).replace(TRAILING_EXTENSION, '');
  const info: ReleaseInfo = {
    visualTags: visualTags(tagText, p),
    audioTags: audioTags(tagText, p),
    audioChannels: inEnumOrder(AUDIO_CHANNELS, [
      ...allMatches(AUDIO_CHANNEL_RULES, tagText),
      ...mapAll(PARSER_CHANNELS, p.channels),
    ]),
    languages: languages(name, tagText, p),
    editions: p.editions ?? [],
    seasons: p.seasons ?? [],
    episodes: p.episodes ?? [],
    repack: p.repack === true,
    proper: p.proper === true,
    subbed: p.subbed === true,
    dubbed: p.dubbed === true,
    regraded: p.regraded === true,
    uncensored: p.uncensored === true,
    unrated: p.unrated === true,
    upscaled: p.upscaled === true,
  };
  setPresent(info, {
    resolution: mapResolution(p.resolution) ?? firstMatch(RESOLUTION_RULES, tagText),
    quality: firstMatch(QUALITY_RULES, tagText),
    encode: firstMatch(ENCODE_RULES, tagText) ?? lookup(PARSER_CODEC, p.codec),
    title: p.title,
    year: p.year,
    releaseGroup: p.group,
    network: network(name, p.network),
    container: p.container,
    extension: p.extension,
    country: p.country,
    episodeTitle: p.episodeTitle,
    date: p.date,
  });
  return info;
}

/** Optional fields are only set when present, so parsed objects stay small and `in`-checkable. */
function setPresent<T extends object>(target: T, values: Partial<T>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') (target as Record<string, unknown>)[key] = value;
  }
}

/**
 * Remove the parsed title from the name so a title word ("Atmos", "HD") is not read as a tag.
 * The parser normalises separators, so its words are located one by one.
 */
function cutTitle(name: string, title: string | undefined): string {
  if (!title) return name;
  const lower = name.toLowerCase();
  let start = -1;
  let cursor = 0;
  for (const word of title.toLowerCase().split(/\s+/)) {
    if (!word) continue;
    const at = lower.indexOf(word, cursor);
    if (at < 0) break;
    if (start < 0) start = at;
    cursor = at + word.length;
  }
  return start < 0 ? name : `${name.slice(0, start)} ${name.slice(cursor)}`;
}

/**
 * The parser reads the MA of a space-separated `DTS-HD MA` as the network Movies Anywhere; keep
 * that network only when an MA token remains once the audio tag is removed.
 */
function network(name: string, value: string | undefined): string | undefined {
  if (value !== 'Movies Anywhere') return value;
  return MA_TOKEN.test(name.replace(DTS_HD_MA, ' ')) ? value : undefined;
}

/** `4k` → 2160p; `NNNp` → the nearest enum resolution. */
function mapResolution(value: string | undefined): Resolution | undefined {
  if (!value) return undefined;
  if (value === '4k') return '2160p';
  const m = NUMBERED_RESOLUTION.exec(value);
  if (!m) return undefined;
  const lines = Number(m[1]);
  let best = NUMERIC_RESOLUTIONS[0]!;
  for (const r of NUMERIC_RESOLUTIONS) {
    if (Math.abs(r.lines - lines) < Math.abs(best.lines - lines)) best = r;
  }
  return best.value;
}

function visualTags(tagText: string, p: ParsedResult): VisualTag[] {
  const tags = allMatches(VISUAL_TAG_RULES, tagText);
  // The parser reports HDR10 (and HDR10+) as plain HDR too; only trust its HDR alone.
  const hasHdr = tags.some((t) => t.startsWith('HDR'));
  for (const v of mapAll(PARSER_HDR, p.hdr)) if (v !== 'HDR' || !hasHdr) tags.push(v);
  if (p.threeD) {
    tags.push('3D');
    if (p.threeD.includes('HSBS')) tags.push('H-SBS');
    if (p.threeD.includes('HOU')) tags.push('H-OU');
  }
  return inEnumOrder(VISUAL_TAGS, tags);
}

function audioTags(tagText: string, p: ParsedResult): AudioTag[] {
  const tags = allMatches(AUDIO_TAG_RULES, tagText);
  // The parser's "DTS Lossless/Lossy" are vaguer than the table's DTS variants.
  const hasDts = tags.some((t) => t.startsWith('DTS'));
  for (const v of mapAll(PARSER_AUDIO, p.audio)) if (!v.startsWith('DTS') || !hasDts) tags.push(v);
  return inEnumOrder(AUDIO_TAGS, tags);
}

function languages(name: string, tagText: string, p: ParsedResult): Language[] {
  const extra = allMatches(LANGUAGE_RULES, tagText);
  // The parser reads the ES of DTS-ES as Spanish; ask it again without that audio tag.
  const withoutDtsEs = name.replace(DTS_ES, 'DTS');
  const codes = withoutDtsEs === name ? p.languages : parseTorrentTitle(withoutDtsEs).languages;
  let fromParser = (codes ?? []).map(mapParserLanguage).filter((l) => l !== undefined);
  // The parser reads PT-BR as plain Portuguese.
  if (extra.includes('Portuguese (Brazil)')) fromParser = fromParser.filter((l) => l !== 'Portuguese');
  return inEnumOrder(LANGUAGES, [...fromParser, ...extra]);
}

function lookup<T>(table: Record<string, T>, key: string | undefined): T | undefined {
  return key === undefined ? undefined : table[key];
}

function mapAll<T>(table: Record<string, T>, keys: readonly string[] | undefined): T[] {
  const out: T[] = [];
  for (const key of keys ?? []) {
    const value = table[key];
    if (value !== undefined) out.push(value);
  }
  return out;
}

/** Deduplicated, in the order of the §5.2 enum. */
function inEnumOrder<T extends string>(order: readonly T[], values: T[]): T[] {
  if (values.length < 2) return values;
  return order.filter((v) => values.includes(v));
}

function deepFreeze(info: ReleaseInfo): Readonly<ReleaseInfo> {
  for (const value of Object.values(info)) if (Array.isArray(value)) Object.freeze(value);
  return Object.freeze(info);
}
