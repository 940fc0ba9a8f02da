import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, call, createUser } from '../helpers/api.js';
import { assertPostgresReachable, TEST_DATABASE_URI } from '../helpers/services.js';
import { startTestServer, type Backend, type TestServer } from '../helpers/server.js';

const backends: Backend[] = TEST_DATABASE_URI ? ['sqlite', 'postgres'] : ['sqlite'];

describe.each(backends)('User API round trip on %s', (backend) => {
  let srv: TestServer;
  beforeAll(async () => {
    if (backend === 'postgres') await assertPostgresReachable();
    srv = await startTestServer({ backend });
  });
  afterAll(async () => srv?.close());

  it('creates, reads with password and token, updates, deletes', async () => {
    const { uuid, token } = await createUser(srv.url);
    const head = await fetch(`${srv.url}/api/v1/user?uuid=${uuid}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    const got = await call(srv.url, 'GET', '/api/v1/user', { headers: { authorization: basic(uuid, 'correct horse') } });
    expect(got.status).toBe(200);
    expect(got.body.data.userData).toEqual({ presets: [], formatter: { id: 'prism' }, sortCriteria: { global: [] } });
    const viaToken = await call(srv.url, 'GET', '/api/v1/user', { headers: { authorization: basic(uuid, token) } });
    expect(viaToken.status).toBe(200);
    const put = await call(srv.url, 'PUT', '/api/v1/user', {
      headers: { authorization: basic(uuid, token), 'if-match': got.headers.get('etag')! },
      body: { config: { presets: [], formatter: { id: 'torrentio' }, sortCriteria: { global: [] }, addonName: 'Mine' } },
    });
    expect(put.status).toBe(200);
    expect(put.body.data.userData.addonName).toBe('Mine');
    const del = await call(srv.url, 'DELETE', '/api/v1/user', { headers: { authorization: basic(uuid, token) } });
    expect(del.body).toEqual({ success: true, detail: 'User deleted successfully', error: null, data: null });
    const gone = await call(srv.url, 'GET', '/api/v1/user', { headers: { authorization: basic(uuid, token) } });
    expect(gone.status).toBe(401);
  });
});
