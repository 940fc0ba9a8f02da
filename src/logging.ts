import { AsyncLocalStorage } from 'node:async_hooks';
import type { LoggerOptions } from 'pino';

/**
 * The id of the request being served, for log lines written through loggers that are not the
 * request's own (services hold the app logger): every line of a request carries its id.
 */
export const requestIdContext = new AsyncLocalStorage<string>();

/** Marks a request's own logger, which already carries the id as a binding. */
export const CARRIES_REQUEST_ID = Symbol('carriesRequestId');

/** Path shapes that carry a secret: /stremio/<uuid>/<token>/… (the token opens the config). */
const STREMIO_TOKEN = /^(\/stremio\/[^/?]+\/)[^/?]+/;

/**
 * A URL fit for a log line: the Stremio token replaced, the query string dropped whole (upstream
 * manifest URLs passed as parameters carry debrid keys, and no query is worth that risk).
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  return path.replace(STREMIO_TOKEN, '$1[redacted]') + (q < 0 ? '' : '?[redacted]');
}

/** Pino options for the whole server: secrets never reach a log line. */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    mixin(_object, _level, logger) {
      if ((logger as { [CARRIES_REQUEST_ID]?: boolean })[CARRIES_REQUEST_ID]) return {};
      const reqId = requestIdContext.getStore();
      return reqId === undefined ? {} : { reqId };
    },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'headers.authorization',
        '*.password',
        '*.newPassword',
        '*.encryptedPassword',
        '*.config',
        '*.credentials',
        '*.apiKey',
        '*.token',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req(req: { method: string; url: string; ip?: string; socket?: { remoteAddress?: string } }) {
        return { method: req.method, url: redactUrl(req.url), remoteAddress: req.ip ?? req.socket?.remoteAddress };
      },
    },
  };
}
