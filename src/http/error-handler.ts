import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode } from '../errors.js';
import { isStoreUnavailable } from '../store/unavailable.js';
import { drainRefusedBody } from './drain-body.js';
import { fail, STATUS_OF } from './envelope.js';

/** Fastify's own client-error codes, translated into ours with a message a person can act on. */
const FASTIFY_CODES: Record<string, [ErrorCode, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ['BAD_REQUEST', 'Request body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['BAD_REQUEST', 'Request body is empty; send a JSON object'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['PAYLOAD_TOO_LARGE', 'Request body is too large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['BAD_REQUEST', 'Content-Length does not match the body'],
  FST_ERR_CTP_INVALID_TYPE: ['UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json'],
};

export const UNAUTHORIZED_CHALLENGE = 'Basic realm="AIOStreams", charset="UTF-8"';

/** What a 503 (database away, shutting down, not ready) tells the client to wait. */
const RETRY_AFTER_SECONDS = 5;

/** Every error becomes the envelope; a 5xx never shows its internals. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    let code: ErrorCode;
    let message: string;
    let issues: AppError['issues'];
    if (err instanceof AppError) {
      ({ code, message, issues } = err);
    } else if (err.code && FASTIFY_CODES[err.code]) {
      [code, message] = FASTIFY_CODES[err.code]!;
    } else if (err instanceof SyntaxError || err.statusCode === 400) {
      code = 'BAD_REQUEST';
      message = err instanceof SyntaxError ? 'Request body is not valid JSON' : err.message;
    } else if (err.statusCode === 413) {
      code = 'PAYLOAD_TOO_LARGE';
      message = 'Request body is too large';
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      code = 'BAD_REQUEST';
      message = err.message;
    } else if (isStoreUnavailable(err)) {
      code = 'SERVICE_UNAVAILABLE';
      message = 'The database is unavailable; retry in a moment';
    } else {
      code = 'INTERNAL_SERVER_ERROR';
      message = 'Internal server error';
    }
    const status = STATUS_OF[code];
    if (status === 503) {
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      if (!(err instanceof AppError)) request.log.warn({ err: err.message }, 'database unavailable');
    } else if (status >= 500) request.log.error({ err }, 'request failed');
    if (status === 413) drainRefusedBody(request, reply);
    // Only the User API speaks Basic auth; elsewhere the challenge would pop a browser login box.
    if (status === 401 && request.url.startsWith('/api/')) reply.header('www-authenticate', UNAUTHORIZED_CHALLENGE);
    reply.header('cache-control', 'no-store');
    return reply.code(status).type('application/json; charset=utf-8').send(fail(code, message, issues));
  });

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/stremio/')) reply.header('access-control-allow-origin', '*');
    return reply.code(404).type('application/json; charset=utf-8').send(fail('NOT_FOUND', `No route for ${request.method} ${request.url.split('?')[0]}`));
  });
}

/**
 * Errors Fastify raises before routing (a URL that is not valid percent-encoding, a path segment
 * over the length limit): same envelope as every other answer, CORS open on Stremio paths.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  reply.header('x-request-id', request.id);
  if (request.url.startsWith('/stremio/')) reply.header('access-control-allow-origin', '*');
  reply
    .code(tooLong ? 414 : 400)
    .type('application/json; charset=utf-8')
    .send(fail('BAD_REQUEST', tooLong ? 'A path segment is too long' : 'The URL is not valid (bad percent-encoding)'));
}

/**
 * Requests Node's HTTP parser rejects before Fastify sees them (headers too large, malformed
 * request line): answered in the envelope too, then the connection is closed.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: import('node:net').Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? 431 : 400;
  const body = JSON.stringify(
    fail('BAD_REQUEST', tooLarge ? 'Request headers are too large' : 'The request is not valid HTTP'),
  );
  socket.end(
    `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      `content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
