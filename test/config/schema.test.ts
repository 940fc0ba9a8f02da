import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import Ajv2020 from 'ajv/dist/2020.js';
import {
  validateConfig,
  configSchema,
  DEFAULT_LIMITS,
  type UserConfig,
} from '../../src/config/schema.js';
import { configJsonSchema, configJsonSchemaText } from '../../src/config/json-schema.js';
import { SPEC_EXAMPLE } from '../helpers/spec-example.js';

// ---------------------------------------------------------------------------------------------
// Fixtures

const MINIMAL = { presets: [], formatter: { id: 'prism' }, sortCriteria: { global: [] } };


/** Shaped like an AIOStreams v2 export: known keys plus many it has and we do not act on. */
const AIOSTREAMS_EXPORT = {
  addonName: 'AIOStreams',
  addonBackground: 'https://example.org/bg.png',
  presets: [
    { type: 'torrentio', instanceId: 'x1y', enabled: true, category: 'streams',
      options: { name: 'Torrentio', timeout: 7000, resources: ['stream'], services: ['realdebrid'],
        useMultipleInstances: false, providers: ['yts', 'eztv'], excludeUncached: true,
        socials: [{ id: 'github', url: 'https://github.com/x' }], nested: { deep: { list: [1, null, 'a'] } } } },
    { type: 'custom', instanceId: 'c9z', enabled: true,
      options: { name: 'Mine', manifestUrl: 'https://m.example.org/manifest.json', timeout: 5000,
        futureOption: { weird: [true, { x: null }] }, headers: { 'X-Key': 'v' } },
      futurePresetKey: 'kept' },
  ],
  services: [
    { id: 'realdebrid', enabled: true, credentials: { apiKey: 'RD' }, futureServiceKey: { a: 1 } },
    { id: 'stremio_nntp', credentials: { servers: 'opaque-encrypted-blob' } },
  ],
  formatter: { id: 'gdrive', definitions: { overrides: { gdrive: { name: 'n', description: 'd', extra: 1 } },
    saved: { mine: { name: 'a', description: 'b' } } }, futureFormatterKey: 'x' },
  sortCriteria: { global: [{ key: 'cached', direction: 'desc', futureCriterionKey: 1 }],
    cachedSeries: [{ key: 'service', direction: 'asc' }], futureList: [{ key: 'anything' }] },
  deduplicator: { enabled: true, keys: ['smartDetect'], excludeAddons: ['x1y'],
    smartDetectAttributes: ['resolution'], smartDetectRounding: 10, libraryBehaviour: 'keep', tiebreakers: ['seeders'],
    merge: { enabled: false } },
  resultLimits: { global: 20, mode: 'conjunctive', futureLimit: 3 },
  size: { global: { anime: [0, 100000000000], tv: [1, 2] }, resolution: { '1080p': { series: [0, 0] } } },
  excludeCachedFromAddons: ['x1y'],
  excludeCachedMode: 'and',
  excludedStreamExpressions: ['isP2P(streams)'],
  rankedStreamExpressions: [{ expression: 'a', score: 10, enabled: true }],
  rankedRegexPatterns: [{ pattern: 'x', score: 5 }],
  preferredRegexPatterns: [{ name: 'Good', pattern: '/REMUX/i', futureKey: null }],
  syncedPreferredRegexUrls: ['https://x.example/regex.json'],
  titleMatching: { enabled: true, mode: 'exact', requestTypes: ['movie'], addons: [] },
  yearMatching: { enabled: false, tolerance: 1 },
  tmdbAccessToken: 'tmdb-token',
  rpdbApiKey: 'rpdb',
  proxy: { enabled: false, id: 'mediaflow', url: '', credentials: '' },
  groups: { enabled: false, groupings: [], behaviour: 'parallel' },
  dynamicAddonFetching: { enabled: false, condition: '' },
  catalogModifications: [{ id: 'x1y4414.top', type: 'movie', enabled: true, shuffle: false }],
  mergedCatalogs: [],
  statistics: { enabled: false, position: 'bottom', statsToShow: ['addon'] },
  autoPlay: { enabled: true, method: 'matchingFile', attributes: ['resolution'] },
  variants: [{ name: 'v1' }],
  appliedTemplates: ['t1'],
  someNullValuedUnknownKey: null,
};

// ---------------------------------------------------------------------------------------------
// Helpers

type Json = Record<string, any>;
const clone = <T>(v: T): T => structuredClone(v);

/** Sets `value` at a dotted path inside a clone of `base` (numeric segments index arrays). */
function withValue(base: object, path: string, value: unknown): Json {
  const out = clone(base) as Json;
  const keys = path.split('.');
  let node: any = out;
  for (const k of keys.slice(0, -1)) node = node[k];
  node[keys.at(-1)!] = value;
  return out;
}

function customPreset(instanceId: string, options: Json = {}, extra: Json = {}): Json {
  return { type: 'custom', instanceId, enabled: true,
    options: { name: instanceId, manifestUrl: `https://${instanceId}.example.org/manifest.json`, ...options }, ...extra };
}

function issuesOf(input: unknown, limits?: Parameters<typeof validateConfig>[1]) {
  const r = validateConfig(input, limits);
  if (r.ok) throw new Error('expected the config to be rejected');
  return r.issues;
}
const pathsOf = (input: unknown, limits?: Parameters<typeof validateConfig>[1]) =>
  issuesOf(input, limits).map((i) => i.path);

function accepted(input: unknown, limits?: Parameters<typeof validateConfig>[1]): UserConfig {
  const r = validateConfig(input, limits);
  if (!r.ok) throw new Error(`expected acceptance, got ${JSON.stringify(r.issues)}`);
  return r.config;
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

// ---------------------------------------------------------------------------------------------

describe('validateConfig: accepted configs', () => {
  it('accepts the smallest config unchanged', () => {
    expect(accepted(MINIMAL)).toEqual(MINIMAL);
  });

  it('accepts the §13 example and round-trips it deep-equal', () => {
    const config = accepted(SPEC_EXAMPLE);
    expect(config).toEqual(SPEC_EXAMPLE);
    // The inferred type exposes the known keys.
    expect(config.excludedQualities).toEqual(['CAM', 'TS', 'TC', 'SCR']);
    expect(config.sortCriteria.series?.[2]).toEqual({ key: 'size', direction: 'asc' });
  });

  it('drops the server-owned keys and keeps everything else', () => {
    const input = {
      ...SPEC_EXAMPLE,
      uuid: '0b0a6f3e-0000-4000-8000-000000000000', encryptedPassword: 'x', trusted: true, ip: '1.2.3.4',
      activeVariants: ['a'], variantSelectorLocation: 'top',
    };
    const config = accepted(input);
    expect(config).toEqual(SPEC_EXAMPLE);
    for (const k of ['uuid', 'encryptedPassword', 'trusted', 'ip', 'activeVariants', 'variantSelectorLocation']) {
      expect(k in config).toBe(false);
    }
  });

  it('keeps unknown keys verbatim at every level (AIOStreams export round-trip)', () => {
    const config = accepted(AIOSTREAMS_EXPORT);
    expect(config).toEqual(AIOSTREAMS_EXPORT);
    // Spot-check nested unknowns explicitly, so a loose toEqual cannot hide a loss.
    const presets = config.presets as Json[];
    expect(presets[0]!.options.nested).toEqual({ deep: { list: [1, null, 'a'] } });
    expect(presets[1]!.futurePresetKey).toBe('kept');
    expect(presets[1]!.options.futureOption).toEqual({ weird: [true, { x: null }] });
    expect((config.services as Json[])[0]!.futureServiceKey).toEqual({ a: 1 });
    expect((config.deduplicator as Json).merge).toEqual({ enabled: false });
    expect((config.sortCriteria.global[0] as Json).futureCriterionKey).toBe(1);
    expect((config.formatter as Json).futureFormatterKey).toBe('x');
    expect((config.size as Json).global.tv).toEqual([1, 2]);
    expect(config.someNullValuedUnknownKey).toBeNull();
    expect(JSON.parse(JSON.stringify(config))).toEqual(AIOSTREAMS_EXPORT);
  });

  it('keeps options of kinds not built yet as they are', () => {
    const cfg = { ...MINIMAL, presets: [{ type: 'baguettio', instanceId: 'c', enabled: true,
      options: { timeout: 999999, weird: [{}], services: ['torbox'] } }] };
    expect(accepted(cfg)).toEqual(cfg);
  });

  it('keeps undeclared options of a kind as they are', () => {
    const cfg = { ...MINIMAL, presets: [customPreset('a', { weird: [{}], futureOption: 'x' })] };
    expect(accepted(cfg)).toEqual(cfg);
  });

  it('treats the option value "undefined" as unset, and stores it unchanged (round trip)', () => {
    const cfg = { ...MINIMAL, presets: [customPreset('a', { timeout: 'undefined', pinPosition: 'undefined' })] };
    expect(accepted(cfg)).toEqual(cfg);
  });

  it('accepts custom timeouts at both bounds', () => {
    expect(() => accepted({ ...MINIMAL, presets: [customPreset('a', { timeout: 1000 }), customPreset('b', { timeout: 50000 })] }))
      .not.toThrow();
  });

  it('does not mutate its input and shares no objects with it', () => {
    const input = deepFreeze({
      ...clone(AIOSTREAMS_EXPORT),
      uuid: 'server', trusted: true,
      formatter: { id: 'custom', definition: { name: 'n', description: 'd' } },
      deduplicator: { multiGroupBehaviour: 'remove_nothing' },
      excludedEncodes: ['H-OU', 'AV1'],
    });
    const snapshot = clone(input);
    const config = accepted(input); // frozen input: any write would throw in strict mode
    expect(input).toEqual(snapshot);
    (config.presets[0] as Json).options.nested.deep.list.push('changed');
    expect((input.presets[0] as Json).options.nested.deep.list).toEqual([1, null, 'a']);
  });
});

describe('validateConfig: rejections name the path', () => {
  it('refuses a non-object', () => {
    for (const input of [null, undefined, 42, 'config', [], [MINIMAL], true]) {
      expect(issuesOf(input)).toEqual([{ path: '', message: expect.any(String) }]);
    }
  });

  it('requires presets, formatter and sortCriteria.global', () => {
    expect(pathsOf({ formatter: { id: 'prism' }, sortCriteria: { global: [] } })).toEqual(['presets']);
    expect(pathsOf({ presets: [], sortCriteria: { global: [] } })).toEqual(['formatter']);
    expect(pathsOf({ presets: [], formatter: { id: 'prism' } })).toEqual(['sortCriteria']);
    expect(pathsOf({ presets: [], formatter: { id: 'prism' }, sortCriteria: {} })).toEqual(['sortCriteria.global']);
    expect(pathsOf({})).toEqual(expect.arrayContaining(['presets', 'formatter', 'sortCriteria']));
  });

  it('rejects null for every listed field, naming its path', () => {
    const base = clone(SPEC_EXAMPLE) as Json;
    base.deduplicator = { ...base.deduplicator, excludeAddons: ['tio'], live: 'disabled' };
    base.resultLimits = { ...base.resultLimits, service: 2 };
    base.addonLogo = 'https://example.org/logo.png';
    base.excludeCached = false;
    base.includeSeederRange = [0, 1000];
    base.excludeSeederRange = [0, 1000];
    base.preferredRegexPatterns = [{ name: 'r', pattern: 'x' }];
    base.excludedRegexPatterns = ['x'];
    base.parentConfig = { uuid: '0b0a6f3e-0000-4000-8000-000000000000', password: 'pw',
      mergeStrategies: { presets: 'extend', fieldOverrides: { excludedKeywords: 'extend' } } };
    base.formatter.definitions.overrides = { prism: { name: 'a', description: 'b' } };
    expect(accepted(base)).toEqual(base);

    const paths = [
      'presets', 'formatter', 'sortCriteria', 'services', 'addonName', 'addonDescription', 'addonLogo',
      'hideErrors', 'hideErrorsForResources', 'excludedQualities', 'requiredResolutions', 'includedReleaseGroups',
      'preferredLanguages', 'excludedKeywords', 'excludedRegexPatterns', 'preferredRegexPatterns', 'excludeUncached',
      'excludeCached', 'size', 'requiredSeederRange', 'includeSeederRange', 'excludeSeederRange', 'seederRangeTypes',
      'deduplicator', 'resultLimits', 'parentConfig',
      'presets.0', 'presets.0.type', 'presets.0.instanceId', 'presets.0.enabled', 'presets.0.options',
      'presets.0.options.name', 'presets.0.options.manifestUrl', 'presets.0.options.timeout',
      'presets.0.options.resources', 'presets.1.options.mediaTypes', 'presets.0.options.libraryAddon',
      'presets.0.options.pinPosition',
      'services.0.id', 'services.0.enabled', 'services.0.credentials', 'services.0.credentials.apiKey',
      'excludedQualities.0', 'preferredRegexPatterns.0.name',
      'formatter.id', 'formatter.definitions', 'formatter.definitions.custom.name',
      'formatter.definitions.overrides.prism',
      'sortCriteria.global', 'sortCriteria.cached', 'sortCriteria.global.0.key', 'sortCriteria.global.0.direction',
      'size.global', 'size.global.movies', 'size.resolution', 'size.resolution.720p.movies',
      'deduplicator.enabled', 'deduplicator.keys', 'deduplicator.multiGroupBehaviour', 'deduplicator.cached',
      'deduplicator.live', 'deduplicator.excludeAddons', 'resultLimits.global', 'resultLimits.mode',
      'parentConfig.uuid', 'parentConfig.password', 'parentConfig.mergeStrategies',
      'parentConfig.mergeStrategies.presets', 'parentConfig.mergeStrategies.fieldOverrides.excludedKeywords',
    ];
    for (const path of paths) {
      const issues = issuesOf(withValue(base, path, null));
      expect(issues.map((i) => i.path), path).toContain(path);
    }
  });

  it('rejects an empty instanceId, a dotted one and a duplicate', () => {
    expect(pathsOf({ ...MINIMAL, presets: [customPreset('')] })).toEqual(['presets.0.instanceId']);
    expect(pathsOf({ ...MINIMAL, presets: [customPreset('a.b')] })).toEqual(['presets.0.instanceId']);
    const dup = issuesOf({ ...MINIMAL, presets: [customPreset('a'), customPreset('b'), customPreset('a')] });
    expect(dup).toEqual([{ path: 'presets.2.instanceId', message: 'duplicate instanceId "a"' }]);
  });

  it('bounds timeouts by the instance limits', () => {
    expect(pathsOf({ ...MINIMAL, presets: [customPreset('a', { timeout: 999 })] })).toEqual(['presets.0.options.timeout']);
    expect(pathsOf({ ...MINIMAL, presets: [customPreset('a'), customPreset('b', { timeout: 50001 })] }))
      .toEqual(['presets.1.options.timeout']);
    expect(pathsOf({ ...MINIMAL, presets: [customPreset('a', { timeout: '5000' })] })).toEqual(['presets.0.options.timeout']);
    expect(issuesOf({ ...MINIMAL, presets: [customPreset('a', { timeout: 999 })] })[0]!.message)
      .toBe("The value for option 'Timeout (ms)' in preset 'Custom' is invalid: Error: Option timeout must be at least 1000");
  });

  it('checks the other custom options', () => {
    const bad = (options: Json) => pathsOf({ ...MINIMAL, presets: [{ type: 'custom', instanceId: 'a', enabled: true, options }] });
    expect(bad({ name: 'x' })).toEqual(['presets.0.options.manifestUrl']);
    const base = { name: 'x', manifestUrl: 'https://x/manifest.json' };
    expect(bad({ ...base, resources: ['streams'] })).toEqual(['presets.0.options.resources']);
    expect(bad({ ...base, mediaTypes: ['tv'] })).toEqual(['presets.0.options.mediaTypes']);
    expect(bad({ ...base, pinPosition: 'middle' })).toEqual(['presets.0.options.pinPosition']);
    expect(bad({ ...base, libraryAddon: 'yes' })).toEqual(['presets.0.options.libraryAddon']);
    expect(bad({ ...base, formatPassthrough: 1 })).toEqual(['presets.0.options.formatPassthrough']);
    expect(bad({ ...base, resultPassthrough: 'true' })).toEqual(['presets.0.options.resultPassthrough']);
  });

  it('limits the number of enabled addons', () => {
    const many = (n: number, enabled = true) =>
      Array.from({ length: n }, (_, i) => customPreset(`p${i}`, {}, { enabled }));
    expect(accepted({ ...MINIMAL, presets: many(15) }).presets).toHaveLength(15);
    expect(pathsOf({ ...MINIMAL, presets: many(16) })).toEqual(['presets']);
    // Disabled entries fetch nothing, so they do not count.
    expect(accepted({ ...MINIMAL, presets: [...many(15), ...many(3, false).map((p, i) => ({ ...p, instanceId: `off${i}` }))] }))
      .toBeTruthy();
    expect(pathsOf({ ...MINIMAL, presets: many(3) }, { maxAddons: 2 })).toEqual(['presets']);
  });

  it('limits keyword lists and requires non-empty keywords', () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`);
    for (const key of ['excludedKeywords', 'includedKeywords', 'requiredKeywords', 'preferredKeywords']) {
      expect(accepted({ ...MINIMAL, [key]: words(30) })).toBeTruthy();
      expect(pathsOf({ ...MINIMAL, [key]: words(31) })).toEqual([key]);
      expect(pathsOf({ ...MINIMAL, [key]: ['ok', ''] })).toEqual([`${key}.1`]);
    }
    expect(pathsOf({ ...MINIMAL, excludedKeywords: words(6) }, { maxKeywords: 5 })).toEqual(['excludedKeywords']);
  });

  it('rejects the custom formatter without definitions.custom, and over-long templates', () => {
    expect(pathsOf({ ...MINIMAL, formatter: { id: 'custom' } })).toEqual(['formatter.definitions.custom']);
    expect(pathsOf({ ...MINIMAL, formatter: { id: 'custom', definitions: { saved: {} } } }))
      .toEqual(['formatter.definitions.custom']);
    const long = 'x'.repeat(5001);
    expect(accepted({ ...MINIMAL, formatter: { id: 'custom', definitions: { custom: { name: 'x'.repeat(5000), description: '' } } } }))
      .toBeTruthy();
    expect(pathsOf({ ...MINIMAL, formatter: { id: 'custom', definitions: { custom: { name: long, description: '' } } } }))
      .toEqual(['formatter.definitions.custom.name']);
    expect(pathsOf({ ...MINIMAL, formatter: { id: 'prism', definitions: { overrides: { prism: { name: '', description: long } } } } }))
      .toEqual(['formatter.definitions.overrides.prism.description']);
    expect(pathsOf({ ...MINIMAL, formatter: { id: 'prism', definitions: { saved: { mine: { name: long, description: '' } } } } }))
      .toEqual(['formatter.definitions.saved.mine.name']);
    expect(pathsOf({ ...MINIMAL, formatter: { id: 'custom', definitions: { custom: { name: 'x'.repeat(11), description: '' } } } },
      { maxTemplateLength: 10 })).toEqual(['formatter.definitions.custom.name']);
    expect(pathsOf({ ...MINIMAL, formatter: { id: 'Prism' } })).toEqual(['formatter.id']);
  });

  it('uses the exact enum spellings', () => {
    expect(pathsOf({ ...MINIMAL, preferredQualities: ['BluRay', 'Bluray Remux'] })).toEqual(['preferredQualities.1']);
    expect(pathsOf({ ...MINIMAL, excludedResolutions: ['4k'] })).toEqual(['excludedResolutions.0']);
    expect(pathsOf({ ...MINIMAL, requiredEncodes: ['x265'] })).toEqual(['requiredEncodes.0']);
    expect(pathsOf({ ...MINIMAL, includedVisualTags: ['DoVi'] })).toEqual(['includedVisualTags.0']);
    expect(pathsOf({ ...MINIMAL, preferredAudioTags: ['DDP'] })).toEqual(['preferredAudioTags.0']);
    expect(pathsOf({ ...MINIMAL, excludedAudioChannels: ['5.1', '9.1'] })).toEqual(['excludedAudioChannels.1']);
    expect(pathsOf({ ...MINIMAL, excludedSubtitles: ['english'] })).toEqual(['excludedSubtitles.0']);
    expect(pathsOf({ ...MINIMAL, requiredStreamTypes: ['torrent'] })).toEqual(['requiredStreamTypes.0']);
    expect(pathsOf({ ...MINIMAL, deduplicator: { cached: 'perAddon' } })).toEqual(['deduplicator.cached']);
    expect(pathsOf({ ...MINIMAL, deduplicator: { keys: ['hash'] } })).toEqual(['deduplicator.keys.0']);
    expect(pathsOf({ ...MINIMAL, sortCriteria: { global: [{ key: 'Resolution', direction: 'desc' }] } }))
      .toEqual(['sortCriteria.global.0.key']);
    expect(pathsOf({ ...MINIMAL, sortCriteria: { global: [], uncachedAnime: [{ key: 'seeders', direction: 'down' }] } }))
      .toEqual(['sortCriteria.uncachedAnime.0.direction']);
    expect(pathsOf({ ...MINIMAL, services: [{ id: 'real-debrid', credentials: {} }] })).toEqual(['services.0.id']);
    expect(pathsOf({ ...MINIMAL, seederRangeTypes: ['debrid'] })).toEqual(['seederRangeTypes.0']);
    expect(pathsOf({ ...MINIMAL, hideErrorsForResources: ['streams'] })).toEqual(['hideErrorsForResources.0']);
    expect(pathsOf({ ...MINIMAL, resultLimits: { mode: 'and' } })).toEqual(['resultLimits.mode']);
    // Release groups are free strings.
    expect(accepted({ ...MINIMAL, excludedReleaseGroups: ['anything at all', 'Unknown'] })).toBeTruthy();
  });

  it('checks ranges, limits, sizes, branding and parentConfig', () => {
    expect(pathsOf({ ...MINIMAL, requiredSeederRange: [5, 1001] })).toEqual(['requiredSeederRange.1']);
    expect(pathsOf({ ...MINIMAL, excludeSeederRange: [-1, 10] })).toEqual(['excludeSeederRange.0']);
    expect(pathsOf({ ...MINIMAL, includeSeederRange: [1] })).toEqual(['includeSeederRange']);
    expect(pathsOf({ ...MINIMAL, resultLimits: { global: 0 } })).toEqual(['resultLimits.global']);
    expect(pathsOf({ ...MINIMAL, resultLimits: { resolution: 1.5 } })).toEqual(['resultLimits.resolution']);
    expect(pathsOf({ ...MINIMAL, size: { global: { movies: [-1, 5] } } })).toEqual(['size.global.movies.0']);
    expect(pathsOf({ ...MINIMAL, size: { resolution: { '4k': { movies: [0, 5] } } } })).toEqual(['size.resolution']);
    expect(pathsOf({ ...MINIMAL, addonName: '' })).toEqual(['addonName']);
    expect(accepted({ ...MINIMAL, addonName: 'x'.repeat(300) })).toBeTruthy();
    expect(pathsOf({ ...MINIMAL, addonName: 'x'.repeat(301) })).toEqual(['addonName']);
    expect(pathsOf({ ...MINIMAL, addonDescription: '' })).toEqual(['addonDescription']);
    expect(pathsOf({ ...MINIMAL, addonLogo: 'not a url' })).toEqual(['addonLogo']);
    expect(pathsOf({ ...MINIMAL, services: [{ id: 'torbox', credentials: { apiKey: 5 } }] }))
      .toEqual(['services.0.credentials.apiKey']);
    expect(pathsOf({ ...MINIMAL, parentConfig: { uuid: 'nope', password: 'x' } })).toEqual(['parentConfig.uuid']);
    expect(pathsOf({ ...MINIMAL, parentConfig: { uuid: '0b0a6f3e-0000-4000-8000-000000000000' } }))
      .toEqual(['parentConfig.password']);
    expect(pathsOf({ ...MINIMAL, parentConfig: { uuid: '0b0a6f3e-0000-4000-8000-000000000000', password: 'x',
      mergeStrategies: { filters: 'extend', fieldOverrides: { size: 'merge' } } } }))
      .toEqual(['parentConfig.mergeStrategies.filters', 'parentConfig.mergeStrategies.fieldOverrides.size']);
  });

  it('reports every issue at once, including cross-field ones next to type errors', () => {
    const paths = pathsOf({
      presets: [customPreset('a', { timeout: 1 }), customPreset('a'), { type: 'custom', instanceId: 'b', enabled: 'yes', options: { name: 'b' } }],
      formatter: { id: 'custom' },
      sortCriteria: { global: [{ key: 'nope', direction: 'desc' }] },
      addonName: null,
    });
    expect(paths.sort()).toEqual([
      'addonName', 'formatter.definitions.custom', 'presets.0.options.timeout', 'presets.1.instanceId',
      'presets.2.enabled', 'sortCriteria.global.0.key',
    ]);
  });
});

describe('validateConfig: legacy migrations', () => {
  it('moves formatter.definition to formatter.definitions.custom', () => {
    const def = { name: '{stream.name}', description: '{stream.filename}' };
    const config = accepted({ ...MINIMAL, formatter: { id: 'custom', definition: def } });
    expect(config.formatter).toEqual({ id: 'custom', definitions: { custom: def } });
    // Other definitions are kept; an existing definitions.custom wins over the legacy one.
    const saved = { mine: { name: 'a', description: 'b' } };
    expect(accepted({ ...MINIMAL, formatter: { id: 'custom', definition: def, definitions: { saved } } }).formatter)
      .toEqual({ id: 'custom', definitions: { saved, custom: def } });
    const newer = { name: 'new', description: 'new' };
    expect(accepted({ ...MINIMAL, formatter: { id: 'custom', definition: def, definitions: { custom: newer } } }).formatter)
      .toEqual({ id: 'custom', definitions: { custom: newer } });
  });

  it('renames the old multiGroupBehaviour values', () => {
    const dedup = (v: string) => accepted({ ...MINIMAL, deduplicator: { enabled: true, multiGroupBehaviour: v } }).deduplicator;
    expect(dedup('remove_uncached')).toEqual({ enabled: true, multiGroupBehaviour: 'aggressive' });
    expect(dedup('remove_uncached_same_service')).toEqual({ enabled: true, multiGroupBehaviour: 'conservative' });
    expect(dedup('remove_nothing')).toEqual({ enabled: true, multiGroupBehaviour: 'keep_all' });
    expect(dedup('conservative')).toEqual({ enabled: true, multiGroupBehaviour: 'conservative' });
    expect(pathsOf({ ...MINIMAL, deduplicator: { multiGroupBehaviour: 'remove_all' } })).toEqual(['deduplicator.multiGroupBehaviour']);
  });

  it('moves H-OU and H-SBS from every …Encodes list to the matching …VisualTags list', () => {
    const config = accepted({
      ...MINIMAL,
      excludedEncodes: ['H-OU', 'XviD', 'H-SBS'],
      excludedVisualTags: ['3D', 'H-SBS'],
      preferredEncodes: ['HEVC', 'H-SBS'],
      requiredEncodes: ['H-OU'],
      includedEncodes: ['AV1'],
    });
    expect(config.excludedEncodes).toEqual(['XviD']);
    expect(config.excludedVisualTags).toEqual(['3D', 'H-SBS', 'H-OU']);
    expect(config.preferredEncodes).toEqual(['HEVC']);
    expect(config.preferredVisualTags).toEqual(['H-SBS']);
    expect(config.requiredEncodes).toEqual([]);
    expect(config.requiredVisualTags).toEqual(['H-OU']);
    expect(config.includedEncodes).toEqual(['AV1']);
    expect('includedVisualTags' in config).toBe(false);
  });
});

describe('JSON Schema', () => {
  const doc = configJsonSchema() as Json;

  it('is a draft 2020-12 object schema of the config', () => {
    expect(doc.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(doc.type).toBe('object');
    expect(doc.required).toEqual(['presets', 'formatter', 'sortCriteria']);
    for (const key of ['presets', 'services', 'formatter', 'sortCriteria', 'excludedResolutions', 'preferredRegexPatterns',
      'size', 'deduplicator', 'resultLimits', 'addonName', 'parentConfig']) {
      expect(doc.properties[key], key).toBeTypeOf('object');
    }
    expect(doc.properties.presets.type).toBe('array');
    expect(doc.properties.sortCriteria.required).toEqual(['global']);
    expect(doc.properties.preferredQualities.items.enum).toContain('BluRay REMUX');
    expect(doc.properties.excludedKeywords.maxItems).toBe(DEFAULT_LIMITS.maxKeywords);
    // Unknown keys allowed everywhere.
    expect(doc.additionalProperties).toEqual({});
  });

  it('accepts the valid fixtures and rejects what validateConfig rejects (checked with Ajv)', () => {
    const ajv = new Ajv2020.default({ strict: false, validateFormats: false });
    const validate = ajv.compile(doc);
    for (const good of [MINIMAL, SPEC_EXAMPLE, AIOSTREAMS_EXPORT]) expect(validate(good), JSON.stringify(validate.errors)).toBe(true);
    const bad = [
      { ...MINIMAL, addonName: null },
      { ...MINIMAL, preferredQualities: ['Bluray Remux'] },
      { ...MINIMAL, presets: [customPreset('a.b')] },
      { ...MINIMAL, presets: [customPreset('a', { timeout: 999 })] },
      { ...MINIMAL, presets: [{ type: 'custom', instanceId: 'a', enabled: true, options: { name: 'x' } }] },
      { ...MINIMAL, formatter: { id: 'custom' } },
      { ...MINIMAL, formatter: { id: 'custom', definitions: {} } },
      { presets: [], formatter: { id: 'prism' } },
    ];
    for (const b of bad) {
      expect(validateConfig(b).ok).toBe(false);
      expect(validate(b), JSON.stringify(b)).toBe(false);
    }
  });

  it('is committed as schema/config.schema.json and not stale', () => {
    const committed = readFileSync(new URL('../../schema/config.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(configJsonSchemaText());
    expect(JSON.parse(committed)).toEqual(doc);
  });

  it('comes from the same schema object that validateConfig uses by default', () => {
    expect(configSchema.safeParse(MINIMAL).success).toBe(true);
  });
});
