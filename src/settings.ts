import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { isUuid } from './uuid.js';

/** Operator settings, read once from the environment (names as AIOStreams uses them). */
const bool = (fallback: boolean) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      if (['true', '1', 'yes', 'on'].includes(v)) return true;
      if (['false', '0', 'no', 'off'].includes(v)) return false;
      ctx.addIssue({ code: 'custom', message: `expected true or false, got "${v}"` });
      return z.NEVER;
    });

const int = (fallback: number, min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `expected a whole number from ${min} to ${max}, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

const envSchema = z.object({
  PORT: int(3000, 0, 65535),
  HOST: z.string().trim().optional().transform((v) => v || '0.0.0.0'),
  BASE_URL: optionalString.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), {
    message: 'must be an absolute http(s) URL',
  }),
  DATA_DIR: z.string().trim().optional().transform((v) => v || './data'),
  SECRET_KEY: optionalString.refine((v) => v === undefined || /^[0-9a-fA-F]{64}$/.test(v), {
    message: 'must be 64 hexadecimal characters (32 bytes); generate one with `openssl rand -hex 32`',
  }),
  DATABASE_URI: optionalString.refine((v) => v === undefined || /^(sqlite|postgres|postgresql):\/\//.test(v), {
    message: 'must start with sqlite://, postgres:// or postgresql://',
  }),
  REDIS_URI: optionalString.refine((v) => v === undefined || /^rediss?:\/\//.test(v), {
    message: 'must start with redis:// or rediss://',
  }),
  ALIASED_CONFIGURATIONS: optionalString,
  DISABLE_RATE_LIMITS: bool(false),
  USER_API_RATE_LIMIT_WINDOW: int(5, 1, 86_400),
  USER_API_RATE_LIMIT_MAX_REQUESTS: int(5, 1, 1_000_000),
  TRUSTED_PROXIES: optionalString,
  USER_API_ACCEPT_TOKEN: bool(true),
  BODY_LIMIT: int(1024 * 1024, 1024, 64 * 1024 * 1024),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .optional()
    .transform((v) => v ?? 'info'),
  ADDON_NAME: z.string().trim().optional().transform((v) => v || 'AIOStreams'),
  ADDON_LOGO: optionalString.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), {
    message: 'must be an absolute http(s) URL',
  }),
  STREAM_REQUEST_DEADLINE_MS: int(15_000, 1_000, 60_000),
  UPSTREAM_STREAM_CACHE_TTL: int(60, 0, 86_400),
  STREAM_RESULT_CACHE_TTL: int(60, 0, 86_400),
  STREAM_CACHE_MB: int(64, 0, 65_536),
  STREAM_CACHE_MAX_AGE: int(60, 0, 86_400),
  // One core stays with the event loop, which parses a share of each batch itself; at most two by
  // default, since each thread keeps ~20 MB and three shares already cut a batch's wait to a third.
  PARSE_THREADS: int(Math.min(2, Math.max(0, availableParallelism() - 1)), 0, 64),
  REGEX_FILTER_ACCESS: z
    .enum(['all', 'trusted', 'none'])
    .optional()
    .transform((v) => v ?? 'all'),
  TRUSTED_UUIDS: optionalString,
  EXPOSE_SERVER_TIMING: bool(false),
  METRICS_TOKEN: optionalString.refine((v) => v === undefined || /^\S{16,}$/.test(v), {
    message: 'must be at least 16 characters without spaces; generate one with `openssl rand -hex 32`',
  }),
  ACCESS_LOG: bool(true),
  SHUTDOWN_TIMEOUT: int(8, 1, 3_600),
});

export interface Alias {
  alias: string;
  uuid: string;
  encryptedPassword: string;
}

export interface Settings {
  port: number;
  host: string;
  baseUrl: string | undefined;
  dataDir: string;
  /** 32 raw bytes; every purpose key is derived from it. */
  secretKey: Buffer;
  secretKeyGenerated: boolean;
  databaseUri: string;
  redisUri: string | undefined;
  aliases: Map<string, Alias>;
  disableRateLimits: boolean;
  rateLimitWindowMs: number;
  rateLimitMax: number;
  trustedProxies: string[];
  acceptToken: boolean;
  bodyLimit: number;
  logLevel: string;
  addonName: string;
  addonLogo: string | undefined;
  /** Longest a stream request waits for upstream addons. */
  streamDeadlineMs: number;
  upstreamStreamCacheTtlMs: number;
  streamResultCacheTtlMs: number;
  /** One memory budget for every stream cache (upstream answers, final answers, release names). */
  streamCacheBytes: number;
  /** Seconds Stremio may cache an answer. */
  streamCacheMaxAge: number;
  /** Worker threads that parse new release names in bulk; 0 parses on the event loop only. */
  parseThreads: number;
  /** Regex filters run in RE2 (linear time), so they are safe to allow everyone by default. */
  regexAccess: 'all' | 'trusted' | 'none';
  trustedUuids: Set<string>;
  exposeServerTiming: boolean;
  /** Serves GET /metrics to a Bearer of this token; no metrics at all when unset. */
  metricsToken: string | undefined;
  /** One log line per answered request. */
  accessLog: boolean;
  /** How long in-flight requests may run on after SIGTERM before their connections are closed. */
  shutdownTimeoutMs: number;
}

export class SettingsError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** An IPv4/IPv6 address, optionally with a prefix length that fits its family. */
function isCidr(text: string): boolean {
  const [address = '', prefix, extra] = text.split('/');
  if (extra !== undefined) return false;
  const family = isIP(address);
  if (!family) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

function parseAliases(raw: string | undefined, problems: string[]): Map<string, Alias> {
  const aliases = new Map<string, Alias>();
  if (!raw) return aliases;
  for (const [index, entry] of raw.split(',').map((s) => s.trim()).filter(Boolean).entries()) {
    // alias:uuid:encryptedPassword - the token never contains a colon, so split on the first two.
    const first = entry.indexOf(':');
    const second = entry.indexOf(':', first + 1);
    const alias = entry.slice(0, first);
    const uuid = entry.slice(first + 1, second);
    const encryptedPassword = entry.slice(second + 1);
    if (first <= 0 || second < 0 || !isUuid(uuid) || !encryptedPassword || !/^[A-Za-z0-9_.~-]+$/.test(alias)) {
      // Never echo the entry: it holds a token.
      problems.push(`ALIASED_CONFIGURATIONS: entry ${index + 1} must be alias:uuid:encryptedPassword (alias of letters, digits, . _ ~ -)`);
      continue;
    }
    aliases.set(alias, { alias, uuid: uuid.toLowerCase(), encryptedPassword });
  }
  return aliases;
}

/** Reads SECRET_KEY or the key kept in DATA_DIR, generating and keeping one (mode 0600) on first start. */
function resolveSecretKey(given: string | undefined, dataDir: string): { key: Buffer; generated: boolean } {
  if (given) return { key: Buffer.from(given, 'hex'), generated: false };
  const file = path.join(dataDir, 'secret.key');
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-fA-F]{64}$/.test(text)) throw new SettingsError([`${file} does not hold a 64-hex-character key`]);
    return { key: Buffer.from(text, 'hex'), generated: false };
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { key, generated: true };
}

export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new SettingsError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const aliases = parseAliases(e.ALIASED_CONFIGURATIONS, problems);
  const trustedProxies = (e.TRUSTED_PROXIES ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const cidr of trustedProxies) {
    if (!isCidr(cidr)) problems.push(`TRUSTED_PROXIES: "${cidr}" is not an IP address or CIDR range`);
  }
  if (problems.length) throw new SettingsError(problems);

  const dataDir = path.resolve(e.DATA_DIR);
  const { key, generated } = resolveSecretKey(e.SECRET_KEY, dataDir);
  return {
    port: e.PORT,
    host: e.HOST,
    baseUrl: e.BASE_URL?.replace(/\/+$/, ''),
    dataDir,
    secretKey: key,
    secretKeyGenerated: generated,
    databaseUri: e.DATABASE_URI ?? `sqlite://${path.join(dataDir, 'db.sqlite')}`,
    redisUri: e.REDIS_URI,
    aliases,
    disableRateLimits: e.DISABLE_RATE_LIMITS,
    rateLimitWindowMs: e.USER_API_RATE_LIMIT_WINDOW * 1000,
    rateLimitMax: e.USER_API_RATE_LIMIT_MAX_REQUESTS,
    trustedProxies,
    acceptToken: e.USER_API_ACCEPT_TOKEN,
    bodyLimit: e.BODY_LIMIT,
    logLevel: e.LOG_LEVEL,
    addonName: e.ADDON_NAME,
    addonLogo: e.ADDON_LOGO,
    streamDeadlineMs: e.STREAM_REQUEST_DEADLINE_MS,
    upstreamStreamCacheTtlMs: e.UPSTREAM_STREAM_CACHE_TTL * 1000,
    streamResultCacheTtlMs: e.STREAM_RESULT_CACHE_TTL * 1000,
    streamCacheBytes: e.STREAM_CACHE_MB * 1024 * 1024,
    streamCacheMaxAge: e.STREAM_CACHE_MAX_AGE,
    parseThreads: e.PARSE_THREADS,
    regexAccess: e.REGEX_FILTER_ACCESS,
    exposeServerTiming: e.EXPOSE_SERVER_TIMING,
    metricsToken: e.METRICS_TOKEN,
    accessLog: e.ACCESS_LOG,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT * 1000,
    trustedUuids: new Set((e.TRUSTED_UUIDS ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)),
  };
}
