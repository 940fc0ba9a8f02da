/**
 * Process-wide metrics. Code anywhere records through the functions below: each is a no-op until
 * metrics are enabled (METRICS_TOKEN set), and prom-client is loaded only then, so an instance
 * that does not export metrics pays neither its memory nor a label lookup per request.
 */
import type { Counter, Gauge, Histogram, Registry } from 'prom-client';

export type UpstreamOutcome = 'ok' | 'timeout' | 'error';

interface Collectors {
  registry: Registry;
  http: Histogram<'method' | 'route' | 'status'>;
  upstreamRequests: Counter<'host' | 'outcome'>;
  upstreamDuration: Histogram<'host'>;
  cacheLookups: Counter<'cache' | 'result'>;
  namesParsed: Counter<'thread'>;
  hashWait: Histogram;
  hashRun: Histogram;
}

let collectors: Collectors | undefined;
let enabling: Promise<Registry> | undefined;

/** Sampled values (a queue length, say), read only when metrics are scraped. */
const gaugeSources: { name: string; help: string; read: () => number }[] = [];

/**
 * Addon hosts are chosen by users: past this many distinct ones, the rest share the label
 * "other", so a public instance cannot be made to grow its series without bound.
 */
const MAX_HOSTS = 200;
const hosts = new Set<string>();

function hostLabel(url: string): string {
  let host: string;
  try {
    host = new URL(url).host;
  } catch {
    return 'invalid';
  }
  if (hosts.has(host)) return host;
  if (hosts.size >= MAX_HOSTS) return 'other';
  hosts.add(host);
  return host;
}

/** One answered HTTP request; `route` is the route's pattern (never the raw path: it holds secrets). */
export function observeHttp(method: string, route: string, status: number, seconds: number): void {
  collectors?.http.observe({ method, route, status: String(status) }, seconds);
}

/** One request to an upstream addon (any resource), by the host it went to. */
export function observeUpstream(url: string, ms: number, outcome: UpstreamOutcome): void {
  if (!collectors) return;
  const host = hostLabel(url);
  collectors.upstreamRequests.inc({ host, outcome });
  collectors.upstreamDuration.observe({ host }, ms / 1000);
}

/** One lookup in a named cache. */
export function countCache(cache: string, hit: boolean): void {
  collectors?.cacheLookups.inc({ cache, result: hit ? 'hit' : 'miss' });
}

/** `count` new release names parsed ahead, on a worker thread or on the event loop. */
export function countNamesParsed(thread: 'worker' | 'event_loop', count: number): void {
  collectors?.namesParsed.inc({ thread }, count);
}

/** One password hash: time spent waiting for a slot, then hashing. */
export function observePasswordHash(waitMs: number, runMs: number): void {
  if (!collectors) return;
  collectors.hashWait.observe(waitMs / 1000);
  collectors.hashRun.observe(runMs / 1000);
}

/** A value sampled at scrape time (registered once, at module load, by its owner). */
export function gaugeSource(name: string, help: string, read: () => number): void {
  gaugeSources.push({ name, help, read });
}

/** Loads prom-client and starts recording; every caller gets the one registry of this process. */
export function enableMetrics(): Promise<Registry> {
  enabling ??= (async () => {
    const client = await import('prom-client');
    const registry = new client.Registry();
    // Process memory, CPU, handles, GC and event-loop delay (sampled every 10 ms).
    client.collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
    const seconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20];
    collectors = {
      registry,
      http: new client.Histogram({
        name: 'aiostreams_http_request_duration_seconds',
        help: 'HTTP requests answered, by method, route pattern and status, and how long they took',
        labelNames: ['method', 'route', 'status'],
        buckets: seconds,
        registers: [registry],
      }),
      upstreamRequests: new client.Counter({
        name: 'aiostreams_upstream_requests_total',
        help: 'Requests to upstream addons by host and outcome (ok, timeout, error)',
        labelNames: ['host', 'outcome'],
        registers: [registry],
      }),
      upstreamDuration: new client.Histogram({
        name: 'aiostreams_upstream_request_duration_seconds',
        help: 'How long upstream addon requests took, by host (failures included)',
        labelNames: ['host'],
        buckets: seconds,
        registers: [registry],
      }),
      cacheLookups: new client.Counter({
        name: 'aiostreams_cache_lookups_total',
        help: 'Cache lookups by cache and result (hit, miss)',
        labelNames: ['cache', 'result'],
        registers: [registry],
      }),
      namesParsed: new client.Counter({
        name: 'aiostreams_release_names_parsed_total',
        help: 'New release names parsed ahead in bulk, by thread (worker, event_loop)',
        labelNames: ['thread'],
        registers: [registry],
      }),
      hashWait: new client.Histogram({
        name: 'aiostreams_password_hash_wait_seconds',
        help: 'Time a password hash waited for a free slot',
        buckets: seconds,
        registers: [registry],
      }),
      hashRun: new client.Histogram({
        name: 'aiostreams_password_hash_duration_seconds',
        help: 'Time one password hash (Argon2id) took',
        buckets: seconds,
        registers: [registry],
      }),
    };
    for (const source of gaugeSources) {
      new client.Gauge({
        name: source.name,
        help: source.help,
        registers: [registry],
        collect(this: Gauge) {
          this.set(source.read());
        },
      });
    }
    return registry;
  })();
  return enabling;
}
