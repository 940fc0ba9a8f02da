/**
 * SIGTERM to the compiled server under load: requests in flight finish with their answers, new
 * ones are refused cleanly (a closed port, or a 503 envelope on a connection already open), and
 * the process exits 0 within 10 s, even when a request in flight would take longer.
 */
import net from 'node:net';
import { Agent, request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createUser, MINIMAL_CONFIG } from '../helpers/api.js';
import { ensureBuilt, killChildren, removeTempDirs, startChild, tempDir, type Child } from '../helpers/child-server.js';
import { rawManifest, startRawAddon, startSdkAddon, type FakeAddon } from '../helpers/fake-addons.js';
import { waitUntil } from '../helpers/load.js';
import { httpStream } from '../helpers/streams.js';
import { addonBase, custom } from '../addon/support.js';

const UPSTREAM_DELAY_MS = 3_000;
const IN_FLIGHT = 20;
const EXIT_BOUND_MS = 10_000;
const STREAM = httpStream({ addonName: 'Slow', label: '1080p', filename: 'The.Matrix.1999.1080p.BluRay.x264-AMIABLE.mkv', url: 'https://cdn.example.test/m.mkv', videoSize: 9e9 });

const streamHits = (addon: FakeAddon) => addon.requests.filter((r) => r.includes('/stream/')).length;

/** When the process exits after `signalledAt`, and with what code. */
async function exitAfter(child: Child, signalledAt: number): Promise<{ code: number | null; ms: number }> {
  const { code } = await child.exited;
  return { code, ms: performance.now() - signalledAt };
}

describe('SIGTERM during load', () => {
  const addons: FakeAddon[] = [];

  beforeAll(async () => {
    ensureBuilt();
    addons.push(await startSdkAddon({ id: 'org.test.slow', name: 'Slow', idPrefixes: ['tt'], delayMs: UPSTREAM_DELAY_MS, handlers: { stream: () => ({ streams: [STREAM] }) } }));
    addons.push(await startRawAddon(rawManifest('org.test.hang', 'Hangs'), () => undefined));
  }, 180_000);

  afterEach(killChildren);
  afterAll(async () => {
    await Promise.all(addons.map((a) => a.close()));
    removeTempDirs();
  });

  it('in-flight requests finish, new ones are refused cleanly, the process exits 0 within 10 s', async () => {
    const slow = addons[0]!;
    const { child, url } = await startChild({ DATA_DIR: tempDir() });
    const user = await createUser(url, 'shutdown password', { ...MINIMAL_CONFIG, presets: [custom('slow', 'Slow', slow.manifestUrl, { timeout: 10_000 })] });
    const base = addonBase(url, user.uuid, user.token);
    const seenBefore = streamHits(slow);

    const client = new Agent({ connections: IN_FLIGHT });
    const inFlight = Array.from({ length: IN_FLIGHT }, async (_, i) => {
      const res = await request(`${base}/stream/movie/tt${String(4_000_000 + i)}.json`, { dispatcher: client });
      return { status: res.statusCode, body: (await res.body.json()) as { streams: { url: string }[] } };
    });
    // One more in flight on a raw connection, which will carry a second request during the drain.
    const { port } = new URL(url);
    const socket = net.connect(Number(port), '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    socket.write(`GET ${new URL(base).pathname}/stream/movie/tt4999999.json HTTP/1.1\r\nhost: x\r\n\r\n`);
    await waitUntil('every request in flight at the upstream', async () => streamHits(slow) - seenBefore === IN_FLIGHT + 1);

    const signalledAt = performance.now();
    child.proc.kill('SIGTERM');
    const exit = exitAfter(child, signalledAt);
    await child.waitFor((l) => l.msg === 'draining in-flight requests, then closing', 'draining');

    // New connections are refused once the listener is closed. One that races the closing gets a
    // 503 envelope if the server accepted it, or a reset from the kernel if it was still queued;
    // never closed unanswered. A new request on a connection already open gets the envelope too.
    const attempts: string[] = [];
    await waitUntil('new connections refused', async () => {
      // A client of its own each time: a pooled keep-alive connection would not be a new one.
      const fresh = new Agent();
      const outcome = await request(`${url}/api/v1/health`, { dispatcher: fresh }).then(
        (res) => `answered ${res.statusCode}`,
        (err: { code?: string }) => err.code ?? 'failed',
      );
      await fresh.close();
      attempts.push(outcome);
      return outcome === 'ECONNREFUSED';
    }, 2_000);
    expect(attempts.filter((a) => !['ECONNREFUSED', 'ECONNRESET', 'answered 503'].includes(a))).toEqual([]);
    socket.write('GET /api/v1/health HTTP/1.1\r\nhost: x\r\n\r\n');

    for (const { status, body } of await Promise.all(inFlight)) {
      expect(status).toBe(200);
      expect(body.streams.map((s) => s.url)).toEqual([STREAM.url]);
    }
    await new Promise((resolve) => socket.once('close', resolve));
    const [first, second] = received.split(/(?=HTTP\/1\.1 )/);
    expect(first).toMatch(/^HTTP\/1\.1 200 /);
    expect(first).toContain(STREAM.url);
    expect(second).toMatch(/^HTTP\/1\.1 503 /);
    expect(second!.toLowerCase()).toContain('connection: close');
    expect(second!.toLowerCase()).toMatch(/retry-after: \d+/);
    expect(second).toContain('"code":"SERVICE_UNAVAILABLE"');

    const { code, ms } = await exit;
    expect(code).toBe(0);
    expect(ms).toBeLessThan(EXIT_BOUND_MS);
    expect(child.lines.filter((l) => l.level >= 50)).toEqual([]);
    await client.close();
  });

  it('a request that would outlast the shutdown timeout does not hold the exit past 10 s', async () => {
    const hang = addons[1]!;
    const { child, url } = await startChild({ DATA_DIR: tempDir(), STREAM_REQUEST_DEADLINE_MS: '60000' });
    const user = await createUser(url, 'hanging password', { ...MINIMAL_CONFIG, presets: [custom('hang', 'Hangs', hang.manifestUrl, { timeout: 50_000 })] });
    const seenBefore = streamHits(hang);
    const pending = fetch(`${addonBase(url, user.uuid, user.token)}/stream/movie/tt0133093.json`).then(
      (res) => res.status,
      () => 'connection closed',
    );
    await waitUntil('the request at the upstream', async () => streamHits(hang) > seenBefore);

    const signalledAt = performance.now();
    child.proc.kill('SIGTERM');
    const { code, ms } = await exitAfter(child, signalledAt);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(EXIT_BOUND_MS);
    expect(await pending).toBe('connection closed');
    expect(child.lines.some((l) => l.msg === 'shutdown timeout reached: closing the connections still open')).toBe(true);
  });
});
