import { createHash } from 'node:crypto';
import type { UserConfig } from '../config/schema.js';
import { expandPresets, type ExpandedAddon } from '../presets/expand.js';
import type { AddonRef } from './pipeline/types.js';

import { RESOURCES } from '../config/schema.js';

/** The Stremio resources an addon can serve (one list, the config schema's). */
export { RESOURCES };
export type Resource = (typeof RESOURCES)[number];

/** One upstream addon of a user's config, ready to call (config.md §2, presets.md §7). */
export interface ResolvedAddon {
  ref: AddonRef;
  /** Everything before `/manifest.json`. */
  baseUrl: string;
  /** The manifest URL's query string ('' or '?…'), kept on every resource URL. */
  query: string;
  /** Sent on every request to this addon (User-Agent, and whatever the kind needs). */
  headers: Record<string, string>;
  /**
   * What identifies this addon's answers in shared caches: the manifest URL, plus a digest of the
   * headers when they carry settings (MediaFusion's are the user's whole configuration, under one
   * URL shared by every user).
   */
  cacheKey: string;
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

const MANIFEST = '/manifest.json';

/**
 * Splits a manifest URL into base and query, as given (`//` and `%XX` untouched, presets.md §7); a
 * `stremio://` prefix is read as https. Null when it is not an http(s) URL whose path ends in
 * /manifest.json.
 */
export function splitManifestUrl(manifestUrl: string): { baseUrl: string; query: string } | null {
  const href = manifestUrl.replace(/^stremio:\/\//i, 'https://');
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.pathname.endsWith(MANIFEST)) return null;
  const q = href.indexOf('?');
  const path = q >= 0 ? href.slice(0, q) : href;
  const hash = path.indexOf('#');
  const bare = hash >= 0 ? path.slice(0, hash) : path;
  if (!bare.endsWith(MANIFEST)) return null;
  return { baseUrl: bare.slice(0, -MANIFEST.length), query: url.search };
}

export interface ResolveOptions {
  userAgent: string;
  uuid?: string | undefined;
  selfHost?: string | undefined;
}

/** Expands the enabled presets into addons; disabled ones are skipped but keep their rank. */
export function resolveAddons(config: UserConfig, opts: ResolveOptions): { addons: ResolvedAddon[]; broken: BrokenAddon[] } {
  const { addons: expanded, failures } = expandPresets(config, opts);
  const addons: ResolvedAddon[] = [];
  const broken: BrokenAddon[] = failures.map((f) => ({ name: f.name, instanceId: f.instanceId, error: f.message }));
  for (const addon of expanded) {
    const split = splitManifestUrl(addon.manifestUrl);
    if (!split) {
      broken.push({ name: labelOf(addon), instanceId: addon.instanceId, error: 'invalid manifest URL (it must be an absolute URL ending in /manifest.json)' });
      continue;
    }
    addons.push(toResolved(addon, split, config.presets[addon.presetIndex]!.type));
  }
  return { addons, broken };
}

/** How error items name an addon: `<name> <displayIdentifier or identifier>` (presets.md §5). */
function labelOf(addon: ExpandedAddon): string {
  const tag = addon.displayIdentifier || addon.identifier;
  return tag ? `${addon.name} ${tag}` : addon.name;
}

function toResolved(addon: ExpandedAddon, split: { baseUrl: string; query: string }, presetType: string): ResolvedAddon {
  const extra = Object.entries(addon.headers).filter(([k]) => k.toLowerCase() !== 'user-agent');
  const digest = extra.length ? `#${createHash('sha256').update(JSON.stringify(extra)).digest('base64url').slice(0, 22)}` : '';
  return {
    ref: {
      presetInstanceId: addon.instanceId,
      presetType,
      addonId: addon.addonId,
      addonName: addon.name,
      label: labelOf(addon),
      addonIndex: addon.presetIndex,
      manifestUrl: addon.manifestUrl,
      libraryAddon: addon.library === true,
      formatPassthrough: addon.formatPassthrough === true,
      resultPassthrough: addon.resultPassthrough === true,
      ...(addon.pinPosition ? { pinPosition: addon.pinPosition } : {}),
      ...(addon.kind.parse ? { parseHints: addon.kind.parse } : {}),
    },
    ...split,
    headers: addon.headers,
    cacheKey: addon.manifestUrl + digest,
    timeoutMs: addon.timeout,
    ...(addon.resources ? { resources: addon.resources } : {}),
    mediaTypes: addon.mediaTypes ?? [],
  };
}

/** `<base>/<resource>/<type>/<id>[/<extra>].json<query>`, each segment encoded as Stremio does. */
export function resourceUrl(addon: ResolvedAddon, resource: string, type: string, id: string, extra?: string): string {
  const tail = extra ? `/${extra}` : '';
  return `${addon.baseUrl}/${resource}/${encodeURIComponent(type)}/${encodeURIComponent(id)}${tail}.json${addon.query}`;
}
