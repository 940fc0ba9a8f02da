// Release-name parsing (config.md §4.5): `@viren070/parse-torrent-title` for title, year,
// seasons/episodes, group and metadata; the tag tables for the enum attributes. Pure: no cache, no
// metrics, so worker threads load only this (./release-worker.ts).
import { parseTorrentTitle, type ParsedResult } from '@viren070/parse-torrent-title';
import { RESOLUTIONS, type Language, type ReleaseInfo, type Resolution } from '../types.js';
import { mapParserLanguage } from './languages.js';
import {
  AUDIO_CHANNEL_RULES, AUDIO_TAG_RULES, ENCODE_RULES, QUALITY_RULES, RESOLUTION_RULES,
  VISUAL_TAG_RULES, allMatches, firstMatch, languageMatches,
} from './tags.js';

const NUMBERED_RESOLUTION = /^(\d+)p$/;
const NUMERIC_RESOLUTIONS = RESOLUTIONS.filter((r) => r !== 'Unknown').map((r) => ({
  value: r,
  lines: Number.parseInt(r, 10),
}));
const REGEX_SPECIALS = /[.*+?^${}()|[\]\\]/g;
const WHITESPACE_RUN = /\s+/g;
/** Titles and names where lowercasing is plain ASCII and `.`/`_` appear only as separators. */
const PLAIN_TITLE = /^[A-Za-z0-9 '!&,:;+-]*$/;
const PLAIN_TITLE_NAME = /^[\x20-\x7e]*$/;
const SEPARATORS = /[._]/g;
const EDGE_DOTS = /^\.+|\.+$/g;
/**
 * `-GROUP` at the end of a name (before an extension or a closing bracket), not a number, an
 * episode (`-S02`, `-E05`, `-2x05`) or a bracketed tag; a `[tag]` may follow the group.
 */
const TRAILING_GROUP = /-[. ]?(?!\d+$|S\d+|\d+x|ep?\d+|[^[]+]$)([^\-. []+[^\-. [)\]\d][^\-. [)\]]*)(?:\[[\w.-]+])?(?=\)|[.-]+\w{2,4}$|$)/i;

/** What a release name says (§4.5): pure, and safe to run on a worker thread. */
export function releaseInfo(name: string): ReleaseInfo {
  const p = parseTorrentTitle(name);
  const tagText = withoutTitle(name, p.title);
  const lower = tagText.toLowerCase();
  // One literal, absent values included, in the order ./release-codec.ts unpacks: every result
  // has the same hidden class, whether parsed here or read from the cache.
  return {
    key: nameKey(name),
    title: present(p.title),
    year: present(p.year),
    resolution: mapResolution(p.resolution) ?? firstMatch(RESOLUTION_RULES, tagText, lower),
    quality: firstMatch(QUALITY_RULES, tagText, lower),
    encode: firstMatch(ENCODE_RULES, tagText, lower),
    releaseGroup: present(TRAILING_GROUP.exec(tagText)?.[1] ?? p.group),
    network: present(p.network),
    container: present(p.container),
    extension: present(p.extension),
    country: present(p.country),
    episodeTitle: present(p.episodeTitle),
    date: present(p.date),
    repack: p.repack === true,
    proper: p.proper === true,
    subbed: p.subbed === true,
    dubbed: p.dubbed === true,
    regraded: p.regraded === true,
    uncensored: p.uncensored === true,
    unrated: p.unrated === true,
    upscaled: p.upscaled === true,
    visualTags: allMatches(VISUAL_TAG_RULES, tagText, lower),
    audioTags: allMatches(AUDIO_TAG_RULES, tagText, lower),
    audioChannels: allMatches(AUDIO_CHANNEL_RULES, tagText, lower),
    languages: languages(tagText, lower, p),
    editions: p.editions ?? [],
    seasons: p.seasons ?? [],
    episodes: p.episodes ?? [],
  };
}

/** The parser gives '' for some fields it found empty: absent all the same. */
const present = (v: string | undefined): string | undefined => (v === '' ? undefined : v);

const VIDEO_EXTENSION = /\.(?:mkv|mp4|avi|m4v|mov|wmv|ts|m2ts|webm|flv|mpe?g|iso)$/i;
const NOT_KEY_CHAR = /[^\p{L}\p{N}+]/gu;

/**
 * The comparison form of a file or folder name (§4.1.3, §7): no trailing video extension, only
 * letters, digits and `+`, lowercased.
 */
export function nameKey(name: string): string {
  return name.replace(VIDEO_EXTENSION, '').replace(NOT_KEY_CHAR, '').toLowerCase();
}

/**
 * The name without its title, so title words ("Atmos", "HD", "Dune") are not read as tags. Short
 * titles stay (cutting "Up" would cut tags too); separators then become dots.
 */
function withoutTitle(name: string, title: string | undefined): string {
  if (!title || title.length <= 4) return name;
  const at = titleIndex(name, title);
  if (at < 0) return name;
  return (name.slice(0, at) + name.slice(at + title.length)).trim().replace(WHITESPACE_RUN, '.').replace(EDGE_DOTS, '');
}

/**
 * Where the title first occurs in the name, case-insensitively, a space in the title standing
 * for any of `. _ space`. Plain ASCII titles are searched directly; others (where case folding
 * or the separators themselves could differ) through the equivalent regex.
 */
function titleIndex(name: string, title: string): number {
  if (PLAIN_TITLE.test(title) && PLAIN_TITLE_NAME.test(name)) {
    return name.replace(SEPARATORS, ' ').toLowerCase().indexOf(title.toLowerCase());
  }
  return new RegExp(title.replace(REGEX_SPECIALS, '\\$&').replaceAll(' ', '[._ ]'), 'i').exec(name)?.index ?? -1;
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
function languages(tagText: string, lower: string, p: ParsedResult): Language[] {
  // A release group called "IND" is not Indonesian.
  const out = p.group?.toLowerCase() === 'ind' ? languageMatches(tagText.replace(/ind/i, '')) : languageMatches(tagText, lower);
  for (const code of p.languages ?? []) {
    const language = mapParserLanguage(code);
    if (language && !out.includes(language)) out.push(language);
  }
  return out;
}
