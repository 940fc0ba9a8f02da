import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { basic, call, createUser, getUser, headUser, MINIMAL_CONFIG } from '../helpers/api.js';
import { ensureBuilt, killChildren, removeTempDirs, spawnServer, startChild, stopChild, tempDir } from '../helpers/child-server.js';
import { assertPostgresReachable, freshPostgresUri, TEST_DATABASE_URI } from '../helpers/services.js';

beforeAll(() => {
  ensureBuilt();
}, 180_000);

afterEach(killChildren);
afterAll(removeTempDirs);

describe('the compiled server as a process', () => {
  it('starts on a fresh DATA_DIR, answers, and exits 0 on SIGTERM', async () => {
    const dataDir = tempDir();
    const { child, url } = await startChild({ DATA_DIR: dataDir });
    expect((await headUser(url, crypto.randomUUID())).status).toBe(404);
    const health = await call(url, 'GET', '/api/v1/health');
    expect(health.status).toBe(200);
    const { uuid, password, token } = await createUser(url, 'process password');
    expect((await getUser(url, uuid, password)).status).toBe(200);
    expect((await getUser(url, uuid, token)).status).toBe(200);
    expect(existsSync(path.join(dataDir, 'db.sqlite'))).toBe(true);
    expect(await stopChild(child)).toBe(0);
    expect(child.lines.some((l) => l.msg === 'draining in-flight requests, then closing')).toBe(true);
    expect(child.stdout()).not.toContain('process password');
    expect(child.stdout()).not.toContain(token);
  });

  const badSettings: [Record<string, string>, string][] = [
    [{ SECRET_KEY: 'xyz' }, 'SECRET_KEY'],
    [{ SECRET_KEY: 'ab'.repeat(31) }, 'SECRET_KEY'],
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URI: 'mysql://localhost/db' }, 'DATABASE_URI'],
    [{ REDIS_URI: 'http://localhost:6379' }, 'REDIS_URI'],
    [{ BASE_URL: 'not a url' }, 'BASE_URL'],
    [{ TRUSTED_PROXIES: 'not-an-ip' }, 'TRUSTED_PROXIES'],
    [{ ALIASED_CONFIGURATIONS: 'broken-entry' }, 'ALIASED_CONFIGURATIONS'],
    [{ DISABLE_RATE_LIMITS: 'maybe' }, 'DISABLE_RATE_LIMITS'],
    [{ USER_API_RATE_LIMIT_WINDOW: '1.5' }, 'USER_API_RATE_LIMIT_WINDOW'],
    [{ USER_API_RATE_LIMIT_MAX_REQUESTS: '0' }, 'USER_API_RATE_LIMIT_MAX_REQUESTS'],
    [{ USER_API_ACCEPT_TOKEN: 'sometimes' }, 'USER_API_ACCEPT_TOKEN'],
    [{ BODY_LIMIT: 'lots' }, 'BODY_LIMIT'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ METRICS_TOKEN: 'too-short' }, 'METRICS_TOKEN'],
    [{ ACCESS_LOG: 'sometimes' }, 'ACCESS_LOG'],
    [{ SHUTDOWN_TIMEOUT: '0' }, 'SHUTDOWN_TIMEOUT'],
  ];

  it.each(badSettings)('a bad setting %o exits non-zero with a message naming %s', async (env, name) => {
    const child = spawnServer({ DATA_DIR: tempDir(), ...env });
    const { code } = await child.exited;
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(child.stderr()).toContain(name);
    expect(child.lines.some((l) => l.msg === 'ready')).toBe(false);
  });

  it('several bad settings are all named at once, and a bad SECRET_KEY is never echoed', async () => {
    const secret = 'my-secret-value-that-is-not-hex';
    const child = spawnServer({ DATA_DIR: tempDir(), SECRET_KEY: secret, PORT: 'abc', REDIS_URI: 'ftp://x' });
    const { code } = await child.exited;
    expect(code).not.toBe(0);
    for (const name of ['SECRET_KEY', 'PORT', 'REDIS_URI']) expect(child.stderr()).toContain(name);
    expect(child.stderr() + child.stdout()).not.toContain(secret);
  });

  it('a corrupted secret.key file stops the start with a message naming it', async () => {
    const dataDir = tempDir();
    writeFileSync(path.join(dataDir, 'secret.key'), 'not a key\n', { mode: 0o600 });
    const child = spawnServer({ DATA_DIR: dataDir });
    const { code } = await child.exited;
    expect(code).not.toBe(0);
    expect(child.stderr()).toContain('secret.key');
  });

  it('a port already in use exits non-zero with a message', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const port = (blocker.address() as net.AddressInfo).port;
      const child = spawnServer({ DATA_DIR: tempDir(), PORT: String(port) });
      const { code } = await child.exited;
      expect(code).not.toBe(0);
      expect(child.stderr()).toMatch(/EADDRINUSE|in use/);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('creates secret.key with mode 0600 on the first start and reuses it on the second', async () => {
    const dataDir = tempDir();
    const keyFile = path.join(dataDir, 'secret.key');
    const first = await startChild({ DATA_DIR: dataDir });
    expect(existsSync(keyFile)).toBe(true);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = readFileSync(keyFile, 'utf8');
    expect(key.trim()).toMatch(/^[0-9a-f]{64}$/);
    expect(first.child.lines.some((l) => /generated a new SECRET_KEY/.test(l.msg))).toBe(true);
    const { uuid, password, token } = await createUser(first.url, 'kept across starts', { ...MINIMAL_CONFIG, addonName: 'Kept' });
    expect(await stopChild(first.child)).toBe(0);
    expect(first.child.stdout() + first.child.stderr()).not.toContain(key.trim());

    const second = await startChild({ DATA_DIR: dataDir });
    expect(readFileSync(keyFile, 'utf8')).toBe(key);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(second.child.lines.some((l) => /generated a new SECRET_KEY/.test(l.msg))).toBe(false);
    for (const secret of [password, token]) {
      const res = await getUser(second.url, uuid, secret);
      expect(res.status).toBe(200);
      expect(res.body.data.userData).toStrictEqual({ ...MINIMAL_CONFIG, addonName: 'Kept' });
    }
    expect(await stopChild(second.child)).toBe(0);
  });

  it('SIGTERM while a POST is in flight: the POST still completes 201, then the process exits 0', async () => {
    const dataDir = tempDir();
    // debug: one log line per incoming request, so the test knows when the POST is in the server.
    const { child, url } = await startChild({ DATA_DIR: dataDir, LOG_LEVEL: 'debug' });
    const { port } = new URL(url);
    const body = JSON.stringify({ config: { ...MINIMAL_CONFIG, addonName: 'In flight' }, password: 'in flight password' });

    // A keep-alive client that never lets an idle connection go by itself: the server must close it.
    const agent = new http.Agent({ keepAlive: true });
    const req = http.request({
      agent,
      host: '127.0.0.1',
      port: Number(port),
      path: '/api/v1/user',
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
    });
    // Half the body: the request has begun and cannot finish until the rest arrives.
    req.write(body.slice(0, 20));
    await child.waitFor((l) => l.msg === 'incoming request' && l.req?.method === 'POST', 'incoming POST');

    child.proc.kill('SIGTERM');
    await child.waitFor((l) => l.msg === 'draining in-flight requests, then closing', 'draining');
    req.end(body.slice(20));

    const res = await response;
    expect(res.status).toBe(201);
    const parsed = JSON.parse(res.text) as { success: boolean; detail: string; data: { uuid: string; encryptedPassword: string } };
    expect(parsed.success).toBe(true);
    expect(parsed.detail).toBe('User was successfully created');
    const { code } = await child.exited;
    expect(code).toBe(0);
    agent.destroy();

    // The user really landed and the database was closed cleanly: a new process reads it.
    const again = await startChild({ DATA_DIR: dataDir });
    const got = await getUser(again.url, parsed.data.uuid, 'in flight password');
    expect(got.status).toBe(200);
    expect(got.body.data.userData).toStrictEqual({ ...MINIMAL_CONFIG, addonName: 'In flight' });
    expect(await stopChild(again.child)).toBe(0);
  });

  it('SIGTERM on an idle server with open keep-alive connections still exits 0', async () => {
    const { child, url } = await startChild({ DATA_DIR: tempDir() });
    const agent = new http.Agent({ keepAlive: true });
    const status = await new Promise<number>((resolve, reject) => {
      http
        .get(`${url}/api/v1/health`, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        })
        .on('error', reject);
    });
    expect(status).toBe(200);
    expect(await stopChild(child)).toBe(0);
    agent.destroy();
  });
});

describe.runIf(TEST_DATABASE_URI)('several instances on one PostgreSQL schema', () => {
  beforeAll(assertPostgresReachable);

  it('start together, all come up, and the migrations ran exactly once', async () => {
    const fresh = await freshPostgresUri();
    const schema = new URL(fresh.uri).searchParams.get('options')!.replace('-c search_path=', '');
    // A decoy: another schema of the same database that already has a migration table saying
    // everything ran. The instances must look at their own schema, not at this one.
    const decoy = `decoy_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URI });
    await admin.connect();
    try {
      await admin.query(`create schema ${decoy}`);
      await admin.query(`create table ${decoy}.schema_migrations (name varchar(255) primary key, timestamp varchar(255) not null)`);
      await admin.query(`insert into ${decoy}.schema_migrations values ('0001_users', '2020-01-01T00:00:00.000Z')`);

      const env = { DATABASE_URI: fresh.uri, SECRET_KEY: randomBytes(32).toString('hex') };
      const started = await Promise.all([1, 2, 3].map(() => startChild({ ...env, DATA_DIR: tempDir() })));

      const { rows } = await admin.query(`select name from ${schema}.schema_migrations order by name`);
      expect(rows.map((r: { name: string }) => r.name)).toEqual(['0001_users']);
      const tables = await admin.query(`select table_name from information_schema.tables where table_schema = $1 order by table_name`, [schema]);
      expect(tables.rows.map((r: { table_name: string }) => r.table_name)).toEqual(['schema_migrations', 'schema_migrations_lock', 'users']);

      // They share one database: a user made on one is read on the others.
      const [a, b, c] = started;
      const { uuid, token, password } = await createUser(a!.url, 'shared password', { ...MINIMAL_CONFIG, addonName: 'Shared' });
      expect((await getUser(b!.url, uuid, token)).body.data.userData).toStrictEqual({ ...MINIMAL_CONFIG, addonName: 'Shared' });
      expect((await getUser(c!.url, uuid, password)).status).toBe(200);
      expect((await call(c!.url, 'DELETE', '/api/v1/user', { headers: { authorization: basic(uuid, token) } })).status).toBe(200);
      expect((await headUser(a!.url, uuid)).status).toBe(404);

      for (const s of started) expect(await stopChild(s.child)).toBe(0);

      // A restart finds the migrations done and runs nothing again.
      const again = await startChild({ ...env, DATA_DIR: tempDir() });
      expect(await stopChild(again.child)).toBe(0);
      const after = await admin.query(`select name from ${schema}.schema_migrations`);
      expect(after.rows).toHaveLength(1);
      // The decoy was not touched.
      expect((await admin.query(`select count(*)::int as n from ${decoy}.schema_migrations`)).rows[0].n).toBe(1);
    } finally {
      await admin.query(`drop schema if exists ${decoy} cascade`).catch(() => undefined);
      await admin.end();
      await fresh.drop();
    }
  });
});
