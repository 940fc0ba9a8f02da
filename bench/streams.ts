import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { releaseName } from '../test/helpers/streams.js';
import { load, printTable } from './load.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

/**
 * The stream section of `npm run bench`: 5 upstream addons on loopback, 200 streams each (1,000
 * distinct release names per title), each answering after 50 ms. Reports latency and the
 * aggregator's overhead above the slowest upstream in three states, cache-hit throughput, time
 * per stage (from the server's Server-Timing header) and RSS across many requests.
 */
const ADDONS = 5;
const PER_ADDON = 200;
const UPSTREAM_DELAY_MS = 50;
const RESULT_LIMIT = Number(process.env.BENCH_RESULT_LIMIT ?? 50);

/** Title per requested id, so that a new id means release names the server has never parsed. */
function streamsFor(addon: number, id: string): object[] {
  const title = `Title.${id.replace(/\W/g, '')}`;
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
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/manifest.json') return res.end(manifest);
    const id = decodeURIComponent(/\/stream\/[^/]+\/([^/]+)\.json/.exec(req.url ?? '')?.[1] ?? 'x');
    const body = JSON.stringify({ streams: streamsFor(addon, id) });
    setTimeout(() => res.end(body), UPSTREAM_DELAY_MS);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { manifestUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/manifest.json`, server };
}

const CONFIG = (manifests: string[]) => ({
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
      { key: 'quality', direction: 'desc' },
      { key: 'size', direction: 'desc' },
    ],
  },
  preferredResolutions: ['2160p', '1080p', '720p', '480p', 'Unknown'],
  preferredQualities: ['BluRay REMUX', 'BluRay', 'WEB-DL', 'WEBRip', 'Unknown'],
  excludedQualities: ['CAM'],
  deduplicator: { enabled: true },
  // What a Stremio user can scroll through; BENCH_RESULT_LIMIT=0 measures the uncut list.
  ...(RESULT_LIMIT > 0 ? { resultLimits: { global: RESULT_LIMIT } } : {}),
});

interface Sample {
  total: number;
  timings: Record<string, number>;
}

function serverTimings(header: string | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of (header ?? '').split(',')) {
    const m = /^\s*(\w+);dur=([\d.]+)/.exec(part);
    if (m) out[m[1]!] = Number(m[2]);
  }
  return out;
}

async function sample(url: string): Promise<Sample> {
  const t = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`stream request failed: ${res.status}`);
  return { total: performance.now() - t, timings: serverTimings(res.headers.get('server-timing')) };
}

const pct = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

function summarize(name: string, samples: Sample[]): string[] {
  const totals = samples.map((s) => s.total);
  const overhead = samples.map((s) => s.timings.overhead ?? 0);
  return [name, pct(totals, 50).toFixed(1), pct(totals, 99).toFixed(1), pct(overhead, 50).toFixed(1), pct(overhead, 99).toFixed(1)];
}

async function withServer<T>(env: Record<string, string>, manifests: string[], fn: (server: ServerProcess, base: string) => Promise<T>): Promise<T> {
  const server = await startServerProcess({ EXPOSE_SERVER_TIMING: 'true', ...env });
  try {
    const created = (await fetch(`${server.url}/api/v1/user`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ config: CONFIG(manifests), password: 'bench-password' }),
    }).then((r) => r.json())) as { data: { uuid: string; encryptedPassword: string } };
    return await fn(server, `${server.url}/stremio/${created.data.uuid}/${created.data.encryptedPassword}`);
  } finally {
    await server.stop();
  }
}

export async function benchStreams(iterations: number, seconds: number): Promise<void> {
  const upstreams = await Promise.all(Array.from({ length: ADDONS }, (_, i) => startUpstream(i)));
  const manifests = upstreams.map((u) => u.manifestUrl);
  const rows: string[][] = [];
  const stageSums: Record<string, number> = {};
  try {
    // Cold and warm-parse: result caches off, so every request goes upstream.
    await withServer({ UPSTREAM_STREAM_CACHE_TTL: '0', STREAM_RESULT_CACHE_TTL: '0' }, manifests, async (_server, base) => {
      await sample(`${base}/stream/movie/tt0000001.json`); // manifests fetched, code warmed
      const cold: Sample[] = [];
      for (let i = 0; i < iterations; i++) cold.push(await sample(`${base}/stream/movie/tt1${String(i).padStart(6, '0')}.json`));
      rows.push(summarize('cold (new release names)', cold));
      const warm: Sample[] = [];
      for (let i = 0; i < iterations; i++) warm.push(await sample(`${base}/stream/movie/tt1${String(i % 5).padStart(6, '0')}.json`));
      rows.push(summarize('warm parse cache', warm));
      for (const s of warm) for (const [k, v] of Object.entries(s.timings)) stageSums[k] = (stageSums[k] ?? 0) + v / warm.length;
    });
    // Result-cache hits: latency, then throughput and RSS over many requests.
    await withServer({}, manifests, async (server, base) => {
      const url = `${base}/stream/movie/tt2000000.json`;
      await sample(url);
      const hits: Sample[] = [];
      for (let i = 0; i < iterations; i++) hits.push(await sample(url));
      rows.push(summarize('result-cache hit', hits));
      const rssBefore = server.rssMb();
      const result = await load({ name: 'stream (cache hit)', url, seconds, connections: 50 });
      const rssAfter = server.rssMb();
      const more = await load({ name: 'stream (cache hit, again)', url, seconds, connections: 50 });
      const size = (await fetch(url).then((r) => r.arrayBuffer())).byteLength;
      console.log(
        `\n== Streams: 5 upstream addons × 200 streams, 50 ms each; result limit ${RESULT_LIMIT || 'none'}, answer ${(size / 1024).toFixed(0)} KiB ==`,
      );
      const head = ['state', 'p50 ms', 'p99 ms', 'overhead p50', 'overhead p99'];
      const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
      const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
      console.log(fmt(head));
      for (const r of rows) console.log(fmt(r));
      console.log('\nmean time per stage, warm parse cache (ms):');
      console.log(
        Object.entries(stageSums)
          .map(([k, v]) => `${k} ${v.toFixed(2)}`)
          .join(' | '),
      );
      console.log('');
      printTable([result, more]);
      console.log(
        `RSS: before ${rssBefore.toFixed(1)} MB, after ${result.reqPerSec * seconds} requests ${rssAfter.toFixed(1)} MB, after ${(result.reqPerSec + more.reqPerSec) * seconds} ${server.rssMb().toFixed(1)} MB`,
      );
    });
  } finally {
    for (const u of upstreams) {
      u.server.closeAllConnections();
      u.server.close();
    }
  }
}
