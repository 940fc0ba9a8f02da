import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface ServerProcess {
  url: string;
  pid: number;
  rssMb(): number;
  /** CPU time the process (all its threads) has used so far: utime + stime from /proc/<pid>/stat. */
  cpuMs(): number;
  /** SIGTERM (the server drains, then exits); resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** /proc/<pid>/stat counts CPU time in clock ticks; their length is the system's, not always 10 ms. */
const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

/**
 * Runs the built server (dist/server.js) in its own process, so the load generator does not share
 * its event loop. `nodeFlags` go before the script (e.g. `--cpu-prof`).
 */
export async function startServerProcess(env: Record<string, string> = {}, nodeFlags: string[] = []): Promise<ServerProcess> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'aio-bench-'));
  const child: ChildProcess = spawn(process.execPath, ['--max-semi-space-size=2', ...nodeFlags, 'dist/server.js'], {
    // Same settings as `npm start`: Argon2id's 19 MiB blocks go back to the OS when freed, and a
    // small young generation keeps RSS flat under load (measured: no throughput cost).
    env: { ...process.env, MALLOC_MMAP_THRESHOLD_: '131072', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DISABLE_RATE_LIMITS: 'true', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error('server did not start within 10 s')), 10_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (const line of buffer.split('\n')) {
        if (!line.includes('"ready"')) continue;
        clearTimeout(timer);
        resolve((JSON.parse(line) as { address: string }).address);
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  child.stdout!.resume();
  return {
    url,
    pid: child.pid!,
    rssMb() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return kb / 1024;
    },
    cpuMs() {
      // Fields after the parenthesised command name (which may contain spaces); utime and stime are the 14th and 15th.
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
    },
    stop: () =>
      new Promise<number | null>((resolve) => {
        child.once('exit', (code) => {
          rmSync(dataDir, { recursive: true, force: true });
          resolve(code);
        });
        child.kill('SIGTERM');
      }),
  };
}
