import { validateConfig, type UserConfig } from '../config/schema.js';
import type { ConfigService } from '../users/config-service.js';
import type { UserService } from '../users/user-service.js';
import { prepareConfig, ReadyConfigCache, type PrepareOptions, type ReadyConfig } from './ready-config.js';
import { LastServed } from './last-served.js';
import { countCache } from '../metrics.js';
import { isStoreUnavailable } from '../store/unavailable.js';

export type LoadResult = { ok: true; ready: ReadyConfig } | { ok: false; reason: 'deleted' | 'credentials' };

export interface LoaderOptions extends Omit<PrepareOptions, 'regexAllowed'> {
  /** Who may use regex filters: everyone, only TRUSTED_UUIDS, or nobody. */
  regexAccess: 'all' | 'trusted' | 'none';
  trustedUuids: ReadonlySet<string>;
}

/**
 * (uuid, token) → the ready-to-run config. A token never runs the KDF; the config is decrypted,
 * merged with its parent and compiled once per (uuid, version) and parent version.
 */
export class ReadyConfigLoader {
  private readonly cache = new ReadyConfigCache();
  private readonly lastServed = new LastServed();

  constructor(
    private readonly users: UserService,
    private readonly configs: ConfigService,
    private readonly opts: LoaderOptions,
    private readonly log: { warn(obj: object, msg: string): void },
  ) {}

  async load(uuidOrAlias: string, secret: string): Promise<LoadResult> {
    let result: LoadResult;
    try {
      result = await this.loadCurrent(uuidOrAlias, secret);
    } catch (err) {
      // The database is unreachable: a link served before keeps its config until it is back.
      const last = isStoreUnavailable(err) ? this.lastServed.recall(uuidOrAlias, secret) : undefined;
      const ready = last && this.cache.get(last.uuid, last.version)?.ready;
      if (ready) return { ok: true, ready };
      throw err;
    }
    if (result.ok) this.lastServed.remember(uuidOrAlias, secret, { uuid: result.ready.uuid, version: result.ready.version });
    else this.lastServed.forget(uuidOrAlias, secret);
    return result;
  }

  /** Always checks the stored version first, so a change made on another instance is served at once. */
  private async loadCurrent(uuidOrAlias: string, secret: string): Promise<LoadResult> {
    const session = await this.users.authenticate(uuidOrAlias, secret, { tokenOnly: true });
    if (!session) return { ok: false, reason: (await this.users.exists(uuidOrAlias)) ? 'credentials' : 'deleted' };
    const hit = this.cache.get(session.uuid, session.row.version);
    countCache('ready_configs', hit !== undefined);
    if (hit && (!hit.parent || (await this.users.currentVersion(hit.parent.uuid)) === hit.parent.version)) {
      return { ok: true, ready: hit.ready };
    }
    const stored = await this.configs.read(session, false);
    let config = stored.config as UserConfig;
    if (stored.parent) {
      // A merged config may break rules each side kept alone (e.g. too many addons): then serve the child.
      const checked = validateConfig(stored.config);
      if (checked.ok) config = checked.config;
      else {
        this.log.warn({ uuid: session.uuid }, 'config merged with its parent is invalid; serving the child alone');
        config = this.users.read(session).config as UserConfig;
      }
    }
    const regexAllowed = this.opts.regexAccess === 'all' || (this.opts.regexAccess === 'trusted' && this.opts.trustedUuids.has(session.uuid));
    const ready = prepareConfig(session.uuid, stored.version, config, { ...this.opts, regexAllowed });
    this.cache.set({ ready, ...(stored.parent ? { parent: stored.parent } : {}) });
    return { ok: true, ready };
  }
}
