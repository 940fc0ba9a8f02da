/**
 * Small pieces shared by the addon suites: a GET that returns status, headers and parsed JSON, a
 * custom-preset builder, and the manifest URL a created user installs.
 */
import { basic, call } from '../helpers/api.js';
import { send } from '../helpers/load.js';

export interface Got<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
  ms: number;
}

/** GET over real HTTP (no redirect following), with the body parsed as JSON when it is JSON. */
export async function get<T = any>(url: string, init: { headers?: Record<string, string> } = {}): Promise<Got<T>> {
  const started = performance.now();
  const sent = await send(url, { redirect: 'manual', headers: { origin: 'https://web.stremio.com', ...init.headers } });
  return { ...sent, ms: performance.now() - started };
}

/** A `custom` preset entry (config.md §2.1). */
export function custom(instanceId: string, name: string, manifestUrl: string, options: Record<string, unknown> = {}) {
  return { type: 'custom', instanceId, enabled: true, options: { name, manifestUrl, ...options } };
}

/** A preset entry of any kind (presets.md). */
export function preset(type: string, instanceId: string, options: Record<string, unknown>) {
  return { type, instanceId, enabled: true, options };
}

/** `BASE/stremio/<uuid>/<token>` — what a user installs, minus `/manifest.json`. */
export const addonBase = (server: string, uuid: string, token: string) => `${server}/stremio/${uuid}/${token}`;

/** PUT a new config with the token (as the configure page would), failing loudly. */
export async function putConfig(server: string, uuid: string, token: string, config: unknown): Promise<void> {
  const res = await call(server, 'PUT', '/api/v1/user', { headers: { authorization: basic(uuid, token) }, body: { config } });
  if (res.status !== 200) throw new Error(`PUT failed: ${res.status} ${res.text}`);
}

/** Stream-path requests an upstream saw (manifest fetches left out). */
export const streamHits = (requests: string[]) => requests.filter((r) => r.startsWith('/stream/')).length;
