import { validateUserRegex } from '../addon/pipeline/user-regex.js';
import { mergeParentConfig } from '../config/parent-merge.js';
import { summarise, validateConfig, type ConfigLimits, type UserConfig } from '../config/schema.js';
import { AppError } from '../errors.js';
import { presetIssues } from '../presets/validate.js';
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

type Issue = { path: string; message: string };

function invalidConfig(issues: Issue[], summary = `Invalid config: ${summarise(issues)}`): AppError {
  return new AppError('USER_INVALID_CONFIG', summary, issues);
}

const STRING_REGEX_LISTS = ['excludedRegexPatterns', 'includedRegexPatterns', 'requiredRegexPatterns'] as const;
/** Every pattern runs on every stream of every request: bound how many and how long. */
const MAX_REGEX_PATTERNS = 50;
const MAX_REGEX_LENGTH = 1_000;

/**
 * Patterns the stream pipeline could not compile (RE2: no lookaround, no backreferences) would be
 * skipped there without a word, so they are refused on write, each with its path.
 */
function regexIssues(config: UserConfig): Issue[] {
  const c = config as Record<string, unknown>;
  const issues: Issue[] = [];
  const checkList = (list: string, patterns: { path: string; pattern: string }[]): void => {
    if (patterns.length > MAX_REGEX_PATTERNS) {
      // Not compiled one by one: the count alone rules the list out.
      issues.push({ path: list, message: `at most ${MAX_REGEX_PATTERNS} patterns (got ${patterns.length})` });
      return;
    }
    for (const { path, pattern } of patterns) {
      const error = pattern.length > MAX_REGEX_LENGTH ? `a pattern may be at most ${MAX_REGEX_LENGTH} characters` : validateUserRegex(pattern);
      if (error) issues.push({ path, message: error });
    }
  };
  for (const list of STRING_REGEX_LISTS) {
    const patterns = Array.isArray(c[list]) ? (c[list] as string[]) : [];
    checkList(list, patterns.map((pattern, i) => ({ path: `${list}.${i}`, pattern })));
  }
  const preferred = Array.isArray(c.preferredRegexPatterns) ? (c.preferredRegexPatterns as { pattern: string }[]) : [];
  checkList('preferredRegexPatterns', preferred.map((p, i) => ({ path: `preferredRegexPatterns.${i}.pattern`, pattern: p.pattern })));
  return issues;
}

/** How upstream addons will see this instance: needed to check that presets expand. */
export interface UpstreamIdentity {
  userAgent: string;
  selfHost?: string | undefined;
}

/** Config rules that need more than the schema: validation on write, and parent configs (config.md §11). */
export class ConfigService {
  constructor(
    private readonly users: UserService,
    private readonly log: WarnLogger,
    private readonly upstream: UpstreamIdentity,
    private readonly limits: Partial<ConfigLimits> = {},
  ) {}

  /** Validates a config about to be stored for `selfUuid` (null while creating). */
  async prepareForWrite(raw: unknown, selfUuid: string | null): Promise<UserConfig> {
    const result = validateConfig(raw, this.limits);
    if (!result.ok) throw invalidConfig(result.issues, result.summary);
    const regexProblems = regexIssues(result.config);
    if (regexProblems.length > 0) throw invalidConfig(regexProblems);
    const presetProblems = presetIssues(result.config, { ...this.upstream, uuid: selfUuid ?? undefined, maxAddons: this.limits.maxAddons });
    // In the preset's own words (presets.md §1), as AIOStreams clients show them.
    if (presetProblems.length > 0) throw invalidConfig(presetProblems, summarise(presetProblems, true));
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
