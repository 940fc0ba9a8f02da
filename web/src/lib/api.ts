/**
 * The page's only way to the server: the public User API (/api/v1/user, Basic auth, If-Match),
 * the manifest proxy, the published config schema and the instance's unconfigured manifest.
 */
import type { Catalogue } from '../../../src/presets/catalogue.js';
import type { Config, Issue } from './config.js';
import type { Schema } from './schema-check.js';

export type { Catalogue };

export interface Credentials {
  /** UUID or alias. */
  user: string;
  /** The raw password or the encryptedPassword token. */
  secret: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: Issue[] = [],
    /** Seconds to wait before asking again (HTTP 429). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface Envelope<T> {
  success: boolean;
  detail: string;
  error: { code: string; message: string; issues?: Issue[] } | null;
  data: T | null;
}

/** Basic credentials as UTF-8 (btoa alone only takes Latin-1). */
function basic({ user, secret }: Credentials): string {
  const bytes = new TextEncoder().encode(`${user}:${secret}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `Basic ${btoa(binary)}`;
}

interface CallOptions {
  auth?: Credentials;
  body?: unknown;
  ifMatch?: string;
  /** Default: no-store. The preset catalogue is revalidated by its ETag instead. */
  cache?: RequestCache;
}

async function call<T>(method: string, path: string, opts: CallOptions = {}): Promise<{ data: T; etag: string | null }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.auth) headers.authorization = basic(opts.auth);
  if (opts.ifMatch) headers['if-match'] = opts.ifMatch;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    // credentials: 'omit' - our own Authorization header is sent, but a 401 never opens the
    // browser's login box and no cookie ever rides along.
    res = await fetch(path, {
      method,
      headers,
      credentials: 'omit',
      cache: opts.cache ?? 'no-store',
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Could not reach the server. Check your connection and try again.');
  }
  let env: Envelope<T> | undefined;
  try {
    env = (await res.json()) as Envelope<T>;
  } catch {
    env = undefined;
  }
  if (!env || typeof env !== 'object') {
    throw new ApiError(res.status, 'BAD_RESPONSE', `The server answered HTTP ${res.status} without a readable body.`);
  }
  if (!res.ok || !env.success) {
    const err = env.error;
    let message = err?.message ?? env.detail ?? `HTTP ${res.status}`;
    const retry = Number(res.headers.get('retry-after')) || undefined;
    if (res.status === 429) message = `Too many requests. Wait ${retry ? `${retry} s` : 'a few seconds'} and try again.`;
    throw new ApiError(res.status, err?.code ?? 'ERROR', message, err?.issues ?? [], retry);
  }
  return { data: env.data as T, etag: res.headers.get('etag') };
}

export interface LoadedUser {
  config: Config;
  encryptedPassword: string;
  etag: string | null;
}

export interface ManifestInfo {
  id: string;
  name?: string;
  description?: string;
  version?: string;
  logo?: string;
  resources: (string | { name: string; types?: string[]; idPrefixes?: string[] })[];
  types: string[];
  catalogs: { type: string; id: string; name?: string }[];
  [key: string]: unknown;
}

export interface InstanceInfo {
  name: string;
  description: string;
  logo?: string;
}

export const api = {
  /** The stored config as written (`raw=true`: a parent's merge is never saved back into the child). */
  async load(auth: Credentials): Promise<LoadedUser> {
    const { data, etag } = await call<{ userData: Config; encryptedPassword: string }>('GET', '/api/v1/user?raw=true', { auth });
    return { config: data.userData, encryptedPassword: data.encryptedPassword, etag };
  },
  async create(config: Config, password: string): Promise<{ uuid: string; encryptedPassword: string; etag: string | null }> {
    const { data, etag } = await call<{ uuid: string; encryptedPassword: string }>('POST', '/api/v1/user', { body: { config, password } });
    return { ...data, etag };
  },
  async update(auth: Credentials, config: Config, etag: string | null): Promise<{ config: Config; etag: string | null }> {
    const { data, etag: next } = await call<{ userData: Config }>('PUT', '/api/v1/user', {
      auth,
      body: { config },
      ...(etag ? { ifMatch: etag } : {}),
    });
    return { config: data.userData, etag: next };
  },
  async remove(auth: Credentials): Promise<void> {
    await call<null>('DELETE', '/api/v1/user', { auth });
  },
  async changePassword(auth: Credentials, newPassword: string): Promise<{ encryptedPassword: string }> {
    const { data } = await call<{ encryptedPassword: string }>('POST', '/api/v1/user/password', { auth, body: { newPassword } });
    return data;
  },
  async manifest(url: string): Promise<{ manifestUrl: string; manifest: ManifestInfo }> {
    const { data } = await call<{ manifestUrl: string; manifest: ManifestInfo }>('GET', `/api/v1/addon-manifest?url=${encodeURIComponent(url)}`);
    return data;
  },
  /** Every preset kind the server builds: the catalogue and the forms are made from it. */
  async presets(): Promise<Catalogue> {
    const { data } = await call<Catalogue>('GET', '/api/v1/presets', { cache: 'no-cache' });
    return data;
  },
  async schema(): Promise<Schema> {
    const res = await fetch('/api/v1/schema/config.json', { credentials: 'omit' });
    if (!res.ok) throw new ApiError(res.status, 'ERROR', `Could not load the config schema (HTTP ${res.status})`);
    return (await res.json()) as Schema;
  },
  async instance(): Promise<InstanceInfo> {
    const res = await fetch('/stremio/manifest.json', { credentials: 'omit' });
    const m = (await res.json()) as { name?: string; description?: string; logo?: string };
    return { name: m.name || 'AIOStreams', description: m.description || '', ...(m.logo ? { logo: m.logo } : {}) };
  },
};

/** What the manifest declares, in words. */
export function resourceNames(m: ManifestInfo): string[] {
  return m.resources.map((r) => (typeof r === 'string' ? r : r.name));
}
