import { createHash } from 'node:crypto';
import type { UserConfig } from '../config/schema.js';
import { RESOURCES, type ResolvedAddon } from './addons.js';
import type { ManifestCatalog, ManifestResource, StremioManifest } from './upstream/manifests.js';

export interface InstanceInfo {
  name: string;
  description: string;
  version: string;
  logo?: string | undefined;
}

export const DEFAULT_DESCRIPTION = 'Every Stremio addon you use, in one: fetched, filtered, sorted, de-duplicated and formatted.';

/** A per-user id that never changes for a uuid (Stremio keys installed addons by id). */
export function manifestIdFor(uuid: string): string {
  return `com.aiostreams.lite.${createHash('sha256').update(uuid).digest('hex').slice(0, 16)}`;
}

/** The manifest shown before a config exists: Stremio offers "Configure" only. */
export function unconfiguredManifest(instance: InstanceInfo): Record<string, unknown> {
  return {
    id: 'com.aiostreams.lite',
    version: instance.version,
    name: instance.name,
    description: instance.description,
    ...(instance.logo ? { logo: instance.logo } : {}),
    resources: [],
    types: [],
    catalogs: [],
    behaviorHints: { configurable: true, configurationRequired: true },
  };
}

interface ResourceUnion {
  types: Set<string>;
  /** undefined once any contributor accepts every id. */
  idPrefixes: Set<string> | undefined;
}

/**
 * The user's manifest: the union of the enabled addons' manifests (restricted by each preset's
 * `resources`), with catalogs re-exported as `<addon id>.<upstream catalog id>` (config.md §2.2).
 */
export function buildUserManifest(
  uuid: string,
  config: UserConfig,
  instance: InstanceInfo,
  upstream: { addon: ResolvedAddon; manifest: StremioManifest }[],
): Record<string, unknown> {
  const resources = new Map<string, ResourceUnion>();
  const types = new Set<string>();
  const catalogs: ManifestCatalog[] = [];
  const addonCatalogs: ManifestCatalog[] = [];

  for (const { addon, manifest } of upstream) {
    for (const r of manifest.resources) {
      const name = typeof r === 'string' ? r : r.name;
      if (addon.resources && !addon.resources.includes(name as never)) continue;
      if (!(RESOURCES as readonly string[]).includes(name)) continue;
      const rTypes = typeof r === 'string' ? manifest.types : ((r as ManifestResource).types ?? manifest.types);
      const rPrefixes = typeof r === 'string' ? manifest.idPrefixes : ((r as ManifestResource).idPrefixes ?? manifest.idPrefixes);
      let union = resources.get(name);
      if (!union) {
        union = { types: new Set(), idPrefixes: new Set() };
        resources.set(name, union);
      }
      for (const t of rTypes) {
        union.types.add(t);
        types.add(t);
      }
      if (!rPrefixes || !rPrefixes.length) union.idPrefixes = undefined;
      else if (union.idPrefixes) for (const p of rPrefixes) union.idPrefixes.add(p);
    }
    const allowed = (res: string) => !addon.resources || addon.resources.includes(res as never);
    if (allowed('catalog')) {
      for (const c of manifest.catalogs) {
        catalogs.push({ ...c, id: `${addon.ref.addonId}.${c.id}` });
        types.add(c.type);
      }
    }
    if (allowed('addon_catalog')) {
      for (const c of manifest.addonCatalogs ?? []) addonCatalogs.push({ ...c, id: `${addon.ref.addonId}.${c.id}` });
    }
  }
  // Catalogs are served whenever an addon has some, even if it listed "catalog" only implicitly.
  if (catalogs.length && !resources.has('catalog')) resources.set('catalog', { types: new Set(catalogs.map((c) => c.type)), idPrefixes: undefined });

  const logo = typeof config.addonLogo === 'string' ? config.addonLogo : instance.logo;
  return {
    id: manifestIdFor(uuid),
    version: instance.version,
    name: typeof config.addonName === 'string' ? config.addonName : instance.name,
    description: typeof config.addonDescription === 'string' ? config.addonDescription : instance.description,
    ...(logo ? { logo } : {}),
    resources: [...resources].map(([name, u]) => ({
      name,
      types: [...u.types],
      ...(u.idPrefixes && u.idPrefixes.size ? { idPrefixes: [...u.idPrefixes] } : {}),
    })),
    types: [...types],
    catalogs,
    ...(addonCatalogs.length ? { addonCatalogs } : {}),
    behaviorHints: { configurable: true, configurationRequired: false },
  };
}
