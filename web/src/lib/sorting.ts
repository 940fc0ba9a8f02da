/**
 * Sort keys (config.md §6) and whether each one can change the order with the config as it is:
 * a key that only reads a list the user has not filled, or data no addon provides, puts every
 * stream level, and the page says why instead of offering it silently. DOM-free.
 */
import { presetsOf, servicesOf, type Config } from './config.js';

export const SORT_LISTS: { id: string; label: string }[] = [
  { id: 'global', label: 'All streams (global)' },
  { id: 'movies', label: 'Movies' },
  { id: 'series', label: 'Series' },
  { id: 'anime', label: 'Anime' },
  { id: 'cached', label: 'Cached streams' },
  { id: 'uncached', label: 'Uncached streams' },
  { id: 'cachedMovies', label: 'Cached movies' },
  { id: 'uncachedMovies', label: 'Uncached movies' },
  { id: 'cachedSeries', label: 'Cached series' },
  { id: 'uncachedSeries', label: 'Uncached series' },
  { id: 'cachedAnime', label: 'Cached anime' },
  { id: 'uncachedAnime', label: 'Uncached anime' },
];

export interface SortKeyInfo {
  key: string;
  label: string;
  /** What "best first" means for it. */
  help: string;
  /** The config list it orders by, when it has one. */
  list?: string;
  /** Why it never changes the order on this server, whatever the config. */
  never?: string;
}

export const SORT_KEYS: SortKeyInfo[] = [
  { key: 'cached', label: 'Cached', help: 'cached streams (and streams without a service) first' },
  { key: 'resolution', label: 'Resolution', help: 'in your preferred resolutions order', list: 'preferredResolutions' },
  { key: 'quality', label: 'Quality', help: 'in your preferred qualities order', list: 'preferredQualities' },
  { key: 'size', label: 'Size', help: 'larger files first' },
  { key: 'seeders', label: 'Seeders', help: 'more seeders first' },
  { key: 'visualTag', label: 'Visual tag', help: 'in your preferred visual tags order', list: 'preferredVisualTags' },
  { key: 'audioTag', label: 'Audio tag', help: 'in your preferred audio tags order', list: 'preferredAudioTags' },
  { key: 'encode', label: 'Encode', help: 'in your preferred encodes order', list: 'preferredEncodes' },
  { key: 'language', label: 'Language', help: 'in your preferred languages order', list: 'preferredLanguages' },
  { key: 'streamType', label: 'Stream type', help: 'in your preferred stream types order', list: 'preferredStreamTypes' },
  { key: 'service', label: 'Service', help: 'in the order of your services' },
  { key: 'addon', label: 'Addon', help: 'in the order of your addons' },
  { key: 'library', label: 'Library', help: 'your library files first' },
  { key: 'keyword', label: 'Preferred keywords', help: 'streams matching a preferred keyword first', list: 'preferredKeywords' },
  { key: 'regexPatterns', label: 'Preferred patterns', help: 'in your preferred regex patterns order', list: 'preferredRegexPatterns' },
  { key: 'releaseGroup', label: 'Release group', help: 'in your preferred release groups order', list: 'preferredReleaseGroups' },
  { key: 'subtitle', label: 'Subtitles', help: 'in your preferred subtitles order', list: 'preferredSubtitles' },
  { key: 'bitrate', label: 'Bitrate', help: 'higher bitrate first' },
  { key: 'private', label: 'Private tracker', help: 'private-tracker streams first', never: 'no addon here tells which trackers are private' },
  { key: 'age', label: 'Age', help: 'older releases first', never: 'no addon here reports a release’s age' },
  { key: 'audioChannel', label: 'Audio channels', help: 'kept for AIOStreams configs', never: 'AIOStreams never implemented it, so it is kept only for compatibility' },
  { key: 'streamExpressionMatched', label: 'Stream expression matched', help: 'stream expressions', never: 'stream expressions are not built on this server yet' },
  { key: 'streamExpressionScore', label: 'Stream expression score', help: 'stream expressions', never: 'stream expressions are not built on this server yet' },
  { key: 'regexScore', label: 'Regex score', help: 'ranked regex patterns', never: 'ranked regex patterns are not built on this server yet' },
  { key: 'seadex', label: 'SeaDex', help: 'SeaDex releases', never: 'SeaDex is not built on this server yet' },
];

export const SORT_KEY_INFO = new Map(SORT_KEYS.map((k) => [k.key, k]));

/** Where the fix for an inactive key is: a config path the page can reveal. */
export interface KeyStatus {
  active: boolean;
  reason?: string;
  fixPath?: string;
  fixLabel?: string;
}

const LIST_NAMES: Record<string, string> = {
  preferredRegexPatterns: 'preferred regex patterns',
  preferredKeywords: 'preferred keywords',
};

function listName(list: string): string {
  return LIST_NAMES[list] ?? `preferred ${list.slice('preferred'.length).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`;
}

/** Whether `key` can change the order of streams with this config, and if not why. */
export function keyStatus(config: Config, key: string): KeyStatus {
  const info = SORT_KEY_INFO.get(key);
  if (!info) return { active: false, reason: 'this server does not know this key' };
  if (info.never) return { active: false, reason: info.never };
  if (info.list) {
    const filled = Array.isArray(config[info.list]) && (config[info.list] as unknown[]).length > 0;
    if (!filled) {
      const name = listName(info.list);
      return { active: false, reason: `you have no ${name} yet`, fixPath: info.list, fixLabel: `Add ${name} in Filters` };
    }
    return { active: true };
  }
  const enabled = presetsOf(config).filter((p) => p.enabled);
  switch (key) {
    case 'service':
      return servicesOf(config).length ? { active: true } : { active: false, reason: 'you have no services listed', fixPath: 'services', fixLabel: 'Set up services' };
    case 'addon':
      return enabled.length > 1 ? { active: true } : { active: false, reason: 'it needs at least two enabled addons', fixPath: 'presets', fixLabel: 'Add an addon' };
    case 'library':
      return enabled.some((p) => p.options.libraryAddon === true || p.type === 'stremthruStore')
        ? { active: true }
        : { active: false, reason: 'none of your addons is a library addon', fixPath: 'presets', fixLabel: 'Review your addons' };
    default:
      return { active: true };
  }
}
