/**
 * Two compiled instances on one PostgreSQL and one Redis, started together and asked in turn, as
 * a round-robin proxy would: migrations run once, a change made through one is what the other
 * serves on the very next request, and the rate limit is one budget.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, call, createUser, MINIMAL_CONFIG } from '../helpers/api.js';
import { ensureBuilt, killChildren, removeTempDirs, startChild, stopChild, tempDir, type Child } from '../helpers/child-server.js';
import { startSdkAddon, type FakeAddon } from '../helpers/fake-addons.js';
import { assertPostgresReachable, assertRedisReachable, freshPostgresUri, TEST_DATABASE_URI, TEST_REDIS_URI } from '../helpers/services.js';
import { httpStream } from '../helpers/streams.js';
import { addonBase, custom, get } from '../addon/support.js';

const MAX = 5;
const uniqueIp = () => `10.${[...randomBytes(3)].join('.')}`;
const streamOf = (name: string) => httpStream({ addonName: name, label: '1080p', filename: `${name}.Movie.2020.1080p.WEB-DL.x264-GRP.mkv`, url: `https://cdn.example.test/${name}.mkv`, videoSize: 9e9 });

describe.runIf(TEST_DATABASE_URI && TEST_REDIS_URI)('two instances, one truth', () => {
  let fresh: { uri: string; drop(): Promise<void> };
  let instances: { child: Child; url: string }[];
  const addons: FakeAddon[] = [];

  beforeAll(async () => {
    await assertPostgresReachable();
    await assertRedisReachable();
    ensureBuilt();
    fresh = await freshPostgresUri();
    const env = {
      DATABASE_URI: fresh.uri,
      REDIS_URI: TEST_REDIS_URI!,
      SECRET_KEY: randomBytes(32).toString('hex'),
      DISABLE_RATE_LIMITS: 'false',
      USER_API_RATE_LIMIT_MAX_REQUESTS: String(MAX),
      USER_API_RATE_LIMIT_WINDOW: '60',
      TRUSTED_PROXIES: '127.0.0.1/32',
    };
    // Started together: both race to migrate the empty schema.
    instances = await Promise.all([startChild({ ...env, DATA_DIR: tempDir() }), startChild({ ...env, DATA_DIR: tempDir() })]);
    for (const name of ['Alpha', 'Beta']) {
      addons.push(await startSdkAddon({ id: `org.test.${name.toLowerCase()}`, name, idPrefixes: ['tt'], handlers: { stream: () => ({ streams: [streamOf(name)] }) } }));
    }
  }, 180_000);

  afterAll(async () => {
    for (const { child } of instances ?? []) await stopChild(child);
    await killChildren();
    await Promise.all(addons.map((a) => a.close()));
    await fresh?.drop();
    removeTempDirs();
  });

  it('the migrations ran once', async () => {
    const schema = new URL(fresh.uri).searchParams.get('options')!.replace('-c search_path=', '');
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URI });
    await admin.connect();
    try {
      const { rows } = await admin.query(`select name from ${schema}.schema_migrations order by name`);
      expect(rows.map((r: { name: string }) => r.name)).toEqual(['0001_users']);
    } finally {
      await admin.end();
    }
  });

  it('a change made on one instance is what the other serves on the very next request', async () => {
    const [one, two] = [instances[0]!, instances[1]!];
    const user = await createUser(one.url, 'round robin password');
    const auth = { authorization: basic(user.uuid, user.token) };
    for (let round = 0; round < 12; round++) {
      // Requests alternate between the instances; every round writes on one and reads on the other.
      const [writer, reader] = round % 2 === 0 ? [one, two] : [two, one];
      const addon = addons[round % 2]!;
      const config = { ...MINIMAL_CONFIG, addonName: `Round ${round}`, presets: [custom('only', addon === addons[0] ? 'Alpha' : 'Beta', addon.manifestUrl)] };
      const put = await call(writer.url, 'PUT', '/api/v1/user', { headers: { ...auth, 'x-forwarded-for': uniqueIp() }, body: { config } });
      expect(put.status).toBe(200);
      const manifest = await get(`${addonBase(reader.url, user.uuid, user.token)}/manifest.json`);
      expect(manifest.body.name).toBe(`Round ${round}`);
      const streams = await get(`${addonBase(reader.url, user.uuid, user.token)}/stream/movie/tt0133093.json`);
      expect(streams.body.streams.map((s: { url: string }) => s.url)).toEqual([streamOf(round % 2 === 0 ? 'Alpha' : 'Beta').url]);
      const read = await call(reader.url, 'GET', '/api/v1/user', { headers: { ...auth, 'x-forwarded-for': uniqueIp() } });
      expect(read.body.data.userData.addonName).toBe(`Round ${round}`);
      expect(read.headers.get('etag')).toBe(put.headers.get('etag'));
    }
  });

  it('the rate limit is one budget across both', async () => {
    const ip = { 'x-forwarded-for': uniqueIp() };
    const statuses: number[] = [];
    for (let i = 0; i < MAX + 2; i++) {
      const res = await fetch(`${instances[i % 2]!.url}/api/v1/user?uuid=${crypto.randomUUID()}`, { method: 'HEAD', headers: ip });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([...Array<number>(MAX).fill(404), 429, 429]);
  });
});
