/**
 * Shared pieces of the preset suites: what upstream addons saw (split into config prefix and
 * protocol path), the User-Agent every upstream request carries, config segment decoders, and a
 * recorder of every answer the server gives, for the no-leak checks.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { call, type ApiResponse } from '../helpers/api.js';
import { splitProtocolPath, type FakeAddon, type SeenRequest } from '../helpers/fake-addons.js';
import { get, type Got } from '../addon/support.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** presets.md §7: every upstream request says who is asking, with this server's version. */
export const USER_AGENT = `AIOStreams/${pkg.version}`;

/** A request an upstream saw, split into the preset's prefix and the protocol path. */
export interface Hit extends SeenRequest {
  prefix: string;
  /** `/manifest.json`, `/stream/movie/tt1.json`, … */
  path: string;
}

export const hitsOf = (addon: FakeAddon): Hit[] =>
  addon.seen.map((s) => {
    const { prefix, rest } = splitProtocolPath(s.url);
    return { ...s, prefix, path: rest };
  });

/** The upstream requests for one resource (`manifest` or a resource name). */
export const hitsFor = (addon: FakeAddon, what: string): Hit[] =>
  hitsOf(addon).filter((h) => (what === 'manifest' ? h.path === '/manifest.json' : h.path.startsWith(`/${what}/`)));

/** A config segment in standard base64 (`+`, `/`, `=` raw in the path), as JSON text. */
export const b64Text = (segment: string): string => Buffer.from(segment, 'base64').toString('utf8');

/** Header values as one string (Node gives a list only for repeated headers). */
export const header = (hit: Hit, name: string): string | undefined => {
  const v = hit.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(', ') : v;
};

/** Every answer body the server gave in a suite, for the "no credential anywhere" checks. */
export class Answers {
  readonly texts: string[] = [];

  async api<T = any>(...args: Parameters<typeof call>): Promise<ApiResponse<T>> {
    const res = await call<T>(...args);
    this.texts.push(res.text);
    return res;
  }

  async get<T = any>(url: string): Promise<Got<T>> {
    const res = await get<T>(url);
    this.texts.push(res.text);
    return res;
  }

  /** POST /api/v1/user, failing loudly. */
  async createUser(server: string, password: string, config: unknown): Promise<{ uuid: string; token: string }> {
    const res = await this.api(server, 'POST', '/api/v1/user', { body: { config, password } });
    expect(res.status, res.text).toBe(201);
    return { uuid: res.body.data.uuid, token: res.body.data.encryptedPassword };
  }
}

/**
 * Forms a credential travels in towards upstreams: as is, percent-encoded, and inside every
 * config prefix and `encoded_user_data` header the upstreams received.
 */
export function secretForms(credentials: readonly string[], upstreams: readonly FakeAddon[]): string[] {
  const forms = new Set<string>();
  for (const c of credentials) {
    forms.add(c);
    forms.add(encodeURIComponent(c));
  }
  for (const hit of upstreams.flatMap(hitsOf)) {
    // The whole prefix, and each long piece of it (base64 may hold `/`).
    for (const piece of [hit.prefix, ...hit.prefix.split('/')]) if (piece.length >= 16) forms.add(piece);
    const data = header(hit, 'encoded_user_data');
    if (data) forms.add(data);
  }
  return [...forms];
}

/** None of `needles` in any of `haystacks` (reported by the needle found, never the whole text). */
export function expectNoneIn(haystacks: readonly string[], needles: readonly string[], where: string): void {
  const text = haystacks.join('\n');
  const found = needles.filter((n) => text.includes(n));
  expect(found, `${where} holds credentials`).toEqual([]);
}
