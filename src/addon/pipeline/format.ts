import type { UserConfig } from '../../config/schema.js';
import { compileFormatter, type FormatterInput, type StreamInput } from '../../formatter/index.js';
import { getService } from '../../config/services.js';
import type { AddonRef, ParsedService, ParsedStream } from './types.js';

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

type Orders = Record<'visual' | 'audio' | 'channels' | 'languages' | 'subtitles', ReadonlyMap<string, number>>;

/**
 * What a template reads of one stream, computed only when read: a template touches a few of the
 * fields, and building all of them (lists reordered, user subsets) for every stream was most of
 * the format stage's garbage. Without a release name the lists are unknown, not empty
 * (AIOStreams has no parsed file then).
 */
class StreamView implements StreamInput {
  private languageList: readonly string[] | undefined | null = null;
  private subtitleList: readonly string[] | undefined | null = null;

  constructor(
    private readonly s: ParsedStream,
    private readonly orders: Orders,
  ) {}

  private list<T extends string | number>(v: readonly T[], order?: ReadonlyMap<string, number>): readonly T[] | undefined {
    if (this.s.unparsed) return undefined;
    return order ? (reorder(v as readonly string[], order) as readonly T[]) : v;
  }

  get filename() { return this.s.filename; }
  get folderName() { return this.s.folderName; }
  get size() { return this.s.size; }
  get folderSize() { return this.s.folderSize; }
  get duration() { return this.s.duration; }
  get bitrate() { return this.s.bitrate; }
  get type() { return this.s.type; }
  get resolution() { return this.s.resolution; }
  get quality() { return this.s.quality; }
  get encode() { return this.s.encode; }
  get releaseGroup() { return this.s.releaseGroup; }
  get network() { return this.s.network; }
  get container() { return this.s.container; }
  get extension() { return this.s.extension; }
  get title() { return this.s.title; }
  get year() { return this.s.year; }
  get country() { return this.s.country; }
  get episodeTitle() { return this.s.episodeTitle; }
  get date() { return this.s.date; }
  get visualTags() { return this.list(this.s.visualTags, this.orders.visual); }
  get audioTags() { return this.list(this.s.audioTags, this.orders.audio); }
  get audioChannels() { return this.list(this.s.audioChannels, this.orders.channels); }
  get languages() {
    if (this.languageList === null) this.languageList = this.list(this.s.languages, this.orders.languages);
    return this.languageList;
  }
  get subtitles() {
    if (this.subtitleList === null) this.subtitleList = this.list(this.s.subtitles, this.orders.subtitles);
    return this.subtitleList;
  }
  get uLanguages() { return this.languages?.filter((l) => this.orders.languages.has(l)); }
  get uSubtitles() { return this.subtitles?.filter((l) => this.orders.subtitles.has(l)); }
  get editions() { return this.list(this.s.editions); }
  get library() { return this.s.library; }
  get subbed() { return this.s.subbed; }
  get dubbed() { return this.s.dubbed; }
  get seasonPack() { return this.s.seasonPack; }
  get repack() { return this.s.repack; }
  get proper() { return this.s.proper; }
  get regraded() { return this.s.regraded; }
  get uncensored() { return this.s.uncensored; }
  get unrated() { return this.s.unrated; }
  get upscaled() { return this.s.upscaled; }
  get seasons() { return this.list(this.s.seasons); }
  get episodes() { return this.list(this.s.episodes); }
  get folderSeasons() { return this.list(this.s.folderSeasons); }
  get folderEpisodes() { return this.list(this.s.folderEpisodes); }
  get seeders() { return this.s.seeders; }
  get infoHash() { return this.s.infoHash; }
  get indexer() { return this.s.indexer; }
  get message() { return this.s.message; }
  get regexMatched() { return this.s.regexMatched; }
}

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

  const configData = { addonName: ctx.addonName };
  // Shared per service state and per addon: built once, not per stream (parse hands out one
  // ParsedService object per service and state).
  const services = new WeakMap<ParsedService, NonNullable<FormatterInput['service']> | null>();
  const addons = new WeakMap<AddonRef, FormatterInput['addon']>();
  const serviceOf = (ps: ParsedService): FormatterInput['service'] => {
    let out = services.get(ps);
    if (out === undefined) {
      const service = getService(ps.id);
      out = service ? { id: service.id, shortName: service.shortName, name: service.name, cached: ps.cached } : null;
      services.set(ps, out);
    }
    return out ?? undefined;
  };
  const addonOf = (ref: AddonRef): FormatterInput['addon'] => {
    let out = addons.get(ref);
    if (!out) {
      out = { name: ref.addonName, presetId: ref.presetType, manifestUrl: ref.manifestUrl };
      addons.set(ref, out);
    }
    return out;
  };

  function input(s: ParsedStream): FormatterInput {
    const service = s.service ? serviceOf(s.service) : undefined;
    const stream = new StreamView(s, orders);
    return service ? { config: configData, service, addon: addonOf(s.addon), stream } : { config: configData, addon: addonOf(s.addon), stream };
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
