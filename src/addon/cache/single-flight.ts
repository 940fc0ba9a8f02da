/**
 * Single flight: concurrent calls with one key share one `load`, and nothing is kept once it
 * settles. The key must hold everything the result depends on (a timeout, say), or one caller's
 * settings leak into another's answer.
 */
export class SingleFlight<V> {
  private readonly pending = new Map<string, Promise<V>>();

  run(key: string, load: () => Promise<V>): Promise<V> {
    const shared = this.pending.get(key);
    if (shared) return shared;
    const promise = load().finally(() => this.pending.delete(key));
    this.pending.set(key, promise);
    return promise;
  }
}
