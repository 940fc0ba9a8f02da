/**
 * Users asking the same slow upstream at the same time share one fetch, but never each other's
 * limits: the in-flight load is keyed by the addon timeout too, and takes no request's deadline
 * signal. Before, user B (5 s timeout) got user A's "timed out after 1000 ms", and A's global
 * deadline aborted the fetch B was waiting on.
 */
import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createUser } from '../helpers/api.js';
import { rawManifest, startRawAddon, type FakeAddon } from '../helpers/fake-addons.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { httpStream } from '../helpers/streams.js';
import { addonBase, custom, get, streamHits } from './support.js';

const MOVIE = 'tt0133093';
const STREAM = httpStream({
  addonName: 'Slow', label: '1080p', filename: 'The.Matrix.1999.1080p.BluRay.x264-AMIABLE.mkv',
  url: 'https://cdn.example.test/matrix-1080.mkv', videoSize: 9_000_000_000,
});

/** A raw addon that holds every stream request until `release()`; later ones are answered at once. */
async function holdingAddon(id: string): Promise<{ addon: FakeAddon; release(): void }> {
  const held: ServerResponse[] = [];
  let open = false;
  const answer = (res: ServerResponse) => {
    if (res.writableEnded || res.destroyed) return; // the client gave up (its timeout)
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ streams: [STREAM] }));
  };
  const addon = await startRawAddon(rawManifest(id, 'Slow'), (req, res) => {
    req.socket.on('error', () => undefined);
    if (open) answer(res);
    else held.push(res);
  });
  return {
    addon,
    release() {
      open = true;
      for (const res of held.splice(0)) answer(res);
    },
  };
}

/** Polls `cond` (no timing assertion: it only sequences the test). */
async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!cond()) throw new Error(`never happened: ${what}`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Item = { name: string; description: string; url?: string };

describe('one slow upstream, two users', () => {
  let srv: TestServer | undefined;
  const addons: FakeAddon[] = [];
  afterEach(async () => {
    await srv?.close();
    srv = undefined;
  });
  afterAll(async () => {
    await Promise.all(addons.map((a) => a.close()));
  });

  async function userWith(manifestUrl: string, timeout: number, tag: string) {
    const { uuid, token } = await createUser(srv!.url, `shared ${tag}`, {
      presets: [custom('slow', 'Slow', manifestUrl, { timeout })],
      formatter: { id: 'torrentio' },
      sortCriteria: { global: [] },
    });
    return `${addonBase(srv!.url, uuid, token)}/stream/movie/${MOVIE}.json`;
  }

  it("B (5000 ms timeout) is not handed A's (1000 ms) timeout", async () => {
    srv = await startTestServer();
    const { addon, release } = await holdingAddon('org.test.held.timeout');
    addons.push(addon);
    const urlA = await userWith(addon.manifestUrl, 1000, 'a');
    const urlB = await userWith(addon.manifestUrl, 5000, 'b');

    const a = get(urlA);
    await until(() => streamHits(addon.requests) === 1, "A's upstream request");
    const b = get(urlB);
    // B's fetch is its own (another timeout, another flight); with A's flight shared, A would
    // settle first and this would give up after A's timeout.
    await Promise.race([until(() => streamHits(addon.requests) === 2, "B's own upstream request"), a]);

    const resA = await a;
    expect(resA.status).toBe(200);
    expect(resA.body.streams).toHaveLength(1);
    expect(resA.body.streams[0].name).toBe('[❌] Slow');
    expect(resA.body.streams[0].description).toMatch(/timed out after 1000 ms/);

    release();
    const resB = await b;
    expect(resB.status).toBe(200);
    expect((resB.body.streams as Item[]).map((s) => s.url ?? `${s.name}: ${s.description}`)).toEqual([STREAM.url]);
  });

  it("A's request deadline ends A's wait only; B, waiting on the same fetch, gets the streams", async () => {
    srv = await startTestServer({ env: { STREAM_REQUEST_DEADLINE_MS: '2000' } });
    const { addon, release } = await holdingAddon('org.test.held.deadline');
    addons.push(addon);
    // Same timeout: one flight. Both requests end at the 2 s deadline, long before the 10 s timeout.
    const urlA = await userWith(addon.manifestUrl, 10_000, 'c');
    const urlB = await userWith(addon.manifestUrl, 10_000, 'd');

    const a = get(urlA);
    await until(() => streamHits(addon.requests) === 1, "A's upstream request");
    // B joins A's fetch about halfway to A's deadline, so its own deadline comes a second later.
    await sleep(1000);
    const b = get(urlB);

    const resA = await a;
    expect(resA.status).toBe(200);
    expect(resA.body.streams.map((s: Item) => s.name)).toEqual(['[❌] Slow']);
    expect(resA.body.streams[0].description).toMatch(/request deadline reached/);

    // The fetch A started is still running for B.
    release();
    const resB = await b;
    expect(resB.status).toBe(200);
    expect((resB.body.streams as Item[]).map((s) => s.url ?? `${s.name}: ${s.description}`)).toEqual([STREAM.url]);
    expect(streamHits(addon.requests)).toBe(1);
  });
});
