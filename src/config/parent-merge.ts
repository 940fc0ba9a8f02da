/**
 * Parent configs (§11): the parent's stored config merged under the child, section by section.
 * Pure: inputs are cloned, never mutated, and the result shares no objects with them.
 */
import type { UserConfig } from './schema.js';

export type MergeSection =
  | 'presets' | 'services' | 'filters' | 'sorting' | 'formatter' | 'proxy' | 'metadata' | 'misc' | 'branding';
type Strategy = 'inherit' | 'override' | 'extend';
type Json = Record<string, unknown>;

const EXACT: Record<string, MergeSection> = {
  presets: 'presets', groups: 'presets',
  services: 'services',
  sortCriteria: 'sorting', deduplicator: 'sorting', resultLimits: 'sorting',
  formatter: 'formatter',
  proxy: 'proxy',
  addonName: 'branding', addonLogo: 'branding', addonBackground: 'branding', addonDescription: 'branding',
  size: 'filters', bitrate: 'filters', enableSeadex: 'filters', excludeSeasonPacks: 'filters',
  digitalReleaseFilter: 'filters', languageInference: 'filters',
};
for (const k of [
  'hideErrors', 'hideErrorsForResources', 'autoPlay', 'areYouStillThere', 'statistics', 'dynamicAddonFetching',
  'failover', 'serviceWrap', 'cacheAndPlay', 'preloadStreams', 'precacheSelector', 'addonCategoryColors',
  'catalogModifications', 'mergedCatalogs', 'accessKey', 'externalDownloads', 'autoRemoveDownloads', 'checkOwned',
  'showChanges',
]) EXACT[k] = 'misc';

// Families of keys named by pattern in §11 (attribute/keyword/regex/expression lists, cached
// exclusions with their scoped variants, seeder and age ranges, the …Matching objects; the
// TMDB/TVDB/poster keys), so keys added by newer AIOStreams versions land in the right section.
const PATTERNS: [RegExp, MergeSection][] = [
  [/^(excluded|included|required|preferred)[A-Z]/, 'filters'],
  [/(RegexPatterns|StreamExpressions)$/, 'filters'],
  [/^exclude(Un)?[cC]ached/, 'filters'],
  [/^(exclude|include|required)(Seeder|Age)Range$|^(seeder|age)RangeTypes$/, 'filters'],
  [/Matching$/, 'filters'],
  [/^(tmdb|tvdb|rpdb)|poster/i, 'metadata'],
];

/** The §11 section a top-level key belongs to, or undefined (such keys stay the child's). */
export function configSection(key: string): MergeSection | undefined {
  return EXACT[key] ?? PATTERNS.find(([re]) => re.test(key))?.[1];
}

/** Keys that always come from the child, whatever fieldOverrides say. */
const CHILD_ONLY = new Set(['variants', 'appliedTemplates', 'parentConfig', 'presets', 'services']);

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (!isRecord(a) || !isRecord(b)) return false;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
}

function take(target: Json, key: string, source: Json): void {
  if (key in source) target[key] = source[key];
  else delete target[key];
}

/** Parent list; a child entry with the same id replaces the parent's in place, others append. */
function extendById(parent: unknown, child: unknown, idKey: string, skip?: (e: Json) => boolean): unknown[] {
  const out = Array.isArray(parent) ? [...parent] : [];
  for (const entry of Array.isArray(child) ? child : []) {
    if (!isRecord(entry) || skip?.(entry)) continue;
    const i = out.findIndex((e) => isRecord(e) && e[idKey] === entry[idKey]);
    if (i >= 0) out[i] = entry;
    else out.push(entry);
  }
  return out;
}

/** fieldOverrides `extend`: parent list, then child items not already in it. Objects with the
 *  same `pattern` or `expression` replace the parent's item in place. */
function extendList(parent: unknown[], child: unknown[]): unknown[] {
  const out = [...parent];
  for (const item of child) {
    const idKey = isRecord(item) ? (['pattern', 'expression'] as const).find((k) => typeof item[k] === 'string') : undefined;
    if (idKey && isRecord(item)) {
      const i = out.findIndex((e) => isRecord(e) && e[idKey] === item[idKey]);
      if (i >= 0) {
        out[i] = item;
        continue;
      }
    }
    if (!out.some((e) => deepEqual(e, item))) out.push(item);
  }
  return out;
}

function applySection(out: Json, child: Json, parent: Json, section: MergeSection, strategy: Strategy): void {
  const keys = new Set([...Object.keys(child), ...Object.keys(parent)].filter((k) => configSection(k) === section));
  if (strategy === 'override') return; // `out` starts as the child
  if (strategy === 'inherit') {
    for (const k of keys) take(out, k, parent);
    return;
  }
  // extend: only meaningful (and only allowed by the schema) for presets and services.
  if (section === 'presets') {
    out.presets = extendById(parent.presets, child.presets, 'instanceId');
    take(out, 'groups', 'groups' in child ? child : parent);
  } else if (section === 'services') {
    if (!('services' in child) && !('services' in parent)) return;
    out.services = extendById(parent.services, child.services, 'id', (e) => e.enabled === false);
  }
}

/**
 * Merges `parent` under `child` per the child's `parentConfig.mergeStrategies` (every strategy
 * defaults to `inherit`). The parent's own `parentConfig` is not followed; the result keeps the
 * child's. Keys outside every section, `variants` and `appliedTemplates` stay the child's.
 */
export function mergeParentConfig(child: UserConfig, parent: UserConfig): UserConfig {
  const c = structuredClone(child) as Json;
  const p = structuredClone(parent) as Json;
  const out: Json = structuredClone(c);

  const pc = isRecord(c.parentConfig) ? c.parentConfig : {};
  const strategies: Json = isRecord(pc.mergeStrategies) ? pc.mergeStrategies : {};
  const sections: MergeSection[] = ['presets', 'services', 'filters', 'sorting', 'formatter', 'proxy', 'metadata', 'misc', 'branding'];
  for (const section of sections) {
    const s = strategies[section];
    applySection(out, c, p, section, s === 'override' || s === 'extend' ? s : 'inherit');
  }

  // Applied last, per top-level key.
  const overrides = isRecord(strategies.fieldOverrides) ? strategies.fieldOverrides : {};
  for (const [key, s] of Object.entries(overrides)) {
    if (CHILD_ONLY.has(key)) continue;
    if (s === 'inherit') take(out, key, p);
    else if (s === 'override') take(out, key, c);
    else if (s === 'extend') {
      const [pv, cv] = [p[key], c[key]];
      // Only for list keys: a non-list on either side leaves the section result as it is.
      if ((pv !== undefined && !Array.isArray(pv)) || (cv !== undefined && !Array.isArray(cv))) continue;
      if (pv === undefined && cv === undefined) continue;
      out[key] = extendList(pv ?? [], cv ?? []);
    }
  }
  return out as UserConfig;
}
