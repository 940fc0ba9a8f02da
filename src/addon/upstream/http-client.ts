import { Agent, interceptors, request } from 'undici';
import { observeUpstream } from '../../metrics.js';
import { parseJsonBytes } from './json-bytes.js';

/**
 * The one way the server talks to upstream addons: keep-alive pool, a timeout per call, a cap on
 * the answer's size, and a plain result instead of exceptions, so a misbehaving addon can only
 * cost its own results.
 */
export type FetchResult<T = unknown> =
  | { ok: true; data: T; ms: number; /** Size of the body read, for caches bounded by bytes. */ bytes: number }
  | { ok: false; error: string; ms: number };

export interface FetchOptions {
  timeoutMs: number;
  maxBytes: number;
  /** Aborts with the whole request (the global deadline). Never pass one into a shared load. */
  signal?: AbortSignal | undefined;
  headers?: Record<string, string>;
}

/** Addons move (http → https, a new host) and manifest URLs get shortened; a few hops are normal. */
const MAX_REDIRECTS = 3;

const agent = new Agent({
  keepAliveTimeout: 30_000,
  keepAliveMaxTimeout: 120_000,
  connections: 64,
  pipelining: 1,
  connect: { timeout: 5_000 },
}).compose(interceptors.redirect({ maxRedirections: MAX_REDIRECTS }));

export const DEADLINE_REACHED = 'request deadline reached';

/**
 * A shared load, awaited by one caller no longer than its own `signal`: on abort this caller gets
 * "request deadline reached" at once, while the load runs on for everyone else waiting on it.
 */
export function untilDeadline<T>(shared: Promise<FetchResult<T>>, signal: AbortSignal | undefined): Promise<FetchResult<T>> {
  if (!signal) return shared;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve({ ok: false, error: DEADLINE_REACHED, ms: Math.round(performance.now() - started) });
    shared.then(
      (r) => {
        signal.removeEventListener('abort', onAbort);
        resolve(r);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}

const USER_AGENT = 'aiostreams-lite (Stremio addon aggregator)';

/** Header names are case-insensitive: an addon's `User-Agent` replaces the default one. */
function requestHeaders(extra: Record<string, string> | undefined): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': USER_AGENT };
  for (const [name, value] of Object.entries(extra ?? {})) headers[name.toLowerCase()] = value;
  return headers;
}

/** The answer's bytes, unparsed (for caches that keep the compact form). */
export async function fetchBody(url: string, opts: FetchOptions): Promise<FetchResult<Buffer>> {
  const res = await fetchBodyOnce(url, opts);
  observeUpstream(url, res.ms, res.ok ? 'ok' : res.error === DEADLINE_REACHED || res.error.startsWith('timed out') ? 'timeout' : 'error');
  return res;
}

async function fetchBodyOnce(url: string, opts: FetchOptions): Promise<FetchResult<Buffer>> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  // A timer, not AbortSignal.timeout(): on Node 20 a timeout signal held only by AbortSignal.any()
  // can be garbage-collected before it fires, and a hanging addon then holds the request for ever.
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([timeout.signal, opts.signal]) : timeout.signal;
  try {
    const res = await request(url, { method: 'GET', dispatcher: agent, signal, headers: requestHeaders(opts.headers) });
    if (res.statusCode < 200 || res.statusCode >= 300) {
      res.body.dump().catch(() => undefined);
      // A redirect reaching us is one past MAX_REDIRECTS (the interceptor follows the others).
      const redirect = res.statusCode >= 300 && res.statusCode < 400 && res.headers.location !== undefined;
      return { ok: false, error: redirect ? `too many redirects (HTTP ${res.statusCode})` : `HTTP ${res.statusCode}`, ms: elapsed() };
    }
    const declared = Number(res.headers['content-length'] ?? NaN);
    if (declared > opts.maxBytes) {
      res.body.destroy();
      return { ok: false, error: `answer too large (${declared} bytes)`, ms: elapsed() };
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > opts.maxBytes) {
        res.body.destroy();
        return { ok: false, error: `answer too large (over ${opts.maxBytes} bytes)`, ms: elapsed() };
      }
      chunks.push(chunk);
    }
    return { ok: true, data: Buffer.concat(chunks, size), ms: elapsed(), bytes: size };
  } catch (err) {
    if (signal.aborted) {
      const reason = opts.signal?.aborted ? DEADLINE_REACHED : `timed out after ${opts.timeoutMs} ms`;
      return { ok: false, error: reason, ms: elapsed() };
    }
    return { ok: false, error: describeNetworkError(err), ms: elapsed() };
  } finally {
    clearTimeout(timer);
  }
}

/** Bytes → JSON, or the failure every caller reports for a body that is not JSON. */
export function parseBody<T>(res: FetchResult<Buffer>): FetchResult<T> {
  if (!res.ok) return res;
  try {
    return { ok: true, data: parseJsonBytes(res.data) as T, ms: res.ms, bytes: res.bytes };
  } catch {
    return { ok: false, error: 'answer is not valid JSON', ms: res.ms };
  }
}

export async function fetchJson<T = unknown>(url: string, opts: FetchOptions): Promise<FetchResult<T>> {
  return parseBody<T>(await fetchBody(url, opts));
}

/**
 * One message for every way a connection can fail: the manifest proxy is open to anyone, and
 * "refused" vs "closed" vs "reset" would tell them which ports of a host are open.
 */
const CANNOT_CONNECT = 'could not connect to the addon';

function describeNetworkError(err: unknown): string {
  const e = err as { code?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  return CANNOT_CONNECT;
}
