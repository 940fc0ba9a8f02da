/**
 * The configure page's DOM-free rules, checked against the server's own code where they mirror it:
 * the browser stand-ins for node:crypto and Buffer, the legacy migration, the expansion preview,
 * the plain-English issue texts (fed the server's real messages), the template checks (against the
 * formatter's parser and renderer), sort-key activity, filter conflicts and pasted addresses.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/schema.js';
import { compileTemplate } from '../../src/formatter/index.js';
import { buildCatalogue } from '../../src/presets/catalogue.js';
import { expandPresets } from '../../src/presets/expand.js';
import { importConfig, manifestUrlProblem, migrateLegacy, newConfig, normaliseManifestUrl } from '../../web/src/lib/config.js';
import { describePreview, previewExpansion } from '../../web/src/lib/expansion.js';
import { filterConflicts } from '../../web/src/lib/filters.js';
import { explainIssue, localIssues } from '../../web/src/lib/issues.js';
import { initialOptions, optionProblem, optionProblems } from '../../web/src/lib/preset-form.js';
import { materialiseServices, serviceRows } from '../../web/src/lib/service-rows.js';
import { keyStatus } from '../../web/src/lib/sorting.js';
import { checkTemplate, fieldCompletions, FIELD_NAMES, renderedProblems } from '../../web/src/lib/templates.js';
import { createHash as pageHash } from '../../web/src/shims/node-crypto.js';

const catalogue = buildCatalogue('test');
const kinds = new Map(catalogue.kinds.map((k) => [k.id, k]));
const kind = (id: string) => kinds.get(id)!;
const base = () => ({ presets: [] as unknown[], formatter: { id: 'prism' }, sortCriteria: { global: [] } });
const services = [
  { id: 'realdebrid', enabled: true, credentials: { apiKey: 'RDKEY' } },
  { id: 'torbox', enabled: true, credentials: { apiKey: 'TBKEY' } },
];

describe('browser stand-ins', () => {
  it('the page’s sha256 gives node:crypto’s hex digest (addon ids), multi-block and UTF-8 included', () => {
    for (const text of ['', 'RD', 'multi', 'p2p', 'x'.repeat(55), 'y'.repeat(56), 'z'.repeat(130), 'é🙂'.repeat(40)]) {
      expect(pageHash('sha256').update(text).digest('hex')).toBe(createHash('sha256').update(text).digest('hex'));
    }
  });
});

describe('legacy shapes are read as the server reads them', () => {
  const legacy = {
    ...base(),
    formatter: { id: 'custom', definition: { name: '{stream.resolution}', description: 'x' } },
    deduplicator: { multiGroupBehaviour: 'remove_uncached' },
    excludedEncodes: ['HEVC', 'H-OU'],
    preferredEncodes: ['H-SBS'],
    preferredVisualTags: ['DV'],
  };
  it('migrateLegacy gives what validateConfig stores', () => {
    const server = validateConfig(legacy);
    expect(server.ok).toBe(true);
    const page = structuredClone(legacy) as Record<string, unknown>;
    migrateLegacy(page);
    expect(page).toEqual(server.ok ? server.config : null);
  });
});

describe('expansion preview', () => {
  const config = {
    ...base(),
    services,
    presets: [
      { type: 'torrentio', instanceId: 'tio', enabled: true, options: { useMultipleInstances: true } },
      { type: 'comet', instanceId: 'cmt', enabled: true, options: { services: ['torbox'], includeP2P: true } },
      { type: 'mediafusion', instanceId: 'mf', enabled: true, options: {} },
      { type: 'opensubtitles', instanceId: 'os', enabled: true, options: {} },
      { type: 'torrentio', instanceId: 'off', enabled: false, options: {} },
      { type: 'comet', instanceId: 'bad', enabled: true, options: { services: ['alldebrid'] } },
    ],
  };
  const preview = previewExpansion(config);

  it('gives the server’s addons per entry, and its failures', () => {
    const server = expandPresets(config as never, { userAgent: 'x' });
    expect(preview.total).toBe(server.addons.length);
    for (const [i, entry] of preview.entries) {
      expect(entry.addons.map((a) => a.name)).toEqual(server.addons.filter((a) => a.presetIndex === i).map((a) => a.name));
    }
    expect(preview.entries.get(5)?.failure?.message).toBe(server.failures[0]!.message);
    expect(preview.entries.has(4)).toBe(false);
  });

  it('names the services behind each addon', () => {
    expect(describePreview(preview.entries.get(0)!)).toBe('2 addons: Real-Debrid · TorBox');
    expect(describePreview(preview.entries.get(1)!)).toBe('2 addons: TorBox · P2P');
    expect(describePreview(preview.entries.get(2)!)).toBe('1 addon: Real-Debrid + TorBox');
    expect(describePreview(preview.entries.get(3)!)).toBe('1 addon');
  });
});

describe('the preset form', () => {
  it('starts from every declared default', () => {
    expect(initialOptions(kind('torrentio'))).toEqual({ name: 'Torrentio', timeout: 7000, resources: ['stream', 'catalog', 'meta'], mediaTypes: [], useMultipleInstances: false });
  });

  it('says what is wrong with a value in words, for every option type', () => {
    const opt = (k: string, id: string) => kind(k).options.find((o) => o.id === id)!;
    expect(optionProblem(opt('torrentio', 'timeout'), 10)).toBe('Must be at least 1000.');
    expect(optionProblem(opt('torrentio', 'timeout'), 'abc')).toBe('Enter a number.');
    expect(optionProblem(opt('torrentio', 'timeout'), undefined)).toBeUndefined(); // required, with a default
    expect(optionProblem(opt('subdl', 'subDlApiKey'), '')).toBe('Required.');
    expect(optionProblem(opt('subdl', 'language'), [])).toBe('Required.');
    expect(optionProblem(opt('subdl', 'language'), ['EN', 'FR', 'DE', 'IT', 'ES', 'NL'])).toBe('Choose at most 5 values (6 chosen).');
    expect(optionProblem(opt('torrentio', 'providers'), ['nope'])).toBe('“nope” is not one of the choices.');
    expect(optionProblem(opt('subdl', 'hearingImpairment'), 'sometimes')).toBe('“sometimes” is not one of the choices.');
    expect(optionProblem(opt('torrentio', 'url'), 'not an address at all')).toMatch(/^Enter a full address/);
    expect(optionProblem(opt('torrentio', 'url'), 'stremio://mirror.example/manifest.json')).toBeUndefined();
    expect(optionProblem(opt('comet', 'includeP2P'), 'yes')).toBe('Must be on or off.');
    expect(optionProblems(kind('meteor').options, { yourMedia: { sources: 'torrent' } }).get('yourMedia.sources')).toBe('Must be a list of choices.');
  });
});

describe('issues in words', () => {
  const config = {
    ...base(),
    addonName: 'x'.repeat(400),
    excludedLanguages: ['Klingon'],
    excludedResolutions: ['720p', '4k'],
    excludedKeywords: Array.from({ length: 31 }, (_, i) => `k${i}`),
    services: [{ id: 'realdebrid', credentials: { apiKey: 5 } }],
    sortCriteria: { global: [{ key: 'nope', direction: 'desc' }] },
    presets: [
      { type: 'torrentio', instanceId: 'a', enabled: true, options: { name: 'My Torrentio', timeout: 10 } },
      { type: 'torrentio', instanceId: 'b', enabled: true, options: { providers: ['zz'] } },
    ],
  };
  const server = validateConfig(config);
  const explained = (server.ok ? [] : server.issues).map((i) => explainIssue(i, { config, kinds }));
  const text = (path: string) => explained.find((e) => e.path === path);

  it('every server message becomes a field name and a sentence, never an enum dump', () => {
    expect(text('presets.0.options.timeout')).toMatchObject({ where: 'Addon “My Torrentio” › Timeout (ms)', text: 'Must be at least 1000.' });
    expect(text('presets.1.options.providers')).toMatchObject({ where: 'Addon “Torrentio” › Providers', text: '“zz” is not one of its choices.' });
    expect(text('excludedLanguages.0')).toMatchObject({ where: 'Filters › Excluded languages, value 1', text: '“Klingon” is not a value the server knows.' });
    expect(text('excludedResolutions.1')?.text).toBe('“4k” is not a value the server knows.');
    expect(text('addonName')).toMatchObject({ where: 'Branding › Addon name', text: 'Too long: at most 300 characters (this has 400).' });
    expect(text('excludedKeywords')).toMatchObject({ where: 'Filters › Excluded keywords', text: 'At most 30 entries (this has 31).' });
    expect(text('services.0.credentials.apiKey')).toMatchObject({ where: 'Services › Real-Debrid › API key', text: 'Must be text, not a number.' });
    expect(text('sortCriteria.global.0.key')).toMatchObject({ where: 'Sorting › All streams (global) › criterion 1', text: '“nope” is not a value the server knows.' });
    for (const e of explained) {
      expect(e.text, e.message).not.toMatch(/expected one of|Invalid option|Too big|Too small|\|"/);
      expect(e.text.length, e.message).toBeLessThan(120);
    }
  });

  it('the older zod wording and the schema checker’s wording read the same', () => {
    const ctx = { config: { ...base(), presets: [{ type: 'custom', instanceId: 'c', enabled: true, options: { name: 'Lib', timeout: 10 } }] }, kinds };
    expect(explainIssue({ path: 'presets.0.options.timeout', message: 'Too small: expected number to be >=1000' }, ctx)).toMatchObject({ where: 'Addon “Lib” › Timeout (ms)', text: 'Must be at least 1000.' });
    expect(explainIssue({ path: 'presets.0.options.timeout', message: 'must be ≥ 1000' }, ctx).text).toBe('Must be at least 1000.');
  });

  it('the page finds what the server refuses on save, at the same paths', () => {
    const saveConfig = { ...base(), services: [{ id: 'torbox', enabled: false, credentials: { apiKey: 'k' } }], presets: [{ type: 'comet', instanceId: 'c', enabled: true, options: { services: ['torbox'] } }] };
    expect(localIssues(saveConfig, undefined)).toEqual([
      { path: 'presets.0.options.services', message: 'You have specified TorBox in your configuration for Comet, but it is not enabled or has missing credentials' },
    ]);
    // An import is checked for its shape only: credentials usually come after.
    expect(localIssues(saveConfig, undefined, undefined, 'shape')).toEqual([]);
  });
});

describe('template checks', () => {
  it('a template the page finds no problem in renders no error text on the server', () => {
    for (const t of ['{stream.resolution}', '{config.addonName} {service.shortName::exists["[{service.shortName}{service.cached["⚡"||"⏳"]}] "||""]}', '{?👤 {stream.seeders} ?}{tools.newLine}x']) {
      expect(checkTemplate(t), t).toEqual([]);
    }
  });

  it('says where a template breaks and what was meant', () => {
    expect(checkTemplate('Size: {stream.resolution')).toEqual([
      { index: 6, line: 1, column: 7, message: 'this { is never closed, so it prints as written', suggestion: '{stream.resolution}' },
    ]);
    expect(checkTemplate('a\n {stream.resoluton}')).toEqual([{ index: 3, line: 2, column: 2, message: 'stream.resoluton is not a field', suggestion: 'stream.resolution' }]);
    expect(checkTemplate('{stream.size::byts}')[0]).toMatchObject({ message: '::byts is not a modifier that works here', suggestion: '::bytes' });
    expect(checkTemplate('{stream.size :: bytes}')[0]).toMatchObject({ suggestion: '{stream.size::bytes}' });
    expect(checkTemplate('{?{stream.size}')[0]).toMatchObject({ message: 'this {? group is never closed with ?}, so it prints as written' });
    // The server indeed prints these as written or as an error text.
    expect(compileTemplate('{stream.resoluton}').render({ config: { addonName: '' }, addon: { name: '' }, stream: {} })).toBe('{invalid_expression(stream.resoluton)}');
  });

  it('modifiers that do not fit their value are found in the rendered output', () => {
    const rendered = compileTemplate('{stream.filename::bytes}').render({ config: { addonName: '' }, addon: { name: '' }, stream: { filename: 'a.mkv' } });
    expect(renderedProblems('x {stream.filename::bytes}', [rendered])).toEqual([{ index: 18, line: 1, column: 19, message: '::bytes does not work on text values' }]);
  });

  it('completes field names from the formatter’s own list', () => {
    expect(FIELD_NAMES).toEqual(expect.arrayContaining(['stream.resolution', 'service.cached', 'config.addonName', 'metadata.title', 'debug.json']));
    expect(fieldCompletions('x {stream.reso', 14)).toEqual({ from: 3, options: ['stream.resolution'] });
    expect(fieldCompletions('{Serv', 5)?.options).toEqual(['service.id', 'service.shortName', 'service.name', 'service.cached']);
    expect(fieldCompletions('no brace', 8)).toBeNull();
  });
});

describe('sort keys that do nothing say why', () => {
  it('follows the lists and data the config has', () => {
    const config = newConfig();
    expect(keyStatus(config, 'resolution').active).toBe(true);
    expect(keyStatus(config, 'releaseGroup')).toEqual({ active: false, reason: 'you have no preferred release groups yet', fixPath: 'preferredReleaseGroups', fixLabel: 'Add preferred release groups in Filters' });
    expect(keyStatus({ ...config, preferredReleaseGroups: ['FLUX'] }, 'releaseGroup').active).toBe(true);
    expect(keyStatus(config, 'age')).toMatchObject({ active: false, reason: 'no addon here reports a release’s age' });
    expect(keyStatus(config, 'service')).toMatchObject({ active: false, fixPath: 'services' });
    expect(keyStatus({ ...config, services }, 'service').active).toBe(true);
    expect(keyStatus(config, 'regexPatterns')).toMatchObject({ active: false, fixPath: 'preferredRegexPatterns' });
    expect(keyStatus(config, 'library')).toMatchObject({ active: false });
    expect(keyStatus({ ...config, presets: [{ type: 'custom', instanceId: 'a', enabled: true, options: { libraryAddon: true } }] }, 'library').active).toBe(true);
  });
});

describe('filter conflicts', () => {
  it('values excluded and also required or preferred', () => {
    const config = { excludedResolutions: ['720p'], requiredResolutions: ['720p', '1080p'], preferredResolutions: ['2160p', '720p'], excludedReleaseGroups: ['flux'], preferredReleaseGroups: ['FLUX'] };
    expect(filterConflicts(config, 'Resolutions')).toEqual([
      { value: '720p', moot: 'required' },
      { value: '720p', moot: 'preferred' },
    ]);
    expect(filterConflicts(config, 'ReleaseGroups', true)).toEqual([{ value: 'FLUX', moot: 'preferred' }]);
    expect(filterConflicts(config, 'ReleaseGroups')).toEqual([]);
  });
});

describe('services rows', () => {
  it('one row per service, the user’s first in their order; the first edit writes them all in that order', () => {
    const config: Record<string, unknown> = { services: [{ id: 'torbox', enabled: true, credentials: { apiKey: 'T' } }] };
    const rows = serviceRows(config);
    expect(rows).toHaveLength(18);
    expect(rows.map((r) => r.id).slice(0, 3)).toEqual(['torbox', 'realdebrid', 'alldebrid']);
    expect(rows.find((r) => r.id === 'nzbdav')!.keys).toEqual(['url', 'publicUrl', 'apiKey', 'username', 'password', 'aiostreamsAuth']);
    const list = materialiseServices(config);
    expect(list.map((s) => s.id)).toEqual(rows.map((r) => r.id));
    expect(list[0]).toEqual({ id: 'torbox', enabled: true, credentials: { apiKey: 'T' } });
    expect(list[1]).toEqual({ id: 'realdebrid', enabled: false, credentials: {} });
    // The server accepts the written list.
    expect(validateConfig({ ...base(), services: list }).ok).toBe(true);
  });
});

describe('pasted addresses', () => {
  it('stremio:// and scheme-less addresses are read as https; problems name the address', () => {
    expect(normaliseManifestUrl(' stremio://addon.example/x/manifest.json ')).toBe('https://addon.example/x/manifest.json');
    expect(normaliseManifestUrl('addon.example/manifest.json')).toBe('https://addon.example/manifest.json');
    expect(normaliseManifestUrl('127.0.0.1:7000/manifest.json')).toBe('https://127.0.0.1:7000/manifest.json');
    expect(normaliseManifestUrl('http://addon.example/manifest.json')).toBe('http://addon.example/manifest.json');
    expect(manifestUrlProblem('https://addon.example/stream.json')).toBe('https://addon.example/stream.json is not a Stremio manifest URL: it must end in /manifest.json');
    expect(manifestUrlProblem('https://exa mple/manifest.json')).toMatch(/^“https:\/\/exa mple\/manifest.json” is not an address/);
  });

  it('an import names only the kinds this server does not build', () => {
    const r = importConfig(JSON.stringify({ presets: [{ type: 'hdhub', instanceId: 'h', enabled: true, options: {} }] }), new Set(kinds.keys()));
    expect(r.notes.join(' ')).toMatch(/does not build \(hdhub\)/);
  });
});
