import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { pino, type Logger } from 'pino';
import type { RedisClientType } from 'redis';
import { loggerOptions } from './logging.js';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppDeps } from './app.js';
import { loadSettings, SettingsError, type Settings } from './settings.js';
import { openDatabase } from './store/database.js';
import { migrate } from './store/migrations.js';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

/** Redis is optional and never fatal: a client that cannot connect just leaves the fallback in charge. */
/** Loaded only when REDIS_URI is set: the client library alone weighs ~20 MB of memory. */
async function connectRedis(uri: string, log: Logger): Promise<RedisClientType<any, any, any, any, any>> {
  const { createClient } = await import('redis');
  const client = createClient({
    url: uri,
    disableOfflineQueue: true,
    socket: { connectTimeout: 2000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 5000) },
  });
  let lastLogged = 0;
  client.on('error', (err: Error) => {
    if (Date.now() - lastLogged > 30_000) {
      lastLogged = Date.now();
      log.warn({ err: err.message }, 'Redis connection problem');
    }
  });
  // Wait briefly so the first requests already share the budget; never block start-up on Redis.
  const connecting = client.connect().catch(() => undefined);
  await Promise.race([connecting, new Promise((resolve) => setTimeout(resolve, 1500).unref())]);
  return client as RedisClientType<any, any, any, any, any>;
}

/** Opens storage, runs migrations, builds the app and listens. */
export async function startServer(settings: Settings, extra: Partial<AppDeps> = {}): Promise<RunningServer> {
  // Written asynchronously: lines logged in one tick (an access line per request) leave in one
  // write instead of one blocking write each; pino flushes what is left when the process exits.
  const logger = extra.logger ?? pino(loggerOptions(settings.logLevel), pino.destination({ dest: 1, sync: false }));
  const log = logger || pino({ level: 'silent' });
  const database = await openDatabase(settings.databaseUri, log);
  await migrate(database.db);
  const redis = settings.redisUri ? await connectRedis(settings.redisUri, log) : undefined;
  const app = await buildApp({ settings, database, redis, ...extra, logger });
  const address = await app.listen({ port: settings.port, host: settings.host });
  if (settings.secretKeyGenerated) app.log.info({ dataDir: settings.dataDir }, 'generated a new SECRET_KEY and kept it in DATA_DIR/secret.key');
  app.log.info({ address, database: settings.databaseUri.split(':')[0] }, 'ready');
  return {
    app,
    url: address,
    async close() {
      // In-flight requests get SHUTDOWN_TIMEOUT to finish; then their connections are closed.
      const cutOff = setTimeout(() => {
        app.log.warn('shutdown timeout reached: closing the connections still open');
        app.server.closeAllConnections();
      }, settings.shutdownTimeoutMs);
      try {
        await app.close();
      } finally {
        clearTimeout(cutOff);
      }
      await database.close();
      if (redis?.isOpen) await redis.close().catch(() => undefined);
    },
  };
}

async function main(): Promise<void> {
  let settings: Settings;
  try {
    settings = loadSettings();
  } catch (err) {
    if (err instanceof SettingsError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const server = await startServer(settings);
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    server.app.log.info({ signal }, 'draining in-flight requests, then closing');
    // Last resort, should closing the database or Redis hang: a stop must never need SIGKILL.
    setTimeout(() => {
      server.app.log.error('shutdown did not complete in time; exiting');
      process.exit(1);
    }, settings.shutdownTimeoutMs + 1_500).unref();
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        server.app.log.error({ err }, 'error while closing');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
