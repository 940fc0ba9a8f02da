/**
 * A body over BODY_LIMIT, sent by an ordinary client to the compiled server: the client reads a
 * 413 envelope instead of a broken pipe, whether the body has a Content-Length or is streamed,
 * and the connection, drained, serves the next request.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, killChildren, removeTempDirs, startChild, tempDir, type Child } from '../helpers/child-server.js';

const MB = 1024 * 1024;
const BODY_BYTES = 20 * MB;

describe('a request body over the limit', () => {
  let child: Child;
  let url: string;

  beforeAll(async () => {
    ensureBuilt();
    ({ child, url } = await startChild({ DATA_DIR: tempDir() }));
  }, 180_000);

  afterAll(async () => {
    await killChildren();
    removeTempDirs();
  });

  const expect413 = async (res: Response) => {
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({
      success: false, detail: 'Request body is too large', error: { code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large' }, data: null,
    });
  };

  it('fetch sending 20 MB with a Content-Length reads the 413 envelope, every time', async () => {
    const body = Buffer.alloc(BODY_BYTES, 0x20);
    for (let i = 0; i < 5; i++) {
      await expect413(await fetch(`${url}/api/v1/user`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }));
    }
  });

  it('fetch streaming 20 MB (chunked) reads the 413 envelope, every time', async () => {
    for (let i = 0; i < 5; i++) {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let sent = 0; sent < BODY_BYTES; sent += MB) controller.enqueue(new Uint8Array(MB).fill(0x20));
          controller.close();
        },
      });
      await expect413(await fetch(`${url}/api/v1/user`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit));
    }
  });

  it('the answer comes before the body is sent; the rest is read, and the connection serves the next request', async () => {
    const { port } = new URL(url);
    const socket = net.connect(Number(port), '127.0.0.1');
    let received = '';
    let failure: Error | undefined;
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('error', (err) => (failure = err));
    await new Promise((resolve) => socket.once('connect', resolve));
    const write = (data: string | Buffer) => new Promise<void>((resolve, reject) => socket.write(data, (err) => (err ? reject(err) : resolve())));
    const until = async (pred: () => boolean, what: string) => {
      for (let i = 0; i < 200 && !pred(); i++) await new Promise((r) => setTimeout(r, 25));
      if (!pred()) throw new Error(`no ${what}; got ${received.slice(0, 200)}`);
    };

    await write(`POST /api/v1/user HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${BODY_BYTES}\r\n\r\n`);
    await write(Buffer.alloc(64 * 1024, 0x20));
    await until(() => received.includes('PAYLOAD_TOO_LARGE'), '413 before the body was sent');
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    expect(received.toLowerCase()).not.toContain('connection: close');

    // The server keeps reading: the rest of the body goes through without a reset.
    for (let sent = 64 * 1024; sent < BODY_BYTES; sent += MB) await write(Buffer.alloc(Math.min(MB, BODY_BYTES - sent), 0x20));
    received = '';
    await write('GET /api/v1/health HTTP/1.1\r\nhost: x\r\n\r\n');
    await until(() => received.includes('"detail":"ok"'), 'health answer on the same connection');
    expect(received).toMatch(/^HTTP\/1\.1 200 /);
    expect(failure).toBeUndefined();
    socket.destroy();
  });

  it('the server is still well and logged no error', async () => {
    expect((await fetch(`${url}/api/v1/health`)).status).toBe(200);
    expect(child.lines.filter((l) => l.level >= 50)).toEqual([]);
  });
});
