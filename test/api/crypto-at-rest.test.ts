import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggerOptions } from '../../src/logging.js';
import { startServer } from '../../src/server.js';
import { loadSettings } from '../../src/settings.js';
import { BACKENDS, basic, call, createUser, getUser, headUser, MINIMAL_CONFIG, putUser } from '../helpers/api.js';
import { assertPostgresReachable } from '../helpers/services.js';
import { startTestServer, type Backend, type TestServer } from '../helpers/server.js';
import type { UsersTable } from '../../src/store/database.js';
import { expectError, expectNoInternals, expectOk } from './assertions.js';

type Row = UsersTable;

/** Secrets that must never be found at rest: distinctive, so a hit is never a coincidence. */
function secrets() {
  const tag = randomBytes(8).toString('hex');
  return {
    marker: `MARKER-${tag}-visible-config-text`,
    apiKey: `RDAPIKEY${tag.toUpperCase()}SECRET`,
    password: `pass-${tag}-word`,
  };
}

const configWith = (s: ReturnType<typeof secrets>) => ({
  ...MINIMAL_CONFIG,
  addonName: s.marker,
  services: [{ id: 'realdebrid', enabled: true, credentials: { apiKey: s.apiKey } }],
  notes: { deep: [s.marker] },
});

/** Direct access to the server's users table, on either backend. */
async function openTable(srv: TestServer) {
  if (srv.settings.databaseUri.startsWith('sqlite://')) {
    const db = new Database(srv.settings.databaseUri.slice('sqlite://'.length));
    db.pragma('busy_timeout = 5000');
    return {
      rows: async () => db.prepare('select * from users').all() as Row[],
      setConfig: async (uuid: string, config: string) => void db.prepare('update users set config = ? where uuid = ?').run(config, uuid),
      close: async () => void db.close(),
    };
  }
  const client = new pg.Client({ connectionString: srv.settings.databaseUri });
  await client.connect();
  return {
    rows: async () => (await client.query<Row>('select * from users')).rows,
    setConfig: async (uuid: string, config: string) => void (await client.query('update users set config = $1 where uuid = $2', [config, uuid])),
    close: () => client.end(),
  };
}

/** A base64 column with one byte of its decoded value flipped. */
function flipByte(b64: string, at: number): string {
  const bytes = Buffer.from(b64, 'base64');
  const i = Math.min(Math.max(at, 0), bytes.length - 1);
  bytes[i] = bytes[i]! ^ 0x01;
  return bytes.toString('base64');
}

/** Neither the text nor its bytes in any column, as stored or base64-decoded, hold a secret. */
function expectRowClean(row: Row, needles: string[]): void {
  for (const [column, value] of Object.entries(row)) {
    const text = String(value);
    const decoded = /^[A-Za-z0-9+/]+=*$/.test(text) ? Buffer.from(text, 'base64') : Buffer.alloc(0);
    for (const needle of needles) {
      expect(text, column).not.toContain(needle);
      expect(decoded.includes(Buffer.from(needle)), `${column} decoded`).toBe(false);
    }
  }
}

describe.each(BACKENDS)('data at rest on %s', (backend: Backend) => {
  let srv: TestServer;

  beforeAll(async () => {
    if (backend === 'postgres') await assertPostgresReachable();
    srv = await startTestServer({ backend });
  });
  afterAll(async () => srv?.close());

  it('the users row holds no plaintext: no config text, api key or password, in any column', async () => {
    const s = secrets();
    const { uuid, token } = await createUser(srv.url, s.password, configWith(s));
    const s2 = secrets();
    expectOk(await putUser(srv.url, uuid, token, configWith({ ...s2, password: s.password })), 200, 'User updated successfully');
    const table = await openTable(srv);
    try {
      const row = (await table.rows()).find((r) => r.uuid === uuid)!;
      expect(row).toBeDefined();
      expectRowClean(row, [s.marker, s.apiKey, s.password, s2.marker, s2.apiKey, token, '"presets"', 'prism']);
      // The stored columns are what the design says: a KDF label, and opaque base64 blobs.
      expect(row.kdf).toMatch(/^argon2id\$m=\d+,t=\d+,p=\d+$/);
      for (const column of ['salt', 'wrapped_key', 'verifier', 'config'] as const) expect(row[column]).toMatch(/^[A-Za-z0-9+/]+=*$/);
      expect(Buffer.from(row.salt, 'base64').length).toBeGreaterThanOrEqual(16);
    } finally {
      await table.close();
    }
  });

  it('two users with the same password and config share no stored secret', async () => {
    const s = secrets();
    const a = await createUser(srv.url, s.password, configWith(s));
    const b = await createUser(srv.url, s.password, configWith(s));
    const table = await openTable(srv);
    try {
      const rows = await table.rows();
      const [ra, rb] = [rows.find((r) => r.uuid === a.uuid)!, rows.find((r) => r.uuid === b.uuid)!];
      for (const column of ['salt', 'wrapped_key', 'verifier', 'config'] as const) expect(ra[column]).not.toBe(rb[column]);
    } finally {
      await table.close();
    }
  });

  it('a flipped byte in the stored config → an error, never the tampered data, never a leak', async () => {
    const s = secrets();
    const { uuid, token, password } = await createUser(srv.url, s.password, configWith(s));
    const table = await openTable(srv);
    try {
      const original = (await table.rows()).find((r) => r.uuid === uuid)!.config;
      const length = Buffer.from(original, 'base64').length;
      // The nonce, the ciphertext (start, middle, end) and the tag.
      for (const at of [0, 11, 12, Math.floor(length / 2), length - 17, length - 16, length - 1]) {
        await table.setConfig(uuid, flipByte(original, at));
        for (const secret of [token, password]) {
          const res = await getUser(srv.url, uuid, secret);
          expectError(res, 500, 'INTERNAL_SERVER_ERROR', 'stored configuration failed its integrity check');
          for (const needle of [s.marker, s.apiKey, s.password]) expect(res.text).not.toContain(needle);
          expectNoInternals(res.text);
        }
      }
      // Truncated and emptied ciphertexts are refused the same way.
      for (const broken of [original.slice(0, 20), 'AAAA', Buffer.from('{"presets":[]}').toString('base64')]) {
        await table.setConfig(uuid, broken);
        expectError(await getUser(srv.url, uuid, token), 500, 'INTERNAL_SERVER_ERROR');
      }
      // Restored, it reads again: the failures were the tampering, nothing else.
      await table.setConfig(uuid, original);
      expect(expectOk(await getUser(srv.url, uuid, token), 200, 'User details retrieved successfully').userData).toStrictEqual(configWith(s));
    } finally {
      await table.close();
    }
  });

  it('a config sealed for another user or an older version does not open', async () => {
    const s = secrets();
    const a = await createUser(srv.url, s.password, configWith(s));
    const b = await createUser(srv.url, s.password, { ...MINIMAL_CONFIG, addonName: 'B' });
    const table = await openTable(srv);
    try {
      const rows = await table.rows();
      const aConfig = rows.find((r) => r.uuid === a.uuid)!.config;
      const bConfig = rows.find((r) => r.uuid === b.uuid)!.config;
      // B's ciphertext moved into A's row.
      await table.setConfig(a.uuid, bConfig);
      expectError(await getUser(srv.url, a.uuid, a.token), 500, 'INTERNAL_SERVER_ERROR');
      await table.setConfig(a.uuid, aConfig);
      // A rollback to the version-1 ciphertext after a PUT made version 2.
      expectOk(await putUser(srv.url, a.uuid, a.token, { ...MINIMAL_CONFIG, addonName: 'v2' }), 200, 'User updated successfully');
      await table.setConfig(a.uuid, aConfig);
      const res = await getUser(srv.url, a.uuid, a.token);
      expectError(res, 500, 'INTERNAL_SERVER_ERROR');
      expect(res.text).not.toContain(s.marker);
    } finally {
      await table.close();
    }
  });

  it('the same database under a different SECRET_KEY cannot authenticate the user', async () => {
    const s = secrets();
    const { uuid, token, password } = await createUser(srv.url, s.password, configWith(s));
    const other = await srv.restart({ SECRET_KEY: randomBytes(32).toString('hex') });
    try {
      expect((await headUser(other.url, uuid)).status).toBe(200);
      for (const secret of [password, token]) {
        const res = await getUser(other.url, uuid, secret);
        expectError(res, 401, 'USER_INVALID_DETAILS');
        expect(res.text).not.toContain(s.marker);
      }
      expectError(await putUser(other.url, uuid, password, MINIMAL_CONFIG), 401, 'USER_INVALID_DETAILS');
      expectError(await call(other.url, 'DELETE', '/api/v1/user', { headers: { authorization: basic(uuid, password) } }), 401, 'USER_INVALID_DETAILS');
    } finally {
      await other.stop();
    }
    // The right key still opens it: nothing was damaged by the attempts.
    expect(expectOk(await getUser(srv.url, uuid, password), 200, 'User details retrieved successfully').userData).toStrictEqual(configWith(s));
  });
});

describe('the SQLite file', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({ backend: 'sqlite' });
  });
  afterAll(async () => srv?.close());

  it('holds no config text, api key or password in its raw bytes (main file and WAL)', async () => {
    const s = secrets();
    const { uuid, token } = await createUser(srv.url, s.password, configWith(s));
    const s2 = secrets();
    expectOk(await putUser(srv.url, uuid, token, configWith({ ...s2, password: s.password })), 200, 'User updated successfully');
    expectOk(await getUser(srv.url, uuid, s.password), 200, 'User details retrieved successfully');

    const file = srv.settings.databaseUri.slice('sqlite://'.length);
    const files = [file, `${file}-wal`].filter((f) => existsSync(f));
    expect(files).toContain(file);
    // The user is really in there (the check below would pass on an empty file).
    const all = Buffer.concat(files.map((f) => readFileSync(f)));
    expect(all.includes(Buffer.from(uuid))).toBe(true);
    for (const needle of [s.marker, s.apiKey, s.password, s2.marker, s2.apiKey, token, 'realdebrid', 'prism']) {
      expect(all.includes(Buffer.from(needle)), needle).toBe(false);
      expect(all.includes(Buffer.from(needle, 'utf16le')), needle).toBe(false);
    }
    // Nor is the SECRET_KEY stored beside the data it protects, in the database.
    expect(all.includes(Buffer.from(srv.settings.secretKey.toString('hex')))).toBe(false);
    expect(all.includes(srv.settings.secretKey)).toBe(false);
  });
});

describe('logs', () => {
  it('a debug-level log of a whole session holds no password, token, Authorization header or config', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'aio-log-'));
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const settings = loadSettings({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'debug', DISABLE_RATE_LIMITS: 'true' });
    const server = await startServer(settings, { logger: pino(loggerOptions('debug'), sink) });
    const url = server.url;
    const s = secrets();
    const newPassword = `new-${s.password}`;
    try {
      const { uuid, token } = await createUser(url, s.password, configWith(s));
      const parent = await createUser(url, `parent-${s.password}`, MINIMAL_CONFIG);
      await getUser(url, uuid, s.password);
      await getUser(url, uuid, token, `?raw=true&token=${token}&password=${encodeURIComponent(s.password)}`);
      await putUser(url, uuid, token, { ...configWith(s), parentConfig: { uuid: parent.uuid, password: parent.password } });
      await getUser(url, uuid, token);
      await getUser(url, uuid, `wrong-${s.password}`);
      await getUser(url, crypto.randomUUID(), s.password);
      await call(url, 'POST', '/api/v1/user', { body: { config: { ...configWith(s), formatter: null }, password: s.password } });
      await call(url, 'POST', '/api/v1/user', { rawBody: `{"config": {"addonName": "${s.marker}"`, headers: { 'content-type': 'application/json' } });
      const changed = await call(url, 'POST', '/api/v1/user/password', { headers: { authorization: basic(uuid, s.password) }, body: { newPassword } });
      // Upstream manifest URLs carry debrid keys: the manifest proxy's query must not be logged.
      await call(url, 'GET', `/api/v1/addon-manifest?url=${encodeURIComponent(`http://127.0.0.1:1/realdebrid=${s.marker}/manifest.json`)}`);
      await call(url, 'GET', `/stremio/${uuid}/${token}/stream/movie/tt1.json?apiKey=${s.marker}`);
      expect(changed.status).toBe(200);
      // A server fault (a tampered row) is logged with its error: that line must not leak either.
      const db = new Database(settings.databaseUri.slice('sqlite://'.length));
      const row = db.prepare('select config from users where uuid = ?').get(uuid) as { config: string };
      db.prepare('update users set config = ? where uuid = ?').run(flipByte(row.config, 20), uuid);
      db.close();
      expect((await getUser(url, uuid, newPassword)).status).toBe(500);

      const log = lines.join('');
      // It did log, per request, at debug level.
      expect(log).toContain('incoming request');
      expect(log).toContain('request failed');
      expect(log).toContain('generated a new SECRET_KEY');
      const authHeaders = [basic(uuid, s.password), basic(uuid, token), basic(uuid, newPassword)].map((h) => h.slice('Basic '.length));
      for (const needle of [
        s.password,
        encodeURIComponent(s.password),
        newPassword,
        token,
        changed.body.data.encryptedPassword,
        parent.password,
        s.marker,
        s.apiKey,
        settings.secretKey.toString('hex'),
        ...authHeaders,
      ]) {
        expect(log.includes(needle), `log contains ${needle}`).toBe(false);
      }
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
