import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BACKENDS,
  basic,
  call,
  createUser,
  envelopeLength,
  getUser,
  headUser,
  JSON_CONTENT_TYPE,
  MINIMAL_CONFIG,
  putUser,
  TOKEN_RE,
  UUID_RE,
} from '../helpers/api.js';
import { assertPostgresReachable, TEST_DATABASE_URI } from '../helpers/services.js';
import { startTestServer, type Backend, type TestServer } from '../helpers/server.js';
import { expectError, expectOk } from './assertions.js';

/**
 * An export of AIOStreams as it looks today: the keys this project validates, plus many it only
 * keeps (proxy, groups, catalog modifications, …) and some no version knows, nested at every level.
 */
function aiostreamsExport(marker: string) {
  return {
    presets: [
      {
        type: 'custom',
        instanceId: 'c1a',
        enabled: true,
        options: {
          name: 'My Addon',
          manifestUrl: 'https://addon.example.com/abc/manifest.json',
          timeout: 7000,
          resources: ['stream', 'catalog'],
          mediaTypes: [],
          libraryAddon: false,
          unknownOption: { nested: [1, 'two', { three: null }] },
        },
        category: 'streams',
        futurePresetKey: 'kept',
      },
      {
        type: 'torrentio',
        instanceId: 't0r',
        enabled: false,
        options: { name: 'Torrentio', timeout: 6500, services: ['realdebrid'], useMultipleInstances: false, providers: ['yts', 'eztv'] },
      },
      { type: 'comet', instanceId: 'c0m', enabled: true, options: { includeP2P: true, scrapeDebridAccountTorrents: false } },
    ],
    services: [
      { id: 'realdebrid', enabled: true, credentials: { apiKey: `RDKEY-${marker}` }, extraServiceKey: 1 },
      { id: 'torbox', enabled: false, credentials: {} },
    ],
    formatter: {
      id: 'custom',
      definitions: {
        custom: { name: '{stream.resolution::exists["{stream.resolution}"||"?"]}', description: '{stream.filename}', extra: true },
        overrides: { prism: { name: 'P', description: 'D' } },
        saved: { mine: { name: 'N', description: 'D' } },
      },
      formatterExtra: { a: [[]] },
    },
    sortCriteria: {
      global: [
        { key: 'cached', direction: 'desc' },
        { key: 'resolution', direction: 'desc', criterionExtra: 'x' },
      ],
      cached: [{ key: 'size', direction: 'asc' }],
      movies: [],
      someFutureList: [{ key: 'nope', direction: 'sideways' }],
    },
    excludedResolutions: ['480p', 'Unknown'],
    preferredQualities: ['BluRay REMUX', 'WEB-DL'],
    excludedVisualTags: ['3D'],
    requiredLanguages: ['English', 'Portuguese (Brazil)'],
    excludedKeywords: ['cam'],
    preferredRegexPatterns: [{ name: 'good', pattern: '(?i)remux', score: 10 }],
    excludeUncached: false,
    size: { global: { movies: [0, 50_000_000_000] }, resolution: { '2160p': { series: [1, 2] } } },
    deduplicator: { enabled: true, keys: ['filename', 'infoHash'], multiGroupBehaviour: 'aggressive', cached: 'per_addon', dedupExtra: {} },
    resultLimits: { global: 20, mode: 'independent' },
    addonName: 'AIOStreams',
    addonDescription: 'Mine, with ünïcødé and 日本語 and emoji 🎬',
    addonLogo: 'https://example.com/logo.png',
    hideErrors: false,
    hideErrorsForResources: ['catalog'],
    // Known to AIOStreams, only preserved here.
    proxy: { enabled: false, id: 'mediaflow', url: 'https://proxy.example.com', credentials: 'user:pass', publicIp: '', proxiedServices: ['realdebrid'] },
    groups: { enabled: true, groupings: [{ addons: ['c1a'], condition: 'true' }], behaviour: 'parallel' },
    dynamicAddonFetching: { enabled: true, condition: 'count(totalStreams) > 5' },
    serviceWrap: { enabled: false },
    rankedRegexPatterns: [{ pattern: 'x', name: 'y', score: -5 }],
    syncedRankedRegexUrls: ['https://example.com/regex.json'],
    excludedStreamExpressions: ['streams.filter(s => s.size < 1)'],
    bitrate: { global: { movies: [0, 100] } },
    excludeSeederRange: [0, 5],
    ageRangeTypes: ['usenet'],
    includeAgeRange: [0, 365],
    languageMatching: { enabled: true, addons: [] },
    tmdbAccessToken: `tmdb-${marker}`,
    rpdbApiKey: '',
    posterService: 'rpdb',
    catalogModifications: [{ id: 'c1ae3b0.top', type: 'movie', enabled: true, shuffle: false, rpdb: true, name: 'Top' }],
    mergedCatalogs: [],
    statistics: { enabled: false, position: 'bottom' },
    autoPlay: { enabled: true, attributes: ['resolution', 'quality'] },
    failover: { enabled: false },
    variants: [{ id: 'v1', name: 'Variant', overrides: { addonName: 'V' } }],
    appliedTemplates: ['tpl-1'],
    addonBackground: 'https://example.com/bg.jpg',
    // Unknown to every version.
    someFutureKey: { deeply: { nested: { list: [1, 2.5, -3e-7, true, false, null, '', {}, []] } } },
    emptyObject: {},
    emptyList: [],
    bigNumber: 12345678901234,
    unicodeKey_ключ: 'значение',
    'key with spaces and . dots': 'ok',
  };
}

const SERVER_OWNED = {
  uuid: '11111111-2222-3333-4444-555555555555',
  encryptedPassword: 'not-yours',
  trusted: true,
  ip: '203.0.113.7',
  activeVariants: ['v1'],
  variantSelectorLocation: 'top',
};

describe.each(BACKENDS)('User API routes on %s', (backend: Backend) => {
  let srv: TestServer;

  beforeAll(async () => {
    if (backend === 'postgres') await assertPostgresReachable();
    srv = await startTestServer({ backend });
  });
  afterAll(async () => srv?.close());

  describe('HEAD /api/v1/user', () => {
    it('answers 200 "User exists" with data.uuid for an existing user', async () => {
      const { uuid } = await createUser(srv.url);
      const res = await headUser(srv.url, uuid);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(JSON_CONTENT_TYPE);
      // A HEAD answer carries no body; its Content-Length is that of the GET-equivalent envelope.
      expect(res.headers.get('content-length')).toBe(envelopeLength('User exists', { uuid }));
      expect(await res.text()).toBe('');
    });

    it('accepts an upper-case uuid and reports the canonical one', async () => {
      const { uuid } = await createUser(srv.url);
      const res = await headUser(srv.url, uuid.toUpperCase());
      expect(res.status).toBe(200);
      expect(res.headers.get('content-length')).toBe(envelopeLength('User exists', { uuid }));
    });

    it('answers 404 for an unknown well-formed uuid and for a garbage uuid', async () => {
      for (const uuid of ['00000000-0000-4000-8000-000000000000', crypto.randomUUID(), 'garbage', '../../etc/passwd', 'x'.repeat(2000)]) {
        const res = await headUser(srv.url, uuid);
        expect(res.status, uuid).toBe(404);
        expect(res.headers.get('content-type')).toMatch(JSON_CONTENT_TYPE);
      }
    });

    it('answers 400 when the uuid is missing, empty or repeated', async () => {
      for (const query of ['', '?uuid=', '?other=1', `?uuid=${crypto.randomUUID()}&uuid=${crypto.randomUUID()}`]) {
        const res = await fetch(`${srv.url}/api/v1/user${query}`, { method: 'HEAD' });
        expect(res.status, query).toBe(400);
        expect(res.headers.get('content-type')).toMatch(JSON_CONTENT_TYPE);
      }
    });

    it('answers 404 after the user is deleted', async () => {
      const { uuid, token } = await createUser(srv.url);
      expect((await headUser(srv.url, uuid)).status).toBe(200);
      expectOk(await call(srv.url, 'DELETE', '/api/v1/user', { headers: { authorization: basic(uuid, token) } }), 200, 'User deleted successfully');
      expect((await headUser(srv.url, uuid)).status).toBe(404);
    });
  });

  describe('POST /api/v1/user', () => {
    it('answers 201 with the uuid and an encryptedPassword token, exactly as the spec', async () => {
      const res = await call(srv.url, 'POST', '/api/v1/user', { body: { config: MINIMAL_CONFIG, password: 'mypassword' } });
      const data = expectOk(res, 201, 'User was successfully created');
      expect(Object.keys(data).sort()).toEqual(['encryptedPassword', 'uuid']);
      expect(data.uuid).toMatch(UUID_RE);
      expect(data.encryptedPassword).toMatch(TOKEN_RE);
      expect(res.body.data.encryptedPassword).not.toContain('mypassword');
    });

    it('gives every user its own uuid and token, even with the same password and config', async () => {
      const a = await createUser(srv.url, 'same password');
      const b = await createUser(srv.url, 'same password');
      expect(a.uuid).not.toBe(b.uuid);
      expect(a.token).not.toBe(b.token);
    });

    it('accepts the smallest AIOStreams config', async () => {
      const raw = '{"config":{"presets":[],"formatter":{"id":"prism"},"sortCriteria":{"global":[]}},"password":"mypassword"}';
      const res = await call(srv.url, 'POST', '/api/v1/user', { rawBody: raw, headers: { 'content-type': 'application/json' } });
      const data = expectOk(res, 201, 'User was successfully created');
      const got = expectOk(await getUser(srv.url, data.uuid, 'mypassword'), 200, 'User details retrieved successfully');
      expect(got.userData).toStrictEqual(MINIMAL_CONFIG);
    });
  });

  describe('GET /api/v1/user', () => {
    it('answers the config and a token, with an ETag, exactly as the spec', async () => {
      const config = { ...MINIMAL_CONFIG, addonName: 'Read me' };
      const { uuid, password } = await createUser(srv.url, 'read-password', config);
      const res = await getUser(srv.url, uuid, password);
      const data = expectOk(res, 200, 'User details retrieved successfully');
      expect(Object.keys(data).sort()).toEqual(['encryptedPassword', 'userData']);
      expect(data.userData).toStrictEqual(config);
      expect(data.encryptedPassword).toMatch(TOKEN_RE);
      expect(res.headers.get('etag')).toMatch(/^"[^"]+"$/);
      expect(res.headers.get('cache-control')).toBe('no-store');
    });

    it('the token it answers opens the same user', async () => {
      const { uuid, password } = await createUser(srv.url);
      const first = expectOk(await getUser(srv.url, uuid, password), 200, 'User details retrieved successfully');
      const viaToken = expectOk(await getUser(srv.url, uuid, first.encryptedPassword), 200, 'User details retrieved successfully');
      expect(viaToken.userData).toStrictEqual(MINIMAL_CONFIG);
    });

    it('?raw=true answers the stored config (no parent here: the same config)', async () => {
      const config = { ...MINIMAL_CONFIG, addonName: 'Raw' };
      const { uuid, token } = await createUser(srv.url, 'raw-password', config);
      const raw = await getUser(srv.url, uuid, token, '?raw=true');
      expect(expectOk(raw, 200, 'User details retrieved successfully').userData).toStrictEqual(config);
      const merged = await getUser(srv.url, uuid, token);
      expect(raw.headers.get('etag')).toBe(merged.headers.get('etag'));
    });

    it('errors are JSON too: 401 without credentials', async () => {
      const res = await call(srv.url, 'GET');
      expectError(res, 401, 'UNAUTHORIZED');
      expect(res.headers.get('www-authenticate')).toMatch(/^Basic /);
    });
  });

  describe('PUT /api/v1/user', () => {
    it('answers {uuid, userData} with the stored config and a new ETag, and GET then answers it', async () => {
      const { uuid, token } = await createUser(srv.url);
      const before = await getUser(srv.url, uuid, token);
      const next = { ...MINIMAL_CONFIG, formatter: { id: 'torrentio' }, addonName: 'Updated' };
      const res = await putUser(srv.url, uuid, token, next);
      const data = expectOk(res, 200, 'User updated successfully');
      expect(data).toStrictEqual({ uuid, userData: next });
      const etag = res.headers.get('etag');
      expect(etag).toMatch(/^"[^"]+"$/);
      expect(etag).not.toBe(before.headers.get('etag'));
      const after = await getUser(srv.url, uuid, token);
      expect(expectOk(after, 200, 'User details retrieved successfully').userData).toStrictEqual(next);
      expect(after.headers.get('etag')).toBe(etag);
    });

    it('replaces the whole config: keys absent from the new one are gone', async () => {
      const { uuid, token } = await createUser(srv.url, 'replace-pass', { ...MINIMAL_CONFIG, addonName: 'Old', hideErrors: true, extra: 1 });
      expectOk(await putUser(srv.url, uuid, token, MINIMAL_CONFIG), 200, 'User updated successfully');
      const got = expectOk(await getUser(srv.url, uuid, token), 200, 'User details retrieved successfully');
      expect(got.userData).toStrictEqual(MINIMAL_CONFIG);
    });

    it('answers the stored (normalised) config, not the request verbatim', async () => {
      const { uuid, token } = await createUser(srv.url);
      // A legacy formatter shape is migrated; the answer shows what was stored.
      const legacy = { ...MINIMAL_CONFIG, formatter: { id: 'custom', definition: { name: 'n', description: 'd' } } };
      const res = await putUser(srv.url, uuid, token, legacy);
      const data = expectOk(res, 200, 'User updated successfully');
      expect(data.userData.formatter).toStrictEqual({ id: 'custom', definitions: { custom: { name: 'n', description: 'd' } } });
      const got = expectOk(await getUser(srv.url, uuid, token), 200, 'User details retrieved successfully');
      expect(got.userData).toStrictEqual(data.userData);
    });
  });

  describe('DELETE /api/v1/user', () => {
    it('answers exactly the spec envelope, and the user is gone for every route', async () => {
      const { uuid, password, token } = await createUser(srv.url);
      const res = await call(srv.url, 'DELETE', '/api/v1/user', { headers: { authorization: basic(uuid, password) } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(JSON_CONTENT_TYPE);
      expect(res.body).toStrictEqual({ success: true, detail: 'User deleted successfully', error: null, data: null });
      expect((await headUser(srv.url, uuid)).status).toBe(404);
      expectError(await getUser(srv.url, uuid, password), 401, 'USER_INVALID_DETAILS');
      expectError(await getUser(srv.url, uuid, token), 401, 'USER_INVALID_DETAILS');
      expectError(await putUser(srv.url, uuid, token, MINIMAL_CONFIG), 401, 'USER_INVALID_DETAILS');
      expectError(await call(srv.url, 'DELETE', '/api/v1/user', { headers: { authorization: basic(uuid, token) } }), 401, 'USER_INVALID_DETAILS');
    });

    it('deletes only that user', async () => {
      const a = await createUser(srv.url);
      const b = await createUser(srv.url);
      expectOk(await call(srv.url, 'DELETE', '/api/v1/user', { headers: { authorization: basic(a.uuid, a.token) } }), 200, 'User deleted successfully');
      expect(expectOk(await getUser(srv.url, b.uuid, b.token), 200, 'User details retrieved successfully').userData).toStrictEqual(MINIMAL_CONFIG);
    });
  });

  describe('content', () => {
    it('an AIOStreams export with many unknown keys round-trips verbatim through POST, GET and PUT', async () => {
      const exported = aiostreamsExport('m1');
      const { uuid, token } = await createUser(srv.url, 'export-password', exported);
      const got = expectOk(await getUser(srv.url, uuid, token), 200, 'User details retrieved successfully');
      expect(got.userData).toStrictEqual(exported);

      const changed = aiostreamsExport('m2');
      (changed.someFutureKey.deeply.nested.list as unknown[]).push({ added: 'later' });
      const put = expectOk(await putUser(srv.url, uuid, token, changed), 200, 'User updated successfully');
      expect(put.userData).toStrictEqual(changed);
      const again = expectOk(await getUser(srv.url, uuid, token, '?raw=true'), 200, 'User details retrieved successfully');
      expect(again.userData).toStrictEqual(changed);
    });

    it('drops server-owned keys on POST and on PUT', async () => {
      const { uuid, token } = await createUser(srv.url, 'owned-password', { ...MINIMAL_CONFIG, ...SERVER_OWNED, addonName: 'Kept' });
      const got = expectOk(await getUser(srv.url, uuid, token), 200, 'User details retrieved successfully');
      expect(got.userData).toStrictEqual({ ...MINIMAL_CONFIG, addonName: 'Kept' });

      const put = expectOk(await putUser(srv.url, uuid, token, { ...MINIMAL_CONFIG, ...SERVER_OWNED, addonName: 'Kept 2' }), 200, 'User updated successfully');
      expect(put.userData).toStrictEqual({ ...MINIMAL_CONFIG, addonName: 'Kept 2' });
      const again = expectOk(await getUser(srv.url, uuid, token), 200, 'User details retrieved successfully');
      expect(again.userData).toStrictEqual({ ...MINIMAL_CONFIG, addonName: 'Kept 2' });
      // A client cannot steer which user it is: the answer names the authenticated uuid.
      expect(put.uuid).toBe(uuid);
    });

    const invalid: [string, Record<string, unknown>, string, RegExp][] = [
      [
        'a duplicate instanceId',
        {
          ...MINIMAL_CONFIG,
          presets: [
            { type: 'torrentio', instanceId: 'dup', enabled: true, options: {} },
            { type: 'comet', instanceId: 'dup', enabled: true, options: {} },
          ],
        },
        'presets.1.instanceId',
        /duplicate/,
      ],
      ['an instanceId with a dot', { ...MINIMAL_CONFIG, presets: [{ type: 'x', instanceId: 'a.b', enabled: true, options: {} }] }, 'presets.0.instanceId', /\./],
      ['a null field', { ...MINIMAL_CONFIG, addonName: null }, 'addonName', /./],
      ['a null nested field', { ...MINIMAL_CONFIG, sortCriteria: { global: null } }, 'sortCriteria.global', /./],
      ['a null required section', { ...MINIMAL_CONFIG, formatter: null }, 'formatter', /./],
      ['a missing required section', { presets: [], formatter: { id: 'prism' } }, 'sortCriteria', /./],
      ['the custom formatter without definitions', { ...MINIMAL_CONFIG, formatter: { id: 'custom' } }, 'formatter.definitions.custom', /custom/],
      ['an unknown formatter id', { ...MINIMAL_CONFIG, formatter: { id: 'nope' } }, 'formatter.id', /./],
      [
        'a custom preset without manifestUrl',
        { ...MINIMAL_CONFIG, presets: [{ type: 'custom', instanceId: 'c', enabled: true, options: { name: 'n' } }] },
        'presets.0.options.manifestUrl',
        /^The value for option 'Manifest URL' in preset 'Custom' is invalid: Error: Option manifestUrl is required/,
      ],
      ['a wrong enum value in a filter list', { ...MINIMAL_CONFIG, excludedResolutions: ['1080p', '9000p'] }, 'excludedResolutions.1', /./],
      ['a wrong type', { ...MINIMAL_CONFIG, excludeUncached: 'yes' }, 'excludeUncached', /./],
    ];

    it.each(invalid)('rejects %s on POST with 400 USER_INVALID_CONFIG naming the path', async (_name, config, fieldPath, why) => {
      const res = await call(srv.url, 'POST', '/api/v1/user', { body: { config, password: 'mypassword' } });
      expectError(res, 400, 'USER_INVALID_CONFIG');
      const issues = res.body.error!.issues as { path: string; message: string }[];
      expect(issues.map((i) => i.path)).toContain(fieldPath);
      const issue = issues.find((i) => i.path === fieldPath)!;
      expect(issue.message).toMatch(why);
      // The path is named in the message, except for preset problems, which are worded as
      // AIOStreams words them (presets.md §1) and name the preset and the option themselves.
      if (fieldPath.includes('.options.')) expect(res.body.detail).toBe(issue.message);
      else expect(res.body.detail).toContain(fieldPath);
    });

    it.each(invalid)('rejects %s on PUT with 400 USER_INVALID_CONFIG, leaving the config as it was', async (_name, config, fieldPath) => {
      const stored = { ...MINIMAL_CONFIG, addonName: 'Untouched' };
      const { uuid, token } = await createUser(srv.url, 'invalid-put', stored);
      const before = await getUser(srv.url, uuid, token);
      const res = await putUser(srv.url, uuid, token, config);
      expectError(res, 400, 'USER_INVALID_CONFIG');
      expect((res.body.error!.issues as { path: string }[]).map((i) => i.path)).toContain(fieldPath);
      const after = await getUser(srv.url, uuid, token);
      expect(after.body.data.userData).toStrictEqual(stored);
      expect(after.headers.get('etag')).toBe(before.headers.get('etag'));
    });

    it('reports every problem of a config at once', async () => {
      const res = await call(srv.url, 'POST', '/api/v1/user', {
        body: { config: { presets: [], formatter: { id: 'custom' }, sortCriteria: { global: [] }, addonName: null, excludeUncached: 1 }, password: 'mypassword' },
      });
      expectError(res, 400, 'USER_INVALID_CONFIG');
      const paths = (res.body.error!.issues as { path: string }[]).map((i) => i.path).sort();
      expect(paths).toEqual(['addonName', 'excludeUncached', 'formatter.definitions.custom']);
      expect(res.body.detail).toMatch(/and 2 more/);
    });
  });

  describe('restart', () => {
    it('keeps users, passwords, tokens and the SECRET_KEY file across a restart', async () => {
      const first = await startTestServer({ backend });
      let second: TestServer | undefined;
      try {
        expect(first.settings.secretKeyGenerated).toBe(true);
        const keyFile = path.join(first.settings.dataDir, 'secret.key');
        const keyBefore = readFileSync(keyFile, 'utf8');
        expect(statSync(keyFile).mode & 0o777).toBe(0o600);

        const exported = aiostreamsExport('restart');
        const { uuid, password, token } = await createUser(first.url, 'persist-me', exported);
        const putRes = await putUser(first.url, uuid, token, { ...exported, addonName: 'After PUT' });
        const etag = putRes.headers.get('etag');
        await first.stop();

        second = await first.restart();
        expect(second.settings.secretKeyGenerated).toBe(false);
        expect(readFileSync(keyFile, 'utf8')).toBe(keyBefore);
        expect(second.settings.secretKey.equals(first.settings.secretKey)).toBe(true);

        expect((await headUser(second.url, uuid)).status).toBe(200);
        const viaPassword = await getUser(second.url, uuid, password);
        expect(expectOk(viaPassword, 200, 'User details retrieved successfully').userData).toStrictEqual({ ...exported, addonName: 'After PUT' });
        expect(viaPassword.headers.get('etag')).toBe(etag);
        const viaToken = await getUser(second.url, uuid, token);
        expect(expectOk(viaToken, 200, 'User details retrieved successfully').userData).toStrictEqual({ ...exported, addonName: 'After PUT' });
        expectError(await getUser(second.url, uuid, 'wrong password'), 401, 'USER_INVALID_DETAILS');
      } finally {
        await second?.stop();
        await first.close();
      }
    });
  });
});

describe.runIf(TEST_DATABASE_URI)('PostgreSQL storage', () => {
  beforeAll(assertPostgresReachable);

  it('keeps each server in its own schema', async () => {
    const a = await startTestServer({ backend: 'postgres' });
    const b = await startTestServer({ backend: 'postgres' });
    try {
      const { uuid, token } = await createUser(a.url);
      expect((await headUser(a.url, uuid)).status).toBe(200);
      expect((await headUser(b.url, uuid)).status).toBe(404);
      const client = new pg.Client({ connectionString: a.settings.databaseUri });
      await client.connect();
      try {
        const { rows } = await client.query('select uuid from users');
        expect(rows).toEqual([{ uuid }]);
      } finally {
        await client.end();
      }
      expect((await getUser(a.url, uuid, token)).status).toBe(200);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
