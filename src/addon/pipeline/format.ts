import type { UserConfig } from '../../config/schema.js';
import { compileFormatter, type FormatterInput, type StreamInput } from '../../formatter/index.js';
import { getService } from '../../config/services.js';
import type { ParsedStream } from './types.js';

/** What Stremio receives for one stream. */
export type StremioStream = Record<string, unknown> & { name?: string; description?: string };

type ListFamily = 'VisualTags' | 'AudioTags' | 'AudioChannels' | 'Languages' | 'Subtitles';

/**
 * The user's lists of one family in formatter order: preferred, then required, then included
 * (formatter.md §2). Subtitles fall back to the language lists when they have none of their own.
 */
function userOrder(config: UserConfig, family: ListFamily): string[] {
  const c = config as Record<string, unknown>;
  const lists = (fam: string) => ['preferred', 'required', 'included'].flatMap((p) => (Array.isArray(c[`${p}${fam}`]) ? (c[`${p}${fam}`] as string[]) : []));
  const own = lists(family);
  return family === 'Subtitles' && own.length === 0 ? lists('Languages') : own;
}

/** Values in the user's lists first (in list order), then the rest in parsed order. */
function reorder(values: readonly string[], order: ReadonlyMap<string, number>): readonly string[] {
  if (!order.size || values.length < 2) return values;
  return values
    .map((v, i) => ({ v, rank: order.get(v) ?? order.size + i }))
    .sort((a, b) => a.rank - b.rank)
    .map((x) => x.v);
}

const rankMap = (list: string[]): Map<string, number> => {
  const m = new Map<string, number>();
  list.forEach((v, i) => {
    if (!m.has(v)) m.set(v, i);
  });
  return m;
};

export interface FormatContext {
  /** `config.addonName` in templates: the user's addonName, else the instance name. */
  addonName: string;
}

/**
 * Compiles the formatter stage once per config: templates parsed once, user list orders
 * precomputed; the returned function renders one stream into its Stremio object.
 */
export function compileFormat(config: UserConfig, ctx: FormatContext) {
  const formatter = compileFormatter(config.formatter as Parameters<typeof compileFormatter>[0]);
  const orders = {
    visual: rankMap(userOrder(config, 'VisualTags')),
    audio: rankMap(userOrder(config, 'AudioTags')),
    channels: rankMap(userOrder(config, 'AudioChannels')),
    languages: rankMap(userOrder(config, 'Languages')),
    subtitles: rankMap(userOrder(config, 'Subtitles')),
  };
  const addonName = ctx.addonName;

  function input(s: ParsedStream): FormatterInput {
    const service = s.service ? getService(s.service.id) : undefined;
    // Without a release name the lists are unknown, not empty (AIOStreams has no parsed file then).
    const known = !s.unparsed;
    const list = <T extends string | number>(v: readonly T[], order?: ReadonlyMap<string, number>): readonly T[] | undefined =>
      known ? (order ? (reorder(v as readonly string[], order) as T[]) : v) : undefined;
    const languages = list(s.languages, orders.languages);
    const subtitles = list(s.subtitles, orders.subtitles);
    const stream: StreamInput = {
      filename: s.filename,
      folderName: s.folderName,
      size: s.size,
      folderSize: s.folderSize,
      duration: s.duration,
      bitrate: s.bitrate,
      type: s.type,
      resolution: s.resolution,
      quality: s.quality,
      encode: s.encode,
      releaseGroup: s.releaseGroup,
      network: s.network,
      container: s.container,
      extension: s.extension,
      title: s.title,
      year: s.year,
      country: s.country,
      episodeTitle: s.episodeTitle,
      date: s.date,
      visualTags: list(s.visualTags, orders.visual),
      audioTags: list(s.audioTags, orders.audio),
      audioChannels: list(s.audioChannels, orders.channels),
      languages,
      subtitles,
      uLanguages: languages?.filter((l) => orders.languages.has(l)),
      uSubtitles: subtitles?.filter((l) => orders.subtitles.has(l)),
      editions: list(s.editions),
      library: s.library,
      subbed: s.subbed,
      dubbed: s.dubbed,
      seasonPack: s.seasonPack,
      repack: s.repack,
      proper: s.proper,
      regraded: s.regraded,
      uncensored: s.uncensored,
      unrated: s.unrated,
      upscaled: s.upscaled,
      seasons: list(s.seasons),
      episodes: list(s.episodes),
      folderSeasons: list(s.folderSeasons),
      folderEpisodes: list(s.folderEpisodes),
      seeders: s.seeders,
      infoHash: s.infoHash,
      indexer: s.indexer,
      message: s.message,
      regexMatched: s.regexMatched,
    };
    return {
      config: { addonName },
      ...(service && s.service ? { service: { id: service.id, shortName: service.shortName, name: service.name, cached: s.service.cached } } : {}),
      addon: { name: s.addon.addonName, presetId: s.addon.presetType, manifestUrl: s.addon.manifestUrl },
      stream,
    };
  }

  return render;

  function render(s: ParsedStream): StremioStream {
    const { name, description } = s.addon.formatPassthrough ? passthrough(s) : formatOrPassthrough(s);
    return toStremio(s, name, description);
  }

  /**
   * A template that fails on one stream's values must cost only that stream's looks, never the
   * whole answer: the stream keeps its upstream text, as with formatPassthrough.
   */
  function formatOrPassthrough(s: ParsedStream): { name: string; description: string } {
    try {
      return formatter.format(input(s));
    } catch {
      return passthrough(s);
    }
  }
}

function passthrough(s: ParsedStream): { name: string; description: string } {
  const name = typeof s.original.name === 'string' && s.original.name ? s.original.name : s.addon.addonName;
  return { name, description: passthroughDescription(s) };
}

function passthroughDescription(s: ParsedStream): string {
  const { description, title } = s.original;
  if (typeof description === 'string' && description) return description;
  return typeof title === 'string' ? title : '';
}

/**
 * Keeps every upstream field Stremio plays from (url, infoHash, fileIdx, behaviorHints, …) in the
 * upstream's key order, replaces the text, and groups episodes of the same kind of release for
 * binge-watching. Built key by key into one object (no rest/spread copies per stream).
 */
function toStremio(s: ParsedStream, name: string, description: string): StremioStream {
  const original = s.original as Record<string, unknown>;
  const out: StremioStream = {};
  let hasHints = false;
  for (const key in original) {
    if (key === 'name' || key === 'description' || key === 'title') continue;
    let value = original[key];
    if (key === 'behaviorHints') {
      hasHints = true;
      value = { ...(value as object), bingeGroup: bingeGroupOf(s) };
    }
    // A JSON `__proto__` key is an ordinary field: define it, never assign a prototype.
    if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    else out[key] = value;
  }
  out.name = name;
  out.description = description;
  if (typeof original.url === 'string' && original.url.startsWith('magnet:')) {
    delete out.url;
    if (s.infoHash) out.infoHash = s.infoHash;
  }
  if (!hasHints) out.behaviorHints = { bingeGroup: bingeGroupOf(s) };
  return out;
}

/** Same addon, same service and cache state, same release shape → Stremio auto-plays the next episode from it. */
export function bingeGroupOf(s: ParsedStream): string {
  return [
    'aiostreams',
    s.addon.presetInstanceId,
    s.service ? `${s.service.id}${s.service.cached ? '+' : '-'}` : s.type,
    s.resolution ?? 'Unknown',
    s.quality ?? 'Unknown',
    s.encode ?? 'Unknown',
    s.visualTags.join(',') || 'SDR',
    s.releaseGroup ?? '',
  ].join('|');
}
