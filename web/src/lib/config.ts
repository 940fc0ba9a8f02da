/**
 * Editing helpers for the user config (shared/spec/config.md). The page always edits a copy of the
 * object it loaded, so keys it has no form for (and keys it does not know) survive a save.
 * DOM-free: the tests import this module in Node.
 */
import { migrateLegacy } from '../../../src/config/legacy.js';
import { isRecord } from '../../../src/is-record.js';

export { isRecord, migrateLegacy };

export type Config = Record<string, unknown>;

export interface Preset {
  type: string;
  instanceId: string;
  enabled: boolean;
  options: Record<string, unknown>;
  [key: string]: unknown;
}

export interface ServiceEntry {
  id: string;
  enabled?: boolean;
  credentials: Record<string, string>;
  [key: string]: unknown;
}

export interface Criterion {
  key: string;
  direction: 'asc' | 'desc';
  [key: string]: unknown;
}

export interface Issue {
  path: string;
  message: string;
}

/** Keys the server sets per request and drops on write (config.md §0). */
export const SERVER_OWNED_KEYS = ['uuid', 'encryptedPassword', 'trusted', 'ip', 'activeVariants', 'variantSelectorLocation'];

export const MAX_KEYWORDS = 30;
export const MAX_TEMPLATE_LENGTH = 5000;
export const MAX_ADDONS = 15;
export const MIN_PASSWORD_LENGTH = 6;
/** The size slider maximum of AIOStreams: an upper bound of 0 or this means "no bound" (§5.4). */
export const SIZE_NO_MAX = 100_000_000_000;

export const clone = <T>(value: T): T => structuredClone(value);

/** A new config: valid as is, with a sort order that does something useful out of the box. */
export function newConfig(): Config {
  return {
    presets: [],
    services: [],
    formatter: { id: 'prism' },
    sortCriteria: {
      global: [
        { key: 'cached', direction: 'desc' },
        { key: 'resolution', direction: 'desc' },
        { key: 'quality', direction: 'desc' },
        { key: 'size', direction: 'desc' },
      ],
    },
    preferredResolutions: ['2160p', '1440p', '1080p', '720p', '576p', '480p', '360p', '240p', '144p', 'Unknown'],
    preferredQualities: ['BluRay REMUX', 'BluRay', 'WEB-DL', 'WEBRip', 'HDRip', 'HC HD-Rip', 'DVD REMUX', 'DVDRip', 'HDTV', 'Unknown'],
  };
}

/** The string entries of a list key (anything else reads as empty). */
export function stringList(cfg: Config, key: string): string[] {
  const v = cfg[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** Sets a list key, removing it when the list is empty (optional keys are omitted when unset). */
export function setList(cfg: Config, key: string, list: unknown[]): void {
  if (list.length) cfg[key] = list;
  else delete cfg[key];
}

export function presetsOf(cfg: Config): Preset[] {
  return Array.isArray(cfg.presets) ? (cfg.presets.filter(isRecord) as Preset[]) : [];
}

export function servicesOf(cfg: Config): ServiceEntry[] {
  return Array.isArray(cfg.services) ? (cfg.services.filter(isRecord) as ServiceEntry[]) : [];
}

export function criteriaOf(cfg: Config, list: string): Criterion[] {
  const sc = cfg.sortCriteria;
  if (!isRecord(sc) || !Array.isArray(sc[list])) return [];
  return (sc[list] as unknown[]).filter(isRecord) as Criterion[];
}

/** Moves item `from` by `delta` places; returns the same array when the move is out of range. */
export function move<T>(list: T[], from: number, delta: number): T[] {
  const to = from + delta;
  if (from < 0 || from >= list.length || to < 0 || to >= list.length) return list;
  const out = [...list];
  const [item] = out.splice(from, 1);
  out.splice(to, 0, item as T);
  return out;
}

/** A short random instanceId (no dot, unique in the list), like the ones AIOStreams writes. */
export function newInstanceId(existing: Iterable<string>, random: () => number = Math.random): string {
  const taken = new Set(existing);
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  for (let length = 3; ; length++) {
    for (let attempt = 0; attempt < 50; attempt++) {
      let id = '';
      for (let i = 0; i < length; i++) id += alphabet[Math.floor(random() * alphabet.length)];
      if (!taken.has(id)) return id;
    }
  }
}

/**
 * An address as people paste it, read as the http(s) URL it stands for: `stremio://host/…` (an
 * install link) and `host/…` without a scheme both mean `https://host/…`; other text is trimmed.
 */
export function normaliseManifestUrl(input: string): string {
  const text = input.trim();
  if (/^stremio:\/\//i.test(text)) return `https://${text.slice('stremio://'.length)}`;
  return text && !text.includes('://') ? `https://${text}` : text;
}

/** Why a manifest URL cannot work (naming the address read), or null. The server checks again. */
export function manifestUrlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `“${url}” is not an address. A manifest URL looks like https://addon.example.com/manifest.json`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `Only http and https manifest URLs can be used, not ${parsed.protocol}//…`;
  if (!parsed.pathname.endsWith('/manifest.json')) return `${url} is not a Stremio manifest URL: it must end in /manifest.json`;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Sizes: bytes in the config, decimal GB in the form (1 GB = 10⁹ bytes, as AIOStreams' UI).

export type SizeKind = 'movies' | 'series' | 'anime';

export function sizeWindow(cfg: Config, kind: SizeKind): { min: number | undefined; max: number | undefined } {
  const size = cfg.size;
  const pair = isRecord(size) && isRecord(size.global) ? size.global[kind] : undefined;
  if (!Array.isArray(pair) || pair.length !== 2) return { min: undefined, max: undefined };
  const [lo, hi] = pair as [unknown, unknown];
  return {
    min: typeof lo === 'number' && lo > 0 ? lo : undefined,
    max: typeof hi === 'number' && hi > 0 && hi !== SIZE_NO_MAX ? hi : undefined,
  };
}

/** Writes `size.global[kind]`; both bounds unset removes the pair (and emptied parents). */
export function setSizeWindow(cfg: Config, kind: SizeKind, min: number | undefined, max: number | undefined): void {
  const size = isRecord(cfg.size) ? cfg.size : {};
  const global = isRecord(size.global) ? size.global : {};
  if (min === undefined && max === undefined) delete global[kind];
  else global[kind] = [min ?? 0, max ?? 0];
  if (Object.keys(global).length) size.global = global;
  else delete size.global;
  if (Object.keys(size).length) cfg.size = size;
  else delete cfg.size;
}

export const GB = 1_000_000_000;

export function bytesToGbText(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  return String(Math.round((bytes / GB) * 1000) / 1000);
}

export function gbTextToBytes(text: string): number | undefined | null {
  const t = text.trim().replace(',', '.');
  if (t === '') return undefined;
  const n = Number(t);
  if (!Number.isFinite(n) || n < 0) return null;
  return n === 0 ? undefined : Math.round(n * GB);
}

// ---------------------------------------------------------------------------------------------
// Export / import

/**
 * The config as a file. Without credentials: every `services[].credentials` value is blanked
 * (the keys stay, so the file shows what to fill in) and `parentConfig.password` is dropped.
 */
export function exportConfig(cfg: Config, includeCredentials: boolean): Config {
  const out = clone(cfg);
  for (const k of SERVER_OWNED_KEYS) delete out[k];
  if (includeCredentials) return out;
  if (Array.isArray(out.services)) {
    for (const s of out.services) {
      if (isRecord(s) && isRecord(s.credentials)) {
        for (const key of Object.keys(s.credentials)) s.credentials[key] = '';
      }
    }
  }
  if (isRecord(out.parentConfig)) delete out.parentConfig.password;
  return out;
}

export interface ImportResult {
  config: Config;
  notes: string[];
}

/**
 * Reads an exported config: a bare config (ours or AIOStreams'), `{config}`, `{userData}`, or a
 * whole User API envelope. Server-owned keys are dropped, legacy shapes migrated, missing required
 * keys get defaults. `knownKinds`: the preset kinds this server builds (from its catalogue).
 */
export function importConfig(text: string, knownKinds?: ReadonlySet<string>): ImportResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(`This is not valid JSON: ${(err as Error).message}`);
  }
  let cfg: unknown = parsed;
  if (isRecord(cfg) && isRecord(cfg.data) && isRecord(cfg.data.userData)) cfg = cfg.data.userData;
  else if (isRecord(cfg) && isRecord(cfg.userData) && !('presets' in cfg)) cfg = cfg.userData;
  else if (isRecord(cfg) && isRecord(cfg.config) && !('presets' in cfg)) cfg = cfg.config;
  if (!isRecord(cfg)) throw new Error('The file must hold a configuration object ({"presets": [...], ...}).');
  const config = clone(cfg);
  const notes: string[] = [];
  const dropped = SERVER_OWNED_KEYS.filter((k) => k in config);
  for (const k of dropped) delete config[k];
  if (dropped.length) notes.push(`Ignored keys the server sets itself: ${dropped.join(', ')}.`);
  migrateLegacy(config);
  if (!Array.isArray(config.presets)) {
    config.presets = [];
    notes.push('The file had no addons ("presets"); starting with none.');
  }
  if (!isRecord(config.formatter) && !('formatter' in config)) {
    config.formatter = { id: 'prism' };
    notes.push('The file had no formatter; using Prism.');
  }
  if (!isRecord(config.sortCriteria) && !('sortCriteria' in config)) {
    config.sortCriteria = { global: [] };
    notes.push('The file had no sort order; starting with none.');
  }
  const unknown = knownKinds ? [...new Set(presetsOf(config).map((p) => p.type))].filter((t) => !knownKinds.has(t)) : [];
  if (unknown.length) {
    notes.push(
      `Kept addons of kinds this server does not build (${unknown.join(', ')}): each works only when its "url" option is a full …/manifest.json URL.`,
    );
  }
  const blank = servicesOf(config).filter((s) => s.enabled === true && isRecord(s.credentials) && Object.values(s.credentials).some((v) => v === ''));
  if (blank.length) notes.push(`Fill in the credentials of: ${blank.map((s) => s.id).join(', ')} (the export left them out).`);
  if (isRecord(config.parentConfig) && typeof config.parentConfig.password !== 'string') {
    notes.push('The parent config has no password in this file; enter it in the JSON editor before saving.');
  }
  return { config, notes };
}

// ---------------------------------------------------------------------------------------------
// Issues (the server's `error.issues`, and the page's own checks)

/** Issues at `path` or below it (`presets.0` matches `presets.0.options.timeout`). */
export function issuesUnder(issues: readonly Issue[], path: string): Issue[] {
  return issues.filter((i) => i.path === path || i.path.startsWith(`${path}.`));
}
