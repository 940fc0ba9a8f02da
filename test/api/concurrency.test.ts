import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, basic, call, createUser, getUser, MINIMAL_CONFIG, putUser, taggedConfig } from '../helpers/api.js';
import { assertPostgresReachable } from '../helpers/services.js';
import { startTestServer, type Backend, type TestServer } from '../helpers/server.js';
import { expectError, expectOk } from './assertions.js';

/** 50 configs that differ in several places, and in size, so a torn write would show. */
const writerConfig = (i: number) =>
  taggedConfig(`writer-${i}`, {
    presets: Array.from({ length: i % 5 }, (_, k) => ({ type: 'torrentio', instanceId: `w${i}p${k}`, enabled: k % 2 === 0, options: { n: i } })),
    excludedResolutions: i % 2 ? ['480p'] : ['720p', '576p'],
    payload: `${i}:`.padEnd(100 + i * 97, String.fromCharCode(65 + (i % 26))),
    nested: { writer: i, list: Array.from({ length: i }, (_, k) => k) },
  });

const versionOf = (etag: string | null) => {
  const m = /^"(\d+)"$/.exec(etag ?? '');
  if (!m) throw new Error(`not a version ETag: ${etag}`);
  return Number(m[1]);
};

describe.each(BACKENDS)('concurrent writes on %s', (backend: Backend) => {
  let srv: TestServer;

  beforeAll(async () => {
    if (backend === 'postgres') await assertPostgresReachable();
    srv = await startTestServer({ backend });
  });
  afterAll(async () => srv?.close());

  it('50 concurrent PUTs: each answers 200 (or 409), and exactly one of them is stored, whole', async () => {
    const { uuid, token } = await createUser(srv.url, 'concurrent password');
    const startVersion = versionOf((await getUser(srv.url, uuid, token)).headers.get('etag'));
    const configs = Array.from({ length: 50 }, (_, i) => writerConfig(i));

    const results = await Promise.all(configs.map((config) => putUser(srv.url, uuid, token, config)));

    const succeeded: { index: number; version: number }[] = [];
    results.forEach((res, index) => {
      if (res.status === 409) {
        expectError(res, 409, 'CONFLICT');
        return;
      }
      const data = expectOk(res, 200, 'User updated successfully');
      expect(data).toStrictEqual({ uuid, userData: configs[index] });
      succeeded.push({ index, version: versionOf(res.headers.get('etag')) });
    });
    expect(succeeded.length).toBeGreaterThan(0);

    // Every successful write got its own version, one after another: none was lost or merged.
    const versions = succeeded.map((s) => s.version).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: succeeded.length }, (_, k) => startVersion + 1 + k));

    const final = await getUser(srv.url, uuid, token);
    const stored = expectOk(final, 200, 'User details retrieved successfully').userData;
    const matches = configs.filter((c) => isDeepStrictEqual(c, stored));
    expect(matches).toHaveLength(1);
    expect(stored).toStrictEqual(matches[0]);
    // …and it is the last write that landed.
    const last = succeeded.find((s) => s.version === versions.at(-1))!;
    expect(stored).toStrictEqual(configs[last.index]);
    expect(versionOf(final.headers.get('etag'))).toBe(versions.at(-1));
  });

  it('concurrent PUTs to different users do not interfere', async () => {
    const users = await Promise.all(Array.from({ length: 5 }, (_, i) => createUser(srv.url, `parallel user ${i}`)));
    const writes = users.flatMap((u, i) => Array.from({ length: 10 }, (_, k) => ({ u, config: writerConfig(i * 10 + k) })));
    const results = await Promise.all(writes.map(({ u, config }) => putUser(srv.url, u.uuid, u.token, config)));
    for (const res of results) expect([200, 409]).toContain(res.status);
    for (const [i, u] of users.entries()) {
      const stored = expectOk(await getUser(srv.url, u.uuid, u.token), 200, 'User details retrieved successfully').userData;
      const own = Array.from({ length: 10 }, (_, k) => writerConfig(i * 10 + k));
      expect(own.filter((c) => isDeepStrictEqual(c, stored))).toHaveLength(1);
    }
  });

  describe('If-Match', () => {
    it("GET's ETag → PUT succeeds; the now-stale ETag → 412 and the config is unchanged", async () => {
      const { uuid, token } = await createUser(srv.url, 'if-match password', taggedConfig('v1'));
      const got = await getUser(srv.url, uuid, token);
      const etag = got.headers.get('etag')!;

      const first = await putUser(srv.url, uuid, token, taggedConfig('v2'), { 'if-match': etag });
      expect(expectOk(first, 200, 'User updated successfully').userData).toStrictEqual(taggedConfig('v2'));
      const newEtag = first.headers.get('etag');
      expect(newEtag).not.toBe(etag);

      const stale = await putUser(srv.url, uuid, token, taggedConfig('v3'), { 'if-match': etag });
      expectError(stale, 412, 'PRECONDITION_FAILED', /If-Match/);

      const after = await getUser(srv.url, uuid, token);
      expect(expectOk(after, 200, 'User details retrieved successfully').userData).toStrictEqual(taggedConfig('v2'));
      expect(after.headers.get('etag')).toBe(newEtag);
    });

    it('If-Match: * succeeds', async () => {
      const { uuid, token } = await createUser(srv.url, 'star password');
      const res = await putUser(srv.url, uuid, token, taggedConfig('star'), { 'if-match': '*' });
      expect(expectOk(res, 200, 'User updated successfully').userData).toStrictEqual(taggedConfig('star'));
      const again = await putUser(srv.url, uuid, token, taggedConfig('star 2'), { 'if-match': '*' });
      expectOk(again, 200, 'User updated successfully');
    });

    it('a list of ETags matches when one of them is current; a weak ETag never matches', async () => {
      const { uuid, token } = await createUser(srv.url, 'list password', taggedConfig('l1'));
      const etag = (await getUser(srv.url, uuid, token)).headers.get('etag')!;
      expectError(await putUser(srv.url, uuid, token, taggedConfig('weak'), { 'if-match': `W/${etag}` }), 412, 'PRECONDITION_FAILED');
      expectError(await putUser(srv.url, uuid, token, taggedConfig('other'), { 'if-match': '"999999"' }), 412, 'PRECONDITION_FAILED');
      const res = await putUser(srv.url, uuid, token, taggedConfig('l2'), { 'if-match': `"999999", ${etag}` });
      expect(expectOk(res, 200, 'User updated successfully').userData).toStrictEqual(taggedConfig('l2'));
    });

    it('a malformed If-Match → 400 BAD_REQUEST and the config is unchanged', async () => {
      const { uuid, token } = await createUser(srv.url, 'malformed password', taggedConfig('m1'));
      const before = await getUser(srv.url, uuid, token);
      for (const header of ['garbage', '"unterminated', '1', '"abc"', ',', '"1" garbage', `${before.headers.get('etag')}x`]) {
        const res = await putUser(srv.url, uuid, token, taggedConfig('never'), { 'if-match': header });
        expectError(res, 400, 'BAD_REQUEST', /If-Match/);
      }
      const after = await getUser(srv.url, uuid, token);
      expect(after.body.data.userData).toStrictEqual(taggedConfig('m1'));
      expect(after.headers.get('etag')).toBe(before.headers.get('etag'));
    });

    it('20 concurrent PUTs with the same If-Match: exactly one wins, the others get 412', async () => {
      const { uuid, token } = await createUser(srv.url, 'race password', taggedConfig('race-0'));
      const etag = (await getUser(srv.url, uuid, token)).headers.get('etag')!;
      const configs = Array.from({ length: 20 }, (_, i) => writerConfig(i));
      const results = await Promise.all(configs.map((c) => putUser(srv.url, uuid, token, c, { 'if-match': etag })));
      const winners = results.flatMap((res, i) => (res.status === 200 ? [i] : []));
      expect(winners).toHaveLength(1);
      for (const [i, res] of results.entries()) if (i !== winners[0]) expectError(res, 412, 'PRECONDITION_FAILED');
      const stored = await getUser(srv.url, uuid, token);
      expect(stored.body.data.userData).toStrictEqual(configs[winners[0]!]);
      expect(versionOf(stored.headers.get('etag'))).toBe(versionOf(etag) + 1);
    });

    it('the ETag of a PUT answer can be used for the next PUT', async () => {
      const { uuid, token } = await createUser(srv.url, 'chain password');
      let etag = (await getUser(srv.url, uuid, token)).headers.get('etag')!;
      for (let i = 0; i < 5; i++) {
        const res = await putUser(srv.url, uuid, token, writerConfig(i), { 'if-match': etag });
        expectOk(res, 200, 'User updated successfully');
        etag = res.headers.get('etag')!;
      }
      expect((await getUser(srv.url, uuid, token)).body.data.userData).toStrictEqual(writerConfig(4));
    });
  });

  it('a DELETE racing PUTs leaves no half-deleted user', async () => {
    const { uuid, token } = await createUser(srv.url, 'delete race password');
    const puts = Array.from({ length: 10 }, (_, i) => putUser(srv.url, uuid, token, writerConfig(i)));
    const del = call(srv.url, 'DELETE', '/api/v1/user', { headers: { authorization: basic(uuid, token) } });
    const [delRes, ...putResults] = await Promise.all([del, ...puts]);
    expectOk(delRes, 200, 'User deleted successfully');
    for (const res of putResults) expect([200, 401, 409]).toContain(res.status);
    expect((await fetch(`${srv.url}/api/v1/user?uuid=${uuid}`, { method: 'HEAD' })).status).toBe(404);
    expectError(await getUser(srv.url, uuid, token), 401, 'USER_INVALID_DETAILS');
    expect((await putUser(srv.url, uuid, token, MINIMAL_CONFIG)).status).toBe(401);
  });
});
