/** Id prefixes that mark an anime title (config.md §6): such requests are of kind `anime`. */
const ANIME_PREFIXES = ['kitsu:', 'mal:', 'anilist:', 'anidb:'];

export const isAnimeId = (id: string): boolean => ANIME_PREFIXES.some((p) => id.startsWith(p));

export const requestKind = (type: string, id: string): string => (isAnimeId(id) ? 'anime' : type);
