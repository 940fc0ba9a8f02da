import autocannon from 'autocannon';
import { createRequire } from 'node:module';

// autocannon's response parser waits for a body after HEAD; telling it to skip the body (as Node's
// own client does for HEAD) makes HEAD measurable. http-parser-js is autocannon's own parser.
const { HTTPParser } = createRequire(createRequire(import.meta.url).resolve('autocannon'))('http-parser-js') as {
  HTTPParser: { kOnHeadersComplete: number };
};
function skipBodies(client: { parser: Record<number, unknown> }): void {
  let handler: ((info: unknown) => unknown) | undefined;
  Object.defineProperty(client.parser, HTTPParser.kOnHeadersComplete, {
    configurable: true,
    get: () => (info: unknown) => {
      handler?.(info);
      return true;
    },
    set: (fn: (info: unknown) => unknown) => {
      handler = fn;
    },
  });
}

export interface LoadResult {
  name: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export interface LoadOptions {
  name: string;
  url: string;
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';
  headers?: Record<string, string>;
  body?: string;
  connections?: number;
  seconds?: number;
}

/** One fixed-duration load run with autocannon (keep-alive connections, HTTP/1.1 pipelining off). */
export async function load(opts: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: opts.url,
    method: opts.method ?? 'GET',
    headers: opts.headers ?? {},
    ...(opts.body !== undefined ? { body: opts.body } : {}),
    connections: opts.connections ?? 50,
    ...(opts.method === 'HEAD' ? { setupClient: skipBodies as never } : {}),
    duration: opts.seconds ?? 5,
  });
  return {
    name: opts.name,
    reqPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

export function printTable(rows: LoadResult[]): void {
  const head = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx'];
  const lines = rows.map((r) => [r.name, String(r.reqPerSec), String(r.p50), String(r.p99), String(r.errors), String(r.non2xx)]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(fmt(head));
  for (const l of lines) console.log(fmt(l));
}
