// Attribute views shared by the filter, dedup, sort and limit stages (config.md §4.5, §5.2, §7).
// Every stage reads stream values through these helpers so "missing = Unknown" and the
// synthetic visual tags are applied identically everywhere.
import type { UserConfig } from '../../config/schema.js';
import type { ParsedStream, StreamType, VisualTag } from './types.js';

export const UNKNOWN = 'Unknown';

/** The attribute families of §5.2 that have value lists (keywords/regex are handled apart). */
export type Family =
  | 'resolution' | 'quality' | 'encode' | 'visualTag' | 'audioTag' | 'audioChannel'
  | 'language' | 'subtitle' | 'streamType' | 'releaseGroup';

/** A list as matched by filters and sort keys: an empty list is `['Unknown']` (§4.5). */
function listOrUnknown(list: readonly string[]): readonly string[] {
  return list.length > 0 ? list : [UNKNOWN];
}

/**
 * Visual tags plus the synthetic `HDR+DV` / `DV Only` / `HDR Only` (§4.5). Only used while
 * filtering and sorting; the stream itself is never changed, so the formatter never sees them.
 */
export function visualTagsWithSynthetic(tags: readonly VisualTag[]): readonly string[] {
  const hdr = tags.some((t) => t.startsWith('HDR'));
  const dv = tags.some((t) => t.startsWith('DV'));
  if (!hdr && !dv) return tags;
  return [...tags, hdr && dv ? 'HDR+DV' : dv ? 'DV Only' : 'HDR Only'];
}

/**
 * The values of one family for matching against `excludedX`/`requiredX`/`includedX`/`preferredX`.
 * Release groups are lowercased: they compare case-insensitively, and {@link configFamilyList}
 * lowercases the config's lists to match.
 */
export function familyValues(s: ParsedStream, family: Family): readonly string[] {
  switch (family) {
    case 'resolution': return [s.resolution ?? UNKNOWN];
    case 'quality': return [s.quality ?? UNKNOWN];
    case 'encode': return [s.encode ?? UNKNOWN];
    case 'streamType': return [s.type];
    case 'releaseGroup': return [(s.releaseGroup ?? UNKNOWN).toLowerCase()];
    case 'visualTag': return listOrUnknown(visualTagsWithSynthetic(s.visualTags));
    case 'audioTag': return listOrUnknown(s.audioTags);
    case 'audioChannel': return listOrUnknown(s.audioChannels);
    case 'language': return listOrUnknown(s.languages);
    case 'subtitle': return listOrUnknown(s.subtitles);
  }
}

/** The service says uncached. Streams without a service are neither cached nor uncached. */
export function isUncached(s: ParsedStream): boolean {
  return s.service !== undefined && !s.service.cached;
}

export function isCached(s: ParsedStream): boolean {
  return s.service !== undefined && s.service.cached;
}

/** Streams that bypass filters and dedup and are not counted by result limits (§5.3, §7, §8). */
export function isPassthrough(s: ParsedStream): boolean {
  return s.addon.resultPassthrough;
}

/** Kept by dedup and not counted by limits: `info` items and passthrough addons' streams. */
export function isAlwaysKept(s: ParsedStream): boolean {
  return s.type === 'info' || isPassthrough(s);
}

export type StreamCategory = 'cached' | 'uncached' | StreamType;

/**
 * §7.3: debrid and usenet streams with a service are `cached`/`uncached`; every other stream is
 * its stream type (`p2p`, `http`, …).
 */
export function streamCategory(s: ParsedStream): StreamCategory {
  if (s.service && (s.type === 'debrid' || s.type === 'usenet' || s.type === 'stremio-usenet')) {
    return s.service.cached ? 'cached' : 'uncached';
  }
  return s.type;
}

/** The strings keyword and regex lists are tested against (§5.5), missing ones skipped. */
export function matchFields(s: ParsedStream): string[] {
  const out: string[] = [];
  for (const v of [s.filename, s.releaseGroup, s.indexer, s.folderName]) if (v) out.push(v);
  return out;
}

const FAMILY_SUFFIX: Record<Family, string> = {
  resolution: 'Resolutions', quality: 'Qualities', encode: 'Encodes', visualTag: 'VisualTags',
  audioTag: 'AudioTags', audioChannel: 'AudioChannels', language: 'Languages',
  subtitle: 'Subtitles', streamType: 'StreamTypes', releaseGroup: 'ReleaseGroups',
};

/**
 * The config's `<prefix><Family>` list in {@link familyValues} form; undefined when absent or
 * empty (an empty list is no requirement and no preference).
 */
export function configFamilyList(
  config: UserConfig, prefix: 'excluded' | 'included' | 'required' | 'preferred', family: Family,
): string[] | undefined {
  const list = (config as Record<string, unknown>)[`${prefix}${FAMILY_SUFFIX[family]}`];
  if (!Array.isArray(list) || list.length === 0) return undefined;
  return list.map((v: string) => (family === 'releaseGroup' ? v.toLowerCase() : v));
}
