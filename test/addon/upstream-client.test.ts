/**
 * The upstream HTTP client: it follows up to 3 redirects (addons move hosts and schemes), and
 * every way a connection can fail reads the same, so the open manifest proxy cannot tell a
 * closed port from an open one that is not an addon.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../helpers/api.js';
import { startSdkAddon, type FakeAddon } from '../helpers/fake-addons.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { httpStream } from '../helpers/streams.js';
import { addonBase, custom, get } from './support.js';

const MOVIE = 'tt0133093';
const STREAM = httpStream({
  addonName: 'Moved', label: '1080p', filename: 'The.Matrix.1999.1080p.BluRay.x264-AMIABLE.mkv',
  url: 'https://cdn.example.test/matrix-1080.mkv', videoSize: 9_000_000_000,
});

async function listen<T extends Server | TcpServer>(server: T): Promise<{ server: T; port: number }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

/** Sockets a raw TCP listener accepted, so closing it does not wait on a client's idle pool. */
const accepted = new Set<Socket>();

function tcpServer(onSocket: (socket: Socket) => void = () => undefined): TcpServer {
  return createTcpServer((socket) => {
    accepted.add(socket);
    socket.on('close', () => accepted.delete(socket));
    socket.on('error', () => undefined);
    onSocket(socket);
  });
}

const close = (server: Server | TcpServer) =>
  new Promise<void>((resolve) => {
    if ('closeAllConnections' in server) server.closeAllConnections();
    else for (const socket of accepted) socket.destroy();
    server.close(() => resolve());
  });

async function proxy(base: string, url: string) {
  const res = await fetch(`${base}/api/v1/addon-manifest?url=${encodeURIComponent(url)}`);
  return { status: res.status, body: (await res.json()) as any };
}

describe('redirects', () => {
  let srv: TestServer;
  let target: FakeAddon;
  let hops: Server;
  let hopsBase: string;

  beforeAll(async () => {
    srv = await startTestServer();
    target = await startSdkAddon({ id: 'org.test.moved', name: 'Moved', idPrefixes: ['tt'], handlers: { stream: () => ({ streams: [STREAM] }) } });
    // /hop/<n>/<rest> redirects to /hop/<n-1>/<rest>; /hop/0/<rest> to the real addon (another origin).
    const { server, port } = await listen(
      createHttpServer((req, res) => {
        const m = /^\/hop\/(\d+)(\/.*)$/.exec(req.url ?? '');
        if (!m) {
          res.statusCode = 404;
          return res.end();
        }
        const n = Number(m[1]);
        res.statusCode = n % 2 ? 301 : 302;
        res.setHeader('location', n === 0 ? `${target.base}${m[2]}` : `/hop/${n - 1}${m[2]}`);
        res.end();
      }),
    );
    hops = server;
    hopsBase = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await srv?.close();
    await target?.close();
    if (hops) await close(hops);
  });

  it('the manifest proxy follows 1 to 3 redirects, across origins', async () => {
    for (const n of [0, 1, 2]) {
      const r = await proxy(srv.url, `${hopsBase}/hop/${n}/manifest.json`);
      expect(r.status, `${n + 1} redirects`).toBe(200);
      expect(r.body.data.manifest).toMatchObject({ id: 'org.test.moved', name: 'Moved' });
    }
  });

  it('a 4th redirect is not followed', async () => {
    const r = await proxy(srv.url, `${hopsBase}/hop/3/manifest.json`);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/Could not load the manifest: too many redirects \(HTTP 30[12]\)/);
  });

  it('an addon that moved still serves streams (manifest and stream requests redirected)', async () => {
    const { uuid, token } = await createUser(srv.url, 'moved secret', {
      presets: [custom('mov', 'Moved', `${hopsBase}/hop/2/manifest.json`)],
      formatter: { id: 'torrentio' },
      sortCriteria: { global: [] },
    });
    const res = await get(`${addonBase(srv.url, uuid, token)}/stream/movie/${MOVIE}.json`);
    expect(res.status).toBe(200);
    expect(res.body.streams.map((s: { url?: string; name: string }) => s.url ?? s.name)).toEqual([STREAM.url]);
    expect(target.requests.filter((r) => r.startsWith('/stream/'))).toHaveLength(1);
  });
});

describe('connection failures all read the same', () => {
  let srv: TestServer;
  const servers: (Server | TcpServer)[] = [];
  let refusedPort: number;
  let resetPort: number;
  let garbagePort: number;

  beforeAll(async () => {
    srv = await startTestServer();
    // A port nothing listens on.
    const gone = await listen(tcpServer());
    refusedPort = gone.port;
    await close(gone.server);
    // A listener that accepts and hangs up without answering.
    const reset = await listen(tcpServer((socket) => socket.destroy()));
    // A listener that speaks something other than HTTP (an SSH banner), then hangs up.
    const garbage = await listen(tcpServer((socket) => socket.end('SSH-2.0-OpenSSH_9.6\r\n')));
    servers.push(reset.server, garbage.server);
    resetPort = reset.port;
    garbagePort = garbage.port;
  });
  afterAll(async () => {
    await srv?.close();
    await Promise.all(servers.map(close));
  });

  it('refused, closed and not-HTTP give one message through the manifest proxy', async () => {
    const messages = [];
    for (const port of [refusedPort, resetPort, garbagePort]) {
      const r = await proxy(srv.url, `http://127.0.0.1:${port}/manifest.json`);
      expect(r.status).toBe(400);
      messages.push(r.body.error.message);
    }
    expect(messages).toEqual(Array(3).fill('Could not load the manifest: could not connect to the addon'));
  });

  it('and the same in stream error items', async () => {
    const { uuid, token } = await createUser(srv.url, 'unreachable secret', {
      presets: [
        custom('ref', 'Refused', `http://127.0.0.1:${refusedPort}/manifest.json`),
        custom('rst', 'Reset', `http://127.0.0.1:${resetPort}/manifest.json`),
        custom('gbg', 'Garbage', `http://127.0.0.1:${garbagePort}/manifest.json`),
      ],
      formatter: { id: 'torrentio' },
      sortCriteria: { global: [] },
    });
    const res = await get(`${addonBase(srv.url, uuid, token)}/stream/movie/${MOVIE}.json`);
    expect(res.status).toBe(200);
    const descriptions = (res.body.streams as { description: string }[]).map((s) => s.description);
    expect(descriptions).toHaveLength(3);
    for (const d of descriptions) expect(d).toMatch(/could not connect to the addon$/);
    expect(new Set(descriptions).size).toBe(1);
  });
});
