import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import { pino, type Bindings, type ChildLoggerOptions, type Logger } from 'pino';
import { CARRIES_REQUEST_ID, requestIdContext } from '../logging.js';
import { observeHttp } from '../metrics.js';

/** An id a proxy in front may pass on (nginx's $request_id, a uuid); anything else is replaced. */
const FORWARDED_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** X-Request-Id from the proxy when it sent a sane one, else a new uuid. */
export function genReqId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && FORWARDED_ID.test(given) ? given : randomUUID();
}

/** The request's logger, marked so the log mixin does not add its id a second time. */
export function childLoggerFactory(logger: FastifyBaseLogger, bindings: Bindings, opts: ChildLoggerOptions): FastifyBaseLogger {
  const child = logger.child(bindings, opts) as FastifyBaseLogger & { [CARRIES_REQUEST_ID]?: boolean };
  child[CARRIES_REQUEST_ID] = true;
  return child;
}

/** The route's pattern (`/stremio/:uuid/:token/*`): never the path itself, which carries secrets. */
function routeLabel(request: FastifyRequest): string {
  return request.routeOptions.url ?? 'unmatched';
}

/**
 * The access log: a logger of its own on the app logger's output and level, without the
 * redaction pass (about 5 µs a line) the other lines pay. Its fields are fixed and hold no secret.
 */
function accessLogger(log: FastifyBaseLogger): Logger {
  const app = log as unknown as Logger & { [pino.symbols.streamSym]: pino.DestinationStream };
  return pino({ level: app.level }, app[pino.symbols.streamSym]);
}

/**
 * Every request: its id in X-Request-Id and on every log line written while it is served, one
 * access log line when it is answered (method, route pattern, status, time; no path, no query),
 * and the HTTP metrics. Installed first, so every later hook runs inside the request's context.
 */
export function installRequestContext(app: FastifyInstance, opts: { accessLog: boolean }): void {
  const access = opts.accessLog ? accessLogger(app.log) : undefined;
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    requestIdContext.run(request.id, done);
  });
  app.addHook('onResponse', (request, reply, done) => {
    const route = routeLabel(request);
    const ms = reply.elapsedTime;
    observeHttp(request.method, route, reply.statusCode, ms / 1000);
    access?.info({ reqId: request.id, method: request.method, route, status: reply.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    done();
  });
}
