// The config's enums (config.md §2, §3, §5.2, §6, §7, §9) and instance limits (§0): plain data,
// shared by the schema, the pipeline, the preset kinds and the page.

// ---------------------------------------------------------------------------------------------
// Enums (§2, §3, §5.2, §6, §7, §9). Exported so the pipeline uses the same spellings and order.

export const RESOLUTIONS = ['2160p', '1440p', '1080p', '720p', '576p', '480p', '360p', '240p', '144p', 'Unknown'] as const;
export const QUALITIES = [
  'BluRay REMUX', 'BluRay', 'WEB-DL', 'WEBRip', 'HDRip', 'HC HD-Rip', 'DVD REMUX', 'DVDRip', 'HDTV',
  'CAM', 'TS', 'TC', 'SCR', 'Unknown',
] as const;
export const ENCODES = ['AV1', 'HEVC', 'AVC', 'VC-1', 'XviD', 'DivX', 'MPEG-4', 'Unknown'] as const;
export const VISUAL_TAGS = [
  'HDR+DV', 'DV Only', 'HDR Only', 'HDR10+', 'HDR10', 'DV', 'HDR', 'HLG', '10bit', '3D', 'IMAX', 'AI',
  'Upscaled', 'SDR', 'H-OU', 'H-SBS', 'Unknown',
] as const;
export const AUDIO_TAGS = [
  'Atmos', 'DD+', 'DD', 'DTS:X', 'DTS-HD MA', 'DTS-HD', 'DTS-ES', 'DTS', 'TrueHD', 'PCM', 'OPUS', 'FLAC',
  'AAC', 'Unknown',
] as const;
export const AUDIO_CHANNELS = ['2.0', '5.1', '6.1', '7.1', 'Unknown'] as const;
export const LANGUAGES = [
  'English', 'Japanese', 'Chinese', 'Russian', 'Arabic', 'Portuguese', 'Portuguese (Brazil)', 'Spanish',
  'French', 'German', 'Italian', 'Korean', 'Hindi', 'Bengali', 'Punjabi', 'Marathi', 'Gujarati', 'Tamil',
  'Telugu', 'Kannada', 'Malayalam', 'Thai', 'Vietnamese', 'Indonesian', 'Turkish', 'Hebrew', 'Persian',
  'Ukrainian', 'Greek', 'Lithuanian', 'Latvian', 'Estonian', 'Polish', 'Czech', 'Slovak', 'Hungarian',
  'Romanian', 'Bulgarian', 'Serbian', 'Croatian', 'Slovenian', 'Dutch', 'Danish', 'Finnish', 'Swedish',
  'Norwegian', 'Malay', 'Latino', 'Dual Audio', 'Dubbed', 'Multi', 'Original', 'Unknown',
] as const;
export const STREAM_TYPES = [
  'p2p', 'live', 'stremio-usenet', 'archive', 'usenet', 'debrid', 'http', 'external', 'youtube', 'error',
  'statistic', 'info',
] as const;
export const SERVICE_IDS = [
  'realdebrid', 'alldebrid', 'premiumize', 'debridlink', 'torbox', 'stremio_nntp', 'nzbdav', 'aiostreams',
  'altmount', 'offcloud', 'putio', 'easynews', 'easydebrid', 'debrider', 'pikpak', 'seedr', 'stremthru_newz',
  'torrin',
] as const;
export const RESOURCES = ['stream', 'subtitles', 'catalog', 'meta', 'addon_catalog'] as const;
export const MEDIA_TYPES = ['movie', 'series', 'anime'] as const;
export const FORMATTER_IDS = [
  'gdrive', 'prism', 'tamtaro', 'lightgdrive', 'minimalisticgdrive', 'torrentio', 'torbox', 'custom',
] as const;
export const SORT_KEYS = [
  'cached', 'library', 'size', 'seeders', 'age', 'bitrate', 'private', 'resolution', 'quality', 'encode',
  'streamType', 'releaseGroup', 'visualTag', 'audioTag', 'language', 'subtitle', 'addon', 'service', 'keyword',
  'regexPatterns', 'streamExpressionMatched', 'streamExpressionScore', 'regexScore', 'seadex', 'audioChannel',
] as const;
export const SORT_LISTS = [
  'global', 'movies', 'series', 'anime', 'cached', 'uncached', 'cachedMovies', 'uncachedMovies', 'cachedSeries',
  'uncachedSeries', 'cachedAnime', 'uncachedAnime',
] as const;
export const DEDUP_KEYS = ['filename', 'infoHash', 'smartDetect'] as const;
export const DEDUP_MODES = ['single_result', 'per_service', 'per_addon', 'disabled'] as const;
export const DEDUP_CATEGORIES = ['cached', 'uncached', 'p2p', 'http', 'live', 'youtube', 'external'] as const;
export const MULTI_GROUP_BEHAVIOURS = ['aggressive', 'conservative', 'keep_all'] as const;
export const RESULT_LIMIT_KEYS = [
  'global', 'service', 'addon', 'resolution', 'quality', 'streamType', 'indexer', 'releaseGroup',
] as const;
export const SEEDER_RANGE_TYPES = ['p2p', 'cached', 'uncached'] as const;

/** Server-owned keys (§0): never taken from the client. */
export const SERVER_OWNED_KEYS = [
  'uuid', 'encryptedPassword', 'trusted', 'ip', 'activeVariants', 'variantSelectorLocation',
] as const;

// ---------------------------------------------------------------------------------------------
// Instance limits (§0). A parameter, because operators may change them.

export interface ConfigLimits {
  /** Max entries in each keyword list. */
  maxKeywords: number;
  /** Max characters of each formatter template string. */
  maxTemplateLength: number;
  /** Max upstream addons after presets are expanded (presets.md §1 step 5). */
  maxAddons: number;
}

export const DEFAULT_LIMITS: Readonly<ConfigLimits> = Object.freeze({
  maxKeywords: 30,
  maxTemplateLength: 5000,
  maxAddons: 15,
});

/** Bounds of every addon's `timeout` option (ms). */
export const TIMEOUT_BOUNDS = Object.freeze({ min: 1000, max: 50000 });
