/**
 * The formatter's input and the fields a template can read (formatter.md §2).
 * Callers supply base data only; derived fields (age, season ranges, language codes/flags, …) are
 * computed here so every caller gets them identically.
 */
import { codeOf, emojiOrName, mapUnique, smallCodeOrName } from './languages.js';
import { isAbsent, scrub, type Value } from './value.js';

export interface StreamInput {
  filename?: string;
  folderName?: string;
  size?: number;
  folderSize?: number;
  bitrate?: number;
  duration?: number;
  type?: string;
  resolution?: string;
  quality?: string;
  encode?: string;
  releaseGroup?: string;
  network?: string;
  container?: string;
  extension?: string;
  title?: string;
  year?: string;
  country?: string;
  episodeTitle?: string;
  date?: string;
  visualTags?: readonly string[];
  audioTags?: readonly string[];
  audioChannels?: readonly string[];
  languages?: readonly string[];
  subtitles?: readonly string[];
  uLanguages?: readonly string[];
  uSubtitles?: readonly string[];
  editions?: readonly string[];
  library?: boolean;
  proxied?: boolean;
  private?: boolean;
  subbed?: boolean;
  dubbed?: boolean;
  seasonPack?: boolean;
  repack?: boolean;
  proper?: boolean;
  regraded?: boolean;
  uncensored?: boolean;
  unrated?: boolean;
  upscaled?: boolean;
  hasChapters?: boolean;
  seadex?: boolean;
  seadexBest?: boolean;
  preloading?: boolean;
  idMatched?: boolean;
  freeleech?: boolean;
  seasons?: readonly number[];
  episodes?: readonly number[];
  folderSeasons?: readonly number[];
  folderEpisodes?: readonly number[];
  seeders?: number;
  ageHours?: number;
  infoHash?: string;
  indexer?: string;
  message?: string;
  regexMatched?: string;
  seMatched?: string;
  rankedRegexMatched?: readonly string[];
  rseMatched?: readonly string[];
  regexScore?: number;
  seScore?: number;
  nRegexScore?: number;
  nSeScore?: number;
}

export interface MetadataInput {
  queryType?: string;
  type?: string;
  isAnime?: boolean;
  title?: string;
  titles?: string[];
  year?: number;
  yearEnd?: number;
  runtime?: number;
  episodeRuntime?: number;
  genres?: string[];
  originalLanguage?: string;
  country?: string;
  season?: number;
  episode?: number;
  absoluteEpisode?: number;
  relativeAbsoluteEpisode?: number;
  episodeTitle?: string;
  episodeTitles?: string[];
  latestSeason?: number;
  daysSinceRelease?: number;
  daysSinceFirstAired?: number;
  daysSinceLastAired?: number;
  hasNextEpisode?: boolean;
  daysUntilNextEpisode?: number;
  anilistId?: number;
  malId?: number;
  hasSeaDex?: boolean;
}

export interface FormatterInput {
  config: { addonName: string };
  service?: { id: string; shortName: string; name: string; cached: boolean };
  addon: { name: string; presetId?: string; manifestUrl?: string };
  stream: StreamInput;
  metadata?: MetadataInput;
}

type Getter = (input: FormatterInput) => Value;

export interface FieldDef {
  get: Getter;
}

// Normalisers: missing values become null so every later stage tests one thing. An empty list
// stays a list: absent (§2), yet `::length` gives 0 and `::join` empty text (only null stops a chain).
const str = (v: string | undefined): Value => (v === undefined ? null : absentToNull(scrub(v)));
const num = (v: number | undefined): Value => (v === undefined || Number.isNaN(v) ? null : v);
const nonZero = (v: number | undefined): Value => (v === 0 ? null : num(v));
const strList = (v: readonly string[] | undefined): Value => (v === undefined ? null : v.map(scrub));
const numList = (v: readonly number[] | undefined): Value => (v === undefined ? null : v);
const absentToNull = (v: Value): Value => (isAbsent(v) ? null : v);

/** Metadata arrives as plain JSON-ish values; type them by what they are. */
function plain(v: unknown): Value {
  if (typeof v === 'string') return str(v);
  if (typeof v === 'number') return num(v);
  if (typeof v === 'boolean') return v;
  if (Array.isArray(v)) {
    return v.filter((e) => typeof e === 'string' || typeof e === 'number').map((e) => (typeof e === 'string' ? scrub(e) : e));
  }
  return null;
}

/** `S01`, `S01-05` (two-digit padding, first-last). */
function range(prefix: string, list: readonly number[] | undefined): string | null {
  const first = list?.[0];
  if (list === undefined || first === undefined) return null;
  const last = list[list.length - 1]!;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return first === last ? `${prefix}${pad(first)}` : `${prefix}${pad(first)}-${pad(last)}`;
}

/** Under 24 hours `<h>h`, else whole days `<d>d`. */
function age(hours: number | undefined): string | null {
  if (!hours) return null;
  return hours < 24 ? `${Math.floor(hours)}h` : `${Math.floor(hours / 24)}d`;
}

const langList = (list: readonly string[] | undefined, fn: (s: string) => string): Value =>
  list === undefined ? null : mapUnique(list, (l) => fn(scrub(l)));

const kilometres = (list: readonly string[] | undefined): Value =>
  list === undefined ? null : mapUnique(list.map(scrub), emojiOrName).map((e) => (e === '🇬🇧' ? '🇺🇸🦅' : e));

type S = StreamInput;
const s =
  (fn: (st: S) => Value): Getter =>
  (i) =>
    fn(i.stream);
const flag = (key: keyof S): Getter => (i) => i.stream[key] === true;

const STREAM: Record<string, Getter> = {
  filename: s((x) => str(x.filename)),
  folderName: s((x) => str(x.folderName)),
  size: s((x) => nonZero(x.size)),
  folderSize: s((x) => nonZero(x.folderSize)),
  bitrate: s((x) => num(x.bitrate)),
  duration: s((x) => nonZero(x.duration)),
  type: s((x) => str(x.type)),
  resolution: s((x) => str(x.resolution)),
  quality: s((x) => str(x.quality)),
  encode: s((x) => str(x.encode)),
  releaseGroup: s((x) => str(x.releaseGroup)),
  network: s((x) => str(x.network)),
  container: s((x) => str(x.container)),
  extension: s((x) => str(x.extension)),
  title: s((x) => str(x.title)),
  year: s((x) => str(x.year)),
  country: s((x) => str(x.country)),
  episodeTitle: s((x) => str(x.episodeTitle)),
  date: s((x) => str(x.date)),
  visualTags: s((x) => strList(x.visualTags)),
  audioTags: s((x) => strList(x.audioTags)),
  audioChannels: s((x) => strList(x.audioChannels)),
  languages: s((x) => strList(x.languages)),
  subtitles: s((x) => strList(x.subtitles)),
  uLanguages: s((x) => strList(x.uLanguages)),
  uSubtitles: s((x) => strList(x.uSubtitles)),
  languageEmojis: s((x) => langList(x.languages, emojiOrName)),
  uLanguageEmojis: s((x) => langList(x.uLanguages, emojiOrName)),
  subtitleEmojis: s((x) => langList(x.subtitles, emojiOrName)),
  uSubtitleEmojis: s((x) => langList(x.uSubtitles, emojiOrName)),
  languageCodes: s((x) => langList(x.languages, codeOf)),
  uLanguageCodes: s((x) => langList(x.uLanguages, codeOf)),
  subtitleCodes: s((x) => langList(x.subtitles, codeOf)),
  uSubtitleCodes: s((x) => langList(x.uSubtitles, codeOf)),
  smallLanguageCodes: s((x) => langList(x.languages, smallCodeOrName)),
  uSmallLanguageCodes: s((x) => langList(x.uLanguages, smallCodeOrName)),
  smallSubtitleCodes: s((x) => langList(x.subtitles, smallCodeOrName)),
  uSmallSubtitleCodes: s((x) => langList(x.uSubtitles, smallCodeOrName)),
  wedontknowwhatakilometeris: s((x) => kilometres(x.languages)),
  uWedontknowwhatakilometeris: s((x) => kilometres(x.uLanguages)),
  editions: s((x) => strList(x.editions)),
  edition: s((x) => str(x.editions?.[0])),
  library: flag('library'),
  proxied: flag('proxied'),
  private: flag('private'),
  subbed: flag('subbed'),
  dubbed: flag('dubbed'),
  seasonPack: flag('seasonPack'),
  repack: flag('repack'),
  proper: flag('proper'),
  regraded: flag('regraded'),
  uncensored: flag('uncensored'),
  unrated: flag('unrated'),
  upscaled: flag('upscaled'),
  hasChapters: flag('hasChapters'),
  seadex: flag('seadex'),
  seadexBest: flag('seadexBest'),
  preloading: flag('preloading'),
  idMatched: flag('idMatched'),
  freeleech: s((x) => x.freeleech ?? null),
  seasons: s((x) => numList(x.seasons)),
  episodes: s((x) => numList(x.episodes)),
  folderSeasons: s((x) => numList(x.folderSeasons)),
  folderEpisodes: s((x) => numList(x.folderEpisodes)),
  season: s((x) => nonZero(x.seasons?.[0])),
  episode: s((x) => nonZero(x.episodes?.[0])),
  formattedSeasons: s((x) => range('S', x.seasons)),
  formattedEpisodes: s((x) => range('E', x.episodes)),
  formattedFolderSeasons: s((x) => range('S', x.folderSeasons)),
  formattedFolderEpisodes: s((x) => range('E', x.folderEpisodes)),
  seasonEpisode: s((x) => [range('S', x.seasons), range('E', x.episodes)].filter((e) => e !== null)),
  seeders: s((x) => num(x.seeders)),
  age: s((x) => age(x.ageHours)),
  ageHours: s((x) => nonZero(x.ageHours)),
  infoHash: s((x) => str(x.infoHash)),
  indexer: s((x) => str(x.indexer)),
  message: s((x) => str(x.message)),
  regexMatched: s((x) => str(x.regexMatched)),
  seMatched: s((x) => str(x.seMatched)),
  rankedRegexMatched: s((x) => strList(x.rankedRegexMatched)),
  rseMatched: s((x) => strList(x.rseMatched)),
  regexScore: s((x) => num(x.regexScore)),
  seScore: s((x) => num(x.seScore)),
  nRegexScore: s((x) => num(x.nRegexScore)),
  nSeScore: s((x) => num(x.nSeScore)),
  remastered: () => null,
};

const METADATA_KEYS: (keyof MetadataInput)[] = [
  'queryType', 'type', 'isAnime', 'title', 'titles', 'year', 'yearEnd', 'runtime', 'episodeRuntime',
  'genres', 'originalLanguage', 'country', 'season', 'episode', 'absoluteEpisode',
  'relativeAbsoluteEpisode', 'episodeTitle', 'episodeTitles', 'latestSeason', 'daysSinceRelease',
  'daysSinceFirstAired', 'daysSinceLastAired', 'hasNextEpisode', 'daysUntilNextEpisode', 'anilistId',
  'malId', 'hasSeaDex',
];

const DATA_SECTIONS: Record<string, Record<string, Getter>> = {
  config: { addonName: (i) => str(i.config.addonName) },
  service: {
    id: (i) => str(i.service?.id),
    shortName: (i) => str(i.service?.shortName),
    name: (i) => str(i.service?.name),
    cached: (i) => i.service?.cached ?? null,
  },
  addon: {
    name: (i) => str(i.addon.name),
    presetId: (i) => str(i.addon.presetId),
    manifestUrl: (i) => str(i.addon.manifestUrl),
  },
  stream: STREAM,
  metadata: Object.fromEntries(METADATA_KEYS.map((k) => [k, (i: FormatterInput) => plain(i.metadata?.[k])])),
};

/** Every field value as a plain object, absent ones as null: the payload of `debug.json`. */
function snapshot(input: FormatterInput): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [section, props] of Object.entries(DATA_SECTIONS)) {
    const values: Record<string, unknown> = {};
    for (const [name, get] of Object.entries(props)) values[name] = get(input);
    out[section] = values;
  }
  return out;
}

const SECTIONS: Record<string, Record<string, Getter>> = {
  ...DATA_SECTIONS,
  debug: {
    json: (i) => JSON.stringify(snapshot(i)),
    jsonf: (i) => JSON.stringify(snapshot(i), null, 2),
  },
};

const FIELDS = new Map<string, FieldDef>();
for (const [section, props] of Object.entries(SECTIONS)) {
  for (const [name, get] of Object.entries(props)) {
    FIELDS.set(`${section}.${name}`.toLowerCase(), { get });
  }
}

/** Resolve `section.property` case-insensitively; undefined when it is not a field (§11). */
export function lookupField(section: string, property: string): FieldDef | undefined {
  return FIELDS.get(`${section}.${property}`.toLowerCase());
}
