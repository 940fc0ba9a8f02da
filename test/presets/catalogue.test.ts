/**
 * GET /api/v1/presets: the 30 kinds of presets.md §8–§37 with their names, services and resources
 * as the spec lists them, every option with an id, a name and a type, no parse hints; revalidated
 * by ETag; described in the OpenAPI document by a schema the answer satisfies.
 */
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICES } from '../../src/config/services.js';
import { call, type ApiResponse } from '../helpers/api.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { expectOk } from '../api/assertions.js';
import { USER_AGENT } from './support.js';

const SPEC = readFileSync(new URL('../../../shared/spec/presets.md', import.meta.url), 'utf8');
const OPTION_TYPES = ['string', 'password', 'url', 'number', 'boolean', 'select', 'select-with-custom', 'multi-select', 'subsection'];
const RESOURCES = ['stream', 'subtitles', 'catalog', 'meta', 'addon_catalog'];

/** The per-kind sections §8–§37: id, display name (without a "(REMOVED)" note) and text. */
const SECTIONS = [...SPEC.matchAll(/^## \d+\. `([^`]+)` — (.+)$/gm)].map((m, i, all) => ({
  id: m[1]!,
  name: m[2]!.replace(/ \(.*\)$/, ''),
  text: SPEC.slice(m.index, all[i + 1]?.index ?? SPEC.indexOf('\n## 38.')),
}));

const SERVICE_BY_SHORT = new Map(SERVICES.map((s) => [s.shortName, s.id as string]));

/** A section's "Services: RD, PM, …" line as service ids, when it has one. */
function specServices(text: string): string[] | undefined {
  const line = /Services: ([A-Z.]+(?:,\s+[A-Z.]+)*)/.exec(text);
  return line?.[1]!.split(/,\s+/).map((short) => SERVICE_BY_SHORT.get(short.replace(/\.$/, '')) ?? `unknown ${short}`);
}

/** A section's "Resources: `stream`, …" list, when it has one. */
function specResources(text: string): string[] | undefined {
  const line = /[Rr]esources(?: option default)?:?\s+(`[a-z_]+`(?:,\s*(?:and\s+)?`[a-z_]+`)*)/.exec(text);
  return line ? [...line[1]!.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!) : undefined;
}

interface Option {
  id: string;
  name: string;
  type: string;
  options?: Option[];
  [k: string]: unknown;
}
interface Kind {
  id: string;
  name: string;
  category: string;
  services: string[];
  resources: string[];
  options: Option[];
  removed?: string;
  [k: string]: unknown;
}

/** Every object in a JSON value, depth first. */
function* objects(value: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(value)) for (const v of value) yield* objects(v);
  else if (value !== null && typeof value === 'object') {
    yield value as Record<string, unknown>;
    for (const v of Object.values(value)) yield* objects(v);
  }
}

describe('GET /api/v1/presets', () => {
  let srv: TestServer;
  let res: ApiResponse<{ version: string; kinds: Kind[]; unsupported: unknown[] }>;
  let kinds: Kind[];

  beforeAll(async () => {
    srv = await startTestServer();
    res = await call(srv.url, 'GET', '/api/v1/presets');
    kinds = res.body.data.kinds;
  });
  afterAll(async () => srv?.close());

  it('a 200 envelope listing the 30 kinds of presets.md §8–§37, in order, with their names', () => {
    const data = expectOk(res, 200, 'Preset kinds');
    expect(data.version).toBe(USER_AGENT.slice('AIOStreams/'.length));
    expect(SECTIONS).toHaveLength(30);
    expect(kinds.map((k) => [k.id, k.name])).toEqual(SECTIONS.map((s) => [s.id, s.name]));
  });

  it('every kind has a category, services, resources and options with id, name and type', () => {
    const checkOption = (o: Option) => {
      expect(o.id, JSON.stringify(o)).toMatch(/\S/);
      expect(o.name, o.id).toMatch(/\S/);
      expect(OPTION_TYPES, o.id).toContain(o.type);
      if (o.type === 'subsection') for (const sub of o.options ?? []) checkOption(sub);
    };
    for (const kind of kinds) {
      expect(['streams', 'subtitles', 'catalogs', 'misc'], kind.id).toContain(kind.category);
      expect(Array.isArray(kind.services), kind.id).toBe(true);
      for (const s of kind.services) expect(SERVICES.map((x) => x.id as string), kind.id).toContain(s);
      expect(kind.resources.length, kind.id).toBeGreaterThan(0);
      for (const r of kind.resources) expect(RESOURCES, kind.id).toContain(r);
      expect(kind.options.length, kind.id).toBeGreaterThan(0);
      kind.options.forEach(checkOption);
      expect(new Set(kind.options.map((o) => o.id)).size, `${kind.id}: option ids unique`).toBe(kind.options.length);
    }
  });

  it('services and resources are those each kind section of presets.md lists', () => {
    let services = 0;
    let resources = 0;
    for (const section of SECTIONS) {
      const kind = kinds.find((k) => k.id === section.id)!;
      const s = specServices(section.text);
      if (s) {
        services++;
        expect(kind.services, section.id).toEqual(s);
      }
      const r = specResources(section.text);
      if (r) {
        resources++;
        expect(kind.resources, section.id).toEqual(r);
      }
    }
    // The spec's wording varies: make sure most sections were really compared.
    expect(services).toBeGreaterThanOrEqual(15);
    expect(resources).toBeGreaterThanOrEqual(25);
    // Kinds without a service: no "Services:" line to compare with.
    for (const id of ['webstreamr', 'nuvio-streams', 'opensubtitles', 'custom', 'tmdb-addon', 'subdl']) expect(kinds.find((k) => k.id === id)!.services).toEqual([]);
  });

  it('publishes no parse hints, and marks TorBox removed with its reason', () => {
    for (const o of objects(res.body.data)) expect(Object.keys(o)).not.toContain('parse');
    expect(res.text).not.toContain('"parse"');
    expect(kinds.find((k) => k.id === 'torbox')!.removed).toBe('TorBox addon is deprecated.');
    expect(kinds.filter((k) => k.removed).map((k) => k.id)).toEqual(['torbox']);
    // §38: kinds not built here are listed apart, with their status.
    expect(res.body.data.unsupported).toContainEqual(expect.objectContaining({ id: 'baguettio', name: 'Baguettio', status: 'planned' }));
  });

  it('ETag: If-None-Match with it → 304 without a body; another tag → 200', async () => {
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    for (const match of [etag!, `W/${etag}`, `"other", ${etag}`]) {
      const again = await fetch(`${srv.url}/api/v1/presets`, { headers: { 'if-none-match': match } });
      expect(again.status, match).toBe(304);
      expect(await again.text()).toBe('');
      expect(again.headers.get('etag')).toBe(etag);
    }
    const other = await call(srv.url, 'GET', '/api/v1/presets', { headers: { 'if-none-match': '"not-it"' } });
    expect(other.status).toBe(200);
    expect(other.text).toBe(res.text);
  });

  it('the OpenAPI document describes it, every $ref in it resolves, and the answer validates', async () => {
    const doc = (await call(srv.url, 'GET', '/api/v1/openapi.json')).body as Record<string, any>;
    const entry = doc.paths['/api/v1/presets']?.get;
    expect(entry).toBeDefined();
    expect(Object.keys(entry.responses).sort()).toEqual(['200', '304']);
    // A reference is a pointer into this document: each must land on something.
    const refs = [...objects(doc)].map((o) => o.$ref).filter((r): r is string => typeof r === 'string');
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const target = ref.slice(2).split('/').reduce<any>((node, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
      expect(target, ref).toBeDefined();
    }
    // The data part, compiled where it sits in the document so its references resolve there.
    // (OpenAPI 3.0 `nullable` without `type` in the envelope is not JSON Schema: ajv rejects it.)
    const ajv = new Ajv.default({ strict: false, validateFormats: false });
    ajv.addSchema(doc, 'openapi.json');
    const validate = ajv.getSchema('openapi.json#/paths/~1api~1v1~1presets/get/responses/200/content/application~1json/schema/properties/data')!;
    expect(validate(res.body.data), JSON.stringify(validate.errors)).toBe(true);
    // The schema has teeth: an option without its type is refused.
    const broken = structuredClone(res.body.data);
    delete (broken.kinds[0]!.options[0] as Partial<Option>).type;
    expect(validate(broken)).toBe(false);
  });
});
