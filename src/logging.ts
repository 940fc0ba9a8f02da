import type { LoggerOptions } from 'pino';

/** Path shapes that carry a secret: /stremio/<uuid>/<token>/… (the token opens the config). */
const STREMIO_TOKEN = /^(\/stremio\/[^/?]+\/)[^/?]+/;
const SECRET_QUERY = /([?&](?:password|token|encryptedPassword)=)[^&]*/gi;

export function redactUrl(url: string): string {
  return url.replace(STREMIO_TOKEN, '$1[redacted]').replace(SECRET_QUERY, '$1[redacted]');
}

/** Pino options for the whole server: secrets never reach a log line. */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
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
