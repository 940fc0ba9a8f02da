/**
 * The user config: zod schema (single source of the `UserConfig` type), legacy migrations,
 * validation and the JSON Schema derived from it. Contract: shared/spec/config.md.
 *
 * Every object is a `z.looseObject` so keys we do not know (or do not act on yet) survive a
 * validate → store → export round-trip verbatim (§0).
 */
import { z } from 'zod';

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
  /** Max upstream addons; each enabled preset counts as one until multi-addon kinds exist. */
  maxAddons: number;
  /** Bounds for a custom addon's `timeout` (ms). */
  minTimeout: number;
  maxTimeout: number;
}

export const DEFAULT_LIMITS: Readonly<ConfigLimits> = Object.freeze({
  maxKeywords: 30,
  maxTemplateLength: 5000,
  maxAddons: 15,
  minTimeout: 1000,
  maxTimeout: 50000,
});

// Cross-field checks must still run when a sibling field has a type error, so every issue is
// reported at once; the check bodies are therefore defensive about the shape they get.
const ALWAYS = { when: () => true };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

// ---------------------------------------------------------------------------------------------
// Schema pieces

const FILTER_PREFIXES = ['excluded', 'included', 'required', 'preferred'] as const;
type FilterPrefix = (typeof FILTER_PREFIXES)[number];

/** The four `excludedX/includedX/requiredX/preferredX` lists of one family (§5.1), typed by key. */
function familyLists<F extends string, T extends z.ZodType>(family: F, list: T) {
  const shape: Record<string, z.ZodOptional<T>> = {};
  for (const prefix of FILTER_PREFIXES) shape[`${prefix}${family}`] = list.optional();
  return shape as { [K in `${FilterPrefix}${F}`]: z.ZodOptional<T> };
}

const enumList = <const E extends readonly [string, ...string[]]>(values: E) => z.array(z.enum(values));

const range = (max?: number) => {
  const n = max === undefined ? z.number().min(0) : z.number().min(0).max(max);
  return z.tuple([n, n]);
};

function customOptionsSchema(limits: ConfigLimits) {
  return z.looseObject({
    name: z.string(),
    manifestUrl: z.string(),
    timeout: z.number().min(limits.minTimeout).max(limits.maxTimeout).optional(),
    resources: enumList(RESOURCES).optional(),
    mediaTypes: enumList(MEDIA_TYPES).optional(),
    libraryAddon: z.boolean().optional(),
    formatPassthrough: z.boolean().optional(),
    resultPassthrough: z.boolean().optional(),
    pinPosition: z.enum(['top', 'bottom']).optional(),
  });
}

function presetsSchema(limits: ConfigLimits) {
  const customOptions = customOptionsSchema(limits);
  const preset = z
    .looseObject({
      type: z.string().min(1),
      // A regex (not a refine) so the JSON Schema carries the rule too.
      instanceId: z.string().min(1).regex(/^[^.]*$/, 'instanceId must not contain "."'),
      enabled: z.boolean(),
      // Options of other kinds stay loosely typed (§2.3); `custom` is checked below.
      options: z.record(z.string(), z.unknown()),
      category: z.string().optional(),
    })
    .superRefine((p, ctx) => {
      if (!isRecord(p) || p.type !== 'custom' || !isRecord(p.options)) return;
      const r = customOptions.safeParse(p.options);
      if (r.success) return;
      for (const issue of r.error.issues) {
        ctx.addIssue({ code: 'custom', message: issue.message, path: ['options', ...issue.path] });
      }
    }, ALWAYS);

  return z.array(preset).superRefine((list, ctx) => {
    if (!Array.isArray(list)) return;
    const seen = new Set<string>();
    list.forEach((p, i) => {
      const id = isRecord(p) ? p.instanceId : undefined;
      if (typeof id !== 'string') return;
      if (seen.has(id)) ctx.addIssue({ code: 'custom', message: `duplicate instanceId "${id}"`, path: [i, 'instanceId'] });
      seen.add(id);
    });
    const enabled = list.filter((p) => isRecord(p) && p.enabled === true).length;
    if (enabled > limits.maxAddons) {
      ctx.addIssue({ code: 'custom', message: `at most ${limits.maxAddons} enabled addons are allowed (got ${enabled})` });
    }
  }, ALWAYS);
}

function formatterSchema(limits: ConfigLimits) {
  const template = z.looseObject({
    name: z.string().max(limits.maxTemplateLength),
    description: z.string().max(limits.maxTemplateLength),
  });
  return z
    .looseObject({
      id: z.enum(FORMATTER_IDS),
      definitions: z
        .looseObject({
          custom: template.optional(),
          overrides: z.partialRecord(z.enum(FORMATTER_IDS), template).optional(),
          saved: z.record(z.string(), template).optional(),
        })
        .optional(),
    })
    .superRefine((f, ctx) => {
      if (!isRecord(f) || f.id !== 'custom') return;
      const defs = f.definitions;
      if (!isRecord(defs) || defs.custom === undefined) {
        ctx.addIssue({ code: 'custom', message: 'the custom formatter needs definitions.custom', path: ['definitions', 'custom'] });
      }
    }, ALWAYS);
}

const criterion = z.looseObject({ key: z.enum(SORT_KEYS), direction: z.enum(['asc', 'desc']) });
const criteria = z.array(criterion);

const sortCriteriaSchema = z.looseObject({
  global: criteria,
  movies: criteria.optional(),
  series: criteria.optional(),
  anime: criteria.optional(),
  cached: criteria.optional(),
  uncached: criteria.optional(),
  cachedMovies: criteria.optional(),
  uncachedMovies: criteria.optional(),
  cachedSeries: criteria.optional(),
  uncachedSeries: criteria.optional(),
  cachedAnime: criteria.optional(),
  uncachedAnime: criteria.optional(),
});

const serviceSchema = z.looseObject({
  id: z.enum(SERVICE_IDS),
  enabled: z.boolean().optional(),
  credentials: z.record(z.string(), z.string()),
});

const sizePair = range();
const sizeFilter = z.looseObject({ movies: sizePair.optional(), series: sizePair.optional(), anime: sizePair.optional() });
const sizeSchema = z.looseObject({
  global: sizeFilter.optional(),
  resolution: z.partialRecord(z.enum(RESOLUTIONS), sizeFilter).optional(),
});

const dedupMode = z.enum(DEDUP_MODES).optional();
const deduplicatorSchema = z.looseObject({
  enabled: z.boolean().optional(),
  keys: enumList(DEDUP_KEYS).optional(),
  multiGroupBehaviour: z.enum(MULTI_GROUP_BEHAVIOURS).optional(),
  cached: dedupMode,
  uncached: dedupMode,
  p2p: dedupMode,
  http: dedupMode,
  live: dedupMode,
  youtube: dedupMode,
  external: dedupMode,
  excludeAddons: z.array(z.string().min(1)).optional(),
});

const limit = z.number().int().min(1).optional();
const resultLimitsSchema = z.looseObject({
  global: limit,
  service: limit,
  addon: limit,
  resolution: limit,
  quality: limit,
  streamType: limit,
  indexer: limit,
  releaseGroup: limit,
  mode: z.enum(['independent', 'conjunctive']).optional(),
});

const strategy3 = z.enum(['inherit', 'override', 'extend']).optional();
const strategy2 = z.enum(['inherit', 'override']).optional();
const parentConfigSchema = z.looseObject({
  uuid: z.guid(),
  password: z.string().min(1),
  mergeStrategies: z
    .looseObject({
      presets: strategy3,
      services: strategy3,
      filters: strategy2,
      sorting: strategy2,
      formatter: strategy2,
      proxy: strategy2,
      metadata: strategy2,
      misc: strategy2,
      branding: strategy2,
      fieldOverrides: z.record(z.string(), z.enum(['inherit', 'override', 'extend'])).optional(),
    })
    .optional(),
});

/** Builds the config schema for the given instance limits. */
export function createConfigSchema(limits: ConfigLimits = DEFAULT_LIMITS) {
  const keywords = z.array(z.string().min(1)).max(limits.maxKeywords);
  const regexes = z.array(z.string().min(1));
  return z.looseObject({
    presets: presetsSchema(limits),
    services: z.array(serviceSchema).optional(),
    formatter: formatterSchema(limits),
    sortCriteria: sortCriteriaSchema,

    ...familyLists('Resolutions', enumList(RESOLUTIONS)),
    ...familyLists('Qualities', enumList(QUALITIES)),
    ...familyLists('Encodes', enumList(ENCODES)),
    ...familyLists('VisualTags', enumList(VISUAL_TAGS)),
    ...familyLists('AudioTags', enumList(AUDIO_TAGS)),
    ...familyLists('AudioChannels', enumList(AUDIO_CHANNELS)),
    ...familyLists('Languages', enumList(LANGUAGES)),
    ...familyLists('Subtitles', enumList(LANGUAGES)),
    ...familyLists('StreamTypes', enumList(STREAM_TYPES)),
    ...familyLists('ReleaseGroups', z.array(z.string())),
    ...familyLists('Keywords', keywords),
    excludedRegexPatterns: regexes.optional(),
    includedRegexPatterns: regexes.optional(),
    requiredRegexPatterns: regexes.optional(),
    preferredRegexPatterns: z.array(z.looseObject({ name: z.string(), pattern: z.string().min(1) })).optional(),

    excludeUncached: z.boolean().optional(),
    excludeCached: z.boolean().optional(),
    size: sizeSchema.optional(),
    requiredSeederRange: range(1000).optional(),
    excludeSeederRange: range(1000).optional(),
    includeSeederRange: range(1000).optional(),
    seederRangeTypes: enumList(SEEDER_RANGE_TYPES).optional(),

    deduplicator: deduplicatorSchema.optional(),
    resultLimits: resultLimitsSchema.optional(),

    addonName: z.string().min(1).max(300).optional(),
    addonDescription: z.string().min(1).optional(),
    addonLogo: z.url().optional(),
    hideErrors: z.boolean().optional(),
    hideErrorsForResources: enumList(RESOURCES).optional(),

    parentConfig: parentConfigSchema.optional(),
  });
}

/** The schema under the default limits; `UserConfig` is inferred from it. */
export const configSchema = createConfigSchema();

export type UserConfig = z.output<typeof configSchema>;
export type PresetEntry = UserConfig['presets'][number];
export type CustomPresetOptions = z.output<ReturnType<typeof customOptionsSchema>>;
export type ServiceEntry = NonNullable<UserConfig['services']>[number];
export type SortCriterion = z.output<typeof criterion>;
export type ParentConfig = NonNullable<UserConfig['parentConfig']>;

// ---------------------------------------------------------------------------------------------
// Normalisation before validation (§0, §2)

const MULTI_GROUP_RENAMES: Record<string, string> = {
  remove_uncached: 'aggressive',
  remove_uncached_same_service: 'conservative',
  remove_nothing: 'keep_all',
};
const STEREO_TAGS = new Set(['H-OU', 'H-SBS']);

/** Legacy shapes → current ones. Mutates `cfg`, which must be a private copy. */
function migrateLegacy(cfg: Record<string, unknown>): void {
  const fmt = cfg.formatter;
  if (isRecord(fmt) && 'definition' in fmt) {
    const defs = fmt.definitions;
    if (defs === undefined) fmt.definitions = { custom: fmt.definition };
    else if (isRecord(defs) && defs.custom === undefined) defs.custom = fmt.definition;
    // When definitions.custom already exists it is the newer data; the legacy copy is dropped.
    if (defs === undefined || isRecord(defs)) delete fmt.definition;
  }

  const dedup = cfg.deduplicator;
  if (isRecord(dedup) && typeof dedup.multiGroupBehaviour === 'string') {
    dedup.multiGroupBehaviour = MULTI_GROUP_RENAMES[dedup.multiGroupBehaviour] ?? dedup.multiGroupBehaviour;
  }

  // Old AIOStreams treated 3D stereo layouts as encodes; they are visual tags now.
  for (const key of Object.keys(cfg)) {
    const m = /^(.*)Encodes$/.exec(key);
    const encodes = cfg[key];
    if (!m || !Array.isArray(encodes) || !encodes.some((v) => STEREO_TAGS.has(v))) continue;
    const target = `${m[1]}VisualTags`;
    const tags = cfg[target] ?? [];
    if (!Array.isArray(tags)) continue; // leave both for validation to report
    const moved = encodes.filter((v) => STEREO_TAGS.has(v));
    cfg[key] = encodes.filter((v) => !STEREO_TAGS.has(v));
    cfg[target] = [...tags, ...moved.filter((v) => !tags.includes(v))];
  }
}

/** The AIOStreams UI writes the string "undefined" for an unset option; treat it as absent. */
function dropUndefinedOptions(cfg: Record<string, unknown>): void {
  if (!Array.isArray(cfg.presets)) return;
  for (const p of cfg.presets) {
    if (!isRecord(p) || !isRecord(p.options)) continue;
    for (const [k, v] of Object.entries(p.options)) if (v === 'undefined') delete p.options[k];
  }
}

// ---------------------------------------------------------------------------------------------
// Validation

export interface ConfigIssue {
  path: string;
  message: string;
}
export type ValidateResult = { ok: true; config: UserConfig } | { ok: false; issues: ConfigIssue[] };

const schemaCache = new Map<string, ReturnType<typeof createConfigSchema>>();
function schemaFor(limits: ConfigLimits) {
  const key = JSON.stringify(limits);
  let s = schemaCache.get(key);
  if (!s) schemaCache.set(key, (s = createConfigSchema(limits)));
  return s;
}

/**
 * Migrates, strips server-owned keys and validates a client-supplied config.
 * Never mutates `input`; the returned config shares no objects with it.
 */
export function validateConfig(input: unknown, limits?: Partial<ConfigLimits>): ValidateResult {
  if (!isRecord(input)) return { ok: false, issues: [{ path: '', message: 'config must be a JSON object' }] };
  let cfg: Record<string, unknown>;
  try {
    cfg = structuredClone(input);
  } catch {
    return { ok: false, issues: [{ path: '', message: 'config must be plain JSON data' }] };
  }
  migrateLegacy(cfg);
  dropUndefinedOptions(cfg);
  for (const k of SERVER_OWNED_KEYS) delete cfg[k];

  // An explicit `undefined` in `limits` means "the default", not "no bound".
  const given = Object.fromEntries(Object.entries(limits ?? {}).filter(([, v]) => v !== undefined));
  const r = schemaFor({ ...DEFAULT_LIMITS, ...given }).safeParse(cfg);
  if (r.success) return { ok: true, config: r.data };
  return {
    ok: false,
    issues: r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  };
}

// ---------------------------------------------------------------------------------------------
// JSON Schema

const JSON_SCHEMA_OPTIONS = { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' } as const;

// The generated document's shape is fixed by the schema above; `any` keeps the patching terse.
type JsonObject = Record<string, any>;

/**
 * JSON Schema (draft 2020-12) of the config under the default limits. zod cannot express the
 * type-dependent rules (custom preset options, the custom formatter's template), so they are added
 * as `if`/`then` clauses; uniqueness of instanceIds and the addon count stay validateConfig-only.
 */
export function configJsonSchema(): Record<string, unknown> {
  const doc = z.toJSONSchema(configSchema, JSON_SCHEMA_OPTIONS) as JsonObject;
  const { $schema: _drop, ...customOptions } = z.toJSONSchema(
    customOptionsSchema(DEFAULT_LIMITS),
    JSON_SCHEMA_OPTIONS,
  ) as JsonObject;
  doc.properties.presets.items.allOf = [
    {
      if: { properties: { type: { const: 'custom' } }, required: ['type'] },
      then: { properties: { options: customOptions } },
    },
  ];
  doc.properties.formatter.allOf = [
    {
      if: { properties: { id: { const: 'custom' } }, required: ['id'] },
      then: { required: ['definitions'], properties: { definitions: { required: ['custom'] } } },
    },
  ];
  return doc;
}
