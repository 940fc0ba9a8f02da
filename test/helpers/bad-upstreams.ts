/**
 * Misbehaving upstream addons in a process of their own (run with `node --import tsx`), so the
 * test process's file descriptors are the aggregator's alone. Each serves a valid manifest, then
 * on a stream request: `hang` never answers, `reset` resets the connection, `drip` sends headers
 * and then one byte every 200 ms for as long as the client listens, `good` answers one stream.
 * Prints {"hang": port, …} on one line once all listen.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const STREAM = { name: 'Good\n1080p', url: 'https://cdn.example.test/good.mkv', behaviorHints: { filename: 'Good.Movie.2020.1080p.WEB-DL.x264-GRP.mkv' } };

const behaviours: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
  hang: () => undefined,
  reset: (req) => req.socket.resetAndDestroy(),
  drip: (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"streams":[');
    const timer = setInterval(() => res.write(' '), 200);
    res.on('close', () => clearInterval(timer));
  },
  good: (_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ streams: [STREAM] }));
  },
};

const ports: Record<string, number> = {};
for (const [name, behave] of Object.entries(behaviours)) {
  const manifest = JSON.stringify({ id: `org.test.${name}`, version: '1.0.0', name, description: name, resources: ['stream'], types: ['movie'], catalogs: [] });
  const server = createServer((req, res) => {
    if (req.url === '/manifest.json') {
      res.setHeader('content-type', 'application/json');
      res.end(manifest);
      return;
    }
    behave(req, res);
  });
  // A client giving up resets its connections: nothing to report.
  server.on('connection', (socket) => socket.on('error', () => undefined));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  ports[name] = (server.address() as AddressInfo).port;
}
process.stdout.write(`${JSON.stringify(ports)}\n`);
