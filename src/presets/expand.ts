// presets.md §1: the user's preset entries → the upstream addons the server talks to.
import { createHash } from 'node:crypto';
import { normaliseOptions } from './options.js';
import { findKind, retiredKind } from './registry.js';
import { PresetError, type ExpandContext, type KindMeta, type PresetAddon, type ServiceEntryLike } from './types.js';

/** The parts of a config expansion reads. */
export interface PresetConfig {
  presets: readonly { type: string; instanceId: string; enabled: boolean; options: Record<string, unknown> }[];
  services?: readonly ServiceEntryLike[] | undefined;
  proxy?: unknown;
}

export interface ExpandOptions {
  /** Sent on every upstream request (§7). */
  userAgent: string;
  /** Self-scraping guard (§1 step 6): this instance's public host, and the user's own uuid. */
  selfHost?: string | undefined;
  uuid?: string | undefined;
}

/** One addon ready for the rest of the system: the record plus where it came from. */
export interface ExpandedAddon extends PresetAddon {
  addonId: string;
  headers: Record<string, string>;
  instanceId: string;
  /** Position of its entry in `presets` (the addon rank). */
  presetIndex: number;
  kind: KindMeta;
}

/** An enabled entry that gives no addon; used → error item, saved → 400. */
export interface PresetFailure {
  presetIndex: number;
  instanceId: string;
  /** The entry's name as error items show it. */
  name: string;
  message: string;
  /** The option at fault, for the issue path. */
  option?: string;
  /**
   * Which step failed (§1): the kind itself, its options (both mistakes in the config's shape), or
   * the expansion (services, credentials, a kind's own rule). `planned`: a kind not built yet, which
   * configs may keep; it only shows an error item.
   */
  stage: 'kind' | 'options' | 'expand' | 'planned';
}

/** A PresetError that knows which step of §1 raised it. */
class StageError extends PresetError {
  constructor(
    readonly stage: PresetFailure['stage'],
    cause: PresetError,
  ) {
    super(cause.message, cause.option);
  }
}

function inStage<T>(stage: PresetFailure['stage'], step: () => T): T {
  try {
    return step();
  } catch (err) {
    if (err instanceof PresetError && !(err instanceof StageError)) throw new StageError(stage, err);
    throw err;
  }
}

/** `<instanceId>` + 4 hex of SHA-256 of the identifier (`""` when absent): §5. */
export function addonIdOf(instanceId: string, identifier = ''): string {
  return instanceId + createHash('sha256').update(identifier).digest('hex').slice(0, 4);
}

/** §5, §7: what every generated addon gets from its entry, the addon id and the User-Agent. */
export function identified(addon: PresetAddon, instanceId: string, userAgent: string): PresetAddon & { addonId: string; headers: Record<string, string> } {
  return { ...addon, addonId: addonIdOf(instanceId, addon.identifier), headers: { 'User-Agent': userAgent, ...addon.headers } };
}

const MANIFEST = '/manifest.json';

/** §1 steps 1–4 for one entry. Throws PresetError. */
export function expandEntry(
  entry: PresetConfig['presets'][number],
  index: number,
  config: PresetConfig,
  opts: ExpandOptions,
): ExpandedAddon[] {
  const kind = findKind(entry.type);
  if (!kind) {
    const retired = retiredKind(entry.type);
    const message = retired ? `${retired.name} has been ${retired.status}: ${retired.reason}` : `Unknown preset type '${entry.type}'`;
    throw new StageError('kind', new PresetError(message, undefined));
  }
  if (kind.meta.removed) throw new StageError('kind', new PresetError(`${kind.meta.name} has been removed: ${kind.meta.removed}`));
  const options = inStage('options', () => normaliseOptions(kind.meta, entry.options ?? {}));
  const sameKind = config.presets.filter((p) => p.type === entry.type).length;
  const ctx: ExpandContext = {
    services: config.services ?? [],
    proxy: config.proxy,
    label: sameKind > 1 ? (options.name as string | undefined) || kind.meta.name : kind.meta.name,
  };
  return inStage('expand', () => kind.expand(options, ctx)).map((addon) => {
    const expanded: ExpandedAddon = {
      ...identified(addon, entry.instanceId, opts.userAgent),
      instanceId: entry.instanceId,
      presetIndex: index,
      kind: kind.meta,
    };
    const selfScraping = pointsAtSelf(addon.manifestUrl, opts);
    if (selfScraping) throw new StageError('expand', new PresetError(`${addon.name} ${selfScraping}`));
    return expanded;
  });
}

function pointsAtSelf(manifestUrl: string, opts: ExpandOptions): string | undefined {
  if (opts.uuid && manifestUrl.includes(opts.uuid)) return 'points at this configuration itself, which would ask itself for streams';
  if (!opts.selfHost) return undefined;
  try {
    const url = new URL(manifestUrl.replace(/^stremio:\/\//, 'https://'));
    if (url.host === opts.selfHost && !url.pathname.startsWith('/builtins')) return 'points back at this instance, which would ask itself for streams';
  } catch {
    // Not a URL: the fetch will say so.
  }
  return undefined;
}

/**
 * The entry's name as messages and error items show it: `options.name`, else the kind's name for a
 * kind built here, else the type itself (config.md §2.3).
 */
function entryName(entry: PresetConfig['presets'][number]): string {
  const name = entry.options?.name;
  if (typeof name === 'string' && name.trim() && name !== 'undefined') return name;
  return findKind(entry.type)?.meta.name ?? entry.type;
}

/**
 * Every enabled entry, in order. A kind not built yet still works when its `url` is a manifest
 * URL (treated as a custom addon, config.md §2.3); otherwise it only yields a failure.
 */
export function expandPresets(config: PresetConfig, opts: ExpandOptions): { addons: ExpandedAddon[]; failures: PresetFailure[] } {
  const addons: ExpandedAddon[] = [];
  const failures: PresetFailure[] = [];
  config.presets.forEach((entry, index) => {
    if (!entry.enabled) return;
    const fail = (err: unknown, stage?: PresetFailure['stage']) => {
      if (!(err instanceof PresetError)) throw err;
      failures.push({
        presetIndex: index, instanceId: entry.instanceId, name: entryName(entry), message: err.message,
        stage: stage ?? (err instanceof StageError ? err.stage : 'expand'),
        ...(err.option ? { option: err.option } : {}),
      });
    };
    const retired = retiredKind(entry.type);
    if (retired?.status === 'planned') {
      const url = entry.options?.url;
      if (typeof url === 'string' && url.endsWith(MANIFEST)) {
        const custom = { ...entry, type: 'custom', options: { ...entry.options, name: entryName(entry), manifestUrl: url } };
        try {
          addons.push(...expandEntry(custom, index, config, opts));
        } catch (err) {
          fail(err);
        }
      } else {
        fail(new PresetError(`The ${retired.name} preset is not supported yet; give it a manifest URL in its "url" option to use it as a custom addon`), 'planned');
      }
      return;
    }
    try {
      addons.push(...expandEntry(entry, index, config, opts));
    } catch (err) {
      fail(err);
    }
  });
  return { addons, failures };
}
