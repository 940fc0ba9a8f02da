/**
 * PostgreSQL crashes mid-load and comes back: requests that need it get a 503 envelope with
 * Retry-After at once (no hang, no 500), install links whose config was served before keep
 * working, the server recovers by itself, and no write it acknowledged is lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, createUser, MINIMAL_CONFIG, taggedConfig } from '../helpers/api.js';
import { startSdkAddon, type FakeAddon } from '../helpers/fake-addons.js';
import { Load, send, sleep, waitUntil } from '../helpers/load.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { httpStream } from '../helpers/streams.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../helpers/throwaway-services.js';
import { addonBase, custom } from '../addon/support.js';

/** Far above any answer here, far below a hang. */
const ANSWER_BOUND_MS = 10_000;

const STREAM = httpStream({ addonName: 'Good', label: '1080p', filename: 'The.Matrix.1999.1080p.BluRay.x264-AMIABLE.mkv', url: 'https://cdn.example.test/m.mkv', videoSize: 9e9 });

describe('PostgreSQL stopped mid-load', () => {
  let pg: ThrowawayPostgres;
  let srv: TestServer;
  let addon: FakeAddon;

  beforeAll(async () => {
    pg = await startThrowawayPostgres();
    srv = await startTestServer({ databaseUri: pg.uri });
    addon = await startSdkAddon({ id: 'org.test.good', name: 'Good', idPrefixes: ['tt'], handlers: { stream: () => ({ streams: [STREAM] }) } });
  }, 60_000);

  afterAll(async () => {
    await srv?.close();
    await addon?.close();
    await pg?.close();
  });

  it('503 envelopes with Retry-After while it is down, cached links keep streaming, recovery without restart, no acknowledged write lost', async () => {
    const url = srv.url;
    const writer = await createUser(url, 'writer password');
    const viewer = await createUser(url, 'viewer password', { ...MINIMAL_CONFIG, presets: [custom('good', 'Good', addon.manifestUrl)] });
    const neverServed = await createUser(url, 'unseen password', { ...MINIMAL_CONFIG, presets: [custom('good', 'Good', addon.manifestUrl)] });
    const writerAuth = { authorization: basic(writer.uuid, writer.token) };

    const load = new Load();
    let lastAcknowledged = -1;
    const attempted = new Set<number>();
    const created: { uuid: string; token: string }[] = [];
    const unavailableOrOk = (ok: number) => (sent: { status: number; body: any; headers: Headers }) => {
      if (sent.status === ok) return undefined;
      if (sent.status !== 503) return `status ${sent.status}`;
      if (sent.body?.error?.code !== 'SERVICE_UNAVAILABLE') return `503 without the envelope: ${JSON.stringify(sent.body)}`;
      if (!/^\d+$/.test(sent.headers.get('retry-after') ?? '')) return '503 without Retry-After';
      return undefined;
    };

    load.loop('put', async (i) => {
      attempted.add(i);
      const sent = await send(`${url}/api/v1/user`, {
        method: 'PUT', headers: { ...writerAuth, 'content-type': 'application/json' }, body: JSON.stringify({ config: taggedConfig(String(i)) }),
      });
      if (sent.status === 200) lastAcknowledged = i;
      return sent;
    }, unavailableOrOk(200));
    load.loop('get', () => send(`${url}/api/v1/user`, { headers: writerAuth }), unavailableOrOk(200));
    load.loop('create', async () => {
      const sent = await send(`${url}/api/v1/user`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ config: MINIMAL_CONFIG, password: 'created password' }),
      });
      if (sent.status === 201) created.push({ uuid: sent.body.data.uuid, token: sent.body.data.encryptedPassword });
      return sent;
    }, unavailableOrOk(201));
    load.loop('stream', (i) => send(`${addonBase(url, viewer.uuid, viewer.token)}/stream/movie/tt${String(1000 + i).padStart(7, '0')}.json`), (sent) =>
      sent.status === 200 && sent.body?.streams?.[0]?.url === STREAM.url ? undefined : `status ${sent.status}: ${JSON.stringify(sent.body).slice(0, 200)}`,
    );

    await sleep(1_000);
    await pg.crash();
    load.phase = 'down';
    await sleep(3_000);

    // While it is down: probes tell, and a link never served has nothing to fall back on.
    expect((await send(`${url}/api/v1/health`)).status).toBe(200);
    const ready = await send(`${url}/api/v1/ready`);
    expect(ready.status).toBe(503);
    expect(ready.body.error.code).toBe('SERVICE_UNAVAILABLE');
    expect(ready.headers.get('retry-after')).toMatch(/^\d+$/);
    const unseen = await send(`${addonBase(url, neverServed.uuid, neverServed.token)}/stream/movie/tt0133093.json`);
    expect(unseen.status).toBe(503);
    expect(unseen.body.error.code).toBe('SERVICE_UNAVAILABLE');

    load.phase = 'restarting';
    await pg.start();
    await waitUntil('readiness after the restart', async () => (await send(`${url}/api/v1/ready`)).status === 200);
    load.phase = 'after';
    await sleep(1_000);
    await load.stop();

    // Every answer was the expected one or a proper 503 envelope, none took long, and none failed outright.
    expect(load.outcomes.filter((o) => o.problem || o.error), 'answers with a problem').toEqual([]);
    expect(load.outcomes.filter((o) => o.ms > ANSWER_BOUND_MS), 'slow answers').toEqual([]);
    for (const loop of ['put', 'get', 'create']) {
      expect(load.of(loop, 'down').length, `${loop} requests while down`).toBeGreaterThan(0);
      expect(load.of(loop, 'down').every((o) => o.status === 503), `${loop} while down`).toBe(true);
      expect(load.of(loop, 'after').some((o) => o.status === 200 || o.status === 201), `${loop} after recovery`).toBe(true);
    }
    expect(load.of('stream', 'down').length).toBeGreaterThan(0);

    // No acknowledged write is lost: the stored config is the last acknowledged one, or a later
    // attempt whose answer was lost with the connection (applied, then unacknowledged).
    const stored = await send(`${url}/api/v1/user`, { headers: writerAuth });
    expect(stored.status).toBe(200);
    const tag = Number(stored.body.data.userData.tag);
    expect(tag).toBeGreaterThanOrEqual(lastAcknowledged);
    expect(attempted.has(tag)).toBe(true);
    expect(created.length).toBeGreaterThan(0);
    for (const user of created) expect((await send(`${url}/api/v1/user`, { headers: { authorization: basic(user.uuid, user.token) } })).status).toBe(200);
  }, 90_000);
});
