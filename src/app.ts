import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import type { RedisClientType } from 'redis';
import { configJsonSchema } from './config/json-schema.js';
import { derivePurposeKeys } from './crypto/keys.js';
import { AppError } from './errors.js';
import { clientErrorHandler, frameworkErrors, installErrorHandling } from './http/error-handler.js';
import { buildOpenApiDocument } from './routes/openapi.js';
import { registerRateLimit } from './http/rate-limit.js';
import { installDraining } from './http/draining.js';
import { healthRoutes } from './http/health.js';
import { metricsRoute } from './http/metrics-route.js';
import { childLoggerFactory, genReqId, installRequestContext } from './http/request-context.js';
import { loggerOptions } from './logging.js';
import { userApiRoutes } from './routes/user-api.js';
import { configureRoutes } from './routes/configure.js';
import { presetRoutes } from './routes/presets.js';
import { manifestProxyRoutes } from './routes/manifest-proxy.js';
import { stremioRoutes } from './routes/stremio.js';
import { AddonService } from './addon/addon-service.js';
import { ReadyConfigLoader } from './addon/config-loader.js';
import { DEFAULT_DESCRIPTION, type InstanceInfo } from './addon/manifest.js';
import { StreamResponseCache } from './addon/pipeline/fetch.js';
import { ReleaseNamePool } from './addon/pipeline/parse/release-pool.js';
import { streamCacheBudget } from './addon/cache/memory-budget.js';
import { RedisBytes } from './addon/cache/shared-store.js';
import { ManifestCache } from './addon/upstream/manifests.js';
import type { Settings } from './settings.js';
import type { OpenedDatabase } from './store/database.js';
import { UsersRepository } from './store/users-repository.js';
import { AliasResolver } from './users/aliases.js';
import { ConfigService } from './users/config-service.js';
import { UserService } from './users/user-service.js';
import type { KdfParams } from './crypto/password.js';
import { VERSION } from './version.js';

export interface AppDeps {
  settings: Settings;
  database: OpenedDatabase;
  redis?: RedisClientType<any, any, any, any, any> | undefined;
  /** Tests may lower the KDF cost; production always uses the default. */
  kdf?: KdfParams;
  /** A shared pino logger, or false for none (benchmarks). Default: a new one at settings.logLevel. */
  logger?: Logger | false;
}

/** The Fastify instance: parsers and error handling, then services, then routes. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { settings } = deps;
  const app = Fastify({
    loggerInstance: (deps.logger === false ? pino({ level: 'silent' }) : (deps.logger ?? pino(loggerOptions(settings.logLevel)))) as FastifyBaseLogger,
    bodyLimit: settings.bodyLimit,
    trustProxy: settings.trustedProxies.length ? settings.trustedProxies : false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
    frameworkErrors,
    clientErrorHandler,
    genReqId,
    childLoggerFactory,
    // Our draining hook answers requests that arrive while closing, in the envelope.
    return503OnClosing: false,
    // Fastify's two lines per request only when debugging; the one-line access log is ours (ACCESS_LOG).
    logController: new LogController({ disableRequestLogging: settings.logLevel !== 'debug' && settings.logLevel !== 'trace' }),
  });

  installErrorHandling(app);
  installRequestContext(app, { accessLog: settings.accessLog });
  installDraining(app);
  installJsonParser(app);
  await healthRoutes(app, { db: deps.database.db, version: VERSION });
  if (settings.metricsToken) await metricsRoute(app, { token: settings.metricsToken });

  const aliases = new AliasResolver(settings.aliases);
  const keys = derivePurposeKeys(settings.secretKey);
  const users = new UserService(
    new UsersRepository(deps.database.db),
    keys,
    aliases,
    deps.kdf ? { kdf: deps.kdf } : {},
  );
  // How upstream addons see us (presets.md §7), and what counts as "this instance" (§1 step 6).
  const upstreamIdentity = { userAgent: `AIOStreams/${VERSION}`, selfHost: settings.baseUrl ? new URL(settings.baseUrl).host : undefined };
  const configs = new ConfigService(users, app.log, upstreamIdentity);

  await app.register(
    async (scope) => {
      if (!settings.disableRateLimits) {
        await registerRateLimit(scope, {
          name: 'user-api',
          max: settings.rateLimitMax,
          windowMs: settings.rateLimitWindowMs,
          redis: deps.redis,
        });
      }
      await userApiRoutes(scope, { users, configs, acceptToken: settings.acceptToken });
    },
    { prefix: '/api/v1/user' },
  );

  streamCacheBudget.setLimit(settings.streamCacheBytes);
  // With Redis, upstream and final stream answers are shared by every instance.
  const shared = deps.redis ? { redis: deps.redis, key: keys.streamCache } : undefined;
  const instance: InstanceInfo = { name: settings.addonName, description: DEFAULT_DESCRIPTION, version: VERSION, logo: settings.addonLogo };
  const releaseNames = settings.parseThreads > 0 ? new ReleaseNamePool(settings.parseThreads, (err) => app.log.error({ err }, 'a release-name worker thread failed')) : undefined;
  if (releaseNames) app.addHook('onClose', () => releaseNames.close());
  const addon = new AddonService({
    instance,
    manifests: new ManifestCache(),
    responses: new StreamResponseCache(settings.upstreamStreamCacheTtlMs, shared && new RedisBytes(shared, 'upstream')),
    releaseNames,
    sharedResults: shared && new RedisBytes(shared, 'result'),
    streamDeadlineMs: settings.streamDeadlineMs,
    resultTtlMs: settings.streamResultCacheTtlMs,
    cacheMaxAge: settings.streamCacheMaxAge,
    log: app.log,
  });
  const loader = new ReadyConfigLoader(
    users,
    configs,
    { instanceName: settings.addonName, regexAccess: settings.regexAccess, trustedUuids: settings.trustedUuids, ...upstreamIdentity },
    app.log,
  );
  await app.register(async (scope) => stremioRoutes(scope, { addon, loader, aliases, instance, serverTiming: settings.exposeServerTiming, baseUrl: settings.baseUrl }), { prefix: '/stremio' });
  await app.register(
    async (scope) => {
      if (!settings.disableRateLimits) {
        await registerRateLimit(scope, {
          name: 'manifest-proxy',
          max: settings.rateLimitMax,
          windowMs: settings.rateLimitWindowMs,
          redis: deps.redis,
        });
      }
      await manifestProxyRoutes(scope);
    },
    { prefix: '/api/v1/addon-manifest' },
  );
  await app.register(async (scope) => presetRoutes(scope, { version: VERSION }), { prefix: '/api/v1/presets' });
  await configureRoutes(app);

  // Generated on first request: few clients ask, and generating them costs memory at start.
  let openApi: string | undefined;
  let schema: string | undefined;
  app.get('/api/v1/openapi.json', (_req, reply) =>
    reply.type('application/json; charset=utf-8').send((openApi ??= JSON.stringify(buildOpenApiDocument(VERSION)))),
  );
  app.get('/api/v1/schema/config.json', (_req, reply) => reply.type('application/schema+json; charset=utf-8').send((schema ??= JSON.stringify(configJsonSchema()))));

  return app;
}

/**
 * JSON bodies only: an empty body reads as "no body" (so a DELETE with a JSON content type still
 * works). Fastify's text/plain parser is removed, so a body of any other type is a clear 415.
 */
function installJsonParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '' || (typeof body === 'string' && body.trim() === '')) return done(null, undefined);
    parseJson(request, body as string, (err, value) => {
      // The default parser calls both broken JSON and a `__proto__` / `constructor.prototype` key
      // "invalid JSON"; only the error path pays a second parse to tell the client which it was.
      if (err && isJson(body as string)) {
        return done(new AppError('BAD_REQUEST', 'Request body contains a forbidden key (__proto__ or constructor.prototype)'), undefined);
      }
      done(err ?? null, value);
    });
  });
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
