import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BACKENDS,
  basic,
  call,
  createUser,
  envelopeLength,
  getUser,
  headUser,
  MINIMAL_CONFIG,
  putUser,
  taggedConfig,
  TOKEN_RE,
  type ApiResponse,
} from '../helpers/api.js';
import { assertPostgresReachable } from '../helpers/services.js';
import { startTestServer, type Backend, type TestServer } from '../helpers/server.js';
import { expectError, expectOk } from './assertions.js';

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The token with the character at `pos` replaced by its neighbour in the base64url alphabet. */
function flipChar(token: string, pos: number): string {
  const c = token[pos]!;
  const flipped = B64URL[B64URL.indexOf(c) ^ 1]!;
  return token.slice(0, pos) + flipped + token.slice(pos + 1);
}

const authHeader = (value: string) => ({ headers: { authorization: value } });

/** What every failed authentication answers: status, headers that matter and body, exactly. */
function expectInvalidDetails(res: ApiResponse): void {
  expectError(res, 401, 'USER_INVALID_DETAILS', 'Invalid UUID or password');
  expect(res.headers.get('www-authenticate')).toMatch(/^Basic /);
}

describe.each(BACKENDS)('authentication on %s', (backend: Backend) => {
  let srv: TestServer;
  let user: { uuid: string; token: string; password: string };

  beforeAll(async () => {
    if (backend === 'postgres') await assertPostgresReachable();
    srv = await startTestServer({ backend });
    user = await createUser(srv.url, 'the right password', taggedConfig('auth-main'));
  });
  afterAll(async () => srv?.close());

  describe('failures look the same', () => {
    it('wrong password and unknown uuid: identical status, body and challenge on every authenticated route', async () => {
      const unknown = crypto.randomUUID();
      const routes: [string, string, unknown][] = [
        ['GET', '/api/v1/user', undefined],
        ['GET', '/api/v1/user?raw=true', undefined],
        ['PUT', '/api/v1/user', { config: MINIMAL_CONFIG }],
        ['DELETE', '/api/v1/user', undefined],
        ['POST', '/api/v1/user/password', { newPassword: 'another password' }],
      ];
      for (const [method, path, body] of routes) {
        const wrong = await call(srv.url, method, path, { headers: { authorization: basic(user.uuid, 'wrong password') }, body });
        const missing = await call(srv.url, method, path, { headers: { authorization: basic(unknown, 'wrong password') }, body });
        expectInvalidDetails(wrong);
        expectInvalidDetails(missing);
        expect(missing.text).toBe(wrong.text);
        expect(missing.headers.get('www-authenticate')).toBe(wrong.headers.get('www-authenticate'));
        expect(missing.headers.get('content-type')).toBe(wrong.headers.get('content-type'));
      }
      // Nothing was changed by the failed attempts.
      expect(expectOk(await getUser(srv.url, user.uuid, user.token), 200, 'User details retrieved successfully').userData).toStrictEqual(
        taggedConfig('auth-main'),
      );
    });

    it('a garbage uuid and a token-shaped wrong secret answer that same 401', async () => {
      const reference = await getUser(srv.url, user.uuid, 'wrong password');
      const other = await createUser(srv.url, 'other user password');
      for (const res of [
        await getUser(srv.url, 'not-a-uuid', 'wrong password'),
        await getUser(srv.url, '12345', user.password),
        await getUser(srv.url, crypto.randomUUID(), user.token),
        await getUser(srv.url, user.uuid, other.token),
      ]) {
        expectInvalidDetails(res);
        expect(res.text).toBe(reference.text);
      }
    });
  });

  describe('malformed credentials', () => {
    it('no Authorization header → 401 UNAUTHORIZED with a Basic challenge', async () => {
      for (const [method, path] of [
        ['GET', '/api/v1/user'],
        ['PUT', '/api/v1/user'],
        ['DELETE', '/api/v1/user'],
        ['POST', '/api/v1/user/password'],
      ] as const) {
        const res = await call(srv.url, method, path, method === 'GET' || method === 'DELETE' ? {} : { body: { config: MINIMAL_CONFIG, newPassword: 'whatever1' } });
        expectError(res, 401, 'UNAUTHORIZED');
        expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm="[^"]+"/);
      }
    });

    it('another scheme (Bearer, Digest, a bare token) → 401 UNAUTHORIZED with a Basic challenge', async () => {
      for (const header of [`Bearer ${user.token}`, 'Digest username="x"', user.token, `Token ${Buffer.from(`${user.uuid}:${user.password}`).toString('base64')}`]) {
        const res = await call(srv.url, 'GET', '/api/v1/user', authHeader(header));
        expectError(res, 401, 'UNAUTHORIZED');
        expect(res.headers.get('www-authenticate')).toMatch(/^Basic /);
      }
    });

    it('the scheme name is case-insensitive', async () => {
      const b64 = Buffer.from(`${user.uuid}:${user.password}`).toString('base64');
      for (const scheme of ['basic', 'BASIC', 'bAsIc']) {
        expectOk(await call(srv.url, 'GET', '/api/v1/user', authHeader(`${scheme} ${b64}`)), 200, 'User details retrieved successfully');
      }
    });

    it('bad base64 → 400 BAD_REQUEST, never 5xx', async () => {
      for (const encoded of ['!!!!', 'abc*def', 'a', '====', 'Zm9v\u00e9', `${Buffer.from(`${user.uuid}:${user.password}`).toString('base64')}!`]) {
        const res = await call(srv.url, 'GET', '/api/v1/user', authHeader(`Basic ${encoded}`));
        expectError(res, 400, 'BAD_REQUEST', /base64/);
      }
      expectError(await call(srv.url, 'GET', '/api/v1/user', authHeader('Basic')), 400, 'BAD_REQUEST');
      expectError(await call(srv.url, 'GET', '/api/v1/user', authHeader('Basic ')), 400, 'BAD_REQUEST');
    });

    it('credentials that are not UTF-8 → 400 BAD_REQUEST', async () => {
      const encoded = Buffer.concat([Buffer.from(`${user.uuid}:`), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x41, 0x42])]).toString('base64');
      expectError(await call(srv.url, 'GET', '/api/v1/user', authHeader(`Basic ${encoded}`)), 400, 'BAD_REQUEST', /UTF-8/);
    });

    it('no colon → 400 BAD_REQUEST', async () => {
      for (const text of [user.uuid, `${user.uuid}${user.password}`, 'nocolonatall']) {
        const res = await call(srv.url, 'GET', '/api/v1/user', authHeader(`Basic ${Buffer.from(text).toString('base64')}`));
        expectError(res, 400, 'BAD_REQUEST', /uuid:password/);
      }
    });

    it('an empty uuid or an empty password → 400 MISSING_REQUIRED_FIELDS', async () => {
      for (const text of [`:${user.password}`, `${user.uuid}:`, ':']) {
        const res = await call(srv.url, 'GET', '/api/v1/user', authHeader(`Basic ${Buffer.from(text).toString('base64')}`));
        expectError(res, 400, 'MISSING_REQUIRED_FIELDS');
      }
    });
  });

  describe('passwords', () => {
    const unusual: [string, string][] = [
      ['emoji', '🔐🦄🌈🎉🚀✨'],
      ['accents', 'Ça été très éprouvé, señor'],
      ['CJK', '密码是非常安全的パスワード비밀번호'],
      ['colons', 'a:b:c::d:'],
      ['leading colon and spaces', ':  spaced out  :'],
      ['a uuid-looking password', '00000000-0000-4000-8000-000000000000'],
      ['control-free punctuation', `!"#$%&'()*+,-./;<=>?@[\\]^_\`{|}~`],
    ];

    it.each(unusual)('a password with %s works, and a near miss does not', async (_name, password) => {
      const { uuid } = await createUser(srv.url, password, taggedConfig(password));
      const res = await getUser(srv.url, uuid, password);
      expect(expectOk(res, 200, 'User details retrieved successfully').userData).toStrictEqual(taggedConfig(password));
      expectInvalidDetails(await getUser(srv.url, uuid, [...password].slice(0, -1).join('')));
      expectInvalidDetails(await getUser(srv.url, uuid, `${password} `));
      // A repeated request (which may be served from the password cache) still checks the password.
      expectOk(await getUser(srv.url, uuid, password), 200, 'User details retrieved successfully');
      expectInvalidDetails(await getUser(srv.url, uuid, `${password}x`));
    });

    it('passwords of 1 KiB and more work (ASCII and multi-byte)', async () => {
      for (const password of ['p'.repeat(1024), 'q'.repeat(4000), '長'.repeat(400), '🔑'.repeat(300)]) {
        expect(Buffer.byteLength(password)).toBeGreaterThanOrEqual(1024);
        const { uuid } = await createUser(srv.url, password);
        expectOk(await getUser(srv.url, uuid, password), 200, 'User details retrieved successfully');
        expectInvalidDetails(await getUser(srv.url, uuid, password.slice(0, -1)));
      }
    });

    it('an absurdly long password is refused with a 400, not a 5xx', async () => {
      const res = await call(srv.url, 'POST', '/api/v1/user', { body: { config: MINIMAL_CONFIG, password: 'x'.repeat(100_000) } });
      expectError(res, 400, 'BAD_REQUEST', /password/);
    });

    it('two passwords that share their first 72+ bytes stay distinct', async () => {
      for (const prefixLength of [72, 73, 100, 1000]) {
        const prefix = 'x'.repeat(prefixLength);
        const a = await createUser(srv.url, `${prefix}A`);
        const b = await createUser(srv.url, `${prefix}B`);
        expectOk(await getUser(srv.url, a.uuid, `${prefix}A`), 200, 'User details retrieved successfully');
        expectInvalidDetails(await getUser(srv.url, a.uuid, `${prefix}B`));
        expectInvalidDetails(await getUser(srv.url, a.uuid, prefix));
        expectOk(await getUser(srv.url, b.uuid, `${prefix}B`), 200, 'User details retrieved successfully');
        expectInvalidDetails(await getUser(srv.url, b.uuid, `${prefix}A`));
      }
    });

    it('minimum length is 6 characters: shorter → 400 USER_NEW_PASSWORD_TOO_SHORT, 6 works', async () => {
      for (const password of ['', 'a', '12345', '🔐🔐🔐🔐🔐', 'éééée']) {
        const res = await call(srv.url, 'POST', '/api/v1/user', { body: { config: MINIMAL_CONFIG, password } });
        expectError(res, 400, 'USER_NEW_PASSWORD_TOO_SHORT', /6/);
      }
      for (const password of ['123456', '🔐🔐🔐🔐🔐🔐', 'éééééé']) {
        const { uuid } = await createUser(srv.url, password);
        expectOk(await getUser(srv.url, uuid, password), 200, 'User details retrieved successfully');
      }
    });
  });

  describe('encryptedPassword token', () => {
    it('is URL-safe and opens GET, PUT and DELETE', async () => {
      const u = await createUser(srv.url, 'token user pass');
      expect(u.token).toMatch(TOKEN_RE);
      expect(u.token).not.toContain('token user pass');
      const got = expectOk(await getUser(srv.url, u.uuid, u.token), 200, 'User details retrieved successfully');
      expect(got.encryptedPassword).toMatch(TOKEN_RE);
      expect(encodeURIComponent(got.encryptedPassword)).toBe(got.encryptedPassword);
      const put = expectOk(await putUser(srv.url, u.uuid, u.token, taggedConfig('via token')), 200, 'User updated successfully');
      expect(put.userData).toStrictEqual(taggedConfig('via token'));
      expect(expectOk(await getUser(srv.url, u.uuid, got.encryptedPassword), 200, 'User details retrieved successfully').userData).toStrictEqual(
        taggedConfig('via token'),
      );
      expectOk(await call(srv.url, 'DELETE', '/api/v1/user', authHeader(basic(u.uuid, got.encryptedPassword))), 200, 'User deleted successfully');
      expect((await headUser(srv.url, u.uuid)).status).toBe(404);
    });

    it("a token opens only its own user: A's token with B's uuid → 401", async () => {
      const a = await createUser(srv.url, 'password of a');
      const b = await createUser(srv.url, 'password of b');
      expectInvalidDetails(await getUser(srv.url, b.uuid, a.token));
      expectInvalidDetails(await putUser(srv.url, b.uuid, a.token, taggedConfig('hijack')));
      expectInvalidDetails(await call(srv.url, 'DELETE', '/api/v1/user', authHeader(basic(b.uuid, a.token))));
      expect(expectOk(await getUser(srv.url, b.uuid, b.token), 200, 'User details retrieved successfully').userData).toStrictEqual(MINIMAL_CONFIG);
    });

    it('a tampered token (one character changed, anywhere) → 401, never 5xx', async () => {
      const { token, uuid } = user;
      const positions = [0, 1, 2, 10, Math.floor(token.length / 2), token.length - 3, token.length - 2, token.length - 1];
      for (const pos of positions) {
        const tampered = flipChar(token, pos);
        expect(tampered).not.toBe(token);
        expectInvalidDetails(await getUser(srv.url, uuid, tampered));
      }
    });

    it('a truncated or extended token → 401, never 5xx', async () => {
      const { token, uuid } = user;
      for (const bad of [token.slice(0, -1), token.slice(0, -2), token.slice(0, token.length / 2), token.slice(1), `${token}A`, `${token}${token}`, token.replace(/./g, 'A')]) {
        expectInvalidDetails(await getUser(srv.url, uuid, bad));
      }
    });

    it('the user itself is unaffected by the bad tokens', async () => {
      expectOk(await getUser(srv.url, user.uuid, user.token), 200, 'User details retrieved successfully');
      expectOk(await getUser(srv.url, user.uuid, user.password), 200, 'User details retrieved successfully');
    });
  });

  describe('USER_API_ACCEPT_TOKEN=false', () => {
    it('refuses the token but accepts the password', async () => {
      const u = await createUser(srv.url, 'no tokens here', taggedConfig('no-token'));
      const strict = await srv.restart({ USER_API_ACCEPT_TOKEN: 'false' });
      try {
        expectInvalidDetails(await getUser(strict.url, u.uuid, u.token));
        expectInvalidDetails(await putUser(strict.url, u.uuid, u.token, MINIMAL_CONFIG));
        expectInvalidDetails(await call(strict.url, 'DELETE', '/api/v1/user', authHeader(basic(u.uuid, u.token))));
        const got = expectOk(await getUser(strict.url, u.uuid, u.password), 200, 'User details retrieved successfully');
        expect(got.userData).toStrictEqual(taggedConfig('no-token'));
        expectOk(await putUser(strict.url, u.uuid, u.password, taggedConfig('no-token-2')), 200, 'User updated successfully');
      } finally {
        await strict.stop();
      }
      // The default server still takes the token.
      expect(expectOk(await getUser(srv.url, u.uuid, u.token), 200, 'User details retrieved successfully').userData).toStrictEqual(
        taggedConfig('no-token-2'),
      );
    });
  });

  describe('aliases (ALIASED_CONFIGURATIONS)', () => {
    it('an alias works as HEAD ?uuid= and as the Basic username', async () => {
      const u = await createUser(srv.url, 'aliased password', taggedConfig('aliased'));
      const aliased = await srv.restart({ ALIASED_CONFIGURATIONS: `my-alias:${u.uuid}:${u.token}, other_alias:${crypto.randomUUID()}:${u.token}` });
      try {
        const head = await headUser(aliased.url, 'my-alias');
        expect(head.status).toBe(200);
        expect(head.headers.get('content-length')).toBe(envelopeLength('User exists', { uuid: u.uuid }));
        // An alias to a uuid that does not exist, and a name that is no alias.
        expect((await headUser(aliased.url, 'other_alias')).status).toBe(404);
        expect((await headUser(aliased.url, 'no-such-alias')).status).toBe(404);

        const viaPassword = await getUser(aliased.url, 'my-alias', u.password);
        expect(expectOk(viaPassword, 200, 'User details retrieved successfully').userData).toStrictEqual(taggedConfig('aliased'));
        expectOk(await getUser(aliased.url, 'my-alias', u.token), 200, 'User details retrieved successfully');
        const put = expectOk(await putUser(aliased.url, 'my-alias', u.token, taggedConfig('via alias')), 200, 'User updated successfully');
        expect(put.uuid).toBe(u.uuid);

        const wrong = await getUser(aliased.url, 'my-alias', 'wrong password');
        expectInvalidDetails(wrong);
        expect(wrong.text).toBe((await getUser(aliased.url, 'no-such-alias', 'wrong password')).text);
      } finally {
        await aliased.stop();
      }
      // Without the setting the alias means nothing.
      expect((await headUser(srv.url, 'my-alias')).status).toBe(404);
      expect(expectOk(await getUser(srv.url, u.uuid, u.password), 200, 'User details retrieved successfully').userData).toStrictEqual(
        taggedConfig('via alias'),
      );
    });
  });

  describe('POST /api/v1/user/password', () => {
    it('keeps the config; the old password and every old token stop working; the new ones work', async () => {
      const config = taggedConfig('password-change', { services: [{ id: 'torbox', credentials: { apiKey: 'tb-key' } }] });
      const u = await createUser(srv.url, 'old password 1', config);
      const tokenFromGet = expectOk(await getUser(srv.url, u.uuid, u.password), 200, 'User details retrieved successfully').encryptedPassword;

      const res = await call(srv.url, 'POST', '/api/v1/user/password', {
        headers: { authorization: basic(u.uuid, u.password) },
        body: { newPassword: 'new password 2' },
      });
      const data = expectOk(res, 200, 'Password changed successfully');
      expect(Object.keys(data)).toEqual(['encryptedPassword']);
      expect(data.encryptedPassword).toMatch(TOKEN_RE);
      expect(data.encryptedPassword).not.toBe(u.token);

      expectInvalidDetails(await getUser(srv.url, u.uuid, 'old password 1'));
      expectInvalidDetails(await getUser(srv.url, u.uuid, u.token));
      expectInvalidDetails(await getUser(srv.url, u.uuid, tokenFromGet));
      expectInvalidDetails(await putUser(srv.url, u.uuid, u.token, MINIMAL_CONFIG));

      expect(expectOk(await getUser(srv.url, u.uuid, 'new password 2'), 200, 'User details retrieved successfully').userData).toStrictEqual(config);
      const viaNewToken = await getUser(srv.url, u.uuid, data.encryptedPassword);
      expect(expectOk(viaNewToken, 200, 'User details retrieved successfully').userData).toStrictEqual(config);
      expect((await headUser(srv.url, u.uuid)).status).toBe(200);
    });

    it('refuses the token (a leaked install URL must not lock the owner out), and nothing changes', async () => {
      const u = await createUser(srv.url, 'first password', taggedConfig('token-change'));
      const res = await call(srv.url, 'POST', '/api/v1/user/password', { headers: { authorization: basic(u.uuid, u.token) }, body: { newPassword: 'second password' } });
      expectError(res, 401, 'USER_INVALID_DETAILS', /current password/);
      expectOk(await getUser(srv.url, u.uuid, 'first password'), 200, 'User details retrieved successfully');
      expectOk(await getUser(srv.url, u.uuid, u.token), 200, 'User details retrieved successfully');
    });

    it('with the current password: survives a restart, old password and token dead', async () => {
      const u = await createUser(srv.url, 'first password', taggedConfig('restart-change'));
      const res = await call(srv.url, 'POST', '/api/v1/user/password', { headers: { authorization: basic(u.uuid, u.password) }, body: { newPassword: 'second password' } });
      const { encryptedPassword } = expectOk(res, 200, 'Password changed successfully');
      const again = await srv.restart();
      try {
        expectInvalidDetails(await getUser(again.url, u.uuid, 'first password'));
        expectInvalidDetails(await getUser(again.url, u.uuid, u.token));
        expectOk(await getUser(again.url, u.uuid, 'second password'), 200, 'User details retrieved successfully');
        expect(expectOk(await getUser(again.url, u.uuid, encryptedPassword), 200, 'User details retrieved successfully').userData).toStrictEqual(
          taggedConfig('restart-change'),
        );
      } finally {
        await again.stop();
      }
    });

    it('a too-short new password → 400 USER_NEW_PASSWORD_TOO_SHORT and nothing changes', async () => {
      const u = await createUser(srv.url, 'keep this one');
      for (const newPassword of ['', 'short', '🔐🔐']) {
        const res = await call(srv.url, 'POST', '/api/v1/user/password', { headers: { authorization: basic(u.uuid, u.password) }, body: { newPassword } });
        expectError(res, 400, 'USER_NEW_PASSWORD_TOO_SHORT', /6/);
      }
      expectOk(await getUser(srv.url, u.uuid, 'keep this one'), 200, 'User details retrieved successfully');
      expectOk(await getUser(srv.url, u.uuid, u.token), 200, 'User details retrieved successfully');
    });

    it('a missing or mistyped newPassword → 400 and nothing changes', async () => {
      const u = await createUser(srv.url, 'keep this two');
      const post = (body: unknown) => call(srv.url, 'POST', '/api/v1/user/password', { headers: { authorization: basic(u.uuid, u.password) }, body });
      expectError(await post({}), 400, 'MISSING_REQUIRED_FIELDS', /newPassword/);
      expectError(await post({ password: 'new password' }), 400, 'MISSING_REQUIRED_FIELDS', /newPassword/);
      expectError(await post({ newPassword: 12345678 }), 400, 'BAD_REQUEST', /newPassword/);
      expectError(await post([]), 400, 'BAD_REQUEST');
      expectOk(await getUser(srv.url, u.uuid, 'keep this two'), 200, 'User details retrieved successfully');
    });
  });
});
