// The text form of a parsed release name: what the name cache keeps and what worker threads send
// back. A JSON array by position, enum values as their index in the §5.2 tables: ~125 bytes where
// the object's own JSON took ~445 (3.5x the names in the same budget), unpacked in about half the
// time of that JSON, into one literal (one hidden class for every ReleaseInfo).
import {
  AUDIO_CHANNELS, AUDIO_TAGS, ENCODES, LANGUAGES, QUALITIES, RESOLUTIONS, VISUAL_TAGS,
  type ReleaseInfo,
} from '../types.js';

/** Absent optional text; no field holds a number, so 0 cannot be mistaken for a value. */
const NONE = 0;

const FLAGS = ['repack', 'proper', 'subbed', 'dubbed', 'regraded', 'uncensored', 'unrated', 'upscaled'] as const;

const indexes = (table: readonly string[]) => new Map(table.map((v, i) => [v, i]));
const RESOLUTION_AT = indexes(RESOLUTIONS);
const QUALITY_AT = indexes(QUALITIES);
const ENCODE_AT = indexes(ENCODES);
const VISUAL_AT = indexes(VISUAL_TAGS);
const AUDIO_AT = indexes(AUDIO_TAGS);
const CHANNEL_AT = indexes(AUDIO_CHANNELS);
const LANGUAGE_AT = indexes(LANGUAGES);

type Packed = string | number | (string | number)[];

/** A table value as its index; a value outside the table (none today) as itself. */
const code = (at: ReadonlyMap<string, number>, v: string | undefined): string | number =>
  v === undefined ? -1 : (at.get(v) ?? v);
const codes = (at: ReadonlyMap<string, number>, list: readonly string[]): (string | number)[] =>
  list.map((v) => at.get(v) ?? v);

function value<T extends string>(table: readonly T[], c: string | number): T | undefined {
  if (typeof c === 'string') return c as T;
  return c < 0 ? undefined : table[c];
}
function values<T extends string>(table: readonly T[], list: (string | number)[]): T[] {
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    if (typeof c === 'number') list[i] = table[c]!;
  }
  return list as T[];
}
const text = (v: string | undefined): string | number => v ?? NONE;
const optional = (v: Packed): string | undefined => (v === NONE ? undefined : (v as string));

export function packRelease(info: ReleaseInfo): string {
  let flags = 0;
  FLAGS.forEach((f, i) => {
    if (info[f]) flags |= 1 << i;
  });
  const row: Packed[] = [
    info.key, text(info.title), text(info.year), code(RESOLUTION_AT, info.resolution),
    code(QUALITY_AT, info.quality), code(ENCODE_AT, info.encode), text(info.releaseGroup),
    text(info.network), text(info.container), text(info.extension), text(info.country),
    text(info.episodeTitle), text(info.date), flags, codes(VISUAL_AT, info.visualTags),
    codes(AUDIO_AT, info.audioTags), codes(CHANNEL_AT, info.audioChannels),
    codes(LANGUAGE_AT, info.languages), [...info.editions], [...info.seasons], [...info.episodes],
  ];
  return JSON.stringify(row);
}

/** A fresh object (its lists too) on every call: callers may keep or hand it on. */
export function unpackRelease(packed: string): ReleaseInfo {
  const r = JSON.parse(packed) as Packed[];
  const flags = r[13] as number;
  return {
    key: r[0] as string,
    title: optional(r[1]!),
    year: optional(r[2]!),
    resolution: value(RESOLUTIONS, r[3] as string | number),
    quality: value(QUALITIES, r[4] as string | number),
    encode: value(ENCODES, r[5] as string | number),
    releaseGroup: optional(r[6]!),
    network: optional(r[7]!),
    container: optional(r[8]!),
    extension: optional(r[9]!),
    country: optional(r[10]!),
    episodeTitle: optional(r[11]!),
    date: optional(r[12]!),
    repack: (flags & 1) !== 0,
    proper: (flags & 2) !== 0,
    subbed: (flags & 4) !== 0,
    dubbed: (flags & 8) !== 0,
    regraded: (flags & 16) !== 0,
    uncensored: (flags & 32) !== 0,
    unrated: (flags & 64) !== 0,
    upscaled: (flags & 128) !== 0,
    visualTags: values(VISUAL_TAGS, r[14] as (string | number)[]),
    audioTags: values(AUDIO_TAGS, r[15] as (string | number)[]),
    audioChannels: values(AUDIO_CHANNELS, r[16] as (string | number)[]),
    languages: values(LANGUAGES, r[17] as (string | number)[]),
    editions: r[18] as string[],
    seasons: r[19] as number[],
    episodes: r[20] as number[],
  };
}
