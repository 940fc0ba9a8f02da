/**
 * The user's manifest: identity and branding, the union of the upstream manifests (honouring
 * each preset's `resources`), catalog ids per config.md §2.2, the unconfigured manifest, linting
 * with stremio-addon-linter, bad credentials, and aliases (ALIASED_CONFIGURATIONS).
 */
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, JSON_CONTENT_TYPE } from '../helpers/api.js';
import { startSdkAddon, type FakeAddon } from '../helpers/fake-addons.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { addonBase, custom, get, putConfig } from './support.js';

const require = createRequire(import.meta.url);
const { lintManifest } = require('stremio-addon-linter') as {
  lintManifest(m: unknown): { valid: boolean; errors: Error[]; warnings: Error[] };
};
const PACKAGE_VERSION = (require('../../package.json') as { version: string }).version;

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function expectLintClean(manifest: unknown): void {
  const result = lintManifest(manifest);
  expect(result.errors.map((e) => e.message)).toEqual([]);
  expect(result.valid).toBe(true);
}

describe('the user manifest', () => {
  let srv: TestServer;
  let lib: FakeAddon;
  let anime: FakeAddon;
  let subs: FakeAddon;
  let streamOnly: FakeAddon;
  let disabled: FakeAddon;
  let deadUrl: string;
  let config: Record<string, unknown>;
  let user: { uuid: string; token: string };

  beforeAll(async () => {
    srv = await startTestServer();
    lib = await startSdkAddon({
      id: 'org.test.library', name: 'My Library', types: ['movie', 'series'], idPrefixes: ['tt'],
      catalogs: [
        { type: 'movie', id: 'top', name: 'Top movies' },
        { type: 'series', id: 'lib.recent.v2', name: 'Recently added', extra: [{ name: 'skip' }] },
      ],
      handlers: {
        stream: () => ({ streams: [] }),
        meta: ({ id, type }) => ({ meta: { id, type, name: 'x' } }),
        catalog: () => ({ metas: [] }),
      },
    });
    anime = await startSdkAddon({
      id: 'org.test.anime', name: 'Anime Source', types: ['anime', 'series'],
      resources: [
        { name: 'stream', types: ['anime', 'series'], idPrefixes: ['kitsu:', 'mal:'] },
        { name: 'meta', types: ['anime'], idPrefixes: ['kitsu:'] },
      ],
      handlers: { stream: () => ({ streams: [] }), meta: ({ id, type }) => ({ meta: { id, type, name: 'x' } }) },
    });
    subs = await startSdkAddon({
      id: 'org.test.subs', name: 'Subtitles', types: ['movie', 'series'],
      handlers: { subtitles: () => ({ subtitles: [] }) },
    });
    // Declares catalogs, but its preset only uses streams: the catalogs must not be re-exported.
    streamOnly = await startSdkAddon({
      id: 'org.test.streamonly', name: 'Stream Only', types: ['movie', 'channel'], idPrefixes: ['yt_'],
      catalogs: [{ type: 'channel', id: 'popular', name: 'Popular' }],
      handlers: { stream: () => ({ streams: [] }), catalog: () => ({ metas: [] }) },
    });
    disabled = await startSdkAddon({
      id: 'org.test.disabled', name: 'Disabled', types: ['tv'], idPrefixes: ['iptv:'],
      catalogs: [{ type: 'tv', id: 'channels', name: 'Channels' }],
      handlers: { stream: () => ({ streams: [] }), catalog: () => ({ metas: [] }) },
    });
    deadUrl = `http://127.0.0.1:${await closedPort()}/manifest.json`;
    config = {
      addonName: 'Home Streams',
      addonDescription: 'Torrentio + Comet through Real-Debrid, plus my library',
      addonLogo: 'https://img.example.test/logo.png',
      presets: [
        custom('lib', 'My Library', lib.manifestUrl, { resources: ['stream', 'catalog'] }),
        custom('ani', 'Anime Source', anime.manifestUrl),
        { ...custom('off', 'Disabled', disabled.manifestUrl), enabled: false },
        custom('sub', 'Subtitles', subs.manifestUrl, { resources: ['subtitles'] }),
        custom('dead', 'Gone Addon', deadUrl),
        custom('yt', 'Stream Only', streamOnly.manifestUrl, { resources: ['stream'] }),
      ],
      formatter: { id: 'prism' },
      sortCriteria: { global: [] },
    };
    user = await createUser(srv.url, 'manifest secret', config);
  });

  afterAll(async () => {
    await srv?.close();
    await Promise.all([lib, anime, subs, streamOnly, disabled].map((a) => a?.close()));
  });

  it('is the union of the enabled, reachable upstreams, restricted by each preset', async () => {
    const res = await get(`${addonBase(srv.url, user.uuid, user.token)}/manifest.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(JSON_CONTENT_TYPE);
    const m = res.body;
    expect(m.name).toBe('Home Streams');
    expect(m.description).toBe('Torrentio + Comet through Real-Debrid, plus my library');
    expect(m.logo).toBe('https://img.example.test/logo.png');
    expect(m.version).toBe(PACKAGE_VERSION);
    expect(m.behaviorHints).toMatchObject({ configurable: true });
    expect(m.behaviorHints.configurationRequired).not.toBe(true);
    // lib: stream only (its meta is not in the preset's resources) for tt; ani: stream + meta with
    // its resource-level types and prefixes; sub: subtitles for every id; yt: stream for yt_.
    expect(m.resources).toEqual([
      { name: 'stream', types: ['movie', 'series', 'anime', 'channel'], idPrefixes: ['tt', 'kitsu:', 'mal:', 'yt_'] },
      { name: 'meta', types: ['anime'], idPrefixes: ['kitsu:'] },
      { name: 'subtitles', types: ['movie', 'series'] },
      { name: 'catalog', types: ['movie', 'series'] },
    ]);
    expect([...m.types].sort()).toEqual(['anime', 'channel', 'movie', 'series']);
    // §2.2: <instanceId> + e3b0 + '.' + upstream catalog id (dots in the upstream id kept).
    expect(m.catalogs).toEqual([
      { type: 'movie', id: 'libe3b0.top', name: 'Top movies' },
      { type: 'series', id: 'libe3b0.lib.recent.v2', name: 'Recently added', extra: [{ name: 'skip' }] },
    ]);
    // The disabled addon contributes nothing (no tv, no iptv: ids); the stream-only one no catalog.
    expect(JSON.stringify(m)).not.toMatch(/iptv:|"tv"|channels|popular/);
    expectLintClean(m);
  });

  it('has a per-user id that survives config edits and differs between users', async () => {
    const url = `${addonBase(srv.url, user.uuid, user.token)}/manifest.json`;
    const before = (await get(url)).body;
    await putConfig(srv.url, user.uuid, user.token, { ...config, addonName: 'Renamed', addonLogo: undefined });
    const after = (await get(url)).body;
    expect(after.id).toBe(before.id);
    expect(after.name).toBe('Renamed');
    // Without addonLogo the instance's logo (none is configured here) applies.
    expect(after.logo).toBeUndefined();
    const other = await createUser(srv.url, 'other secret', config);
    const otherManifest = (await get(`${addonBase(srv.url, other.uuid, other.token)}/manifest.json`)).body;
    expect(otherManifest.id).not.toBe(before.id);
    expect(otherManifest.id).toMatch(/^[a-z0-9.]+$/);
  });

  it('defaults name and description to the instance when the config has none', async () => {
    const bare = await createUser(srv.url, 'bare secret', { presets: [], formatter: { id: 'prism' }, sortCriteria: { global: [] } });
    const m = (await get(`${addonBase(srv.url, bare.uuid, bare.token)}/manifest.json`)).body;
    expect(m.name).toBe('AIOStreams');
    expect(typeof m.description).toBe('string');
    expect(m.description.length).toBeGreaterThan(0);
    expect(m.resources).toEqual([]);
    expect(m.catalogs).toEqual([]);
    expect(m.behaviorHints.configurable).toBe(true);
    expectLintClean(m);
  });

  it('/stremio/manifest.json is the unconfigured manifest, and lints clean', async () => {
    const res = await get(`${srv.url}/stremio/manifest.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.body.behaviorHints).toEqual({ configurable: true, configurationRequired: true });
    expect(res.body.version).toBe(PACKAGE_VERSION);
    expect(res.body.name).toBe('AIOStreams');
    expectLintClean(res.body);
  });

  it('a wrong token or a deleted config gives a 4xx JSON envelope on the manifest', async () => {
    const wrong = await get(`${srv.url}/stremio/${user.uuid}/AAAAwrongTOKENwrongTOKENwrongTOKENwrong/manifest.json`);
    expect(wrong.status).toBeGreaterThanOrEqual(400);
    expect(wrong.status).toBeLessThan(500);
    expect(wrong.headers.get('content-type')).toMatch(JSON_CONTENT_TYPE);
    expect(wrong.body).toMatchObject({ success: false, data: null, error: { code: 'USER_INVALID_DETAILS' } });
    expect(wrong.body.detail).toMatch(/no longer valid/);

    const nobody = await get(`${srv.url}/stremio/00000000-0000-4000-8000-000000000000/${user.token}/manifest.json`);
    expect(nobody.status).toBeGreaterThanOrEqual(400);
    expect(nobody.status).toBeLessThan(500);
    expect(nobody.body).toMatchObject({ success: false, data: null });
    expect(nobody.body.detail).toMatch(/does not exist/);

    const garbage = await get(`${srv.url}/stremio/not-a-uuid/not-a-token/manifest.json`);
    expect(garbage.status).toBeGreaterThanOrEqual(400);
    expect(garbage.status).toBeLessThan(500);
    expect(garbage.body).toMatchObject({ success: false, data: null });
  });
});

describe('aliases (ALIASED_CONFIGURATIONS)', () => {
  let first: TestServer;
  let srv: TestServer;
  let up: FakeAddon;
  let user: { uuid: string; token: string };

  beforeAll(async () => {
    up = await startSdkAddon({
      id: 'org.test.alias', name: 'Upstream', idPrefixes: ['tt'],
      catalogs: [{ type: 'movie', id: 'top', name: 'Top', extra: [{ name: 'search' }] }],
      handlers: {
        catalog: ({ extra }) => ({ metas: [{ id: 'tt0000001', type: 'movie', name: `search: ${extra.search ?? '-'}` }] }),
        stream: () => ({ streams: [{ name: 'Upstream\n1080p', title: 'Some.Movie.2024.1080p.WEB-DL.x264-GRP.mkv', url: 'https://cdn.example.test/m.mkv' }] }),
      },
    });
    first = await startTestServer();
    user = await createUser(first.url, 'alias secret', {
      addonName: 'Aliased',
      presets: [custom('up', 'Upstream', up.manifestUrl)],
      formatter: { id: 'prism' },
      sortCriteria: { global: [] },
    });
    await first.stop();
    srv = await first.restart({ ALIASED_CONFIGURATIONS: `family:${user.uuid}:${user.token}` });
  });

  afterAll(async () => {
    await srv?.stop();
    await up?.close();
    if (first) rmSync(first.settings.dataDir, { recursive: true, force: true });
  });

  it('/stremio/u/<alias>/… redirects (302) to the full install path, query kept', async () => {
    const res = await get(`${srv.url}/stremio/u/family/manifest.json?x=1`);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/stremio/${user.uuid}/${user.token}/manifest.json?x=1`);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const stream = await get(`${srv.url}/stremio/u/family/stream/movie/tt0000001.json`);
    expect(stream.status).toBe(302);
    expect(stream.headers.get('location')).toBe(`/stremio/${user.uuid}/${user.token}/stream/movie/tt0000001.json`);
    // Following the redirect lands on the real manifest.
    const followed = (await fetch(`${srv.url}/stremio/u/family/manifest.json?x=1`).then((r) => r.json())) as { name: string };
    expect(followed.name).toBe('Aliased');

    const unknown = await get(`${srv.url}/stremio/u/nobody/manifest.json`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ success: false, error: { code: 'NOT_FOUND' } });
  });

  it('the redirect keeps the path exactly as sent (encoded extras, non-Latin text)', async () => {
    const tail = 'catalog/movie/upe3b0.top/search=tom%20%26%20jerry.json';
    const res = await get(`${srv.url}/stremio/u/family/${tail}`);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/stremio/${user.uuid}/${user.token}/${tail}`);
    const followed = (await fetch(`${srv.url}/stremio/u/family/${tail}`).then((r) => r.json())) as { metas: { name: string }[] };
    expect(followed.metas.map((m) => m.name)).toEqual(['search: tom & jerry']);

    const cjk = await get(`${srv.url}/stremio/u/family/catalog/movie/upe3b0.top/search=%E6%97%A5%E6%9C%AC.json?lang=%C3%A9`);
    expect(cjk.status).toBe(302);
    expect(cjk.headers.get('location')).toBe(`/stremio/${user.uuid}/${user.token}/catalog/movie/upe3b0.top/search=%E6%97%A5%E6%9C%AC.json?lang=%C3%A9`);
    const series = await get(`${srv.url}/stremio/u/family/stream/series/tt0000002%3A1%3A2.json`);
    expect(series.headers.get('location')).toBe(`/stremio/${user.uuid}/${user.token}/stream/series/tt0000002%3A1%3A2.json`);
  });

  it('an alias is accepted in place of the uuid', async () => {
    const viaUuid = await get(`${srv.url}/stremio/${user.uuid}/${user.token}/manifest.json`);
    const viaAlias = await get(`${srv.url}/stremio/family/${user.token}/manifest.json`);
    expect(viaAlias.status).toBe(200);
    expect(viaAlias.body).toEqual(viaUuid.body);
    const streams = await get(`${srv.url}/stremio/family/${user.token}/stream/movie/tt0000001.json`);
    expect(streams.status).toBe(200);
    expect(streams.body.streams).toHaveLength(1);
    expect(streams.body.streams[0].url).toBe('https://cdn.example.test/m.mkv');
  });
});
