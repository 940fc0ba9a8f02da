/**
 * One memory budget shared by every stream cache (upstream answers, final answers, parsed release
 * names): entries are weighed by the bytes they really keep alive, and the least recently used
 * entry of any cache goes first once the total passes the budget. A budget of 0 keeps nothing.
 * Expired entries are also swept while idle, so a quiet server gives its memory back.
 */
interface Node<V> {
  key: string;
  value: V;
  weight: number;
  /** ms since epoch; Infinity = no expiry. */
  expires: number;
  owner: BudgetedCache<V>;
  newer: Node<unknown> | null;
  older: Node<unknown> | null;
}

const SWEEP_INTERVAL_MS = 30_000;

export class MemoryBudget {
  private limit: number;
  private used = 0;
  /** Most recently used first. */
  private newest: Node<unknown> | null = null;
  private oldest: Node<unknown> | null = null;
  private sweeper: ReturnType<typeof setInterval> | undefined;

  constructor(limitBytes: number) {
    this.limit = Math.max(0, limitBytes);
  }

  /** A view on the budget with its own keys; `onRemove` hears of every value that leaves it. */
  cache<V>(onRemove?: (key: string, value: V) => void): BudgetedCache<V> {
    return new BudgetedCache<V>(this, onRemove);
  }

  get usedBytes(): number {
    return this.used;
  }

  get limitBytes(): number {
    return this.limit;
  }

  /** Operators change it through STREAM_CACHE_MB; shrinking evicts at once. */
  setLimit(limitBytes: number): void {
    this.limit = Math.max(0, limitBytes);
    this.evict();
  }

  /** @internal */
  add(node: Node<unknown>): boolean {
    // One entry may not take more than a quarter of the budget: it would flush everything else.
    if (node.weight * 4 > this.limit) return false;
    this.link(node);
    this.used += node.weight;
    this.evict();
    this.startSweeping();
    return true;
  }

  /** @internal */
  touch(node: Node<unknown>): void {
    if (this.newest === node) return;
    this.unlink(node);
    this.link(node);
  }

  /** @internal */
  remove(node: Node<unknown>): void {
    this.unlink(node);
    this.used -= node.weight;
    node.owner.forget(node);
  }

  /** Drops every expired entry (oldest first, so the walk is short when nothing expired). */
  sweep(now = Date.now()): void {
    for (let n = this.oldest; n; ) {
      const next = n.newer;
      if (n.expires <= now) this.remove(n);
      n = next;
    }
    if (!this.oldest) this.stopSweeping();
  }

  clear(): void {
    while (this.oldest) this.remove(this.oldest);
    this.stopSweeping();
  }

  private evict(): void {
    while (this.used > this.limit && this.oldest) this.remove(this.oldest);
  }

  private link(node: Node<unknown>): void {
    node.older = this.newest;
    node.newer = null;
    if (this.newest) this.newest.newer = node;
    this.newest = node;
    if (!this.oldest) this.oldest = node;
  }

  private unlink(node: Node<unknown>): void {
    if (node.newer) node.newer.older = node.older;
    else this.newest = node.older;
    if (node.older) node.older.newer = node.newer;
    else this.oldest = node.newer;
    node.newer = node.older = null;
  }

  private startSweeping(): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  private stopSweeping(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
  }
}

export class BudgetedCache<V> {
  private readonly map = new Map<string, Node<V>>();

  constructor(
    private readonly budget: MemoryBudget,
    private readonly onRemove?: (key: string, value: V) => void,
  ) {}

  get size(): number {
    return this.map.size;
  }

  get(key: string): V | undefined {
    const node = this.map.get(key);
    if (!node) return undefined;
    if (node.expires <= Date.now()) {
      this.budget.remove(node as Node<unknown>);
      return undefined;
    }
    this.budget.touch(node as Node<unknown>);
    return node.value;
  }

  /** Whether `key` holds a live entry; unlike `get`, it does not count as a use. */
  has(key: string): boolean {
    const node = this.map.get(key);
    return node !== undefined && node.expires > Date.now();
  }

  /** `weight`: bytes the entry keeps alive; `ttlMs`: how long it may be served (default: until evicted). */
  set(key: string, value: V, weight: number, ttlMs = Infinity): void {
    const old = this.map.get(key);
    if (old) this.budget.remove(old as Node<unknown>);
    const node: Node<V> = {
      key, value, weight: Math.max(1, Math.ceil(weight)), expires: Date.now() + ttlMs, owner: this, newer: null, older: null,
    };
    this.map.set(key, node);
    if (!this.budget.add(node as Node<unknown>)) this.map.delete(key);
  }

  /** Drops every entry of this cache (the others keep theirs). */
  clear(): void {
    for (const node of [...this.map.values()]) this.budget.remove(node as Node<unknown>);
  }

  /** @internal the budget dropped this key. */
  forget(node: Node<V>): void {
    if (this.map.get(node.key) === node) this.map.delete(node.key);
    this.onRemove?.(node.key, node.value);
  }
}

const BEYOND_LATIN1 = /[^\0-\xff]/;

/**
 * Bytes a small JSON-like value keeps alive in V8, estimated: headers and slots of objects and
 * arrays, string characters (two bytes each once any is outside Latin-1), boxed numbers.
 */
export function retainedSize(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return 16 + (BEYOND_LATIN1.test(value) ? 2 : 1) * value.length;
    case 'number':
      return Number.isInteger(value) && Math.abs(value) < 2 ** 30 ? 0 : 16;
    case 'object': {
      if (value === null) return 0;
      if (Array.isArray(value)) {
        let size = 16 + 8 * value.length;
        for (const v of value) size += retainedSize(v);
        return size;
      }
      let size = 24;
      for (const key in value) size += 8 + retainedSize((value as Record<string, unknown>)[key]);
      return size;
    }
    default:
      return 0;
  }
}

/** The budget all stream caches of this process share (STREAM_CACHE_MB; see settings). */
export const streamCacheBudget = new MemoryBudget(64 * 1024 * 1024);
