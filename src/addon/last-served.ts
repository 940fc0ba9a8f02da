/** Which config version an install link opened last. */
export interface Served {
  uuid: string;
  version: number;
}

/**
 * The config version each install link (uuid or alias, and its token) was last served, for while
 * the database cannot be reached: the link keeps working with what it had, if the compiled config
 * is still cached. A link the database refused since is forgotten, so an outage never brings back
 * a deleted or re-keyed config. Bounded; least recently used goes first.
 */
export class LastServed {
  private readonly entries = new Map<string, Served>();

  constructor(private readonly maxEntries = 10_000) {}

  private static key(uuidOrAlias: string, secret: string): string {
    return `${uuidOrAlias}\n${secret}`;
  }

  remember(uuidOrAlias: string, secret: string, served: Served): void {
    const key = LastServed.key(uuidOrAlias, secret);
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, served);
  }

  recall(uuidOrAlias: string, secret: string): Served | undefined {
    return this.entries.get(LastServed.key(uuidOrAlias, secret));
  }

  forget(uuidOrAlias: string, secret: string): void {
    this.entries.delete(LastServed.key(uuidOrAlias, secret));
  }
}
