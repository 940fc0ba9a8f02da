import { createHash } from 'node:crypto';
import type { UserConfig } from '../config/schema.js';
import type { AddonRef } from './pipeline/types.js';

import { RESOURCES } from '../config/schema.js';

/** The Stremio resources an addon can serve (one list, the config schema's). */
export { RESOURCES };
export type Resource = (typeof RESOURCES)[number];

export const DEFAULT_TIMEOUT_MS = 7_000;
const MIN_TIMEOUT_MS = 1_000;
const MAX_TIMEOUT_MS = 50_000;

/** One upstream addon of a user's config, ready to call (config.md §2). */
export interface ResolvedAddon {
  ref: AddonRef;
  /** Everything before `/manifest.json`. */
  baseUrl: string;
  /** The manifest URL's query string ('' or '?…'), kept on every resource URL. */
  query: string;
  timeoutMs: number;
  /** Restriction from `options.resources`; undefined = all the manifest declares. */
  resources?: readonly Resource[];
  /** `[]` = every kind. */
  mediaTypes: readonly string[];
}

/** A preset that cannot be used; it still shows up as an error item. */
export interface BrokenAddon {
  name: string;
  instanceId: string;
  error: string;
}

/** `<instanceId>` + 4 hex of SHA-256 of the identifier (empty for custom addons → `e3b0`). */
export function addonIdOf(instanceId: string, identifier = ''): string {
  return instanceId + createHash('sha256').update(identifier).digest('hex').slice(0, 4);
}

const opt = (options: Record<string, unknown>, key: string): unknown => (options[key] === 'undefined' ? undefined : options[key]);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const bool = (v: unknown): boolean => v === true;
const strList = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);

/** Splits a manifest URL into base and query; null when it is not an absolute URL ending in /manifest.json. */
export function splitManifestUrl(manifestUrl: string): { baseUrl: string; query: string } | null {
  let url: URL;
  try {
    url = new URL(manifestUrl);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.pathname.endsWith('/manifest.json')) return null;
  return { baseUrl: url.origin + url.pathname.slice(0, -'/manifest.json'.length), query: url.search };
}

/** Expands the enabled presets into addons; disabled ones are skipped but keep their rank. */
export function resolveAddons(config: UserConfig): { addons: ResolvedAddon[]; broken: BrokenAddon[] } {
  const addons: ResolvedAddon[] = [];
  const broken: BrokenAddon[] = [];
  config.presets.forEach((preset, index) => {
    if (!preset.enabled) return;
    const options = (preset.options ?? {}) as Record<string, unknown>;
    const name = str(opt(options, 'name')) ?? (preset.type === 'custom' ? 'Custom Addon' : preset.type);
    // Until a preset kind is implemented, only its explicit manifest URL makes it usable (§2.3).
    const manifestUrl = preset.type === 'custom' ? str(opt(options, 'manifestUrl')) : str(opt(options, 'url'));
    if (preset.type !== 'custom' && !manifestUrl?.split('?')[0]?.endsWith('/manifest.json')) {
      broken.push({ name, instanceId: preset.instanceId, error: `preset type "${preset.type}" is not supported yet` });
      return;
    }
    const split = manifestUrl ? splitManifestUrl(manifestUrl) : null;
    if (!manifestUrl || !split) {
      broken.push({ name, instanceId: preset.instanceId, error: 'invalid manifest URL (it must be an absolute URL ending in /manifest.json)' });
      return;
    }
    const timeout = Number(opt(options, 'timeout'));
    const pin = opt(options, 'pinPosition');
    const resources = strList(opt(options, 'resources'))?.filter((r): r is Resource => (RESOURCES as readonly string[]).includes(r));
    addons.push({
      ref: {
        presetInstanceId: preset.instanceId,
        presetType: preset.type,
        addonId: addonIdOf(preset.instanceId),
        addonName: name,
        addonIndex: index,
        manifestUrl,
        libraryAddon: bool(opt(options, 'libraryAddon')),
        formatPassthrough: bool(opt(options, 'formatPassthrough')),
        resultPassthrough: bool(opt(options, 'resultPassthrough')),
        ...(pin === 'top' || pin === 'bottom' ? { pinPosition: pin } : {}),
      },
      ...split,
      timeoutMs: Number.isFinite(timeout) && timeout > 0 ? Math.min(MAX_TIMEOUT_MS, Math.max(MIN_TIMEOUT_MS, timeout)) : DEFAULT_TIMEOUT_MS,
      ...(resources ? { resources } : {}),
      mediaTypes: strList(opt(options, 'mediaTypes')) ?? [],
    });
  });
  return { addons, broken };
}

/** `<base>/<resource>/<type>/<id>[/<extra>].json<query>`, each segment encoded as Stremio does. */
export function resourceUrl(addon: ResolvedAddon, resource: string, type: string, id: string, extra?: string): string {
  const tail = extra ? `/${extra}` : '';
  return `${addon.baseUrl}/${resource}/${encodeURIComponent(type)}/${encodeURIComponent(id)}${tail}.json${addon.query}`;
}
