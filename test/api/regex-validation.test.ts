/**
 * Regex lists are checked on write with the engine the stream pipeline runs (RE2): a pattern it
 * cannot compile used to be stored and then skipped silently on every request. Bad patterns,
 * too many patterns and too long patterns are a 400 USER_INVALID_CONFIG naming the entry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, call, createUser, getUser, MINIMAL_CONFIG, putUser, type ApiResponse } from '../helpers/api.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { expectError, expectOk } from './assertions.js';

type Issue = { path: string; message: string };
const issuesOf = (res: ApiResponse): Issue[] => (res.body.error?.issues ?? []) as Issue[];

/** A 400 whose issues include `path`, with the reason in the message too. */
function expectRejected(res: ApiResponse, path: string, why: RegExp): void {
  expectError(res, 400, 'USER_INVALID_CONFIG');
  const issue = issuesOf(res).find((i) => i.path === path);
  expect(issue, JSON.stringify(issuesOf(res))).toBeDefined();
  expect(issue!.message).toMatch(why);
  expect(res.body.detail).toContain(path);
}

describe('regex patterns are validated on write', () => {
  let srv: TestServer;
  let user: { uuid: string; token: string; password: string };

  const post = (config: unknown) => call(srv.url, 'POST', '/api/v1/user', { body: { config, password: 'regex secret' } });
  const put = (config: unknown) => putUser(srv.url, user.uuid, user.token, config);

  beforeAll(async () => {
    srv = await startTestServer();
    user = await createUser(srv.url, 'regex owner', MINIMAL_CONFIG);
  });
  afterAll(async () => srv?.close());

  it('POST: a lookahead (RE2 has none) is refused with its path', async () => {
    const res = await post({ ...MINIMAL_CONFIG, requiredRegexPatterns: ['(?=x)'] });
    expectRejected(res, 'requiredRegexPatterns.0', /invalid pattern/);
  });

  it('PUT: the same in every list, each with its own path; the stored config is unchanged', async () => {
    const before = await getUser(srv.url, user.uuid, user.token);
    for (const [config, path] of [
      [{ excludedRegexPatterns: ['/remux/i', '(?=x)'] }, 'excludedRegexPatterns.1'],
      [{ includedRegexPatterns: ['(a)\\1'] }, 'includedRegexPatterns.0'],
      [{ requiredRegexPatterns: ['(?=x)'] }, 'requiredRegexPatterns.0'],
      [{ preferredRegexPatterns: [{ name: 'ok', pattern: '/x/' }, { name: 'look', pattern: '/(?<!x)y/i' }] }, 'preferredRegexPatterns.1.pattern'],
      [{ requiredRegexPatterns: ['/remux/q'] }, 'requiredRegexPatterns.0'],
    ] as const) {
      expectRejected(await put({ ...MINIMAL_CONFIG, ...config }), path, /./);
    }
    const after = await getUser(srv.url, user.uuid, user.token);
    expect(after.body.data.userData).toStrictEqual(before.body.data.userData);
    expect(after.headers.get('etag')).toBe(before.headers.get('etag'));
  });

  it('a valid /remux/i (and the other forms) is accepted on POST and PUT, and stored as written', async () => {
    const config = {
      ...MINIMAL_CONFIG,
      requiredRegexPatterns: ['/remux/i'],
      excludedRegexPatterns: ['CAM|TS', '/\\bHDTS\\b/gi'],
      includedRegexPatterns: ['/web-?dl/iu'],
      preferredRegexPatterns: [{ name: 'not yts', pattern: '/yts/in' }],
    };
    const created = await post(config);
    expect(expectOk(created, 201, 'User was successfully created').uuid).toBeTypeOf('string');
    const updated = await put(config);
    expectOk(updated, 200, 'User updated successfully');
    const stored = await getUser(srv.url, user.uuid, user.token);
    expect(stored.body.data.userData).toMatchObject(config);
  });

  it('at most 50 patterns per list and 1,000 characters per pattern', async () => {
    const many = Array.from({ length: 51 }, (_, i) => `/group${i}/i`);
    expectRejected(await put({ ...MINIMAL_CONFIG, excludedRegexPatterns: many }), 'excludedRegexPatterns', /at most 50/);
    expectRejected(
      await put({ ...MINIMAL_CONFIG, preferredRegexPatterns: many.map((pattern, i) => ({ name: `p${i}`, pattern })) }),
      'preferredRegexPatterns',
      /at most 50/,
    );
    expectRejected(await post({ ...MINIMAL_CONFIG, includedRegexPatterns: ['a'.repeat(1001)] }), 'includedRegexPatterns.0', /1000 characters/);
    // Exactly at both bounds is fine.
    const atBounds = { ...MINIMAL_CONFIG, excludedRegexPatterns: [...many.slice(0, 49), 'a'.repeat(1000)] };
    expectOk(await put(atBounds), 200, 'User updated successfully');
  });

  it('still requires authentication first (an unauthenticated PUT is not validated)', async () => {
    const res = await call(srv.url, 'PUT', '/api/v1/user', {
      headers: { authorization: basic(user.uuid, 'wrong password') },
      body: { config: { ...MINIMAL_CONFIG, requiredRegexPatterns: ['(?=x)'] } },
    });
    expect(res.status).toBe(401);
  });
});
