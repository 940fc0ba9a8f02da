import { Server, type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';

/** Longest wait for connections accepted just before the listener closed to send their request. */
const LATE_REQUEST_MS = 250;
const POLL_MS = 10;

/**
 * Shutdown: once the server starts closing, requests already being served run to their end,
 * while a new request, on a kept-alive connection or one accepted just before, is answered with a
 * 503 envelope (and Connection: close) instead of starting work the process may not live to
 * finish. New connections are refused by the closed listener.
 */
export function installDraining(app: FastifyInstance): void {
  let draining = false;
  let connectionsEnded: Promise<void> = Promise.resolve();
  // Connections that have not sent a request yet: they look idle, and closing idle connections
  // would close them unanswered.
  const fresh = new Set<Socket>();
  app.server.on('connection', (socket: Socket) => {
    fresh.add(socket);
    socket.once('close', () => fresh.delete(socket));
  });
  app.server.on('request', (req: { socket: Socket }) => fresh.delete(req.socket));

  app.addHook('preClose', (done) => {
    draining = true;
    // Kept-alive connections must not outlive their requests, or an idle client would hold the
    // shutdown open for up to the keep-alive timeout.
    app.server.keepAliveTimeout = 1;
    if (!app.server.listening) return done();
    // Stop accepting now; close idle connections (which http.Server.close would do at once) once
    // the connections accepted just before have sent their request, or after LATE_REQUEST_MS.
    connectionsEnded = new Promise((resolve) => Server.prototype.close.call(app.server, () => resolve()));
    const until = Date.now() + LATE_REQUEST_MS;
    const closeIdle = () => {
      if (fresh.size > 0 && Date.now() < until) return void setTimeout(closeIdle, POLL_MS);
      app.server.closeIdleConnections();
      done();
    };
    closeIdle();
  });
  // The listener is closed already, so Fastify's own close returns at once: wait for the requests.
  app.addHook('onClose', (_instance, done) => {
    void connectionsEnded.then(() => done());
  });
  app.addHook('onRequest', (_request, _reply, done) => {
    done(draining ? new AppError('SERVICE_UNAVAILABLE', 'The server is shutting down; retry in a moment') : undefined);
  });
}
