import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  BACKENDS,
  basic,
  call,
  createUser,
  getUser,
  headUser,
  MINIMAL_CONFIG,
  taggedConfig,
  type ApiResponse,
} from '../helpers/api.js';
import { assertPostgresReachable } from '../helpers/services.js';
import { startTestServer, type Backend, type TestServer } from '../helpers/server.js';
import { expectError, expectOk } from './assertions.js';

const JSON_HEADERS = { 'content-type': 'application/json' };
const MINIMAL_JSON = JSON.stringify(MINIMAL_CONFIG);
const MIB = 1024 * 1024;

/** A create body (as text) whose config holds `filler` characters in an unknown key. */
const createBodyOfSize = (filler: number) =>
  `{"config":{"presets":[],"formatter":{"id":"prism"},"sortCriteria":{"global":[]},"filler":"${'f'.repeat(filler)}"},"password":"mypassword"}`;

/** A config (as text) with `depth` nested objects under an unknown key: built as text, JSON.stringify would overflow. */
const deepConfig = (depth: number) => `{"presets":[],"formatter":{"id":"prism"},"sortCriteria":{"global":[]},"deep":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
const deepArrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** Not a server fault: a 4xx in the envelope, with a message, no internals. */
function expectClientError(res: ApiResponse, status: number, code: string, message?: string | RegExp): void {
  expectError(res, status, code, message);
  expect(res.body.detail.length).toBeGreaterThan(10);
}

describe.each(BACKENDS)('bad input on %s', (backend: Backend) => {
  let srv: TestServer;
  let user: { uuid: string; token: string; password: string };
  const stored = taggedConfig('bad-input-original', { services: [{ id: 'realdebrid', credentials: { apiKey: 'k' } }] });
  let storedEtag: string | null;

  beforeAll(async () => {
    if (backend === 'postgres') await assertPostgresReachable();
    srv = await startTestServer({ backend });
    user = await createUser(srv.url, 'bad input password', stored);
    storedEtag = (await getUser(srv.url, user.uuid, user.token)).headers.get('etag');
  });
  afterAll(async () => srv?.close());

  /** Nothing half-written: the stored config and its version are exactly as before. */
  async function expectUnchanged(): Promise<void> {
    const res = await getUser(srv.url, user.uuid, user.token);
    expect(expectOk(res, 200, 'User details retrieved successfully').userData).toStrictEqual(stored);
    expect(res.headers.get('etag')).toBe(storedEtag);
  }

  const post = (rawBody: string | Buffer, headers: Record<string, string> = JSON_HEADERS) => call(srv.url, 'POST', '/api/v1/user', { rawBody, headers });
  const put = (rawBody: string | Buffer, headers: Record<string, string> = JSON_HEADERS) =>
    call(srv.url, 'PUT', '/api/v1/user', { rawBody, headers: { authorization: basic(user.uuid, user.token), ...headers } });
  const changePassword = (rawBody: string | Buffer, headers: Record<string, string> = JSON_HEADERS) =>
    call(srv.url, 'POST', '/api/v1/user/password', { rawBody, headers: { authorization: basic(user.uuid, user.password), ...headers } });

  describe('bodies that are not a JSON object', () => {
    const notJson: [string, string][] = [
      ['truncated JSON', '{"config": {"presets": ['],
      ['a trailing comma', '{"config": {}, "password": "abcdefgh",}'],
      ['single quotes', "{'config': {}, 'password': 'abcdefgh'}"],
      ['a bare word', 'hello'],
      ['NaN', '{"config": NaN}'],
      ['two objects', '{}{}'],
    ];
    it.each(notJson)('%s → 400 BAD_REQUEST "not valid JSON" (POST, PUT, password)', async (_name, body) => {
      expectClientError(await post(body), 400, 'BAD_REQUEST', 'Request body is not valid JSON');
      expectClientError(await put(body), 400, 'BAD_REQUEST', 'Request body is not valid JSON');
      expectClientError(await changePassword(body), 400, 'BAD_REQUEST', 'Request body is not valid JSON');
      await expectUnchanged();
    });

    const notObject: [string, string][] = [
      ['a JSON array', '[]'],
      ['a JSON array of the right objects', `[{"config": ${MINIMAL_JSON}, "password": "abcdefgh"}]`],
      ['a JSON string', '"hello"'],
      ['a JSON string holding JSON', JSON.stringify(JSON.stringify({ config: MINIMAL_CONFIG, password: 'abcdefgh' }))],
      ['null', 'null'],
      ['a number', '42'],
      ['a boolean', 'true'],
    ];
    it.each(notObject)('%s → 400 BAD_REQUEST "must be a JSON object" (POST, PUT, password)', async (_name, body) => {
      expectClientError(await post(body), 400, 'BAD_REQUEST', 'Request body must be a JSON object');
      expectClientError(await put(body), 400, 'BAD_REQUEST', 'Request body must be a JSON object');
      expectClientError(await changePassword(body), 400, 'BAD_REQUEST', 'Request body must be a JSON object');
      await expectUnchanged();
    });

    it('an empty body → 400 MISSING_REQUIRED_FIELDS', async () => {
      for (const body of ['', '   ', '\n']) {
        expectClientError(await post(body), 400, 'MISSING_REQUIRED_FIELDS', /body is required/);
        expectClientError(await put(body), 400, 'MISSING_REQUIRED_FIELDS', /body is required/);
      }
      expectClientError(await call(srv.url, 'POST', '/api/v1/user'), 400, 'MISSING_REQUIRED_FIELDS');
      await expectUnchanged();
    });
  });

  describe('wrong types and missing fields', () => {
    it('password: 123 → 400 BAD_REQUEST naming the field', async () => {
      for (const password of [123, true, null, ['abcdefgh'], { p: 'abcdefgh' }]) {
        const res = await post(JSON.stringify({ config: MINIMAL_CONFIG, password }));
        expectClientError(res, 400, 'BAD_REQUEST', /^password must be a string$/);
      }
    });

    it('config that is not an object ("x", [], 1, null) → 400 USER_INVALID_CONFIG on POST and PUT', async () => {
      for (const config of ['x', [], [MINIMAL_CONFIG], 1, null, true]) {
        expectClientError(await post(JSON.stringify({ config, password: 'abcdefgh' })), 400, 'USER_INVALID_CONFIG', 'config must be a JSON object');
        expectClientError(await put(JSON.stringify({ config })), 400, 'USER_INVALID_CONFIG', 'config must be a JSON object');
      }
      await expectUnchanged();
    });

    it('missing fields → 400 MISSING_REQUIRED_FIELDS listing them', async () => {
      expectClientError(await post('{}'), 400, 'MISSING_REQUIRED_FIELDS', 'Missing required fields: config, password');
      expectClientError(await post(JSON.stringify({ config: MINIMAL_CONFIG })), 400, 'MISSING_REQUIRED_FIELDS', 'Missing required fields: password');
      expectClientError(await post(JSON.stringify({ password: 'abcdefgh' })), 400, 'MISSING_REQUIRED_FIELDS', 'Missing required fields: config');
      expectClientError(await post(JSON.stringify({ Config: MINIMAL_CONFIG, Password: 'abcdefgh' })), 400, 'MISSING_REQUIRED_FIELDS', /config, password/);
      expectClientError(await put('{}'), 400, 'MISSING_REQUIRED_FIELDS', 'Missing required fields: config');
      expectClientError(await put(JSON.stringify({ userData: MINIMAL_CONFIG })), 400, 'MISSING_REQUIRED_FIELDS', 'Missing required fields: config');
      expectClientError(await changePassword('{}'), 400, 'MISSING_REQUIRED_FIELDS', 'Missing required fields: newPassword');
      await expectUnchanged();
    });

    it('a bad PUT with extra top-level fields still stores nothing', async () => {
      expectClientError(await put(JSON.stringify({ config: { presets: 'nope' }, password: 'ignored' })), 400, 'USER_INVALID_CONFIG');
      await expectUnchanged();
    });
  });

  describe('content type', () => {
    const body = JSON.stringify({ config: MINIMAL_CONFIG, password: 'abcdefgh' });

    it('no Content-Type → 415 UNSUPPORTED_MEDIA_TYPE', async () => {
      // A Buffer body makes fetch send no Content-Type at all.
      expectClientError(await post(Buffer.from(body), {}), 415, 'UNSUPPORTED_MEDIA_TYPE', /application\/json/);
      expectClientError(await put(Buffer.from(JSON.stringify({ config: MINIMAL_CONFIG })), {}), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expectClientError(await changePassword(Buffer.from('{"newPassword":"abcdefgh"}'), {}), 415, 'UNSUPPORTED_MEDIA_TYPE');
      await expectUnchanged();
    });

    it('text/plain, form and other non-JSON types → 415 UNSUPPORTED_MEDIA_TYPE, even with a JSON body', async () => {
      for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/octet-stream']) {
        expectClientError(await post(body, { 'content-type': type }), 415, 'UNSUPPORTED_MEDIA_TYPE', /application\/json/);
        expectClientError(await put(JSON.stringify({ config: MINIMAL_CONFIG }), { 'content-type': type }), 415, 'UNSUPPORTED_MEDIA_TYPE');
      }
      await expectUnchanged();
    });

    it('application/json with parameters and in any case is accepted', async () => {
      for (const type of ['application/json; charset=utf-8', 'application/json;charset=UTF-8', 'Application/JSON']) {
        expectOk(await post(body, { 'content-type': type }), 201, 'User was successfully created');
      }
    });
  });

  describe('size', () => {
    it('a body over the 1 MiB default → 413 PAYLOAD_TOO_LARGE in the envelope', async () => {
      const over = createBodyOfSize(MIB);
      expect(Buffer.byteLength(over)).toBeGreaterThan(MIB);
      expectClientError(await post(over), 413, 'PAYLOAD_TOO_LARGE', /too large/);
      expectClientError(await put(over), 413, 'PAYLOAD_TOO_LARGE', /too large/);
      expectClientError(await post(createBodyOfSize(3 * MIB)), 413, 'PAYLOAD_TOO_LARGE');
      await expectUnchanged();
    });

    it('a body just under 1 MiB is accepted and stored whole', async () => {
      const body = createBodyOfSize(MIB - 1024);
      expect(Buffer.byteLength(body)).toBeLessThan(MIB);
      const data = expectOk(await post(body), 201, 'User was successfully created');
      const got = expectOk(await getUser(srv.url, data.uuid, 'mypassword'), 200, 'User details retrieved successfully');
      expect(got.userData.filler).toBe('f'.repeat(MIB - 1024));
    });

    it('BODY_LIMIT lowers the limit', async () => {
      const small = await srv.restart({ BODY_LIMIT: '2048' });
      try {
        const over = createBodyOfSize(3000);
        expectClientError(await call(small.url, 'POST', '/api/v1/user', { rawBody: over, headers: JSON_HEADERS }), 413, 'PAYLOAD_TOO_LARGE');
        expectClientError(
          await call(small.url, 'PUT', '/api/v1/user', { rawBody: over, headers: { ...JSON_HEADERS, authorization: basic(user.uuid, user.token) } }),
          413,
          'PAYLOAD_TOO_LARGE',
        );
        expectOk(await call(small.url, 'POST', '/api/v1/user', { rawBody: createBodyOfSize(1000), headers: JSON_HEADERS }), 201, 'User was successfully created');
      } finally {
        await small.stop();
      }
      await expectUnchanged();
    });
  });

  describe('prototype pollution', () => {
    beforeEach(() => {
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    const poisoned: [string, string][] = [
      ['__proto__ at the top', `{"__proto__": {"polluted": true}, "config": ${MINIMAL_JSON}, "password": "abcdefgh"}`],
      ['__proto__ in the config', `{"config": {"presets": [], "formatter": {"id": "prism"}, "sortCriteria": {"global": []}, "__proto__": {"polluted": true}}, "password": "abcdefgh"}`],
      ['__proto__ deep in the config', `{"config": {"presets": [{"type": "x", "instanceId": "a", "enabled": true, "options": {"__proto__": {"polluted": true}}}], "formatter": {"id": "prism"}, "sortCriteria": {"global": []}}, "password": "abcdefgh"}`],
      ['constructor.prototype', `{"constructor": {"prototype": {"polluted": true}}, "config": ${MINIMAL_JSON}, "password": "abcdefgh"}`],
      ['escaped __proto__', `{"\\u005f_proto__": {"polluted": true}, "config": ${MINIMAL_JSON}, "password": "abcdefgh"}`],
    ];

    it.each(poisoned)('%s → 400 BAD_REQUEST naming the forbidden key; nothing polluted, nothing stored', async (_name, body) => {
      expectClientError(await post(body), 400, 'BAD_REQUEST', /forbidden key/);
      const putBody = body.replace(/"password": "abcdefgh"/, '"other": 1');
      expectClientError(await put(putBody), 400, 'BAD_REQUEST', /forbidden key/);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
      await expectUnchanged();
    });

    it('"constructor" and "prototype" as ordinary keys are fine', async () => {
      const config = { ...MINIMAL_CONFIG, constructor: 'just a string', prototype: { a: 1 } };
      const data = expectOk(await post(JSON.stringify({ config, password: 'abcdefgh' })), 201, 'User was successfully created');
      expect(expectOk(await getUser(srv.url, data.uuid, 'abcdefgh'), 200, 'User details retrieved successfully').userData).toStrictEqual(config);
    });
  });

  describe('deep nesting', () => {
    it('deeply nested configs are stored whole or refused with a 4xx, never a 5xx', async () => {
      for (const depth of [100, 1000, 2000, 3000, 10_000, 100_000]) {
        const res = await put(`{"config": ${deepConfig(depth)}}`);
        expect(res.status, `depth ${depth}: ${res.text.slice(0, 200)}`).toBeLessThan(500);
        if (res.status === 200) {
          const got = await getUser(srv.url, user.uuid, user.token, '?raw=true');
          expect(got.status).toBe(200);
          expect(got.text).toContain(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
          // Put the original back for the other tests.
          const restore = await call(srv.url, 'PUT', '/api/v1/user', { headers: { authorization: basic(user.uuid, user.token) }, body: { config: stored } });
          expect(restore.status).toBe(200);
          storedEtag = restore.headers.get('etag');
        } else {
          expectClientError(res, 400, 'USER_INVALID_CONFIG');
        }
      }
      // Deep enough that no sensible config is refused.
      expect((await put(`{"config": ${deepConfig(100)}}`)).status).toBe(200);
      const restore = await call(srv.url, 'PUT', '/api/v1/user', { headers: { authorization: basic(user.uuid, user.token) }, body: { config: stored } });
      storedEtag = restore.headers.get('etag');
      await expectUnchanged();
    });

    it('a deeply nested body that is not an object → 400, never 5xx', async () => {
      for (const depth of [1000, 100_000, 400_000]) {
        expectClientError(await post(deepArrays(depth)), 400, 'BAD_REQUEST');
        expectClientError(await put(deepArrays(depth)), 400, 'BAD_REQUEST');
      }
      const deepCreate = await post(`{"config": ${deepConfig(100_000)}, "password": "abcdefgh"}`);
      expectClientError(deepCreate, 400, 'USER_INVALID_CONFIG');
      await expectUnchanged();
    });
  });

  describe('odd requests elsewhere', () => {
    it('a very long or strange uuid in HEAD → 4xx', async () => {
      for (const uuid of ['x'.repeat(8000), '%00', '\u0000', '../', '"; drop table users; --', '🙂']) {
        const res = await headUser(srv.url, uuid);
        expect(res.status, uuid.slice(0, 20)).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }
      await expectUnchanged();
    });

    it('an unknown method or sub-route → 404 in the envelope', async () => {
      expectClientError(await call(srv.url, 'PATCH', '/api/v1/user', { body: { config: MINIMAL_CONFIG } }), 404, 'NOT_FOUND');
      expectClientError(await call(srv.url, 'GET', '/api/v1/user/nothing-here'), 404, 'NOT_FOUND');
      expectClientError(await call(srv.url, 'GET', '/api/v1/user/password'), 404, 'NOT_FOUND');
    });

    it('bad input never blocks the good: the user still works', async () => {
      await expectUnchanged();
      expectOk(await getUser(srv.url, user.uuid, user.password), 200, 'User details retrieved successfully');
    });
  });
});
