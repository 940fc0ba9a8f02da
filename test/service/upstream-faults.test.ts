/**
 * Upstream addons that hang, reset the connection or drip bytes: each costs only its own timeout,
 * and 1,000 requests through them leave no file descriptor or socket behind. The upstreams run in
 * a child process, so this process's descriptors are the server's and the test client's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, MINIMAL_CONFIG } from '../helpers/api.js';
import { waitUntil } from '../helpers/load.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { addonBase, custom } from '../addon/support.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BAD_TIMEOUT_MS = 1_000;
/** The good addon's timeout: an answer waiting on it instead of the bad ones' would take this long. */
const GOOD_TIMEOUT_MS = 20_000;
/** Far above the bad addons' timeout, far below the good one's. */
const ANSWER_BOUND_MS = BAD_TIMEOUT_MS + 5_000;
const REQUESTS = 1_000;
const CONCURRENCY = 50;
/** Descriptors that may come and go on their own (timers, a pooled connection being replaced). */
const SLACK = 20;

function descriptors(): { all: number; sockets: number } {
  const fds = readdirSync('/proc/self/fd');
  let sockets = 0;
  for (const fd of fds) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`).startsWith('socket:')) sockets++;
    } catch {
      // closed between the listing and the look
    }
  }
  return { all: fds.length, sockets };
}

describe('upstreams that hang, reset or drip', () => {
  let upstreams: ChildProcess;
  let srv: TestServer;
  let base: string;

  beforeAll(async () => {
    upstreams = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/helpers/bad-upstreams.ts')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const ports = await new Promise<Record<string, number>>((resolve, reject) => {
      let out = '';
      upstreams.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        if (out.includes('\n')) resolve(JSON.parse(out) as Record<string, number>);
      });
      upstreams.on('exit', (code) => reject(new Error(`bad upstreams exited (${code})`)));
    });
    srv = await startTestServer();
    const at = (name: string) => `http://127.0.0.1:${ports[name]}/manifest.json`;
    const { uuid, token } = await createUser(srv.url, 'faults password', {
      ...MINIMAL_CONFIG,
      presets: [
        custom('good', 'Good', at('good'), { timeout: GOOD_TIMEOUT_MS }),
        custom('hang', 'Hangs', at('hang'), { timeout: BAD_TIMEOUT_MS }),
        custom('reset', 'Resets', at('reset'), { timeout: BAD_TIMEOUT_MS }),
        custom('drip', 'Drips', at('drip'), { timeout: BAD_TIMEOUT_MS }),
      ],
    });
    base = addonBase(srv.url, uuid, token);
  }, 60_000);

  afterAll(async () => {
    await srv?.close();
    if (upstreams && upstreams.exitCode === null) {
      const exited = new Promise((resolve) => upstreams.once('exit', resolve));
      upstreams.kill('SIGTERM');
      await exited;
    }
  });

  it(`${REQUESTS} requests: each answered within the bad addons' timeout with the good streams; no descriptor leaks`, async () => {
    const client = new Agent({ connections: CONCURRENCY });
    const problems: string[] = [];
    let next = 0;
    const one = async (i: number) => {
      const started = performance.now();
      const res = await request(`${base}/stream/movie/tt${String(3_000_000 + i)}.json`, { dispatcher: client });
      const body = (await res.body.json()) as { streams: { name: string; description?: string; url?: string }[] };
      const ms = performance.now() - started;
      const errors = new Map(body.streams.filter((s) => s.name.startsWith('[❌]')).map((s) => [s.name, s.description]));
      if (res.statusCode !== 200) problems.push(`#${i}: status ${res.statusCode}`);
      else if (body.streams[0]?.url !== 'https://cdn.example.test/good.mkv') problems.push(`#${i}: no good stream`);
      else if (!/timed out after 1000 ms/.test(errors.get('[❌] Hangs') ?? '')) problems.push(`#${i}: hang said ${errors.get('[❌] Hangs')}`);
      else if (!/timed out after 1000 ms/.test(errors.get('[❌] Drips') ?? '')) problems.push(`#${i}: drip said ${errors.get('[❌] Drips')}`);
      else if (!/could not connect/.test(errors.get('[❌] Resets') ?? '')) problems.push(`#${i}: reset said ${errors.get('[❌] Resets')}`);
      else if (ms > ANSWER_BOUND_MS) problems.push(`#${i}: took ${Math.round(ms)} ms`);
    };
    const run = async (count: number) => {
      const end = next + count;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < end) await one(next++);
        }),
      );
    };

    // Warm up: manifests cached, connection pools filled; what is open now is the baseline.
    await run(CONCURRENCY);
    const baseline = descriptors();
    await run(REQUESTS);
    expect(problems.slice(0, 10)).toEqual([]);

    // Let go of the client's connections; what the server held for the bad upstreams must be gone too.
    await client.close();
    await waitUntil('descriptors back near the baseline', async () => descriptors().all <= baseline.all + SLACK, 15_000).catch(() => undefined);
    const after = descriptors();
    expect(after.all, `descriptors: ${baseline.all} before, ${after.all} after`).toBeLessThanOrEqual(baseline.all + SLACK);
    expect(after.sockets, `sockets: ${baseline.sockets} before, ${after.sockets} after`).toBeLessThanOrEqual(baseline.sockets + SLACK);
  }, 120_000);
});
