import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { releaseName } from '../test/helpers/streams.js';
import { STAGE_NAMES, stageTimes } from './cpu-profile.js';
import { load } from './load.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

/**
 * The stream section of `npm run bench` (issue 8), measured from outside as a public instance is
 * used: 5 upstream addons on loopback, 200 distinct releases each, each answering after 50 ms;
 * the torrentio formatter, three sort keys, quality exclusions, dedup on, no result limit (1,000
 * streams answered), default cache settings, and every request for an id never asked before.
 */
const ADDONS = 5;
const PER_ADDON = 200;
const UPSTREAM_DELAY_MS = 50;
const CLIENTS = 10;
/** Ids with this prefix get release names that do not depend on the id: names seen before. */
const SEEN_NAMES = 'tt9';

/** Stands for the title in an addon's answer, built once; each request only fills it in. */
const TITLE = 'TITLE_PLACEHOLDER';

/**
 * Release names carry the id, so a new id means names the server has never parsed. The answer is
 * made by filling the id into a prepared text: building 200 streams per request here would add
 * the load generator's own time to the latency measured above the upstreams' 50 ms.
 */
function answerFor(template: string, id: string): string {
  return template.replaceAll(TITLE, id.startsWith(SEEN_NAMES) ? 'Seen.Title' : `Title.${id}`);
}

function streamsFor(addon: number, title: string): object[] {
  const out: object[] = [];
  for (let k = 0; k < PER_ADDON; k++) {
    const i = addon * PER_ADDON + k;
    const name = releaseName(i, title, 2000 + (i % 25));
    const seeders = (i * 13) % 400;
    const size = (((i * 37) % 600) / 10 + 0.7).toFixed(1);
    const cached = i % 3 !== 0;
    out.push({
      name: `[RD${cached ? '+' : ' download'}] Addon${addon}\n${['4k', '1080p', '720p', '480p'][i % 4]}`,
      title: `${name}\n👤 ${seeders} 💾 ${size} GB ⚙️ Indexer${i % 5}\n🇬🇧 / 🇫🇷`,
      url: `http://127.0.0.1:9/resolve/realdebrid/KEY/${i.toString(16).padStart(40, '0')}/null/0/${encodeURIComponent(name)}`,
      behaviorHints: { bingeGroup: `addon${addon}|${i % 4}`, filename: name },
    });
  }
  return out;
}

async function startUpstream(addon: number): Promise<{ manifestUrl: string; server: Server }> {
  const manifest = JSON.stringify({
    id: `bench.addon${addon}`,
    version: '1.0.0',
    name: `Addon${addon}`,
    description: 'bench',
    resources: ['stream'],
    types: ['movie', 'series'],
    idPrefixes: ['tt'],
    catalogs: [],
  });
  const template = JSON.stringify({ streams: streamsFor(addon, TITLE) });
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/manifest.json') return res.end(manifest);
    const id = decodeURIComponent(/\/stream\/[^/]+\/([^/]+)\.json/.exec(req.url ?? '')?.[1] ?? 'x');
    const body = answerFor(template, id);
    setTimeout(() => res.end(body), UPSTREAM_DELAY_MS);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { manifestUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/manifest.json`, server };
}

const config = (manifests: string[], resultLimit?: number) => ({
  presets: manifests.map((manifestUrl, i) => ({
    type: 'custom',
    instanceId: `a${i}`,
    enabled: true,
    options: { name: `Addon${i}`, manifestUrl, timeout: 5000 },
  })),
  services: [{ id: 'realdebrid', enabled: true, credentials: { apiKey: 'x' } }],
  formatter: { id: 'torrentio' },
  sortCriteria: {
    global: [
      { key: 'cached', direction: 'desc' },
      { key: 'resolution', direction: 'desc' },
      { key: 'size', direction: 'desc' },
    ],
  },
  preferredResolutions: ['2160p', '1080p', '720p', '480p', 'Unknown'],
  // Every stream is checked, none is one of these, so all 1,000 are answered.
  excludedQualities: ['TS', 'TC', 'SCR'],
  deduplicator: { enabled: true },
  ...(resultLimit ? { resultLimits: { global: resultLimit } } : {}),
});

/** A saved config: its stream URL prefix and how many streams a full answer has. */
interface User {
  base: string;
  streams: number;
}

async function createUser(server: ServerProcess, manifests: string[], resultLimit?: number): Promise<User> {
  const res = await fetch(`${server.url}/api/v1/user`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ config: config(manifests, resultLimit), password: 'bench-password' }),
  });
  const { data } = (await res.json()) as { data: { uuid: string; encryptedPassword: string } };
  return { base: `${server.url}/stremio/${data.uuid}/${data.encryptedPassword}`, streams: resultLimit ?? ADDONS * PER_ADDON };
}

let lastId = 1_000_000;
/** A movie id never requested before; with prefix SEEN_NAMES its release names are not new. */
const streamUrl = (user: User, prefix = 'tt1') => `${user.base}/stream/movie/${prefix}${++lastId}.json`;

/** Answers with fewer streams than the config gives (an upstream timed out under load, say): reported, since they flatter the figures. */
let shortAnswers = 0;

/** One stream request → the client's latency (until the last body byte) and the body's size. */
async function get(user: User, url: string): Promise<{ ms: number; bytes: number }> {
  const t = performance.now();
  const res = await fetch(url);
  const body = await res.text();
  const ms = performance.now() - t;
  if (res.status !== 200) throw new Error(`stream request failed: ${res.status} ${body.slice(0, 200)}`);
  if ((JSON.parse(body) as { streams: unknown[] }).streams.length !== user.streams) shortAnswers++;
  return { ms, bytes: Buffer.byteLength(body) };
}

/** `count` requests for new ids from CLIENTS concurrent clients → server CPU ms per request. `done(n)` runs after each. */
async function cpuPerRequest(server: ServerProcess, user: User, count: number, prefix?: string, done?: (n: number) => void): Promise<number> {
  const before = server.cpuMs();
  let started = 0;
  let finished = 0;
  const client = async () => {
    while (started++ < count) {
      await get(user, streamUrl(user, prefix));
      done?.(++finished);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return (server.cpuMs() - before) / count;
}

const pct = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

/** One request at a time, new ids: the client's latency minus the upstreams' 50 ms → [p50, p99]. */
async function latencyAbove(user: User, count: number): Promise<[number, number]> {
  const over: number[] = [];
  for (let i = 0; i < count; i++) {
    over.push((await get(user, streamUrl(user))).ms - UPSTREAM_DELAY_MS);
  }
  return [pct(over, 50), pct(over, 99)];
}

/** Runs `fn` against a fresh server process; the server must then drain and exit 0 on SIGTERM. */
async function withServer<T>(env: Record<string, string>, nodeFlags: string[], fn: (server: ServerProcess) => Promise<T>): Promise<T> {
  const server = await startServerProcess(env, nodeFlags);
  const result = await fn(server).catch(async (err: unknown) => {
    await server.stop();
    throw err;
  });
  const code = await server.stop();
  if (code !== 0) throw new Error(`server exited with ${code} on SIGTERM`);
  return result;
}

const hrtimeUs = () => Number(process.hrtime.bigint() / 1000n);

export async function benchStreams(iterations: number, seconds: number, coldRequests: number): Promise<void> {
  const started = performance.now();
  const upstreams = await Promise.all(Array.from({ length: ADDONS }, (_, i) => startUpstream(i)));
  const manifests = upstreams.map((u) => u.manifestUrl);
  // The RSS checkpoint, and the request count of the shorter runs (300 of the default 1,200).
  const quarter = Math.max(1, Math.round(coldRequests / 4));
  try {
    const main = await withServer({}, [], async (server) => {
      const idle = server.rssMb();
      const open = await createUser(server, manifests);
      const limited = await createUser(server, manifests, 50);
      let rssQuarter = 0;
      const cpu = await cpuPerRequest(server, open, coldRequests, undefined, (n) => {
        if (n === quarter) rssQuarter = server.rssMb();
      });
      const rssCold = server.rssMb();
      const latency = await latencyAbove(open, iterations);
      const cpuLimited = await cpuPerRequest(server, limited, quarter);
      const latencyLimited = await latencyAbove(limited, iterations);
      await get(open, streamUrl(open, SEEN_NAMES)); // the warm-up pass: the server meets all 1,000 names once
      const cpuSeen = await cpuPerRequest(server, open, quarter, SEEN_NAMES);
      const sizes = [(await get(open, streamUrl(open))).bytes, (await get(limited, streamUrl(limited))).bytes];
      // Secondary: result-cache hits (one id asked again and again), the figure of earlier issues.
      const hitUrl = streamUrl(open);
      await get(open, hitUrl);
      const hits = await load({ name: 'result-cache hit', url: hitUrl, seconds, connections: 50 });
      return { idle, rssQuarter, rssCold, cpu, cpuLimited, cpuSeen, latency, latencyLimited, sizes, hits };
    });

    const noCache = await withServer({ STREAM_CACHE_MB: '0' }, [], async (server) => {
      const idle = server.rssMb();
      await cpuPerRequest(server, await createUser(server, manifests), coldRequests);
      return { idle, rss: server.rssMb() };
    });

    // Stage shares from V8's sampling profiler, written when the server exits; only samples taken
    // during the requests count (not start-up and shutdown).
    const profileDir = mkdtempSync(path.join(tmpdir(), 'aio-bench-prof-'));
    const window = await withServer({}, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`], async (server) => {
      const user = await createUser(server, manifests);
      const from = hrtimeUs();
      await cpuPerRequest(server, user, quarter);
      return [from, hrtimeUs()] as const;
    });
    // One profile per thread (CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile): the release-name
    // workers' samples count too, but not their waiting for work.
    const profiles = readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'));
    if (profiles.length === 0) throw new Error('the server wrote no CPU profile');
    const stages = new Map(STAGE_NAMES.map((s) => [s, 0]));
    for (const file of profiles) {
      const worker = /\.\d+\.(\d+)\.\d+\.cpuprofile$/.exec(file)?.[1] !== '0';
      for (const [stage, ms] of stageTimes(path.join(profileDir, file), ...window)) {
        if (!(worker && stage === 'program/idle')) stages.set(stage, stages.get(stage)! + ms);
      }
    }
    rmSync(profileDir, { recursive: true, force: true });
    // Shares of the time spent working: waiting (program/idle) is printed but not counted in.
    const profiled = [...stages].reduce((sum, [stage, ms]) => (stage === 'program/idle' ? sum : sum + ms), 0);

    const ms = (v: number) => `${v.toFixed(1)} ms`;
    const mb = (v: number) => `${v.toFixed(0)} MB`;
    const rows: string[][] = [
      ['figure', 'no limit', 'limit 50', 'goal'],
      ['server CPU per request, new release names (10 clients)', ms(main.cpu), ms(main.cpuLimited), '≤ 30 ms'],
      ['server CPU per request, release names seen before', ms(main.cpuSeen), '', '≤ 10 ms'],
      ['latency above the upstreams, p50 (1 client)', ms(main.latency[0]), ms(main.latencyLimited[0]), '≤ 30 ms'],
      ['latency above the upstreams, p99 (1 client)', ms(main.latency[1]), ms(main.latencyLimited[1]), '–'],
      ['RSS idle, right after start', mb(main.idle), '', '–'],
      [`RSS after ${quarter} cold requests (10 clients)`, mb(main.rssQuarter), '', '≤ 200 MB'],
      [`RSS after ${coldRequests} cold requests (10 clients)`, mb(main.rssCold), '', '≤ 200 MB, flat'],
      [`RSS after ${coldRequests} cold requests, STREAM_CACHE_MB=0`, mb(noCache.rss), '', `near idle (${mb(noCache.idle)})`],
      [`CPU share by stage (sampling profile of every thread, ${quarter} cold requests, 10 clients):`, '', '', ''],
      ...STAGE_NAMES.map((s) => [`  ${s}`, `${((100 * stages.get(s)!) / profiled).toFixed(1)} %`, '', '–']),
    ];
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
    console.log(
      `\n== Streams: ${ADDONS} upstream addons × ${PER_ADDON} releases, ${UPSTREAM_DELAY_MS} ms each; torrentio formatter, 3 sort keys, ` +
        `quality exclusions, dedup on, default caches; every request a new id. Answer: ${ADDONS * PER_ADDON} streams ` +
        `(${(main.sizes[0]! / 1024).toFixed(0)} KiB), limit 50: ${(main.sizes[1]! / 1024).toFixed(0)} KiB ==`,
    );
    for (const r of rows) console.log(fmt(r));
    const h = main.hits;
    console.log(`\nsecondary: ${h.name}, 50 connections, ${seconds} s: ${h.reqPerSec} req/s, p50 ${h.p50} ms, p99 ${h.p99} ms, errors ${h.errors + h.non2xx}`);
    if (shortAnswers > 0) console.log(`warning: ${shortAnswers} answers had fewer streams than the config gives (upstream timeouts?)`);
    console.log(`stream section: ${((performance.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    for (const u of upstreams) {
      u.server.closeAllConnections();
      u.server.close();
    }
  }
}
