import { TEST_DATABASE_URI } from './services.js';
import type { Backend } from './server.js';

/** A small client for the User API, over real HTTP (Node's fetch). */
export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: { success: boolean; detail: string; error: { code: string; message: string; issues?: unknown[] } | null; data: T };
  text: string;
}

export const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;

export async function call<T = any>(
  base: string,
  method: string,
  path = '/api/v1/user',
  init: { headers?: Record<string, string>; body?: unknown; rawBody?: string | Buffer } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...init.headers };
  let body: string | Buffer | undefined;
  if (init.rawBody !== undefined) body = init.rawBody;
  else if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(base + path, { method, headers, body });
  const text = await res.text();
  let parsed: any = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

export const MINIMAL_CONFIG = { presets: [], formatter: { id: 'prism' }, sortCriteria: { global: [] } };

export async function createUser(base: string, password = 'correct horse', config: unknown = MINIMAL_CONFIG) {
  const res = await call<{ uuid: string; encryptedPassword: string }>(base, 'POST', '/api/v1/user', { body: { config, password } });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${res.text}`);
  return { uuid: res.body.data.uuid, token: res.body.data.encryptedPassword, password };
}

// ---------------------------------------------------------------------------------------------
// Small pieces shared by the API suites (assertions live in test/api/assertions.ts).

/** The storage backends the API suite runs on: SQLite always, PostgreSQL when TEST_DATABASE_URI is set. */
export const BACKENDS: Backend[] = TEST_DATABASE_URI ? ['sqlite', 'postgres'] : ['sqlite'];

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const TOKEN_RE = /^[A-Za-z0-9_-]+$/;
export const JSON_CONTENT_TYPE = /^application\/json(;|$)/;

/** GET /api/v1/user with Basic auth. */
export const getUser = (base: string, user: string, secret: string, query = '') =>
  call<{ userData: Record<string, unknown>; encryptedPassword: string }>(base, 'GET', `/api/v1/user${query}`, {
    headers: { authorization: basic(user, secret) },
  });

/** PUT /api/v1/user with Basic auth. */
export const putUser = (base: string, user: string, secret: string, config: unknown, headers: Record<string, string> = {}) =>
  call<{ uuid: string; userData: Record<string, unknown> }>(base, 'PUT', '/api/v1/user', {
    headers: { authorization: basic(user, secret), ...headers },
    body: { config },
  });

/** HEAD /api/v1/user?uuid=… (a HEAD answer has no body: status and headers only). */
export const headUser = (base: string, uuid: string | undefined, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/v1/user${uuid === undefined ? '' : `?uuid=${encodeURIComponent(uuid)}`}`, { method: 'HEAD', headers });

/** The byte length of the envelope a HEAD answer would have carried (its Content-Length). */
export const envelopeLength = (detail: string, data: unknown) =>
  String(Buffer.byteLength(JSON.stringify({ success: true, detail, error: null, data }), 'utf8'));

/** A config that is valid and distinct per `tag`. */
export const taggedConfig = (tag: string, extra: Record<string, unknown> = {}) => ({
  ...MINIMAL_CONFIG,
  addonName: `addon ${tag}`,
  tag,
  ...extra,
});
