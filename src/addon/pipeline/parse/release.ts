// Release-name parsing (config.md §4.5): `@viren070/parse-torrent-title` for title, year,
// seasons/episodes, group and metadata; the tag tables for the enum attributes. Results are
// cached per text because the same release names recur across requests and addons.
import { parseTorrentTitle, type ParsedResult } from '@viren070/parse-torrent-title';
import { RESOLUTIONS, type Language, type ReleaseInfo, type Resolution } from '../types.js';
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

const NUMBERED_RESOLUTION = /^(\d+)p$/;
const NUMERIC_RESOLUTIONS = RESOLUTIONS.filter((r) => r !== 'Unknown').map((r) => ({
  value: r,
  lines: Number.parseInt(r, 10),
}));
const REGEX_SPECIALS = /[.*+?^${}()|[\]\\]/g;
const WHITESPACE_RUN = /\s+/g;
const EDGE_DOTS = /^\.+|\.+$/g;
/**
 * `-GROUP` at the end of a name (before an extension or a closing bracket), not a number, an
 * episode (`-S02`, `-E05`, `-2x05`) or a bracketed tag; a `[tag]` may follow the group.
 */
const TRAILING_GROUP = /-[. ]?(?!\d+$|S\d+|\d+x|ep?\d+|[^[]+]$)([^\-. []+[^\-. [)\]\d][^\-. [)\]]*)(?:\[[\w.-]+])?(?=\)|[.-]+\w{2,4}$|$)/i;

function buildReleaseInfo(name: string): ReleaseInfo {
  const p = parseTorrentTitle(name);
  const tagText = withoutTitle(name, p.title);
  const info: ReleaseInfo = {
    visualTags: allMatches(VISUAL_TAG_RULES, tagText),
    audioTags: allMatches(AUDIO_TAG_RULES, tagText),
    audioChannels: allMatches(AUDIO_CHANNEL_RULES, tagText),
    languages: languages(tagText, p),
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
    encode: firstMatch(ENCODE_RULES, tagText),
    title: p.title,
    year: p.year,
    releaseGroup: TRAILING_GROUP.exec(tagText)?.[1] ?? p.group,
    network: p.network,
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
 * The name without its title, so title words ("Atmos", "HD", "Dune") are not read as tags. Short
 * titles stay (cutting "Up" would cut tags too); separators then become dots.
 */
function withoutTitle(name: string, title: string | undefined): string {
  if (!title || title.length <= 4) return name;
  const pattern = new RegExp(title.replace(REGEX_SPECIALS, '\\$&').replaceAll(' ', '[._ ]'), 'i');
  return name.replace(pattern, '').trim().replace(WHITESPACE_RUN, '.').replace(EDGE_DOTS, '');
}

/** `4k` → 2160p; a listed resolution as is; `NNNp` → the nearest listed one. */
function mapResolution(value: string | undefined): Resolution | undefined {
  if (!value) return undefined;
  const lower = value.toLowerCase();
  if (lower === '4k') return '2160p';
  if ((RESOLUTIONS as readonly string[]).includes(lower)) return lower as Resolution;
  const m = NUMBERED_RESOLUTION.exec(lower);
  if (!m) return undefined;
  const lines = Number(m[1]);
  let best = NUMERIC_RESOLUTIONS[0]!;
  for (const r of NUMERIC_RESOLUTIONS) {
    if (Math.abs(r.lines - lines) < Math.abs(best.lines - lines)) best = r;
  }
  return best.value;
}

/** The table's languages first (in table order), then the parser's, each once. */
function languages(tagText: string, p: ParsedResult): Language[] {
  // A release group called "IND" is not Indonesian.
  const text = p.group?.toLowerCase() === 'ind' ? tagText.replace(/ind/i, '') : tagText;
  const out = allMatches(LANGUAGE_RULES, text);
  for (const code of p.languages ?? []) {
    const language = mapParserLanguage(code);
    if (language && !out.includes(language)) out.push(language);
  }
  return out;
}

function deepFreeze(info: ReleaseInfo): Readonly<ReleaseInfo> {
  for (const value of Object.values(info)) if (Array.isArray(value)) Object.freeze(value);
  return Object.freeze(info);
}
