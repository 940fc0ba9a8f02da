/**
 * Bounded background load for fault tests: named loops, each sending one request at a time until
 * stopped, every answer recorded with the phase it was sent in (before / during / after a fault).
 */
export interface Outcome {
  loop: string;
  phase: string;
  /** 0 when the request itself failed (connection refused, reset). */
  status: number;
  /** The envelope's error code, if any. */
  code: string | undefined;
  retryAfter: string | null;
  ms: number;
  /** What the loop's own check said was wrong with an answer of its status (undefined: fine). */
  problem: string | undefined;
  error: string | undefined;
}

export interface Sent {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

export class Load {
  phase = 'before';
  readonly outcomes: Outcome[] = [];
  private running = true;
  private readonly loops: Promise<void>[] = [];
  private readonly until: number;

  /** `limitMs`: the loops stop by themselves after this long, should a test never call stop(). */
  constructor(limitMs = 60_000) {
    this.until = Date.now() + limitMs;
  }

  /**
   * Starts a loop: `send(i)` for i = 0, 1, …; `check` may name a problem with an answer. A pause
   * between requests keeps the load bounded (this is a fault test, not a benchmark).
   */
  loop(name: string, send: (i: number) => Promise<Sent>, check: (sent: Sent, i: number) => string | undefined = () => undefined, pauseMs = 10): void {
    this.loops.push(
      (async () => {
        for (let i = 0; this.running && i < 100_000 && Date.now() < this.until; i++) {
          const phase = this.phase;
          const started = performance.now();
          try {
            const sent = await send(i);
            this.outcomes.push({
              loop: name, phase, status: sent.status, code: sent.body?.error?.code, retryAfter: sent.headers.get('retry-after'),
              ms: performance.now() - started, problem: check(sent, i), error: undefined,
            });
          } catch (err) {
            const cause = (err as { cause?: { code?: string; message?: string } }).cause;
            this.outcomes.push({
              loop: name, phase, status: 0, code: undefined, retryAfter: null, ms: performance.now() - started,
              problem: undefined, error: cause?.code ?? cause?.message ?? String(err),
            });
          }
          await new Promise((r) => setTimeout(r, pauseMs));
        }
      })(),
    );
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  of(loop: string, phase?: string): Outcome[] {
    return this.outcomes.filter((o) => o.loop === loop && (phase === undefined || o.phase === phase));
  }
}

/** fetch, answer parsed as JSON when it is JSON. */
export async function send(url: string, init: RequestInit = {}): Promise<Sent> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: any = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return { status: res.status, headers: res.headers, body, text };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it is true, failing after `limitMs`. */
export async function waitUntil(what: string, probe: () => Promise<boolean>, limitMs = 20_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (Date.now() < until) {
    if (await probe().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}
