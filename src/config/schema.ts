/**
 * The user config: zod schema (single source of the `UserConfig` type), legacy migrations,
 * validation and the JSON Schema derived from it. Contract: shared/spec/config.md.
 *
 * Every object is a `z.looseObject` so keys we do not know (or do not act on yet) survive a
 * validate → store → export round-trip verbatim (§0).
 */
import { z } from 'zod';
import { isRecord } from '../is-record.js';
import { migrateLegacy } from './legacy.js';

import { presetIssues } from '../presets/validate.js';
import type { PresetConfig } from '../presets/expand.js';

export * from './constants.js';
import { DEFAULT_LIMITS, FORMATTER_IDS, MEDIA_TYPES, RESOURCES, SERVICE_IDS, SERVER_OWNED_KEYS, SORT_KEYS, RESOLUTIONS, QUALITIES, ENCODES, VISUAL_TAGS, AUDIO_TAGS, AUDIO_CHANNELS, LANGUAGES, STREAM_TYPES, DEDUP_KEYS, DEDUP_MODES, MULTI_GROUP_BEHAVIOURS, SEEDER_RANGE_TYPES, type ConfigLimits } from './constants.js';


// Cross-field checks must still run when a sibling field has a type error, so every issue is
// reported at once; the check bodies are therefore defensive about the shape they get.
const ALWAYS = { when: () => true };


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

function presetsSchema() {
  const preset = z.looseObject({
    type: z.string().min(1),
    // A regex (not a refine) so the JSON Schema carries the rule too.
    instanceId: z.string().min(1).regex(/^[^.]*$/, 'instanceId must not contain "."'),
    enabled: z.boolean(),
    // Each kind declares its own options; they are checked against the preset registry
    // (src/presets), which knows every kind.
    options: z.record(z.string(), z.unknown()),
    category: z.string().optional(),
  });

  return z.array(preset).superRefine((list, ctx) => {
    if (!Array.isArray(list)) return;
    const seen = new Set<string>();
    list.forEach((p, i) => {
      const id = isRecord(p) ? p.instanceId : undefined;
      if (typeof id !== 'string') return;
      if (seen.has(id)) ctx.addIssue({ code: 'custom', message: `duplicate instanceId "${id}"`, path: [i, 'instanceId'] });
      seen.add(id);
    });
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
    presets: presetsSchema(),
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
export type ServiceEntry = NonNullable<UserConfig['services']>[number];
export type SortCriterion = z.output<typeof criterion>;
export type ParentConfig = NonNullable<UserConfig['parentConfig']>;

// ---------------------------------------------------------------------------------------------
// Normalisation before validation (§0, §2)

// ---------------------------------------------------------------------------------------------
// Validation

export interface ConfigIssue {
  path: string;
  message: string;
}
/**
 * `summary` is the one-line message for clients: the first issue with its path, or, for a preset
 * problem, the preset's own message as AIOStreams words it (presets.md §1).
 */
export type ValidateResult = { ok: true; config: UserConfig } | { ok: false; issues: ConfigIssue[]; summary: string };

/** `path: message` of the first issue, and how many more there are. */
export function summarise(issues: readonly ConfigIssue[], verbatim = false): string {
  const first = issues[0];
  const head = !first ? 'unknown problem' : verbatim ? first.message : `${first.path || '(root)'}: ${first.message}`;
  return head + (issues.length > 1 ? ` (and ${issues.length - 1} more)` : '');
}

const failed = (issues: ConfigIssue[]): ValidateResult => ({ ok: false, issues, summary: `Invalid config: ${summarise(issues)}` });

/** The entries well-formed enough for the preset checks; the others (reported by zod) are skipped. */
function checkablePresets(cfg: Record<string, unknown>): PresetConfig | undefined {
  if (!Array.isArray(cfg.presets)) return undefined;
  const presets = cfg.presets.map((p) =>
    isRecord(p) && typeof p.type === 'string' && typeof p.instanceId === 'string' && p.enabled === true && isRecord(p.options)
      ? (p as PresetConfig['presets'][number])
      : { type: '', instanceId: '', enabled: false, options: {} },
  );
  const services = Array.isArray(cfg.services) ? cfg.services.filter(isRecord) : [];
  return { presets, services: services as unknown as PresetConfig['services'], proxy: cfg.proxy };
}

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
  if (!isRecord(input)) return failed([{ path: '', message: 'config must be a JSON object' }]);
  let cfg: Record<string, unknown>;
  try {
    cfg = structuredClone(input);
  } catch {
    return failed([{ path: '', message: 'config must be plain JSON data' }]);
  }
  migrateLegacy(cfg);
  for (const k of SERVER_OWNED_KEYS) delete cfg[k];

  // An explicit `undefined` in `limits` means "the default", not "no bound".
  const given = Object.fromEntries(Object.entries(limits ?? {}).filter(([, v]) => v !== undefined));
  const all = { ...DEFAULT_LIMITS, ...given };
  const r = schemaFor(all).safeParse(cfg);
  const shapeIssues = r.success ? [] : r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  // Known kinds with well-typed options, and not too many addons: checked with the shape, so every
  // issue is reported at once. (Services and credentials are checked when a config is saved.)
  const checkable = checkablePresets(cfg);
  const kindIssues = checkable ? presetIssues(checkable, { userAgent: '', maxAddons: all.maxAddons, depth: 'shape' }) : [];
  if (r.success && !kindIssues.length) return { ok: true, config: r.data };
  if (shapeIssues.length) return failed([...shapeIssues, ...kindIssues]);
  return { ok: false, issues: kindIssues, summary: summarise(kindIssues, true) };
}

// ---------------------------------------------------------------------------------------------
// JSON Schema

const JSON_SCHEMA_OPTIONS = { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' } as const;

// The generated document's shape is fixed by the schema above; `any` keeps the patching terse.
type JsonObject = Record<string, any>;

/**
 * JSON Schema (draft 2020-12) of the config's shape under the default limits. zod cannot express
 * the custom formatter's type-dependent rule, so it is added as an `if`/`then` clause; preset
 * options are added from the preset registry (./json-schema.ts). Uniqueness of instanceIds stays
 * validateConfig-only.
 */
export function baseConfigJsonSchema(): Record<string, any> {
  const doc = z.toJSONSchema(configSchema, JSON_SCHEMA_OPTIONS) as JsonObject;
  doc.properties.formatter.allOf = [
    {
      if: { properties: { id: { const: 'custom' } }, required: ['id'] },
      then: { required: ['definitions'], properties: { definitions: { required: ['custom'] } } },
    },
  ];
  return doc;
}
