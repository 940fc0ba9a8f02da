// New release names of a request parsed in parallel: ptt and the tag tables cost ~35 µs a name,
// so 1,000 new names held the event loop ~35 ms. A batch is split between the worker threads and
// the event loop itself (which would otherwise wait), and the results land in the name cache, where
// the stream parse then finds them.
import { Piscina } from 'piscina';
import { keepParsedName, keepsParsedNames, parseReleaseName, uncachedNames } from './release.js';

/** Smaller batches stay on the event loop: they hold it ~2 ms at most, less than a round trip is worth. */
const MIN_BATCH = 64;

export class ReleaseNamePool {
  private readonly pool: Piscina<string[], string[]> | undefined;

  constructor(
    readonly threads: number,
    onError: (err: unknown) => void,
  ) {
    if (threads <= 0) return;
    const fromSource = import.meta.url.endsWith('.ts');
    this.pool = new Piscina({
      filename: new URL(fromSource ? './release-worker-source.mjs' : './release-worker.js', import.meta.url).href,
      minThreads: threads,
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
   * Parses the names of `names` that are not cached yet and keeps them, so that the
   * synchronous parse that follows finds each one cached. Never rejects: a name a worker could
   * not do is simply parsed later, where it is needed.
   */
  async prepare(names: Iterable<string>): Promise<void> {
    if (!this.pool || !keepsParsedNames()) return;
    const fresh = uncachedNames(names);
    if (fresh.length < MIN_BATCH) return;
    const shares = this.threads + 1;
    const size = Math.ceil(fresh.length / shares);
    const jobs: Promise<void>[] = [];
    for (let start = size; start < fresh.length; start += size) {
      const chunk = fresh.slice(start, start + size);
      jobs.push(
        this.pool.run(chunk).then(
          (results) => results.forEach((json, i) => keepParsedName(chunk[i]!, json)),
          () => undefined,
        ),
      );
    }
    // The event loop's own share, while the workers do theirs.
    for (let i = 0; i < size && i < fresh.length; i++) parseReleaseName(fresh[i]!);
    await Promise.all(jobs);
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
  }
}
