import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kdfStats } from '../../src/crypto/password.js';
import { basic, call, createUser } from '../helpers/api.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** Which requests pay for Argon2id (counted, not timed: the server runs in this process). */
describe('KDF cost by path', () => {
  let srv: TestServer;
  let user: { uuid: string; token: string; password: string };
  beforeAll(async () => {
    srv = await startTestServer();
    user = await createUser(srv.url, 'kdf path secret');
  });
  afterAll(async () => srv?.close());

  const get = (secret: string, uuid = user.uuid) => call(srv.url, 'GET', '/api/v1/user', { headers: { authorization: basic(uuid, secret) } });

  it('a token never runs it', async () => {
    const before = kdfStats.runs;
    for (let i = 0; i < 20; i++) expect((await get(user.token)).status).toBe(200);
    expect(kdfStats.runs).toBe(before);
  });

  it('a repeated raw password skips it through the in-process cache', async () => {
    // The password was cached at creation.
    const before = kdfStats.runs;
    for (let i = 0; i < 20; i++) expect((await get(user.password)).status).toBe(200);
    expect(kdfStats.runs).toBe(before);
  });

  it('a wrong password and an unknown uuid each pay one full run', async () => {
    let before = kdfStats.runs;
    expect((await get('wrong password')).status).toBe(401);
    expect(kdfStats.runs).toBe(before + 1);
    before = kdfStats.runs;
    expect((await get('wrong password')).status).toBe(401);
    expect(kdfStats.runs).toBe(before + 1);
    before = kdfStats.runs;
    expect((await get('whatever', '00000000-0000-4000-8000-000000000000')).status).toBe(401);
    expect(kdfStats.runs).toBe(before + 1);
  });
});
