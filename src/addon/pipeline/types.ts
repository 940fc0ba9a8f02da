// Shared pipeline types: the enums of config.md §5.2 and the parsed stream of §4.
import type { ParseHints } from '../../presets/types.js';

/** §5.2 enum values, in enum order (the order matters: tag/resolution matching takes the first). */
export const RESOLUTIONS = [
  '2160p', '1440p', '1080p', '720p', '576p', '480p', '360p', '240p', '144p', 'Unknown',
] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export const QUALITIES = [
  'BluRay REMUX', 'BluRay', 'WEB-DL', 'WEBRip', 'HDRip', 'HC HD-Rip', 'DVD REMUX', 'DVDRip',
  'HDTV', 'CAM', 'TS', 'TC', 'SCR', 'Unknown',
] as const;
export type Quality = (typeof QUALITIES)[number];

export const ENCODES = ['AV1', 'HEVC', 'AVC', 'VC-1', 'XviD', 'DivX', 'MPEG-4', 'Unknown'] as const;
export type Encode = (typeof ENCODES)[number];

export const VISUAL_TAGS = [
  'HDR+DV', 'DV Only', 'HDR Only', 'HDR10+', 'HDR10', 'DV', 'HDR', 'HLG', '10bit', '3D', 'IMAX',
  'AI', 'Upscaled', 'SDR', 'H-OU', 'H-SBS', 'Unknown',
] as const;
export type VisualTag = (typeof VISUAL_TAGS)[number];

/** Visual tags only added while filtering/sorting (§4.5); never produced by the parser. */
export const SYNTHETIC_VISUAL_TAGS = ['HDR+DV', 'DV Only', 'HDR Only'] as const;

export const AUDIO_TAGS = [
  'Atmos', 'DD+', 'DD', 'DTS:X', 'DTS-HD MA', 'DTS-HD', 'DTS-ES', 'DTS', 'TrueHD', 'PCM', 'OPUS',
  'FLAC', 'AAC', 'Unknown',
] as const;
export type AudioTag = (typeof AUDIO_TAGS)[number];

export const AUDIO_CHANNELS = ['2.0', '5.1', '6.1', '7.1', 'Unknown'] as const;
export type AudioChannel = (typeof AUDIO_CHANNELS)[number];

export const LANGUAGES = [
  'English', 'Japanese', 'Chinese', 'Russian', 'Arabic', 'Portuguese', 'Portuguese (Brazil)',
  'Spanish', 'French', 'German', 'Italian', 'Korean', 'Hindi', 'Bengali', 'Punjabi', 'Marathi',
  'Gujarati', 'Tamil', 'Telugu', 'Kannada', 'Malayalam', 'Thai', 'Vietnamese', 'Indonesian',
  'Turkish', 'Hebrew', 'Persian', 'Ukrainian', 'Greek', 'Lithuanian', 'Latvian', 'Estonian',
  'Polish', 'Czech', 'Slovak', 'Hungarian', 'Romanian', 'Bulgarian', 'Serbian', 'Croatian',
  'Slovenian', 'Dutch', 'Danish', 'Finnish', 'Swedish', 'Norwegian', 'Malay', 'Latino',
  'Dual Audio', 'Dubbed', 'Multi', 'Original', 'Unknown',
] as const;
export type Language = (typeof LANGUAGES)[number];

export const STREAM_TYPES = [
  'p2p', 'live', 'stremio-usenet', 'archive', 'usenet', 'debrid', 'http', 'external', 'youtube',
  'error', 'statistic', 'info',
] as const;
export type StreamType = (typeof STREAM_TYPES)[number];

export const SERVICE_IDS = [
  'realdebrid', 'alldebrid', 'premiumize', 'debridlink', 'torbox', 'stremio_nntp', 'nzbdav',
  'aiostreams', 'altmount', 'offcloud', 'putio', 'easynews', 'easydebrid', 'debrider', 'pikpak',
  'seedr', 'stremthru_newz', 'torrin',
] as const;
export type ServiceId = (typeof SERVICE_IDS)[number];

/** An upstream Stremio stream object as received (only the fields §4 reads are typed). */
export interface UpstreamStream {
  name?: unknown;
  description?: unknown;
  title?: unknown;
  url?: unknown;
  infoHash?: unknown;
  fileIdx?: unknown;
  externalUrl?: unknown;
  ytId?: unknown;
  nzbUrl?: unknown;
  sources?: unknown;
  subtitles?: unknown;
  size?: unknown;
  sizeBytes?: unknown;
  sizebytes?: unknown;
  behaviorHints?: {
    filename?: unknown;
    videoSize?: unknown;
    folderName?: unknown;
    folderSize?: unknown;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/**
 * The upstream addon a stream came from. One object per addon per request, shared by all of its
 * streams (so attribution costs one pointer per stream).
 */
export interface AddonRef {
  /** Preset `instanceId`: what filters, sorting, dedup and limits call "addon" (§2.2). */
  presetInstanceId: string;
  /** Preset kind (`custom`, `torrentio`, …); `addon.presetId` in templates. */
  presetType: string;
  /** `<instanceId><4 hex of sha256(identifier)>` (§2.2). */
  addonId: string;
  /** Display name (`options.name`). */
  addonName: string;
  /** How error items name it: the name plus the services behind it (`Torrentio RD`). */
  label: string;
  /** Position of the preset in `presets` (the addon rank). */
  addonIndex: number;
  manifestUrl: string;
  libraryAddon: boolean;
  formatPassthrough: boolean;
  resultPassthrough: boolean;
  pinPosition?: 'top' | 'bottom';
  /** How this addon's kind writes its streams (config.md §4): read by the parse stage. */
  parseHints?: ParseHints;
}

export interface ParsedService {
  id: ServiceId;
  cached: boolean;
}

/** Single-valued release attributes and flags: the same on a release name and on a parsed stream. */
export interface ReleaseScalars {
  title?: string;
  year?: string;
  resolution?: Resolution;
  quality?: Quality;
  encode?: Encode;
  releaseGroup?: string;
  network?: string;
  container?: string;
  extension?: string;
  country?: string;
  episodeTitle?: string;
  /** `YYYY-MM-DD`. */
  date?: string;
  repack: boolean;
  proper: boolean;
  subbed: boolean;
  dubbed: boolean;
  regraded: boolean;
  uncensored: boolean;
  unrated: boolean;
  upscaled: boolean;
}

/** Release attributes read from one release name (filename or folder name), §4.5. Shared
 * through the parse cache, so frozen. */
export interface ReleaseInfo extends ReleaseScalars {
  /** The name in its comparison form (§4.1.3, §7.1): what dedup and folder checks compare. */
  key: string;
  visualTags: readonly VisualTag[];
  audioTags: readonly AudioTag[];
  audioChannels: readonly AudioChannel[];
  languages: readonly Language[];
  editions: readonly string[];
  seasons: readonly number[];
  episodes: readonly number[];
}

/** One upstream stream after §4: every later stage reads only this. */
export interface ParsedStream extends ReleaseScalars {
  /** The upstream object, untouched (url/behaviorHints/… passthrough, passthrough formatting). */
  original: UpstreamStream;
  addon: AddonRef;
  type: StreamType;
  service?: ParsedService;
  /** `url` when it is not a magnet link (§4.1.1). */
  url?: string;
  filename?: string;
  /** The filename's comparison form (§7.1), computed once per distinct name. */
  filenameKey?: string;
  folderName?: string;
  infoHash?: string;
  fileIdx?: number;
  nzbUrl?: string;
  /** Bytes; absent when unknown. */
  size?: number;
  folderSize?: number;
  seeders?: number;
  /** Milliseconds, when the text states it (`⏱️ 2h 28m`). */
  duration?: number;
  /** Bits per second, from size and duration. */
  bitrate?: number;
  indexer?: string;
  library: boolean;
  /**
   * Set when the item names no file and no folder: there was no release name to read, so its
   * release lists are unknown rather than empty (templates see them as missing).
   */
  unparsed?: true;
  message?: string;
  // Lists may be shared with the release-name cache and between streams: never changed in place.
  visualTags: readonly VisualTag[];
  audioTags: readonly AudioTag[];
  audioChannels: readonly AudioChannel[];
  languages: readonly Language[];
  subtitles: readonly Language[];
  editions: readonly string[];
  /** From the filename (falling back to the folder). */
  seasons: readonly number[];
  episodes: readonly number[];
  /** From the folder name only. */
  folderSeasons: readonly number[];
  folderEpisodes: readonly number[];
  /** Several episodes in one release (folder or file covers seasons without a single episode). */
  seasonPack: boolean;
  /** Set by the preferred-match stage: name of the first matching `preferredRegexPatterns` entry. */
  regexMatched?: string;
  /** Set by the preferred-match stage: the stream matches `preferredKeywords`. */
  keywordMatched?: boolean;
}

/** The list and flag fields of a parsed stream at their empty values: a bare item's attributes. */
export type EmptyStreamFields = Pick<
  ParsedStream,
  | 'library' | 'visualTags' | 'audioTags' | 'audioChannels' | 'languages' | 'subtitles' | 'editions'
  | 'seasons' | 'episodes' | 'folderSeasons' | 'folderEpisodes' | 'repack' | 'proper' | 'subbed'
  | 'dubbed' | 'regraded' | 'uncensored' | 'unrated' | 'upscaled' | 'seasonPack'
>;

/** Fresh each call (the lists are mutable): the base of sample and fixture streams. */
export function emptyStreamFields(): EmptyStreamFields {
  return {
    library: false, visualTags: [], audioTags: [], audioChannels: [], languages: [], subtitles: [],
    editions: [], seasons: [], episodes: [], folderSeasons: [], folderEpisodes: [], repack: false,
    proper: false, subbed: false, dubbed: false, regraded: false, uncensored: false, unrated: false,
    upscaled: false, seasonPack: false,
  };
}

/** What `parseStream` returns for an upstream item that fails its whole addon (§4.4). */
export interface ParseError {
  error: string;
}
