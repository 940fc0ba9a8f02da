import { mergeParentConfig } from '../config/parent-merge.js';
import { validateConfig, type ConfigLimits, type UserConfig } from '../config/schema.js';
import { AppError } from '../errors.js';
import type { Session, StoredConfig, UserService } from './user-service.js';

export interface WarnLogger {
  warn(obj: object, msg: string): void;
}

interface ParentRef {
  uuid: string;
  password: string;
}

const parentOf = (config: Record<string, unknown>): ParentRef | undefined =>
  (config as { parentConfig?: ParentRef }).parentConfig;

/** Config rules that need more than the schema: validation on write, and parent configs (config.md §11). */
export class ConfigService {
  constructor(
    private readonly users: UserService,
    private readonly log: WarnLogger,
    private readonly limits: Partial<ConfigLimits> = {},
  ) {}

  /** Validates a config about to be stored for `selfUuid` (null while creating). */
  async prepareForWrite(raw: unknown, selfUuid: string | null): Promise<UserConfig> {
    const result = validateConfig(raw, this.limits);
    if (!result.ok) {
      const first = result.issues[0];
      throw new AppError(
        'USER_INVALID_CONFIG',
        `Invalid config: ${first ? `${first.path || '(root)'}: ${first.message}` : 'unknown problem'}` +
          (result.issues.length > 1 ? ` (and ${result.issues.length - 1} more)` : ''),
        result.issues,
      );
    }
    const parent = parentOf(result.config);
    if (parent) await this.checkParent(parent, selfUuid);
    return result.config;
  }

  private async checkParent(parent: ParentRef, selfUuid: string | null): Promise<void> {
    const parentUuid = this.users.resolveUuid(parent.uuid);
    if (selfUuid && parentUuid === selfUuid) {
      throw new AppError('PARENT_CONFIG_SELF_REFERENCE', 'A config cannot be its own parent');
    }
    const session = parentUuid ? await this.users.authenticate(parentUuid, parent.password, { allowToken: true }) : null;
    if (!session) {
      throw new AppError('PARENT_CONFIG_UNAVAILABLE', 'The parent config does not exist or its password is wrong');
    }
    const grandParent = parentOf(this.users.read(session).config);
    if (selfUuid && grandParent && this.users.resolveUuid(grandParent.uuid) === selfUuid) {
      throw new AppError('PARENT_CONFIG_SELF_REFERENCE', 'The parent config has this config as its parent: that would be a cycle');
    }
  }

  /** The config as clients see it: merged under its parent unless `raw`. An unloadable parent is logged, not fatal. */
  async read(session: Session, raw: boolean): Promise<StoredConfig & { parent?: { uuid: string; version: number } }> {
    const stored = this.users.read(session);
    const parent = parentOf(stored.config);
    if (raw || !parent) return stored;
    const parentUuid = this.users.resolveUuid(parent.uuid);
    const parentSession =
      parentUuid && parentUuid !== session.uuid
        ? await this.users.authenticate(parentUuid, parent.password, { allowToken: true })
        : null;
    if (!parentSession) {
      this.log.warn({ uuid: session.uuid }, 'parent config could not be loaded; serving the child alone');
      return stored;
    }
    const parentStored = this.users.read(parentSession);
    const merged = mergeParentConfig(stored.config as UserConfig, parentStored.config as UserConfig);
    return { config: merged as Record<string, unknown>, version: stored.version, parent: { uuid: parentSession.uuid, version: parentStored.version } };
  }
}
