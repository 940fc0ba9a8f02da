import { Agent, request, type Dispatcher } from 'undici';

/**
 * The one way the server talks to upstream addons: keep-alive pool, a timeout per call, a cap on
 * the answer's size, and a plain result instead of exceptions, so a misbehaving addon can only
 * cost its own results.
 */
export type FetchResult<T = unknown> = { ok: true; data: T; ms: number } | { ok: false; error: string; ms: number };

export interface FetchOptions {
  timeoutMs: number;
  maxBytes: number;
  /** Aborts with the whole request (the global deadline). */
  signal?: AbortSignal | undefined;
  headers?: Record<string, string>;
}

const agent = new Agent({
  keepAliveTimeout: 30_000,
  keepAliveMaxTimeout: 120_000,
  connections: 64,
  pipelining: 1,
  connect: { timeout: 5_000 },
});

export const upstreamDispatcher: Dispatcher = agent;

const USER_AGENT = 'aiostreams-lite (Stremio addon aggregator)';

export async function fetchJson<T = unknown>(url: string, opts: FetchOptions): Promise<FetchResult<T>> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const signals = [AbortSignal.timeout(opts.timeoutMs)];
  if (opts.signal) signals.push(opts.signal);
  const signal = AbortSignal.any(signals);
  try {
    const res = await request(url, {
      method: 'GET',
      dispatcher: agent,
      signal,
      headers: { accept: 'application/json', 'user-agent': USER_AGENT, ...opts.headers },
    });
    if (res.statusCode < 200 || res.statusCode >= 300) {
      res.body.dump().catch(() => undefined);
      return { ok: false, error: `HTTP ${res.statusCode}`, ms: elapsed() };
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
    const text = Buffer.concat(chunks, size).toString('utf8');
    try {
      return { ok: true, data: JSON.parse(text) as T, ms: elapsed() };
    } catch {
      return { ok: false, error: 'answer is not valid JSON', ms: elapsed() };
    }
  } catch (err) {
    if (signal.aborted) {
      const reason = opts.signal?.aborted ? 'request deadline reached' : `timed out after ${opts.timeoutMs} ms`;
      return { ok: false, error: reason, ms: elapsed() };
    }
    return { ok: false, error: describeNetworkError(err), ms: elapsed() };
  }
}

function describeNetworkError(err: unknown): string {
  const e = err as { code?: string; cause?: { code?: string }; message?: string };
  const code = e.code ?? e.cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return 'connection timed out';
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET') return 'connection closed by the addon';
  return code ? `network error (${code})` : 'network error';
}
