// New release names of a request parsed in parallel: ptt and the tag tables cost ~35 µs a name,
// so 1,000 new names held the event loop ~35 ms. A batch is split between the worker threads and
// the event loop itself (which would otherwise wait). The results go back to the request that
// asked, and into the name cache for the requests after it.
import { Piscina } from 'piscina';
import { countNamesParsed } from '../../../metrics.js';
import { packRelease } from './release-codec.js';
import { releaseInfo } from './release-info.js';
import { countUncached, keepParsedName, uncachedNames, type PreparedNames } from './release.js';

/** Smaller batches stay on the event loop: they hold it ~2 ms at most, less than a round trip is worth. */
const MIN_BATCH = 64;
const NONE: PreparedNames = new Map();

export class ReleaseNamePool {
  private readonly pool: Piscina<string[], string[]> | undefined;
  /** Piscina would start new threads for a task sent after destroy(). */
  private closed = false;

  constructor(
    readonly threads: number,
    onError: (err: unknown) => void,
  ) {
    if (threads <= 0) return;
    const fromSource = import.meta.url.endsWith('.ts');
    this.pool = new Piscina({
      filename: new URL(fromSource ? './release-worker-source.mjs' : './release-worker.js', import.meta.url).href,
      // Started by the first batch, then kept: a server that never meets one holds no thread, and
      // none is stopped while still loading its module (Node 20 aborts the process on that).
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: Number.POSITIVE_INFINITY,
      // As the main thread's small semi-space (npm start): a parse leaves little alive, and a
      // large young generation only holds RSS (measured: 400 MB against 378 with no thread, after
      // 600 cold requests).
      resourceLimits: { maxYoungGenerationSizeMb: 6 },
    });
    // A worker that fails to start fails its tasks (parsed later on the event loop); it is
    // reported, and must not take the process down.
    this.pool.on('error', onError);
  }

  /**
   * Parses the names of `names` that are not cached yet. Never rejects: a name a worker could not
   * do is missing from the answer and is parsed later, where it is needed.
   */
  async prepare(names: Iterable<string>): Promise<PreparedNames> {
    if (!this.pool || this.closed) return NONE;
    const fresh = uncachedNames(names);
    if (fresh.length < MIN_BATCH) return NONE;
    countUncached(fresh.length);
    const out = new Map<string, string>();
    const keep = (name: string, packed: string) => {
      out.set(name, packed);
      keepParsedName(name, packed);
    };
    const size = Math.ceil(fresh.length / (this.threads + 1));
    const jobs: Promise<void>[] = [];
    for (let start = size; start < fresh.length; start += size) {
      const chunk = fresh.slice(start, start + size);
      jobs.push(
        this.pool.run(chunk).then(
          (results) => {
            results.forEach((packed, i) => keep(chunk[i]!, packed));
            countNamesParsed('worker', chunk.length);
          },
          () => undefined,
        ),
      );
    }
    // The event loop's own share, while the workers do theirs.
    const own = fresh.slice(0, size);
    for (const name of own) keep(name, packRelease(releaseInfo(name)));
    countNamesParsed('event_loop', own.length);
    await Promise.all(jobs);
    return out;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.pool?.destroy();
  }
}
