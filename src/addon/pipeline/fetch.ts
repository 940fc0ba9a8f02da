import { setMaxListeners } from 'node:events';
import { countCache } from '../../metrics.js';
import { resourceUrl, type ResolvedAddon } from '../addons.js';
import { streamCacheBudget } from '../cache/memory-budget.js';
import { TieredBytes, type RedisBytes } from '../cache/shared-store.js';
import { SingleFlight } from '../cache/single-flight.js';
import { fetchBody, fetchJson, parseBody, untilDeadline, type FetchResult } from '../upstream/http-client.js';
import { serves, type ManifestCache } from '../upstream/manifests.js';
import { parseStream, releaseNamesOf } from './parse.js';
import type { ReleaseNamePool } from './parse/release-pool.js';
import type { ParsedStream } from './types.js';

export interface AddonFailure {
  name: string;
  instanceId: string;
  error: string;
}

export interface FetchOutcome {
  /** In preset order, each addon's streams in upstream order. */
  streams: ParsedStream[];
  failures: AddonFailure[];
  /** Per addon that was asked: how long it took (ms), for logs and the benchmark. */
  timings: { instanceId: string; ms: number; count: number }[];
  /** Time spent parsing, summed over addons (ms). */
  parseMs: number;
}

export interface StreamRequest {
  type: string;
  id: string;
  /** `anime` for anime ids, else the Stremio type: what `mediaTypes` is checked against. */
  kind: string;
}

const MAX_STREAMS_BYTES = 10 * 1024 * 1024;
/**
 * Streams taken from one upstream answer: the first 1,000. Real addons send a few hundred at
 * most; beyond that every later stage (parse, dedupe, sort) costs per request for items nobody
 * scrolls to, and one addon could make each request as slow as it likes.
 */
export const MAX_STREAMS_PER_ADDON = 1_000;

/**
 * Upstream stream answers per (addon cache key, type, id), kept briefly in the shared stream
 * cache budget as the bytes they came as (a third of the parsed objects' size), parsed again on
 * a hit; with Redis, also shared with the other instances.
 */
export class StreamResponseCache {
  private readonly cache: TieredBytes;
  private readonly inflight = new SingleFlight<FetchResult>();

  constructor(
    readonly ttlMs: number,
    shared?: RedisBytes,
  ) {
    this.cache = new TieredBytes(streamCacheBudget, shared);
  }

  /**
   * Concurrent callers asking with the same addon timeout share one fetch (and one Redis read),
   * which takes none of their signals: `signal` (this caller's deadline) ends only this caller's
   * wait, and a caller with a longer timeout never receives a shorter one's "timed out".
   */
  load(url: string, key: string, addon: ResolvedAddon, signal: AbortSignal): Promise<FetchResult> {
    // Without a cache nothing is shared, so the caller's own fetch may stop at its deadline.
    if (this.ttlMs <= 0) return fetchJson(url, { timeoutMs: addon.timeoutMs, maxBytes: MAX_STREAMS_BYTES, signal, headers: addon.headers });
    const hit = this.cache.getLocal(key);
    countCache('upstream_streams', hit !== undefined);
    if (hit) return Promise.resolve(cachedBody(hit));
    const shared = this.inflight.run(`${key}\n${addon.timeoutMs}`, () => this.fetchAndKeep(url, key, addon));
    return untilDeadline(shared, signal);
  }

  private async fetchAndKeep(url: string, key: string, addon: ResolvedAddon): Promise<FetchResult> {
    const kept = await this.cache.get(key);
    if (kept) return cachedBody(kept);
    const res = await fetchBody(url, { timeoutMs: addon.timeoutMs, maxBytes: MAX_STREAMS_BYTES, headers: addon.headers });
    const parsed = parseBody(res);
    if (res.ok && parsed.ok) this.cache.set(key, res.data, this.ttlMs);
    return parsed;
  }

  clear(): void {
    this.cache.clear();
  }
}

const cachedBody = (bytes: Buffer): FetchResult => parseBody({ ok: true, data: bytes, ms: 0, bytes: bytes.byteLength });

/**
 * Asks every addon that serves streams for this request, all at once, each under its own timeout
 * and all under one deadline; each answer is parsed as soon as it lands, while slower ones are
 * still on the wire. A failing addon costs only its own results.
 */
export async function fetchStreams(
  addons: readonly ResolvedAddon[],
  req: StreamRequest,
  deps: { manifests: ManifestCache; responses: StreamResponseCache; deadlineMs: number; releaseNames?: ReleaseNamePool },
): Promise<FetchOutcome> {
  const deadline = new AbortController();
  // Each addon waits on it at a few steps at once (manifest, answer, names parsed ahead).
  setMaxListeners(10 + 3 * addons.length, deadline.signal);
  const timer = setTimeout(() => deadline.abort(), deps.deadlineMs);
  const slots: ParsedStream[][] = [];
  const failures: (AddonFailure | undefined)[] = [];
  const timings: FetchOutcome['timings'] = [];
  let parseMs = 0;

  const one = async (addon: ResolvedAddon, slot: number): Promise<void> => {
    if (addon.mediaTypes.length && !addon.mediaTypes.includes(req.kind)) return;
    const fail = (error: string) => {
      failures[slot] = { name: addon.ref.label, instanceId: addon.ref.presetInstanceId, error };
    };
    const manifest = await deps.manifests.get(addon, deadline.signal);
    if (!manifest.ok) return fail(`could not load the addon's manifest: ${manifest.error}`);
    if (!serves(addon, manifest.data, 'stream', req.type, req.id)) return;
    const url = resourceUrl(addon, 'stream', req.type, req.id);
    const res = await deps.responses.load(url, `${addon.cacheKey}\n${req.type}\n${req.id}`, addon, deadline.signal);
    if (!res.ok) return fail(res.error);
    const list = (res.data as { streams?: unknown } | null)?.streams;
    if (!Array.isArray(list)) return fail('answer has no "streams" list');
    const items: unknown[] = list.length > MAX_STREAMS_PER_ADDON ? list.slice(0, MAX_STREAMS_PER_ADDON) : list;
    const started = performance.now();
    // Parsing ahead waits at most until the request's deadline; what is not back by then is parsed here.
    const prepared = deps.releaseNames
      ? await beforeAbort(deps.releaseNames.prepare(items.flatMap((raw) => releaseNamesOf(raw, addon.ref))), deadline.signal)
      : undefined;
    const parsed: ParsedStream[] = [];
    for (const raw of items) {
      const p = parseStream(raw, addon.ref, prepared);
      if (!p) continue;
      if ('error' in p) return fail(p.error);
      parsed.push(p);
    }
    parseMs += performance.now() - started;
    slots[slot] = parsed;
    timings.push({ instanceId: addon.ref.presetInstanceId, ms: res.ms, count: parsed.length });
  };

  try {
    await Promise.all(addons.map((a, i) => one(a, i)));
  } finally {
    clearTimeout(timer);
  }
  const streams: ParsedStream[] = [];
  for (const s of slots) if (s) for (const x of s) streams.push(x);
  return { streams, failures: failures.filter((f): f is AddonFailure => !!f), timings, parseMs };
}

/** `work`'s result, or undefined once `signal` aborts (the work goes on; its result is dropped). */
function beforeAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    const settle = (value: T | undefined) => {
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    };
    work.then(settle, () => settle(undefined));
  });
}
