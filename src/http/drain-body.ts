import type { FastifyReply, FastifyRequest } from 'fastify';

/** Past these, a client still sending a refused body is cut off. */
const DRAIN_MS = 10_000;
const DRAIN_BYTES = 64 * 1024 * 1024;
const CHECK_EVERY_MS = 250;

/**
 * A request refused before its body was read (413): the answer goes out at once, then the rest
 * of the body is read and thrown away, so a client still sending gets to read the answer. Closing
 * instead (as Fastify asks) makes a client that is still writing see a broken pipe, not the 413.
 */
export function drainRefusedBody(request: FastifyRequest, reply: FastifyReply): void {
  const raw = request.raw;
  if (raw.complete) return;
  reply.removeHeader('connection');
  const socket = raw.socket;
  const started = Date.now();
  const readBefore = socket.bytesRead;
  const timer = setInterval(() => {
    if (raw.complete || socket.destroyed) clearInterval(timer);
    else if (Date.now() - started > DRAIN_MS || socket.bytesRead - readBefore > DRAIN_BYTES) {
      clearInterval(timer);
      socket.destroy();
    }
  }, CHECK_EVERY_MS);
  timer.unref();
  raw.resume();
}
