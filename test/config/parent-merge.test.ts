import { describe, it, expect } from 'vitest';
import { configSection, mergeParentConfig } from '../../src/config/parent-merge.js';
import { validateConfig, type UserConfig } from '../../src/config/schema.js';

type Json = Record<string, any>;
const PARENT_UUID = '0b0a6f3e-0000-4000-8000-000000000000';

/** A validated config (so the fixtures are real UserConfigs) from the minimal one plus `extra`. */
function cfg(extra: Json = {}): UserConfig {
  const r = validateConfig({ presets: [], formatter: { id: 'prism' }, sortCriteria: { global: [] }, ...extra });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.config;
}
const preset = (instanceId: string, name = instanceId) => ({
  type: 'custom', instanceId, enabled: true, options: { name, manifestUrl: `https://${instanceId}.example.org/manifest.json` },
});
const parentRef = (mergeStrategies?: Json) => ({ uuid: PARENT_UUID, password: 'pw', ...(mergeStrategies ? { mergeStrategies } : {}) });

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

// One key of every section on each side, plus keys that belong to no section.
const PARENT = cfg({
  presets: [preset('a'), preset('b'), preset('c')],
  groups: { enabled: true, groupings: [{ addons: ['a'], condition: 'true' }] },
  services: [{ id: 'realdebrid', enabled: true, credentials: { apiKey: 'P-RD' } }],
  excludedResolutions: ['480p'],
  excludedKeywords: ['CAM'],
  excludeUncached: true,
  requiredSeederRange: [10, 1000],
  titleMatching: { enabled: true },
  formatter: { id: 'torrentio' },
  sortCriteria: { global: [{ key: 'seeders', direction: 'desc' }] },
  deduplicator: { enabled: true },
  proxy: { enabled: true, id: 'mediaflow' },
  tmdbApiKey: 'P-TMDB',
  rpdbApiKey: 'P-RPDB',
  hideErrors: true,
  catalogModifications: [{ id: 'ae3b0.top', type: 'movie' }],
  addonName: 'Parent',
  addonLogo: 'https://parent.example.org/logo.png',
  variants: [{ name: 'parent variant' }],
  appliedTemplates: ['parent-template'],
  parentOnlyUnknown: 'from parent',
  parentConfig: parentRef({ presets: 'override' }),
});

const childWith = (mergeStrategies?: Json, extra: Json = {}) => cfg({
  presets: [preset('b', 'child b'), preset('d')],
  services: [{ id: 'torbox', enabled: true, credentials: { apiKey: 'C-TB' } }],
  excludedQualities: ['CAM'],
  excludedKeywords: ['TS'],
  formatter: { id: 'gdrive' },
  sortCriteria: { global: [{ key: 'size', direction: 'desc' }] },
  resultLimits: { global: 5 },
  tvdbApiKey: 'C-TVDB',
  autoPlay: { enabled: false },
  addonName: 'Child',
  addonDescription: 'child description',
  variants: [{ name: 'child variant' }],
  appliedTemplates: ['child-template'],
  childOnlyUnknown: 'from child',
  parentConfig: parentRef(mergeStrategies),
  ...extra,
});

describe('configSection', () => {
  it('maps top-level keys to the §11 sections', () => {
    const expected: Record<string, string | undefined> = {
      presets: 'presets', groups: 'presets', services: 'services',
      excludedResolutions: 'filters', preferredLanguages: 'filters', includedReleaseGroups: 'filters',
      requiredKeywords: 'filters', excludedRegexPatterns: 'filters', preferredRegexPatterns: 'filters',
      rankedRegexPatterns: 'filters', excludedStreamExpressions: 'filters', rankedStreamExpressions: 'filters',
      excludeUncached: 'filters', excludeCached: 'filters', excludeCachedFromAddons: 'filters', excludeUncachedMode: 'filters',
      requiredSeederRange: 'filters', excludeSeederRange: 'filters', includeSeederRange: 'filters', seederRangeTypes: 'filters',
      requiredAgeRange: 'filters', ageRangeTypes: 'filters', size: 'filters', bitrate: 'filters',
      titleMatching: 'filters', seasonEpisodeMatching: 'filters', yearMatching: 'filters', enableSeadex: 'filters',
      excludeSeasonPacks: 'filters', digitalReleaseFilter: 'filters', languageInference: 'filters',
      sortCriteria: 'sorting', deduplicator: 'sorting', resultLimits: 'sorting',
      formatter: 'formatter', proxy: 'proxy',
      tmdbApiKey: 'metadata', tmdbAccessToken: 'metadata', tvdbApiKey: 'metadata', rpdbApiKey: 'metadata',
      posterService: 'metadata',
      hideErrors: 'misc', hideErrorsForResources: 'misc', autoPlay: 'misc', statistics: 'misc', failover: 'misc',
      catalogModifications: 'misc', mergedCatalogs: 'misc', accessKey: 'misc', showChanges: 'misc',
      addonName: 'branding', addonLogo: 'branding', addonBackground: 'branding', addonDescription: 'branding',
      variants: undefined, appliedTemplates: undefined, parentConfig: undefined, syncedPreferredRegexUrls: undefined,
      somethingNew: undefined,
    };
    for (const [key, section] of Object.entries(expected)) expect(configSection(key), key).toBe(section);
  });
});

describe('mergeParentConfig', () => {
  it('inherits every section by default; keys outside sections stay the child’s', () => {
    const child = childWith();
    const merged = mergeParentConfig(child, PARENT) as Json;
    expect(merged).toEqual({
      // presets section
      presets: PARENT.presets,
      groups: PARENT.groups,
      // services
      services: PARENT.services,
      // filters: parent's keys; the child's excludedQualities is removed (parent lacks it)
      excludedResolutions: ['480p'],
      excludedKeywords: ['CAM'],
      excludeUncached: true,
      requiredSeederRange: [10, 1000],
      titleMatching: { enabled: true },
      // sorting: resultLimits removed, deduplicator added
      sortCriteria: { global: [{ key: 'seeders', direction: 'desc' }] },
      deduplicator: { enabled: true },
      formatter: { id: 'torrentio' },
      proxy: { enabled: true, id: 'mediaflow' },
      // metadata: the child's tvdbApiKey is removed
      tmdbApiKey: 'P-TMDB',
      rpdbApiKey: 'P-RPDB',
      // misc: the child's autoPlay is removed
      hideErrors: true,
      catalogModifications: [{ id: 'ae3b0.top', type: 'movie' }],
      // branding: the child's addonDescription is removed
      addonName: 'Parent',
      addonLogo: 'https://parent.example.org/logo.png',
      // always the child's
      variants: [{ name: 'child variant' }],
      appliedTemplates: ['child-template'],
      childOnlyUnknown: 'from child',
      parentConfig: child.parentConfig,
    });
    expect('parentOnlyUnknown' in merged).toBe(false);
  });

  it('explicit inherit equals the default', () => {
    const all = { presets: 'inherit', services: 'inherit', filters: 'inherit', sorting: 'inherit', formatter: 'inherit',
      proxy: 'inherit', metadata: 'inherit', misc: 'inherit', branding: 'inherit' };
    const a = mergeParentConfig(childWith(all), PARENT) as Json;
    const b = mergeParentConfig(childWith(), PARENT) as Json;
    expect({ ...a, parentConfig: null }).toEqual({ ...b, parentConfig: null });
  });

  it('override keeps the child’s keys of every section and drops the parent’s', () => {
    const all = { presets: 'override', services: 'override', filters: 'override', sorting: 'override', formatter: 'override',
      proxy: 'override', metadata: 'override', misc: 'override', branding: 'override' };
    const child = childWith(all);
    expect(mergeParentConfig(child, PARENT)).toEqual(child);
  });

  it('mixes strategies per section', () => {
    const merged = mergeParentConfig(childWith({ filters: 'override', branding: 'override', metadata: 'inherit' }), PARENT) as Json;
    expect(merged.excludedQualities).toEqual(['CAM']);
    expect(merged.excludedKeywords).toEqual(['TS']);
    expect('excludedResolutions' in merged).toBe(false);
    expect('excludeUncached' in merged).toBe(false);
    expect(merged.addonName).toBe('Child');
    expect(merged.addonDescription).toBe('child description');
    expect('addonLogo' in merged).toBe(false);
    expect(merged.tmdbApiKey).toBe('P-TMDB');
    expect('tvdbApiKey' in merged).toBe(false);
    expect(merged.formatter).toEqual({ id: 'torrentio' }); // default inherit
  });

  it('extend presets: parent order, same instanceId replaced in place, others appended; groups from the child when set', () => {
    const merged = mergeParentConfig(childWith({ presets: 'extend' }), PARENT) as Json;
    expect(merged.presets).toEqual([preset('a'), preset('b', 'child b'), preset('c'), preset('d')]);
    expect(merged.groups).toEqual(PARENT.groups);

    const childGroups = { enabled: false, groupings: [] };
    const withGroups = mergeParentConfig(childWith({ presets: 'extend' }, { groups: childGroups }), PARENT) as Json;
    expect(withGroups.groups).toEqual(childGroups);
  });

  it('extend services: replaced by id in place, appended, child entries with enabled:false skipped', () => {
    const parent = cfg({ services: [
      { id: 'realdebrid', enabled: true, credentials: { apiKey: 'P-RD' } },
      { id: 'torbox', enabled: true, credentials: { apiKey: 'P-TB' } },
      { id: 'premiumize', enabled: true, credentials: { apiKey: 'P-PM' } },
    ] });
    const child = cfg({
      parentConfig: parentRef({ services: 'extend' }),
      services: [
        { id: 'torbox', enabled: true, credentials: { apiKey: 'C-TB' } },
        { id: 'premiumize', enabled: false, credentials: { apiKey: 'C-PM' } },
        { id: 'alldebrid', enabled: false, credentials: { apiKey: 'C-AD' } },
        { id: 'easynews', credentials: { username: 'u', password: 'p' } },
      ],
    });
    expect(mergeParentConfig(child, parent).services).toEqual([
      { id: 'realdebrid', enabled: true, credentials: { apiKey: 'P-RD' } },
      { id: 'torbox', enabled: true, credentials: { apiKey: 'C-TB' } },
      { id: 'premiumize', enabled: true, credentials: { apiKey: 'P-PM' } },
      { id: 'easynews', credentials: { username: 'u', password: 'p' } },
    ]);
    // Either side may lack the list.
    expect(mergeParentConfig(cfg({ parentConfig: parentRef({ services: 'extend' }) }), parent).services).toEqual(parent.services);
    expect(mergeParentConfig(child, cfg()).services).toEqual([
      { id: 'torbox', enabled: true, credentials: { apiKey: 'C-TB' } },
      { id: 'easynews', credentials: { username: 'u', password: 'p' } },
    ]);
    expect('services' in mergeParentConfig(cfg({ parentConfig: parentRef({ services: 'extend' }) }), cfg())).toBe(false);
  });

  describe('fieldOverrides (applied last)', () => {
    it('override and inherit single keys against their section strategy', () => {
      const merged = mergeParentConfig(childWith({
        filters: 'inherit',
        branding: 'override',
        fieldOverrides: { excludedQualities: 'override', excludedKeywords: 'override', addonName: 'inherit',
          addonDescription: 'inherit', childOnlyUnknown: 'inherit', parentOnlyUnknown: 'inherit' },
      }), PARENT) as Json;
      expect(merged.excludedQualities).toEqual(['CAM']); // child's, despite filters: inherit
      expect(merged.excludedKeywords).toEqual(['TS']);
      expect(merged.excludedResolutions).toEqual(['480p']); // rest of filters inherited
      expect(merged.addonName).toBe('Parent'); // parent's, despite branding: override
      expect('addonDescription' in merged).toBe(false); // parent lacks it
      expect('childOnlyUnknown' in merged).toBe(false);
      expect(merged.parentOnlyUnknown).toBe('from parent');
    });

    it('extend of a string list: parent list, then the child’s new values', () => {
      const parent = cfg({ excludedQualities: ['CAM', 'TS', 'TC'] });
      const child = cfg({ excludedQualities: ['TS', 'SCR', 'CAM', 'HDTV'],
        parentConfig: parentRef({ filters: 'override', fieldOverrides: { excludedQualities: 'extend' } }) });
      expect(mergeParentConfig(child, parent).excludedQualities).toEqual(['CAM', 'TS', 'TC', 'SCR', 'HDTV']);
    });

    it('extend when one side lacks the list', () => {
      const fo = parentRef({ fieldOverrides: { excludedKeywords: 'extend' } });
      expect(mergeParentConfig(cfg({ excludedKeywords: ['a'], parentConfig: fo }), cfg()).excludedKeywords).toEqual(['a']);
      expect(mergeParentConfig(cfg({ parentConfig: fo }), cfg({ excludedKeywords: ['b'] })).excludedKeywords).toEqual(['b']);
      expect('excludedKeywords' in mergeParentConfig(cfg({ parentConfig: fo }), cfg())).toBe(false);
    });

    it('extend of object lists: same pattern/expression replaces in place, equal items are not repeated', () => {
      const parent = cfg({
        preferredRegexPatterns: [{ name: 'A', pattern: 'x' }, { name: 'B', pattern: 'y' }],
        rankedStreamExpressions: [{ expression: 'e1', score: 1 }, { expression: 'e2', score: 2 }],
        catalogModifications: [{ id: 'm1', type: 'movie' }],
      });
      const child = cfg({
        preferredRegexPatterns: [{ name: 'B2', pattern: 'y' }, { name: 'C', pattern: 'z' }],
        rankedStreamExpressions: [{ expression: 'e3', score: 3 }, { expression: 'e1', score: 10 }],
        catalogModifications: [{ id: 'm1', type: 'movie' }, { id: 'm2', type: 'series' }],
        parentConfig: parentRef({ fieldOverrides: {
          preferredRegexPatterns: 'extend', rankedStreamExpressions: 'extend', catalogModifications: 'extend' } }),
      });
      const merged = mergeParentConfig(child, parent) as Json;
      expect(merged.preferredRegexPatterns).toEqual([{ name: 'A', pattern: 'x' }, { name: 'B2', pattern: 'y' }, { name: 'C', pattern: 'z' }]);
      expect(merged.rankedStreamExpressions).toEqual([{ expression: 'e1', score: 10 }, { expression: 'e2', score: 2 }, { expression: 'e3', score: 3 }]);
      expect(merged.catalogModifications).toEqual([{ id: 'm1', type: 'movie' }, { id: 'm2', type: 'series' }]);
    });

    it('extend of a non-list key leaves the section result', () => {
      const parent = cfg({ size: { global: { movies: [1, 2] } } });
      const child = cfg({ size: { global: { movies: [3, 4] } }, parentConfig: parentRef({ fieldOverrides: { size: 'extend' } }) });
      expect(mergeParentConfig(child, parent).size).toEqual({ global: { movies: [1, 2] } }); // filters: inherit
    });

    it('never applies to presets, services, variants, appliedTemplates or parentConfig', () => {
      const child = childWith({ presets: 'override', services: 'override', fieldOverrides: {
        presets: 'inherit', services: 'inherit', variants: 'inherit', appliedTemplates: 'inherit', parentConfig: 'inherit' } });
      const merged = mergeParentConfig(child, PARENT);
      expect(merged.presets).toEqual(child.presets);
      expect(merged.services).toEqual(child.services);
      expect(merged.variants).toEqual([{ name: 'child variant' }]);
      expect(merged.appliedTemplates).toEqual(['child-template']);
      expect(merged.parentConfig).toEqual(child.parentConfig);
    });
  });

  it('does not follow the parent’s own parentConfig nor use its strategies', () => {
    // PARENT says presets: 'override' for its own parent; the child says nothing, so presets inherit.
    const child = cfg({ presets: [preset('z')], parentConfig: parentRef() });
    const merged = mergeParentConfig(child, PARENT);
    expect(merged.presets).toEqual(PARENT.presets);
    expect(merged.parentConfig).toEqual({ uuid: PARENT_UUID, password: 'pw' });
    // A child without parentConfig keeps none.
    expect('parentConfig' in mergeParentConfig(cfg(), PARENT)).toBe(false);
  });

  it('is pure: inputs are not mutated and the result shares nothing with them', () => {
    const child = deepFreeze(childWith({ presets: 'extend', services: 'extend', fieldOverrides: { excludedKeywords: 'extend' } }));
    const parent = deepFreeze(structuredClone(PARENT));
    const before = structuredClone([child, parent]);
    const merged = mergeParentConfig(child, parent) as Json;
    expect([child, parent]).toEqual(before);
    expect(merged.excludedKeywords).toEqual(['CAM', 'TS']);
    merged.presets[0].options.name = 'changed';
    merged.variants.push('x');
    merged.parentConfig.password = 'changed';
    expect([child, parent]).toEqual(before);
  });
});
