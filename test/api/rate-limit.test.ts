import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { basic, call, headUser, MINIMAL_CONFIG, type ApiResponse } from '../helpers/api.js';
import { assertRedisReachable, TEST_REDIS_URI } from '../helpers/services.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { expectError } from './assertions.js';

const LIMITED = { DISABLE_RATE_LIMITS: 'false', USER_API_RATE_LIMIT_MAX_REQUESTS: '3', USER_API_RATE_LIMIT_WINDOW: '60' };
const TRUSTING = { ...LIMITED, TRUSTED_PROXIES: '127.0.0.1/32' };
const REDIS_PREFIX = 'rl:user-api:';

/** An address no other run uses (10.x.y.z with random x, y, z), so leftover Redis keys never interfere. */
const uniqueIp = () => `10.${[...randomBytes(3)].join('.')}`;
const xff = (ip: string) => ({ 'x-forwarded-for': ip });

interface Answer {
  status: number;
  headers: Headers;
}

/** The headers every counted answer carries. */
function expectBudgetHeaders(res: Answer, remaining: number): void {
  expect(res.headers.get('ratelimit-limit')).toBe('3');
  expect(res.headers.get('ratelimit-remaining')).toBe(String(remaining));
  const reset = Number(res.headers.get('ratelimit-reset'));
  expect(Number.isInteger(reset)).toBe(true);
  expect(reset).toBeGreaterThan(0);
  expect(reset).toBeLessThanOrEqual(60);
}

/** A 429: status, Retry-After and RateLimit-* headers, and (where there is a body) the envelope. */
function expectLimited(res: Answer | ApiResponse, method: string): void {
  expect(res.status, method).toBe(429);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expectBudgetHeaders(res, 0);
  if ('body' in res && method !== 'HEAD') expectError(res, 429, 'RATE_LIMIT_EXCEEDED', /^Too many requests/);
}

describe('rate limit (in memory)', () => {
  const servers: TestServer[] = [];
  const start = async (env: Record<string, string>) => {
    const srv = await startTestServer({ env });
    servers.push(srv);
    return srv;
  };
  afterEach(async () => {
    while (servers.length) await servers.pop()!.close();
  });

  it('the 4th request of a window, on any route (HEAD included), is refused with 429 and the headers', async () => {
    const srv = await start(LIMITED);
    const created = await call(srv.url, 'POST', '/api/v1/user', { body: { config: MINIMAL_CONFIG, password: 'limited password' } });
    expect(created.status).toBe(201);
    expectBudgetHeaders(created, 2);
    const { uuid, encryptedPassword: token } = created.body.data;
    const auth = { authorization: basic(uuid, token) };

    const got = await call(srv.url, 'GET', '/api/v1/user', { headers: auth });
    expect(got.status).toBe(200);
    expectBudgetHeaders(got, 1);
    const head = await headUser(srv.url, uuid);
    expect(head.status).toBe(200);
    expectBudgetHeaders(head, 0);

    // The budget is spent: every route of the User API now answers 429, whatever the request.
    expectLimited(await headUser(srv.url, uuid), 'HEAD');
    expectLimited(await call(srv.url, 'GET', '/api/v1/user', { headers: auth }), 'GET');
    expectLimited(await call(srv.url, 'GET', '/api/v1/user?raw=true', { headers: auth }), 'GET');
    expectLimited(await call(srv.url, 'POST', '/api/v1/user', { body: { config: MINIMAL_CONFIG, password: 'limited password' } }), 'POST');
    expectLimited(await call(srv.url, 'PUT', '/api/v1/user', { headers: auth, body: { config: { ...MINIMAL_CONFIG, addonName: 'x' } } }), 'PUT');
    expectLimited(await call(srv.url, 'DELETE', '/api/v1/user', { headers: auth }), 'DELETE');
    expectLimited(await call(srv.url, 'POST', '/api/v1/user/password', { headers: auth, body: { newPassword: 'another one' } }), 'POST');
    // Bad requests count and are refused too: the limit comes before any parsing.
    expectLimited(await call(srv.url, 'POST', '/api/v1/user', { rawBody: '{not json', headers: { 'content-type': 'application/json' } }), 'POST');
    expectLimited(await call(srv.url, 'GET', '/api/v1/user'), 'GET');

    // Refused requests did nothing: a server without limits on the same data still finds the user unchanged.
    const open = await srv.restart({ DISABLE_RATE_LIMITS: 'true' });
    servers.push(open);
    const after = await call(open.url, 'GET', '/api/v1/user', { headers: auth });
    expect(after.status).toBe(200);
    expect(after.body.data.userData).toStrictEqual(MINIMAL_CONFIG);
    expect(after.headers.get('ratelimit-limit')).toBeNull();
  });

  it('routes outside the User API are not counted', async () => {
    const srv = await start(LIMITED);
    for (let i = 0; i < 3; i++) expect((await headUser(srv.url, crypto.randomUUID())).status).toBe(404);
    expectLimited(await headUser(srv.url, crypto.randomUUID()), 'HEAD');
    const health = await call(srv.url, 'GET', '/api/v1/health');
    expect(health.status).toBe(200);
    expect(health.body.success).toBe(true);
  });

  it('without TRUSTED_PROXIES, X-Forwarded-For does not change the bucket', async () => {
    const srv = await start(LIMITED);
    for (const [i, ip] of ['1.1.1.1', '2.2.2.2', '3.3.3.3'].entries()) {
      const res = await headUser(srv.url, crypto.randomUUID(), xff(ip));
      expect(res.status).toBe(404);
      expectBudgetHeaders(res, 2 - i);
    }
    expectLimited(await headUser(srv.url, crypto.randomUUID(), xff('4.4.4.4')), 'HEAD');
    expectLimited(await headUser(srv.url, crypto.randomUUID(), { 'x-forwarded-for': '5.5.5.5, 6.6.6.6', 'x-real-ip': '7.7.7.7', forwarded: 'for=8.8.8.8' }), 'HEAD');
    expectLimited(await headUser(srv.url, crypto.randomUUID()), 'HEAD');
  });

  it('with TRUSTED_PROXIES=127.0.0.1/32, distinct forwarded IPs get distinct budgets', async () => {
    const srv = await start(TRUSTING);
    const [a, b] = [uniqueIp(), uniqueIp()];
    for (let i = 0; i < 3; i++) expectBudgetHeaders(await headUser(srv.url, crypto.randomUUID(), xff(a)), 2 - i);
    expectLimited(await headUser(srv.url, crypto.randomUUID(), xff(a)), 'HEAD');
    expectLimited(await call(srv.url, 'GET', '/api/v1/user', { headers: xff(a) }), 'GET');

    // Another client behind the proxy has its own budget…
    const other = await headUser(srv.url, crypto.randomUUID(), xff(b));
    expect(other.status).toBe(404);
    expectBudgetHeaders(other, 2);
    // …and so has the proxy itself (no forwarded header).
    const direct = await headUser(srv.url, crypto.randomUUID());
    expect(direct.status).toBe(404);
    expectBudgetHeaders(direct, 2);

    // A client cannot escape by prepending addresses: the proxy appended the real one last.
    expectLimited(await headUser(srv.url, crypto.randomUUID(), xff(`9.9.9.9, ${a}`)), 'HEAD');
  });

  it('DISABLE_RATE_LIMITS=true counts nothing', async () => {
    const srv = await start({ ...LIMITED, DISABLE_RATE_LIMITS: 'true' });
    for (let i = 0; i < 10; i++) {
      const res = await headUser(srv.url, crypto.randomUUID());
      expect(res.status).toBe(404);
      expect(res.headers.get('ratelimit-limit')).toBeNull();
    }
  });
});

describe.runIf(TEST_REDIS_URI)('rate limit in Redis', () => {
  const redis = createClient({ url: TEST_REDIS_URI });
  const usedKeys: string[] = [];

  beforeAll(async () => {
    await assertRedisReachable();
    redis.on('error', () => undefined);
    await redis.connect();
  });
  afterAll(async () => {
    if (usedKeys.length) await redis.del(usedKeys);
    await redis.close();
  });

  /**
   * The server connects to Redis in the background: wait until its counts land in Redis, by
   * spending requests of a throw-away address until that address's key appears there.
   */
  async function waitForRedis(srv: TestServer): Promise<void> {
    const probe = uniqueIp();
    usedKeys.push(REDIS_PREFIX + probe);
    for (let attempt = 0; attempt < 200; attempt++) {
      await headUser(srv.url, crypto.randomUUID(), xff(probe));
      if (await redis.exists(REDIS_PREFIX + probe)) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('the server never counted in Redis');
  }

  it('two servers with the same REDIS_URI share one budget', async () => {
    const env = { ...TRUSTING, REDIS_URI: TEST_REDIS_URI! };
    const one = await startTestServer({ env });
    const two = await one.restart(env);
    try {
      await waitForRedis(one);
      await waitForRedis(two);
      const ip = uniqueIp();
      usedKeys.push(REDIS_PREFIX + ip);

      // Split across both servers: 3 allowed in total, then both refuse.
      const first = await headUser(one.url, crypto.randomUUID(), xff(ip));
      expectBudgetHeaders(first, 2);
      const second = await headUser(two.url, crypto.randomUUID(), xff(ip));
      expectBudgetHeaders(second, 1);
      const created = await call(one.url, 'POST', '/api/v1/user', { headers: xff(ip), body: { config: MINIMAL_CONFIG, password: 'redis password' } });
      expect(created.status).toBe(201);
      expectBudgetHeaders(created, 0);
      expectLimited(await headUser(two.url, created.body.data.uuid, xff(ip)), 'HEAD');
      expectLimited(await call(one.url, 'GET', '/api/v1/user', { headers: { ...xff(ip), authorization: basic(created.body.data.uuid, created.body.data.encryptedPassword) } }), 'GET');
      expectLimited(await call(two.url, 'POST', '/api/v1/user', { headers: xff(ip), body: { config: MINIMAL_CONFIG, password: 'redis password' } }), 'POST');

      // The count lives in Redis, with the window as its expiry.
      expect(Number(await redis.get(REDIS_PREFIX + ip))).toBe(6);
      const ttl = await redis.pTTL(REDIS_PREFIX + ip);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_000);

      // Another address is untouched, on either server.
      const other = uniqueIp();
      usedKeys.push(REDIS_PREFIX + other);
      expectBudgetHeaders(await headUser(two.url, crypto.randomUUID(), xff(other)), 2);
    } finally {
      await two.stop();
      await one.close();
    }
  });

  it('a server whose Redis is unreachable keeps serving and still limits in memory', async () => {
    const srv = await startTestServer({ env: { ...LIMITED, REDIS_URI: 'redis://127.0.0.1:1' } });
    try {
      const created = await call(srv.url, 'POST', '/api/v1/user', { body: { config: MINIMAL_CONFIG, password: 'no redis password' } });
      expect(created.status).toBe(201);
      expectBudgetHeaders(created, 2);
      const { uuid, encryptedPassword } = created.body.data;
      const got = await call(srv.url, 'GET', '/api/v1/user', { headers: { authorization: basic(uuid, encryptedPassword) } });
      expect(got.status).toBe(200);
      expect(got.body.data.userData).toStrictEqual(MINIMAL_CONFIG);
      expectBudgetHeaders(await headUser(srv.url, uuid), 0);
      expectLimited(await headUser(srv.url, uuid), 'HEAD');
      expectLimited(await call(srv.url, 'GET', '/api/v1/user', { headers: { authorization: basic(uuid, encryptedPassword) } }), 'GET');
    } finally {
      await srv.close();
    }
  });
});
