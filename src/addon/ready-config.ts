import type { UserConfig } from '../config/schema.js';
import { resolveAddons, type BrokenAddon, type ResolvedAddon } from './addons.js';
import { compileStreamPipeline, type StreamPipeline } from './pipeline/run.js';

/** A user's config compiled for serving: addons resolved, filters/sorters/templates built once. */
export interface ReadyConfig {
  uuid: string;
  version: number;
  config: UserConfig;
  addons: ResolvedAddon[];
  broken: BrokenAddon[];
  pipeline: StreamPipeline;
  /** Whether error items are shown for this resource (hideErrors / hideErrorsForResources). */
  showErrors(resource: string): boolean;
}

export interface PrepareOptions {
  instanceName: string;
  regexAllowed: boolean;
  /** Sent to every upstream addon (presets.md §7). */
  userAgent: string;
  /** This instance's public host: an addon pointing back at it is refused (presets.md §1 step 6). */
  selfHost?: string | undefined;
}

export function prepareConfig(uuid: string, version: number, config: UserConfig, opts: PrepareOptions): ReadyConfig {
  const { addons, broken } = resolveAddons(config, { userAgent: opts.userAgent, uuid, selfHost: opts.selfHost });
  const hidden = new Set(Array.isArray(config.hideErrorsForResources) ? (config.hideErrorsForResources as string[]) : []);
  return {
    uuid,
    version,
    config,
    addons,
    broken,
    pipeline: compileStreamPipeline(config, {
      addonName: typeof config.addonName === 'string' ? config.addonName : opts.instanceName,
      regexAllowed: opts.regexAllowed,
    }),
    showErrors: (resource) => config.hideErrors !== true && !hidden.has(resource),
  };
}

interface Entry {
  ready: ReadyConfig;
  /** The parent it was merged with, to notice when the parent changes. */
  parent?: { uuid: string; version: number };
}

/**
 * Ready configs by (uuid, version): a config is decrypted, merged, validated and compiled once per
 * change, not per request. Bounded; least recently used goes first.
 */
export class ReadyConfigCache {
  private readonly entries = new Map<string, Entry>();
  constructor(private readonly maxEntries = 1_000) {}

  get(uuid: string, version: number): Entry | undefined {
    const key = `${uuid}:${version}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(entry: Entry): void {
    const key = `${entry.ready.uuid}:${entry.ready.version}`;
    this.entries.delete(key);
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    this.entries.set(key, entry);
  }
}
