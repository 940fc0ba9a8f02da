/**
 * The compiled server (dist/server.js) as a child process: what an operator runs. Log lines are
 * read as they come, so a test can wait for "ready" or "draining".
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SERVER_JS = path.join(ROOT, 'dist', 'server.js');

/** Newest modification time under a directory (the sources the build compiles). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds dist/ when it is missing or older than src/ (so the test runs the code under test). */
export function ensureBuilt(): void {
  if (existsSync(SERVER_JS) && statSync(SERVER_JS).mtimeMs >= newestMtime(path.join(ROOT, 'src'))) return;
  try {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe' });
  } catch (err) {
    // tsc still emits when another part of the tree has a type error; only a missing server is fatal.
    if (!existsSync(SERVER_JS)) throw new Error(`npm run build failed: ${(err as { stdout?: Buffer }).stdout?.toString() ?? err}`);
  }
}

export type LogLine = Record<string, any>;

export interface Child {
  proc: ChildProcess;
  lines: LogLine[];
  stdout(): string;
  stderr(): string;
  /** The first log line (past or future) matching `pred`; rejects if the process exits first. */
  waitFor(pred: (line: LogLine) => boolean, what: string): Promise<LogLine>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children: Child[] = [];
const dirs: string[] = [];

export function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'aio-life-'));
  dirs.push(dir);
  return dir;
}

/** The compiled server as a child process, with only the environment given (plus PATH). */
export function spawnServer(env: Record<string, string>): Child {
  const proc = spawn(process.execPath, [SERVER_JS], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', DISABLE_RATE_LIMITS: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let partial = '';
  const lines: LogLine[] = [];
  const waiters: { pred: (l: LogLine) => boolean; resolve: (l: LogLine) => void }[] = [];
  proc.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
    partial += chunk.toString('utf8');
    let nl: number;
    while ((nl = partial.indexOf('\n')) >= 0) {
      const text = partial.slice(0, nl);
      partial = partial.slice(nl + 1);
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        continue;
      }
      lines.push(line);
      for (const w of [...waiters]) {
        if (w.pred(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  });
  proc.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.on('exit', (code, signal) => resolve({ code, signal }));
  });
  const child: Child = {
    proc,
    lines,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor(pred, what) {
      const seen = lines.find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise<LogLine>((resolve, reject) => {
        waiters.push({ pred, resolve });
        void exited.then(({ code, signal }) => {
          // Give the stdout stream its last data before deciding the line never came.
          setImmediate(() => {
            const late = lines.find(pred);
            if (late) resolve(late);
            else reject(new Error(`server exited (${code ?? signal}) before "${what}"\nstdout: ${out}\nstderr: ${err}`));
          });
        });
      });
    },
  };
  children.push(child);
  return child;
}

/** Spawns the server and waits for its "ready" line: the child and its address. */
export async function startChild(env: Record<string, string>): Promise<{ child: Child; url: string }> {
  const child = spawnServer(env);
  const ready = await child.waitFor((l) => l.msg === 'ready', 'ready');
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(String(ready.address))) throw new Error(`unexpected address ${ready.address}`);
  return { child, url: ready.address as string };
}

/** SIGTERM, then the exit code. */
export async function stopChild(child: Child): Promise<number | null> {
  child.proc.kill('SIGTERM');
  const { code } = await child.exited;
  return code;
}

/** For afterEach: kills the children this file started that are still running (each by its own handle). */
export async function killChildren(): Promise<void> {
  for (const child of children.splice(0)) {
    if (child.proc.exitCode === null && child.proc.signalCode === null) {
      child.proc.kill('SIGKILL');
      await child.exited;
    }
  }
}

/** For afterAll: removes the temporary directories made by tempDir(). */
export function removeTempDirs(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}
