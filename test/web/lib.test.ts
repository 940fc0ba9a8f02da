/**
 * The page's DOM-free modules, checked against the server's own code: the regex rules against
 * validateUserRegex (RE2), the schema checker against ajv and validateConfig on the published
 * schema, and the export/import transforms.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { validateUserRegex } from '../../src/addon/pipeline/user-regex.js';
import { validateConfig } from '../../src/config/schema.js';
import { configJsonSchema } from '../../src/config/json-schema.js';
import { presetIssues } from '../../src/presets/validate.js';
import { buildCatalogue } from '../../src/presets/catalogue.js';
import * as pipelineEnums from '../../src/addon/pipeline/types.js';
import * as schemaEnums from '../../src/config/schema.js';
import { exportConfig, importConfig, newConfig, newInstanceId, setSizeWindow, sizeWindow, SIZE_NO_MAX } from '../../web/src/lib/config.js';
import { checkUserRegex } from '../../web/src/lib/regex.js';
import { checkSchema, type Schema } from '../../web/src/lib/schema-check.js';

describe('browser regex check agrees with the server (RE2)', () => {
  const patterns = [
    'HDCAM',
    '/\\bHDCAM\\b/i',
    '/remux/gi',
    '/x26[45]/n',
    '/(?<grp>FLUX|NTb)/',
    '[A-Z]{2,}',
    '/abc/q',
    '/abc/ii',
    '(unclosed',
    '/(?=lookahead)x/',
    '/(?!neg)x/i',
    '(?<=behind)x',
    '/(?<!nb)x/',
    '/(a)\\1/',
    '/(?<n>a)\\k<n>/',
    '[(?=]inside-class',
    '\\(?=escaped',
    '/a{2,3}?/',
    '',
    '/unterminated',
    '/[\\d]+/m',
  ];
  for (const p of patterns) {
    it(JSON.stringify(p), () => {
      const server = validateUserRegex(p);
      const page = checkUserRegex(p, true);
      expect(page.error === undefined, `server: ${server}, page: ${page.error}`).toBe(server === null);
    });
  }
  it('warns that n only matters in preferred patterns', () => {
    expect(checkUserRegex('/x/n').warning).toMatch(/preferred/);
    expect(checkUserRegex('/x/n', true).warning).toBeUndefined();
  });
});

/** What the server refuses on write: the config's shape, then its presets (kinds and options). */
function serverCheck(value: unknown): { ok: true } | { ok: false; issues: { path: string }[] } {
  const shape = validateConfig(value);
  if (!shape.ok) return shape;
  const issues = presetIssues(shape.config, { userAgent: 'test' });
  return issues.length ? { ok: false, issues } : { ok: true };
}

describe('browser schema check agrees with ajv and the server', () => {
  const schema = configJsonSchema() as Schema;
  const ajv = new Ajv2020.default({ strict: false, validateFormats: false });
  const validate = ajv.compile(schema as object);
  const base = () => ({ presets: [], formatter: { id: 'prism' }, sortCriteria: { global: [] } });
  const cases: Record<string, unknown> = {
    minimal: base(),
    newConfig: newConfig(),
    unknownKeys: { ...base(), proxy: { enabled: false }, somethingNew: [1, 2] },
    full: {
      ...base(),
      presets: [{ type: 'custom', instanceId: 'a1b', enabled: true, options: { name: 'X', manifestUrl: 'https://x.example/manifest.json', timeout: 4000, resources: ['stream'] } }],
      services: [{ id: 'realdebrid', enabled: true, credentials: { apiKey: 'k' } }],
      excludedResolutions: ['720p'],
      preferredLanguages: ['English', 'Multi'],
      size: { global: { movies: [0, 5e9] }, resolution: { '720p': { series: [1, 2] } } },
      formatter: { id: 'custom', definitions: { custom: { name: '{stream.resolution}', description: '' } } },
      sortCriteria: { global: [{ key: 'cached', direction: 'desc' }], series: [{ key: 'size', direction: 'asc' }] },
      addonLogo: 'https://example.com/logo.png',
    },
    missingFormatter: { presets: [], sortCriteria: { global: [] } },
    badEnum: { ...base(), excludedResolutions: ['4k'] },
    badSortKey: { ...base(), sortCriteria: { global: [{ key: 'nope', direction: 'desc' }] } },
    badTimeout: { ...base(), presets: [{ type: 'custom', instanceId: 'a', enabled: true, options: { name: 'X', manifestUrl: 'u', timeout: 10 } }] },
    dotInstanceId: { ...base(), presets: [{ type: 'custom', instanceId: 'a.b', enabled: true, options: { name: 'X', manifestUrl: 'u' } }] },
    customWithoutTemplates: { ...base(), formatter: { id: 'custom' } },
    nullValue: { ...base(), addonName: null },
    badSizePair: { ...base(), size: { global: { movies: [1] } } },
    badResolutionKey: { ...base(), size: { resolution: { '4k': { movies: [0, 1] } } } },
    wrongTypes: { ...base(), presets: {}, excludeUncached: 'yes' },
    badCredentials: { ...base(), services: [{ id: 'realdebrid', credentials: { apiKey: 5 } }] },
  };
  const VALID = new Set(['minimal', 'newConfig', 'unknownKeys', 'full']);
  for (const [name, value] of Object.entries(cases)) {
    it(name, () => {
      // Agreement alone would pass if all three began accepting everything.
      expect(serverCheck(value).ok, name).toBe(VALID.has(name));
      const mine = checkSchema(schema, value);
      expect(mine.length === 0, JSON.stringify(mine)).toBe(validate(value) === true);
      const server = serverCheck(value);
      // The schema cannot see everything the server checks (duplicate ids, addon count), but
      // whatever it rejects the server rejects too, and at a path the server also names.
      if (mine.length) {
        expect(server.ok).toBe(false);
        if (!server.ok) {
          const serverPaths = server.issues.map((i) => i.path);
          expect(mine.some((m) => serverPaths.some((p) => p === m.path || p.startsWith(`${m.path}.`) || m.path.startsWith(`${p}.`) || p === ''))).toBe(true);
        }
      } else {
        expect(server.ok, JSON.stringify(server)).toBe(true);
      }
    });
  }
});

describe('export and import', () => {
  const cfg = {
    ...newConfig(),
    uuid: 'should-go',
    services: [{ id: 'realdebrid', enabled: true, credentials: { apiKey: 'SECRET' } }],
    parentConfig: { uuid: '7f1c2a3b-0000-4000-8000-000000000000', password: 'parent-pw' },
    futureKey: { kept: true },
  };

  it('strips credential values and the parent password unless asked, never server-owned keys', () => {
    const out = exportConfig(cfg, false);
    expect(out.services).toEqual([{ id: 'realdebrid', enabled: true, credentials: { apiKey: '' } }]);
    expect(out.parentConfig).toEqual({ uuid: '7f1c2a3b-0000-4000-8000-000000000000' });
    expect(out.futureKey).toEqual({ kept: true });
    expect('uuid' in out).toBe(false);
    expect(JSON.stringify(out)).not.toContain('SECRET');
    expect(JSON.stringify(out)).not.toContain('parent-pw');
    const full = exportConfig(cfg, true);
    expect((full.services as any)[0].credentials.apiKey).toBe('SECRET');
    expect((full.parentConfig as any).password).toBe('parent-pw');
    // The source is never touched.
    expect(cfg.services[0]!.credentials.apiKey).toBe('SECRET');
  });

  it('imports bare configs, {config}, {userData} and API envelopes, dropping server-owned keys', () => {
    const bare = { presets: [], formatter: { id: 'gdrive' }, sortCriteria: { global: [] }, trusted: true, encryptedPassword: 'x' };
    for (const wrapped of [bare, { config: bare }, { userData: bare }, { success: true, data: { userData: bare, encryptedPassword: 'y' } }]) {
      const r = importConfig(JSON.stringify(wrapped));
      expect(r.config).toEqual({ presets: [], formatter: { id: 'gdrive' }, sortCriteria: { global: [] } });
      expect(r.notes.join(' ')).toMatch(/trusted, encryptedPassword|encryptedPassword, trusted/);
    }
    expect(() => importConfig('{nope')).toThrow(/not valid JSON/);
    expect(() => importConfig('[1,2]')).toThrow(/configuration object/);
  });

  it('imports an AIOStreams export: keeps every key and other preset kinds, fills what is missing, and names what to do', () => {
    const aio = {
      uuid: '11111111-2222-4333-8444-555555555555',
      trusted: false,
      presets: [
        { type: 'torrentio', instanceId: 'tio', enabled: true, options: { name: 'Torrentio', timeout: 7000, providers: ['yts'] } },
        { type: 'baguettio', instanceId: 'bag', enabled: false, options: {} },
        { type: 'custom', instanceId: 'c1', enabled: true, options: { name: 'Lib', manifestUrl: 'https://l.example/manifest.json', libraryAddon: 'undefined' } },
      ],
      services: [{ id: 'torbox', enabled: true, credentials: { apiKey: '' } }],
      formatter: { id: 'custom', definition: { name: '{stream.resolution}', description: '' } },
      groups: { enabled: false },
      statistics: { enabled: true },
      catalogModifications: [{ id: 'c1e3b0.top', enabled: true }],
    };
    const r = importConfig(JSON.stringify(aio), new Set(buildCatalogue('test').kinds.map((k) => k.id)));
    expect(r.config.presets).toEqual(aio.presets);
    // The legacy formatter shape is read as the server reads it.
    expect(r.config.formatter).toEqual({ id: 'custom', definitions: { custom: { name: '{stream.resolution}', description: '' } } });
    expect(r.config.groups).toEqual({ enabled: false });
    expect(r.config.catalogModifications).toEqual(aio.catalogModifications);
    expect(r.config.sortCriteria).toEqual({ global: [] });
    expect('uuid' in r.config).toBe(false);
    const notes = r.notes.join('\n');
    // Only the kinds this server does not build are named; torrentio is built.
    expect(notes).toMatch(/kinds this server does not build \(baguettio\)/);
    expect(notes).toMatch(/torbox/);
    // The server accepts it (legacy formatter.definition is migrated on its side).
    expect(validateConfig(r.config).ok).toBe(true);
  });

  it('size windows: GB-free helpers keep bytes and drop empty objects', () => {
    const c: Record<string, unknown> = { size: { resolution: { '720p': { movies: [0, 1] } } } };
    setSizeWindow(c, 'movies', 500_000_000, undefined);
    expect(c.size).toEqual({ resolution: { '720p': { movies: [0, 1] } }, global: { movies: [500_000_000, 0] } });
    expect(sizeWindow(c, 'movies')).toEqual({ min: 500_000_000, max: undefined });
    setSizeWindow(c, 'movies', undefined, undefined);
    expect(c.size).toEqual({ resolution: { '720p': { movies: [0, 1] } } });
    expect(sizeWindow({ size: { global: { series: [0, SIZE_NO_MAX] } } }, 'series')).toEqual({ min: undefined, max: undefined });
  });

  it('instance ids are short, dot-free and unique', () => {
    const taken = ['aaa'];
    let n = 0;
    const seq = [0, 0, 0, 0.5, 0.5, 0.5];
    const id = newInstanceId(taken, () => seq[n++ % seq.length]!);
    expect(id).not.toBe('aaa');
    expect(id).toMatch(/^[a-z0-9]{3}$/);
  });
});

describe('enum values', () => {
  it('the page reads the pipeline enums, which equal the config schema enums (config.md §5.2)', () => {
    for (const k of ['RESOLUTIONS', 'QUALITIES', 'ENCODES', 'VISUAL_TAGS', 'AUDIO_TAGS', 'LANGUAGES', 'STREAM_TYPES', 'SERVICE_IDS'] as const) {
      expect(pipelineEnums[k], k).toEqual(schemaEnums[k]);
    }
  });
});
