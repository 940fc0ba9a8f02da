/**
 * Redis killed mid-load and started again, under two instances that share it: no request fails
 * because of it, the rate limit falls back to each process's own count while Redis is away, and
 * the shared budget is back once Redis is.
 */
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, createUser, MINIMAL_CONFIG } from '../helpers/api.js';
import { startSdkAddon, type FakeAddon } from '../helpers/fake-addons.js';
import { Load, send, sleep, waitUntil } from '../helpers/load.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { httpStream } from '../helpers/streams.js';
import { startThrowawayRedis, type ThrowawayRedis } from '../helpers/throwaway-services.js';
import { addonBase, custom } from '../addon/support.js';

const MAX = 5;
const LIMITED = { DISABLE_RATE_LIMITS: 'false', USER_API_RATE_LIMIT_MAX_REQUESTS: String(MAX), USER_API_RATE_LIMIT_WINDOW: '60', TRUSTED_PROXIES: '127.0.0.1/32' };
const STREAM = httpStream({ addonName: 'Good', label: '1080p', filename: 'The.Matrix.1999.1080p.BluRay.x264-AMIABLE.mkv', url: 'https://cdn.example.test/m.mkv', videoSize: 9e9 });

/** A client address of its own (10.x.y.z, random), so budgets never mix. */
const uniqueIp = () => `10.${[...randomBytes(3)].join('.')}`;

describe('Redis stopped mid-load under two instances', () => {
  let redis: ThrowawayRedis;
  let servers: TestServer[];
  let addon: FakeAddon;

  beforeAll(async () => {
    redis = await startThrowawayRedis();
    const one = await startTestServer({ env: { ...LIMITED, REDIS_URI: redis.uri } });
    servers = [one, await one.restart()];
    addon = await startSdkAddon({ id: 'org.test.good', name: 'Good', idPrefixes: ['tt'], handlers: { stream: () => ({ streams: [STREAM] }) } });
  }, 60_000);

  afterAll(async () => {
    if (servers) {
      await servers[1]!.stop();
      await servers[0]!.close();
    }
    await addon?.close();
    await redis?.close();
  });

  const headFrom = (server: TestServer, ip: string) => send(`${server.url}/api/v1/user?uuid=${crypto.randomUUID()}`, { method: 'HEAD', headers: { 'x-forwarded-for': ip } });

  /** How many requests from one new address each server lets through, sent alternately, until both refuse. */
  async function allowedAcrossBoth(): Promise<number> {
    const ip = uniqueIp();
    let allowed = 0;
    const refused = new Set<number>();
    for (let i = 0; refused.size < 2 && i < 4 * MAX; i++) {
      const which = i % 2;
      const res = await headFrom(servers[which]!, ip);
      if (res.status === 404) allowed++;
      else if (res.status === 429) refused.add(which);
      else throw new Error(`unexpected status ${res.status}`);
    }
    return allowed;
  }

  /** Until both servers count in Redis again (they reconnect by themselves, with a back-off). */
  async function waitForSharedCounting(): Promise<void> {
    const probe = createClient({ url: redis.uri, socket: { reconnectStrategy: false } });
    probe.on('error', () => undefined);
    await probe.connect();
    try {
      for (const server of servers) {
        const ip = uniqueIp();
        await waitUntil('counting in Redis', async () => {
          await headFrom(server, ip);
          return (await probe.exists(`rl:user-api:${ip}`)) === 1;
        });
      }
    } finally {
      await probe.close();
    }
  }

  it('no request fails; the limit is per process while Redis is away and shared again when it is back', async () => {
    const [one, two] = servers as [TestServer, TestServer];
    const user = await createUser(one.url, 'viewer password', { ...MINIMAL_CONFIG, presets: [custom('good', 'Good', addon.manifestUrl)] });
    await waitForSharedCounting();

    const load = new Load();
    for (const [name, server] of [['one', one], ['two', two]] as const) {
      load.loop(`stream-${name}`, (i) => send(`${addonBase(server.url, user.uuid, user.token)}/stream/movie/tt${String(2000 + i).padStart(7, '0')}.json`), (sent) =>
        sent.status === 200 && sent.body?.streams?.[0]?.url === STREAM.url ? undefined : `status ${sent.status}`,
      );
      // A new client address per request: each stays within its budget, so only Redis could fail it.
      load.loop(`user-${name}`, () => send(`${server.url}/api/v1/user`, { headers: { authorization: basic(user.uuid, user.token), 'x-forwarded-for': uniqueIp() } }), (sent) =>
        sent.status === 200 ? undefined : `status ${sent.status}`,
      );
    }

    expect(await allowedAcrossBoth(), 'shared budget with Redis').toBe(MAX);

    await redis.kill();
    load.phase = 'down';
    await sleep(500);
    expect(await allowedAcrossBoth(), 'one budget per process without Redis').toBe(2 * MAX);
    await sleep(1_000);

    await redis.start();
    load.phase = 'back';
    await waitForSharedCounting();
    expect(await allowedAcrossBoth(), 'shared budget once Redis is back').toBe(MAX);
    await sleep(500);
    await load.stop();

    expect(load.outcomes.filter((o) => o.problem || o.error), 'requests that failed').toEqual([]);
    for (const phase of ['before', 'down', 'back']) {
      for (const loop of ['stream-one', 'stream-two', 'user-one', 'user-two']) expect(load.of(loop, phase).length, `${loop} ${phase}`).toBeGreaterThan(0);
    }
  }, 90_000);
});
