import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../helpers/api.js';
import { startSdkAddon, type FakeAddon } from '../helpers/fake-addons.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { torrentioStreams } from '../helpers/streams.js';

describe('addon smoke', () => {
  let srv: TestServer;
  let up: FakeAddon;
  beforeAll(async () => {
    srv = await startTestServer();
    up = await startSdkAddon({
      id: 'test.torrentio',
      name: 'Torrentio',
      idPrefixes: ['tt'],
      catalogs: [{ type: 'movie', id: 'top', name: 'Top' }],
      handlers: {
        stream: ({ id }) => ({ streams: id === 'tt1' ? torrentioStreams({ count: 8, service: 'RD', uncachedEvery: 3 }) : [] }),
        catalog: () => ({ metas: [{ id: 'tt1', type: 'movie', name: 'Dune' }] }),
      },
    });
  });
  afterAll(async () => {
    await srv?.close();
    await up?.close();
  });

  it('serves manifest and streams', async () => {
    const config = {
      presets: [{ type: 'custom', instanceId: 'tio', enabled: true, options: { name: 'Torrentio', manifestUrl: up.manifestUrl } }],
      formatter: { id: 'torrentio' },
      sortCriteria: { global: [{ key: 'cached', direction: 'desc' }, { key: 'resolution', direction: 'desc' }] },
      preferredResolutions: ['2160p', '1080p', '720p', '480p'],
    };
    const { uuid, token } = await createUser(srv.url, 'secret pass', config);
    const manifest = await fetch(`${srv.url}/stremio/${uuid}/${token}/manifest.json`).then((r) => r.json() as Promise<any>);
    expect(manifest.catalogs).toEqual([{ type: 'movie', id: 'tioe3b0.top', name: 'Top' }]);
    const res = await fetch(`${srv.url}/stremio/${uuid}/${token}/stream/movie/tt1.json`);
    const body = (await res.json()) as any;
    expect(res.status).toBe(200);
    expect(body.streams.length).toBe(8);
  });
});
