import type { ResolvedAddon } from '../addons.js';
import { fetchJson, untilDeadline, type FetchResult } from './http-client.js';
import { retainedSize } from '../cache/memory-budget.js';
import { TtlCache } from './ttl-cache.js';
import { countCache } from '../../metrics.js';

/** The parts of a Stremio addon manifest we read (stremio-addon-sdk's protocol). */
export interface ManifestResource {
  name: string;
  types?: string[];
  idPrefixes?: string[];
}

export interface ManifestCatalog {
  type: string;
  id: string;
  name?: string;
  extra?: unknown[];
  [key: string]: unknown;
}

export interface StremioManifest {
  id: string;
  version?: string;
  name?: string;
  description?: string;
  logo?: string;
  resources: (string | ManifestResource)[];
  types: string[];
  idPrefixes?: string[];
  catalogs: ManifestCatalog[];
  addonCatalogs?: ManifestCatalog[];
  behaviorHints?: Record<string, unknown>;
  [key: string]: unknown;
}

const MANIFEST_TTL_MS = 6 * 60 * 60_000;
/** A failure is remembered briefly, so a dead addon is not asked again by every request. */
const FAILURE_TTL_MS = 30_000;
const MAX_MANIFEST_BYTES = 1024 * 1024;
const MAX_MANIFEST_CACHE_BYTES = 32 * 1024 * 1024;

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Checks the shape Stremio itself requires; null means "not a manifest". */
export function readManifest(data: unknown): StremioManifest | null {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return null;
  const m = data as Record<string, unknown>;
  if (typeof m.id !== 'string' || !Array.isArray(m.resources) || !isStringList(m.types)) return null;
  const resources = m.resources.filter(
    (r): r is string | ManifestResource =>
      typeof r === 'string' || (!!r && typeof r === 'object' && typeof (r as ManifestResource).name === 'string'),
  );
  const catalogs = Array.isArray(m.catalogs)
    ? m.catalogs.filter((c): c is ManifestCatalog => !!c && typeof c === 'object' && typeof c.id === 'string' && typeof c.type === 'string')
    : [];
  const addonCatalogs = Array.isArray(m.addonCatalogs)
    ? m.addonCatalogs.filter((c): c is ManifestCatalog => !!c && typeof c === 'object' && typeof c.id === 'string' && typeof c.type === 'string')
    : undefined;
  return {
    ...m,
    id: m.id,
    resources,
    types: m.types,
    catalogs,
    ...(addonCatalogs ? { addonCatalogs } : {}),
    ...(isStringList(m.idPrefixes) ? { idPrefixes: m.idPrefixes } : {}),
  } as StremioManifest;
}

/**
 * Upstream manifests, cached for hours per addon (manifest URL and the headers that carry settings). A load is shared by every caller asking
 * for the same URL with the same timeout, and takes no caller's signal: one request's deadline
 * or short timeout must never become another request's answer.
 */
export class ManifestCache {
  // Weighed by what a parsed manifest keeps alive: a few hundred of them are typical, but an
  // addon may publish a megabyte of catalogs.
  private readonly cache = new TtlCache<FetchResult<StremioManifest>>(5_000, {
    weigh: (r) => (r.ok ? retainedSize(r.data) : 64),
    maxWeight: MAX_MANIFEST_CACHE_BYTES,
  });

  /** `signal`: this caller's deadline; it ends this caller's wait, not the shared load. */
  async get(addon: ResolvedAddon, signal?: AbortSignal): Promise<FetchResult<StremioManifest>> {
    const key = addon.cacheKey;
    // A manifest is the same whoever asked; a failure ("timed out after N ms") depends on the timeout.
    const flight = `${key}\n${addon.timeoutMs}`;
    const hit = this.cache.get(key) ?? this.cache.get(flight);
    countCache('manifests', hit !== undefined);
    if (hit) return hit;
    const shared = this.cache.share(flight, async () => {
      const res = await load(`${addon.baseUrl}/manifest.json${addon.query}`, addon.timeoutMs, addon.headers);
      if (res.ok) this.cache.set(key, res, MANIFEST_TTL_MS);
      else this.cache.set(flight, res, FAILURE_TTL_MS);
      return res;
    });
    return untilDeadline(shared, signal);
  }

  clear(): void {
    this.cache.clear();
  }
}

async function load(url: string, timeoutMs: number, headers: Record<string, string>): Promise<FetchResult<StremioManifest>> {
  const res = await fetchJson(url, { timeoutMs, maxBytes: MAX_MANIFEST_BYTES, headers });
  if (!res.ok) return res;
  const manifest = readManifest(res.data);
  return manifest ? { ...res, data: manifest } : { ok: false, error: 'not a Stremio addon manifest', ms: res.ms };
}

/** Whether the manifest declares `resource` for this type and id (resource-level types/idPrefixes win). */
export function declares(manifest: StremioManifest, resource: string, type: string, id?: string): boolean {
  for (const r of manifest.resources) {
    const name = typeof r === 'string' ? r : r.name;
    if (name !== resource) continue;
    const types = typeof r === 'string' ? manifest.types : (r.types ?? manifest.types);
    const prefixes = typeof r === 'string' ? manifest.idPrefixes : (r.idPrefixes ?? manifest.idPrefixes);
    if (!types.includes(type)) continue;
    if (id !== undefined && prefixes && prefixes.length && !prefixes.some((p) => id.startsWith(p))) continue;
    return true;
  }
  return false;
}

/** The addon serves this resource for (type, id): the manifest declares it and the preset allows it. */
export function serves(addon: ResolvedAddon, manifest: StremioManifest, resource: string, type: string, id?: string): boolean {
  if (addon.resources && !addon.resources.includes(resource as never)) return false;
  return declares(manifest, resource, type, id);
}
