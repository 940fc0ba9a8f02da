import { resourceUrl, type ResolvedAddon } from './addons.js';
import { errorMeta, errorStream, errorSubtitle } from './error-items.js';
import { buildUserManifest, type InstanceInfo } from './manifest.js';
import { fetchStreams, type StreamResponseCache } from './pipeline/fetch.js';
import type { ReleaseNamePool } from './pipeline/parse/release-pool.js';
import type { ReadyConfig } from './ready-config.js';
import { requestKind } from './request-kind.js';
import { fetchJson } from './upstream/http-client.js';
import { serves, type ManifestCache, type StremioManifest } from './upstream/manifests.js';
import { streamCacheBudget } from './cache/memory-budget.js';
import { countCache } from '../metrics.js';
import { TieredBytes, type RedisBytes } from './cache/shared-store.js';

export interface AddonServiceOptions {
  instance: InstanceInfo;
  manifests: ManifestCache;
  responses: StreamResponseCache;
  /** Parses a request's new release names on worker threads; without it, on the event loop. */
  releaseNames?: ReleaseNamePool | undefined;
  /** Longest a stream request waits for upstream addons, whatever their timeouts. */
  streamDeadlineMs: number;
  /** Per-user final stream lists, by (uuid, version, type, id); 0 turns it off. */
  resultTtlMs: number;
  /** Final answers shared with the other instances (Redis), when there are any. */
  sharedResults?: RedisBytes | undefined;
  /** Seconds Stremio may cache an answer (cacheMaxAge). */
  cacheMaxAge: number;
  log: { warn(obj: object, msg: string): void };
}

/** A resource answer: the JSON body (or its bytes) plus how long clients may cache it. */
export interface AddonAnswer {
  body: Record<string, unknown>;
  cacheMaxAge: number;
  /** The body already serialised and encoded: stream answers are serialised once and kept so. */
  payload?: Buffer;
  /** Where the time went (ms), for a Server-Timing header. */
  timings?: Record<string, number>;
}

const MAX_RESOURCE_BYTES = 5 * 1024 * 1024;

/** Serves one user's addon: manifest, streams (the pipeline), catalogs, metas, subtitles. Knows no HTTP. */
export class AddonService {
  /**
   * Final stream answers per (uuid, config version, type, id), kept as their bytes only (the
   * objects they were made from are let go) in the stream cache budget, and in Redis when shared.
   */
  private readonly results: TieredBytes;

  constructor(private readonly opts: AddonServiceOptions) {
    this.results = new TieredBytes(streamCacheBudget, opts.sharedResults);
  }

  /** Upstream manifests of the enabled addons that answered; the others are logged and left out. */
  private async manifestsOf(ready: ReadyConfig): Promise<{ addon: ResolvedAddon; manifest: StremioManifest }[]> {
    const loaded = await Promise.all(
      ready.addons.map(async (addon) => {
        const res = await this.opts.manifests.get(addon);
        if (!res.ok) {
          this.opts.log.warn({ addon: addon.ref.label, error: res.error }, 'upstream manifest unavailable; left out');
          return null;
        }
        return { addon, manifest: res.data };
      }),
    );
    return loaded.filter((x): x is { addon: ResolvedAddon; manifest: StremioManifest } => x !== null);
  }

  async manifest(ready: ReadyConfig): Promise<Record<string, unknown>> {
    return buildUserManifest(ready.uuid, ready.config, this.opts.instance, await this.manifestsOf(ready));
  }

  async streams(ready: ReadyConfig, type: string, id: string): Promise<AddonAnswer> {
    const started = performance.now();
    const key = `${ready.uuid}:${ready.version}:${type}:${id}`;
    // Only whole answers are kept, and those carry the configured cacheMaxAge.
    const cached = this.opts.resultTtlMs > 0 ? await this.results.get(key) : undefined;
    countCache('stream_results', cached !== undefined);
    if (cached) return { body: {}, payload: cached, cacheMaxAge: this.opts.cacheMaxAge, timings: { cache: performance.now() - started } };
    const kind = requestKind(type, id);
    const outcome = await fetchStreams(ready.addons, { type, id, kind }, {
      manifests: this.opts.manifests,
      responses: this.opts.responses,
      releaseNames: this.opts.releaseNames,
      deadlineMs: Math.min(this.opts.streamDeadlineMs, Math.max(0, ...ready.addons.map((a) => a.timeoutMs)) + 250),
    });
    const fetched = performance.now();
    const stages = { filter: 0, dedupe: 0, preferred: 0, sort: 0, limit: 0, format: 0 };
    const streams: Record<string, unknown>[] = ready.pipeline.run(outcome.streams, { type, id, kind }, stages);
    // Broken presets fail the same way every time; only a transient upstream failure makes an
    // answer not worth keeping.
    const failed = outcome.failures.length > 0;
    if (ready.showErrors('stream')) {
      for (const b of ready.broken) streams.push(errorStream(b.name, b.error));
      for (const f of outcome.failures) streams.push(errorStream(f.name, f.error));
    }
    // A partial answer is not kept: the next request should ask the failed addons again.
    const answer: AddonAnswer = { body: { streams }, cacheMaxAge: failed ? 0 : this.opts.cacheMaxAge };
    answer.payload = utf8Bytes(serializeAnswer(answer));
    if (!failed && this.opts.resultTtlMs > 0) {
      this.results.set(key, answer.payload, this.opts.resultTtlMs);
    }
    const slowest = Math.max(0, ...outcome.timings.map((t) => t.ms));
    const total = performance.now() - started;
    return {
      ...answer,
      timings: { upstream: slowest, fetch: fetched - started, parse: outcome.parseMs, ...stages, total, overhead: total - slowest },
    };
  }

  async catalog(ready: ReadyConfig, type: string, id: string, extra: string | undefined): Promise<AddonAnswer> {
    const dot = id.indexOf('.');
    const addon = dot > 0 ? ready.addons.find((a) => a.ref.addonId === id.slice(0, dot)) : undefined;
    const upstreamId = id.slice(dot + 1);
    if (!addon) return this.failed(ready, 'catalog', { metas: [] }, errorMeta(`error.${id}`, 'Catalog', 'This catalog is no longer in your configuration'));
    const res = await this.upstream(addon, 'catalog', type, upstreamId, extra);
    if (!res.ok) return this.failed(ready, 'catalog', { metas: [] }, errorMeta(`error.${id}`, addon.ref.label, res.error));
    const metas = (res.data as { metas?: unknown }).metas;
    return { body: { metas: Array.isArray(metas) ? metas : [] }, cacheMaxAge: cacheAgeOf(res.data, this.opts.cacheMaxAge) };
  }

  async meta(ready: ReadyConfig, type: string, id: string): Promise<AddonAnswer> {
    const candidates = (await this.manifestsOf(ready)).filter(({ addon, manifest }) => serves(addon, manifest, 'meta', type, id));
    // Asked together, answered in config order: the first addon with a meta wins, as soon as
    // every addon before it has answered empty (later, slower ones are not waited for).
    const pending = candidates.map(({ addon }) => this.upstream(addon, 'meta', type, id));
    const answers = [];
    for (const p of pending) {
      const res = await p;
      answers.push(res);
      if (!res.ok) continue;
      const meta = (res.data as { meta?: unknown }).meta;
      if (meta && typeof meta === 'object') return { body: { meta }, cacheMaxAge: cacheAgeOf(res.data, this.opts.cacheMaxAge) };
    }
    const firstError = answers.find((r) => !r.ok);
    if (firstError && !firstError.ok) {
      return this.failed(ready, 'meta', { meta: null }, { meta: errorMeta(id, 'Metadata', firstError.error) }, true);
    }
    return { body: { meta: null }, cacheMaxAge: 0 };
  }

  async subtitles(ready: ReadyConfig, type: string, id: string, extra: string | undefined): Promise<AddonAnswer> {
    const candidates = (await this.manifestsOf(ready)).filter(({ addon, manifest }) => serves(addon, manifest, 'subtitles', type, id));
    const answers = await Promise.all(candidates.map(({ addon }) => this.upstream(addon, 'subtitles', type, id, extra)));
    const seen = new Set<string>();
    const subtitles: unknown[] = [];
    answers.forEach((res, i) => {
      if (!res.ok) {
        if (ready.showErrors('subtitles')) subtitles.push(errorSubtitle(candidates[i]!.addon.ref.label, res.error));
        return;
      }
      const list = (res.data as { subtitles?: unknown }).subtitles;
      if (!Array.isArray(list)) return;
      for (const s of list) {
        const url = (s as { url?: unknown } | null)?.url;
        if (typeof url !== 'string' || seen.has(url)) continue;
        seen.add(url);
        subtitles.push(s);
      }
    });
    return { body: { subtitles }, cacheMaxAge: answers.every((r) => r.ok) ? this.opts.cacheMaxAge : 0 };
  }

  async addonCatalog(ready: ReadyConfig, type: string, id: string): Promise<AddonAnswer> {
    const dot = id.indexOf('.');
    const addon = dot > 0 ? ready.addons.find((a) => a.ref.addonId === id.slice(0, dot)) : undefined;
    if (!addon) return { body: { addons: [] }, cacheMaxAge: 0 };
    const res = await this.upstream(addon, 'addon_catalog', type, id.slice(dot + 1));
    const addons = res.ok ? (res.data as { addons?: unknown }).addons : undefined;
    return { body: { addons: Array.isArray(addons) ? addons : [] }, cacheMaxAge: res.ok ? cacheAgeOf(res.data, this.opts.cacheMaxAge) : 0 };
  }

  private upstream(addon: ResolvedAddon, resource: string, type: string, id: string, extra?: string) {
    return fetchJson(resourceUrl(addon, resource, type, id, extra), { timeoutMs: addon.timeoutMs, maxBytes: MAX_RESOURCE_BYTES, headers: addon.headers });
  }

  private failed(
    ready: ReadyConfig,
    resource: string,
    empty: Record<string, unknown>,
    item: Record<string, unknown>,
    itemIsBody = false,
  ): AddonAnswer {
    if (!ready.showErrors(resource)) return { body: empty, cacheMaxAge: 0 };
    return { body: itemIsBody ? item : { ...empty, metas: [item] }, cacheMaxAge: 0 };
  }
}

/**
 * The UTF-8 bytes of `text`, as `Buffer.from(text)` gives them: sized first, then written, which
 * for an answer of ~500 KB holding emoji is ~3x cheaper than Buffer.from on Node 20.
 */
export function utf8Bytes(text: string): Buffer {
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  bytes.write(text);
  return bytes;
}

/** The protocol body: Stremio reads cacheMaxAge/staleRevalidate from it. */
export function serializeAnswer(answer: AddonAnswer): string {
  const maxAge = answer.cacheMaxAge;
  return JSON.stringify(maxAge > 0 ? { ...answer.body, cacheMaxAge: maxAge, staleRevalidate: maxAge * 4 } : answer.body);
}

/** An upstream's own cacheMaxAge wins when it asks for less. */
function cacheAgeOf(data: unknown, fallback: number): number {
  const own = (data as { cacheMaxAge?: unknown } | null)?.cacheMaxAge;
  return typeof own === 'number' && own >= 0 ? Math.min(own, fallback) : fallback;
}
