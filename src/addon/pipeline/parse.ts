// Upstream stream object → ParsedStream (config.md §4). Pure and synchronous; the expensive
// part (release-name parsing) is cached per name in ./parse/release.ts, so a release seen in any
// earlier request (any user, any title) costs a lookup. Every stream gets an object of one shape,
// built once: no copies, no spreads, no per-stream hidden classes.
import { isRecord } from '../../is-record.js';
import type { ParseHints } from '../../presets/types.js';
import { languagesFromFlags } from './parse/languages.js';
import { nameKey, parseReleaseName, type PreparedNames } from './parse/release.js';
import { detectService, serviceResult } from './parse/service.js';
import { findWrittenSize, parseByteValue } from './parse/size.js';
import type {
  AddonRef, Language, ParseError, ParsedService, ParsedStream, ReleaseInfo, StreamType,
  UpstreamStream,
} from './types.js';

import { clearParseCache as clearReleaseCache } from './parse/release.js';

export { parseReleaseName } from './parse/release.js';

export function clearParseCache(): void {
  clearReleaseCache();
}

const ERROR_TEXT = /invalid\b.*?\b(?:account|api[ _-]?key|token)|public rate limit exceeded/i;
const MAGNET = /^magnet:/i;
const MAGNET_BTIH = /[?&]xt=urn:btih:([^&]+)/i;
const URL_INFO_HASH = /(?:btih:|[-/[(;:&])([a-f0-9]{40})(?=$|[-\])/:;&?])/i;
const FOLDER_MARK = /^\s*📁\s*/u;
const ARROW = /┈➤|➤|→/u;
const M3U8 = /\.m3u8$/i;
const LINE_BREAK = /\r?\n/;
const LEADING_EMOJI = /^[\p{Extended_Pictographic}\p{Regional_Indicator}\p{Emoji_Modifier}\u{FE0F}\u{200D}\u{20E3}\s]+/u;
const LABEL_PREFIX = /^[^\s:]+:\s*/;
const SEEDERS = /(?:👥|👤)\s*(\d+)/u;
/** `2h 28m`, `1h:02m:10s`, `45m`, `90s`, standing alone (the first one in the text). */
const DURATION = /(?<![^\s[(_\-,.])(?:(\d+)h[:\s]?(\d+)m[:\s]?(\d+)s|(\d+)h[:\s]?(\d+)m|(\d+)m[:\s]?(\d+)s|(\d+)h|(\d+)m|(\d+)s)(?=[\s)\]_.\-,]|$)/i;
const MAYBE_DURATION = /\d[hms]/i;
const INDEXER = /(?:🌐|⚙\u{FE0F}?|🔗|🔎|🔍|☁\u{FE0F}?)([^\n]*)/u;
const EMOJI = /[\p{Extended_Pictographic}\p{Regional_Indicator}]/u;
const ARCHIVE_KEYS = ['rarUrls', 'zipUrls', '7zipUrls', 'tgzUrls', 'tarUrls'];
const FOLDER_SIZE_TOLERANCE = 0.05;

/**
 * Parse one upstream stream. Returns `{error}` when the item reports an addon-level failure
 * (the whole addon then fails with that message) and `null` for an item that is not a stream.
 */
export function parseStream(raw: unknown, addon: AddonRef, prepared?: PreparedNames): ParsedStream | ParseError | null {
  if (!isRecord(raw)) return null;
  return parseUpstream(raw as UpstreamStream, addon, prepared);
}

function parseUpstream(s: UpstreamStream, addon: AddonRef, prepared: PreparedNames | undefined): ParsedStream | ParseError | null {
  const hints = addon.parseHints ?? {};
  const name = nonEmptyString(s.name) ?? '';
  const text = nonEmptyString(s.description) ?? (typeof s.title === 'string' ? s.title : '');
  if (ERROR_TEXT.test(text)) return { error: text.trim() };

  const behaviour = isRecord(s.behaviorHints) ? s.behaviorHints : {};
  const torrentioStyle = hints.torrentioText === true;

  let url = nonEmptyString(s.url);
  let magnetHash: string | undefined;
  if (url && MAGNET.test(url)) {
    magnetHash = MAGNET_BTIH.exec(url)?.[1]?.toLowerCase();
    url = undefined;
  }

  const filename = nonEmptyString(behaviour.filename) ?? filenameFromText(text, prepared);
  const folderLine = folderLineOf(behaviour, text, hints);
  const file = filename ? parseReleaseName(filename, prepared) : undefined;
  const folderName = folderLine && !(file && nameKey(folderLine) === file.key) ? folderLine : undefined;

  const infoHash = nonEmptyString(s.infoHash)?.toLowerCase() ?? magnetHash ?? infoHashFromUrl(url);
  const fileIdx = nonNegativeInteger(s.fileIdx) ?? (url ? torrentioResolveFileIdx(url) : undefined);
  const size = streamSize(s, behaviour.videoSize, text, name, filename, folderLine);
  let folderSize = parseByteValue(behaviour.folderSize);
  if (folderSize && size && Math.abs(folderSize - size) <= size * FOLDER_SIZE_TOLERANCE) {
    folderSize = undefined;
  }
  // Usenet kinds serve every result from their own service, ready to play.
  const service = hints.usenetService ? serviceResult(hints.usenetService, true) : name ? detectService(name) : undefined;
  const nzbUrl = nonEmptyString(s.nzbUrl);
  const type = streamType(s, url, service, infoHash, nzbUrl);
  if (!type) return null;

  const folder = folderName ? parseReleaseName(folderName, prepared) : undefined;
  const { languages: flagLanguages, subtitles } = flagsOf(text, name, torrentioStyle);

  const seeders = SEEDERS.exec(text)?.[1];
  const duration = durationOf(text);
  // Every key in one literal, absent values included: all streams share one hidden class. A list
  // found in only one release name is that name's list, not a copy: stages never change lists.
  const parsed: ParsedStream = {
    original: s,
    addon,
    type,
    service,
    url,
    filename,
    filenameKey: file?.key,
    folderName,
    infoHash,
    fileIdx,
    nzbUrl,
    size,
    folderSize,
    seeders: seeders === undefined ? undefined : Number(seeders),
    duration,
    bitrate: size && duration ? Math.round((size * 8) / (duration / 1000)) : undefined,
    // A store lists the user's own files: the text names no indexer.
    indexer: hints.libraryItems ? undefined : indexerOf(text),
    library: addon.libraryAddon,
    message: undefined,
    unparsed: file || folder ? undefined : true,
    title: file?.title ?? folder?.title,
    year: file?.year ?? folder?.year,
    resolution: file?.resolution ?? folder?.resolution,
    quality: file?.quality ?? folder?.quality,
    encode: file?.encode ?? folder?.encode,
    releaseGroup: file?.releaseGroup ?? folder?.releaseGroup,
    network: file?.network ?? folder?.network,
    container: file?.container ?? folder?.container,
    extension: file?.extension ?? folder?.extension,
    country: file?.country ?? folder?.country,
    episodeTitle: file?.episodeTitle ?? folder?.episodeTitle,
    date: file?.date ?? folder?.date,
    visualTags: union(folder?.visualTags, file?.visualTags),
    audioTags: union(folder?.audioTags, file?.audioTags),
    audioChannels: union(folder?.audioChannels, file?.audioChannels),
    languages: union(folder?.languages, file?.languages, flagLanguages),
    subtitles,
    editions: union(folder?.editions, file?.editions),
    seasons: pick(file, folder, 'seasons'),
    episodes: pick(file, folder, 'episodes'),
    folderSeasons: folder?.seasons ?? NONE,
    folderEpisodes: folder?.episodes ?? NONE,
    repack: flag(file, folder, 'repack'),
    proper: flag(file, folder, 'proper'),
    subbed: flag(file, folder, 'subbed'),
    dubbed: flag(file, folder, 'dubbed'),
    regraded: flag(file, folder, 'regraded'),
    uncensored: flag(file, folder, 'uncensored'),
    unrated: flag(file, folder, 'unrated'),
    upscaled: flag(file, folder, 'upscaled'),
    seasonPack: isSeasonPack(folder) || isSeasonPack(file),
    regexMatched: undefined,
    keywordMatched: undefined,
  };
  return parsed;
}

/** The dedup/folder comparison form of a file name (§4.1.3, §7). */
export { nameKey as normaliseFilename } from './parse/release.js';

/**
 * The release names parsing `raw` will most likely ask for, so they can be parsed ahead, in bulk,
 * off the event loop. Without a filename that is the text's first line (and it cleaned), where
 * the name nearly always is; later candidate lines are left to the parse that needs them.
 */
export function releaseNamesOf(raw: unknown, addon: AddonRef): string[] {
  if (!isRecord(raw)) return [];
  const s = raw as UpstreamStream;
  const text = nonEmptyString(s.description) ?? (typeof s.title === 'string' ? s.title : '');
  const behaviour = isRecord(s.behaviorHints) ? s.behaviorHints : {};
  const names: string[] = [];
  const filename = nonEmptyString(behaviour.filename);
  if (filename) names.push(filename);
  else {
    const line = firstLine(text);
    const cleaned = line && cleanFilename(line);
    if (line) names.push(line);
    if (cleaned && cleaned !== line) names.push(cleaned);
  }
  const folderLine = folderLineOf(behaviour, text, addon.parseHints ?? {});
  if (folderLine) names.push(folderLine);
  return names;
}

/** The folder (torrent) name line: the hint, Torrentio's first line, or MediaFusion's 📁 line. */
function folderLineOf(behaviour: Record<string, unknown>, text: string, hints: ParseHints): string | undefined {
  if (typeof behaviour.folderName === 'string') return behaviour.folderName.trim();
  if (hints.torrentioText === true) return firstLine(text);
  return hints.folderMarker ? markedFolder(text) : undefined;
}

/** §4.1.2: the first of five non-empty lines naming a year/season/episode, else the first line. */
function filenameFromText(text: string, prepared: PreparedNames | undefined): string | undefined {
  const lines = candidateLines(text);
  const chosen =
    lines.find((line) => {
      const info = parseReleaseName(line, prepared);
      return info.year !== undefined || info.seasons.length > 0 || info.episodes.length > 0;
    }) ?? lines[0];
  if (!chosen) return undefined;
  return cleanFilename(chosen) || undefined;
}

/** The first five non-empty lines, trimmed. */
function candidateLines(text: string): string[] {
  const lines: string[] = [];
  for (const line of text.split(LINE_BREAK)) {
    const trimmed = line.trim();
    if (trimmed) lines.push(trimmed);
    if (lines.length === 5) break;
  }
  return lines;
}

const cleanFilename = (line: string): string => line.replace(LEADING_EMOJI, '').replace(LABEL_PREFIX, '').trim();

/** The first duration written in the text, in milliseconds. */
function durationOf(text: string): number | undefined {
  // Cheap test first: most texts have no digit followed by h, m or s at all.
  if (!MAYBE_DURATION.test(text)) return undefined;
  const m = DURATION.exec(text);
  if (!m) return undefined;
  const n = (i: number) => Number(m[i] ?? 0);
  const ms = ((n(1) || n(4) || n(8)) * 3600 + (n(2) || n(5) || n(6) || n(9)) * 60 + (n(3) || n(7) || n(10))) * 1000;
  return ms > 0 ? ms : undefined;
}

/** MediaFusion's `📁 <path> ┈➤ <folder>` line: the last part of it. */
function markedFolder(text: string): string | undefined {
  const line = text.split(LINE_BREAK).find((l) => l.trimStart().startsWith('📁'));
  if (!line) return undefined;
  const parts = line.replace(FOLDER_MARK, '').split(ARROW);
  return parts[parts.length - 1]?.trim() || undefined;
}

function firstLine(text: string): string | undefined {
  return text.split(LINE_BREAK, 1)[0]?.trim() || undefined;
}

/** §4.1.4: a 40-hex run delimited as in magnet/debrid/Torrentio URLs. */
function infoHashFromUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let decoded = url;
  if (url.includes('%')) {
    try {
      decoded = decodeURIComponent(url);
    } catch {
      // A malformed escape: search the raw URL instead.
    }
  }
  return URL_INFO_HASH.exec(decoded)?.[1]?.toLowerCase();
}

/** `/resolve/<service>/<key>/<40-hex hash>/<name>/<fileIdx>`, the path's first segments. */
const RESOLVE_PATH = /^\/resolve\/[^/]*\/[^/]*\/[a-f0-9]{40}\/[^/]*\/([^/]*)/i;

/** Torrentio resolve URLs: `/resolve/<service>/<key>/<hash>/<name>/<fileIdx>/…`. */
function torrentioResolveFileIdx(url: string): number | undefined {
  if (!url.includes('/resolve/')) return undefined;
  const path = urlPath(url);
  return path === undefined ? undefined : nonNegativeInteger(RESOLVE_PATH.exec(path)?.[1]);
}

const SIMPLE_HTTP_URL = /^https?:\/\/[^/?#]*(\/[^?#]*)/i;
const DOT_SEGMENT = /\/\.\.?(?:\/|$)/;

/** The URL's path, read without building a URL object when the URL is plain. */
function urlPath(url: string): string | undefined {
  const m = SIMPLE_HTTP_URL.exec(url);
  if (m && !DOT_SEGMENT.test(m[1]!)) return m[1];
  try {
    return new URL(url).pathname;
  } catch {
    return undefined;
  }
}

/** §4.2: the first positive size among the numeric fields, then the text, then the name. */
function streamSize(
  s: UpstreamStream, videoSize: unknown, text: string, name: string,
  filename: string | undefined, folderName: string | undefined,
): number | undefined {
  for (const value of [videoSize, s.size, s.sizeBytes, s.sizebytes]) {
    const bytes = parseByteValue(value);
    if (bytes) return bytes;
  }
  // Release names can hold sizes of their own ("…1.5GB…"), so they are removed first.
  let searched = text;
  for (const known of [filename, folderName]) if (known) searched = searched.split(known).join(' ');
  return findWrittenSize(searched) ?? findWrittenSize(name);
}

/** §4.4, first rule that applies. */
function streamType(
  s: UpstreamStream, url: string | undefined, service: ParsedService | undefined,
  infoHash: string | undefined, nzbUrl: string | undefined,
): StreamType | undefined {
  if (url && M3U8.test(url)) return 'live';
  if (nonEmptyString(s.externalUrl)) return 'external';
  if (service) return service.id === 'easynews' ? 'usenet' : 'debrid';
  if (url) return 'http';
  if (infoHash) return 'p2p';
  if (nonEmptyString(s.ytId)) return 'youtube';
  if (nzbUrl) return 'stremio-usenet';
  if (ARCHIVE_KEYS.some((key) => Array.isArray(s[key]) && (s[key] as unknown[]).length > 0)) {
    return 'archive';
  }
  return undefined;
}

/** §4.2: the words after the first indexer emoji, up to the next emoji or the line end. */
function indexerOf(text: string): string | undefined {
  const after = INDEXER.exec(text)?.[1];
  if (after === undefined) return undefined;
  const emoji = EMOJI.exec(after);
  return (emoji ? after.slice(0, emoji.index) : after).trim() || undefined;
}

/**
 * Flag emoji of the text and the name are languages, except (Torrentio) the flags of a last
 * line that mentions `Multi Subs`, which are subtitles.
 */
function flagsOf(
  text: string, name: string, torrentioStyle: boolean,
): { languages: readonly Language[]; subtitles: readonly Language[] } {
  let languageText = text;
  let subtitles: readonly Language[] = NONE;
  if (torrentioStyle) {
    const lines = text.split(LINE_BREAK);
    while (lines.length > 0 && !lines[lines.length - 1]!.trim()) lines.pop();
    const last = lines[lines.length - 1];
    if (last?.includes('Multi Subs')) {
      subtitles = languagesFromFlags(last);
      languageText = lines.slice(0, -1).join('\n');
    }
  }
  return { languages: union(languagesFromFlags(languageText), languagesFromFlags(name)), subtitles };
}

type ListKey = 'seasons' | 'episodes';
type FlagKey = 'repack' | 'proper' | 'subbed' | 'dubbed' | 'regraded' | 'uncensored' | 'unrated' | 'upscaled';

/** A list treated as a scalar: the file's when non-empty, else the folder's. */
function pick(file: ReleaseInfo | undefined, folder: ReleaseInfo | undefined, key: ListKey): readonly number[] {
  return file && file[key].length > 0 ? file[key] : folder?.[key] ?? NONE;
}

function flag(file: ReleaseInfo | undefined, folder: ReleaseInfo | undefined, key: FlagKey): boolean {
  return (file?.[key] ?? false) || (folder?.[key] ?? false);
}

/** A season named without a single episode (`Show.S02.1080p…`). */
function isSeasonPack(info: ReleaseInfo | undefined): boolean {
  return !!info && info.seasons.length > 0 && info.episodes.length === 0;
}

const NONE: readonly never[] = Object.freeze([]);

/**
 * Deduplicated concatenation, first occurrence kept (folder values come first, §4.5). When only
 * one list has values it is returned as it is (no copy).
 */
function union<T>(...lists: ReadonlyArray<readonly T[] | undefined>): readonly T[] {
  let only: readonly T[] | undefined;
  let count = 0;
  for (const list of lists) if (list && list.length > 0) { only = list; count++; }
  if (count <= 1) return only ?? NONE;
  const out: T[] = [];
  for (const list of lists) for (const value of list ?? NONE) if (!out.includes(value)) out.push(value);
  return out;
}


function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function nonNegativeInteger(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined;
}
