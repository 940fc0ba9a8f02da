import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { loggerOptions } from '../../src/logging.js';
import { loadSettings, type Settings } from '../../src/settings.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { freshPostgresUri } from './services.js';

export type Backend = 'sqlite' | 'postgres';

export interface TestServer {
  url: string;
  settings: Settings;
  server: RunningServer;
  /** Stops the server (keeping its data). */
  stop(): Promise<void>;
  /** Stops it and removes its data. */
  close(): Promise<void>;
  /** Starts a new server on the same data (restart persistence). */
  restart(env?: Record<string, string>): Promise<TestServer>;
}

export interface TestServerOptions {
  backend?: Backend;
  env?: Record<string, string>;
  /** Reuse this DATA_DIR / DATABASE_URI (restarts). */
  dataDir?: string;
  databaseUri?: string;
  /** Collects the server's log lines (JSON, debug level and up) here. */
  logLines?: string[];
}

/** A debug-level logger writing each line into `lines`. */
function capturingLogger(lines: string[]) {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return pino(loggerOptions('debug'), sink);
}

/** A real server on 127.0.0.1 with a random port, on a fresh SQLite file or PostgreSQL schema. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'aio-test-'));
  let databaseUri = options.databaseUri;
  let dropSchema: (() => Promise<void>) | undefined;
  if (!databaseUri && options.backend === 'postgres') {
    const fresh = await freshPostgresUri();
    databaseUri = fresh.uri;
    dropSchema = fresh.drop;
  }
  const env: Record<string, string> = {
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: options.logLines ? 'debug' : 'silent',
    DISABLE_RATE_LIMITS: 'true',
    ...(databaseUri ? { DATABASE_URI: databaseUri } : {}),
    ...options.env,
  };
  const settings = loadSettings(env);
  const server = await startServer(settings, options.logLines ? { logger: capturingLogger(options.logLines) } : {});
  const url = server.url.replace('0.0.0.0', '127.0.0.1');
  const handle: TestServer = {
    url,
    settings,
    server,
    stop: () => server.close(),
    async close() {
      await server.close();
      if (dropSchema) await dropSchema();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
    restart: (envOverride) =>
      startTestServer({ ...options, dataDir, ...(databaseUri ? { databaseUri } : {}), env: { ...options.env, ...envOverride } }),
  };
  return handle;
}
