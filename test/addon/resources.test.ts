/**
 * Catalog, meta, subtitles and addon_catalog through the real route, against real SDK addons:
 * catalog ids split at the first dot with extras passed on, meta from the first addon (in config
 * order) with an answer, subtitles merged and de-duplicated by url, addon catalogs passed through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../helpers/api.js';
import { startRawAddon, startSdkAddon, type FakeAddon, type HandlerArgs } from '../helpers/fake-addons.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { addonBase, custom, get } from './support.js';

const metaOf = (id: string, name: string) => ({ id, type: 'series', name, poster: `https://img.example.test/${encodeURIComponent(name)}.jpg` });

describe('catalog, meta, subtitles, addon_catalog', () => {
  let srv: TestServer;
  let lib: FakeAddon;
  let cinemeta: FakeAddon;
  let tmdb: FakeAddon;
  let kitsu: FakeAddon;
  let fastMeta: FakeAddon;
  let broken: FakeAddon;
  let subsA: FakeAddon;
  let subsB: FakeAddon;
  let community: FakeAddon;
  let base: string;
  const catalogCalls: HandlerArgs[] = [];
  const subtitleCalls: HandlerArgs[] = [];

  beforeAll(async () => {
    srv = await startTestServer();
    lib = await startSdkAddon({
      id: 'org.test.library', name: 'My Library', types: ['movie', 'series'], idPrefixes: ['tt'],
      catalogs: [
        { type: 'movie', id: 'top', name: 'Top' },
        { type: 'series', id: 'lib.recent.v2', name: 'Recent', extra: [{ name: 'search' }, { name: 'skip' }, { name: 'genre', options: ['Drama'] }] },
      ],
      handlers: {
        catalog: (args) => {
          catalogCalls.push(args);
          if (args.id === 'top') return { metas: [{ id: 'tt15239678', type: 'movie', name: 'Dune: Part Two' }], cacheMaxAge: 10 };
          return { metas: [metaOf('tt14452776', `The Bear (${args.extra.search ?? 'all'}, skip ${args.extra.skip ?? 0})`)] };
        },
      },
    });
    // Meta sources, in config order: an empty answer, a slow real one, a fast real one.
    cinemeta = await startSdkAddon({
      id: 'org.test.cinemeta', name: 'Cinemeta', types: ['series'], idPrefixes: ['tt'],
      handlers: { meta: () => ({ meta: null }) },
    });
    broken = await startRawAddon(
      { id: 'org.test.broken', version: '1.0.0', name: 'Broken', resources: ['meta', 'catalog'], types: ['series'], idPrefixes: ['tt'], catalogs: [{ type: 'series', id: 'trending', name: 'Trending' }] },
      (_req, res) => {
        res.statusCode = 500;
        res.end('{"err":"handler error"}');
      },
    );
    tmdb = await startSdkAddon({
      id: 'org.test.tmdb', name: 'TMDB', types: ['series'], idPrefixes: ['tt'], delayMs: 300,
      handlers: { meta: ({ id }) => ({ meta: metaOf(id, 'The Bear (TMDB)') }) },
    });
    fastMeta = await startSdkAddon({
      id: 'org.test.fastmeta', name: 'Fast Meta', types: ['series'], idPrefixes: ['tt'],
      handlers: { meta: ({ id }) => ({ meta: metaOf(id, 'The Bear (fast)') }) },
    });
    kitsu = await startSdkAddon({
      id: 'org.test.kitsu', name: 'Kitsu', types: ['series', 'anime'], idPrefixes: ['kitsu:'],
      handlers: { meta: ({ id }) => ({ meta: metaOf(id, 'Kitsu') }) },
    });
    subsA = await startSdkAddon({
      id: 'org.test.subs.a', name: 'OpenSubtitles', types: ['movie', 'series'],
      handlers: {
        subtitles: (args) => {
          subtitleCalls.push(args);
          return {
            subtitles: [
              { id: 'a1', url: 'https://subs.example.test/en-1.srt', lang: 'eng' },
              { id: 'a2', url: 'https://subs.example.test/fr-1.srt', lang: 'fre' },
            ],
          };
        },
      },
    });
    subsB = await startSdkAddon({
      id: 'org.test.subs.b', name: 'SubSource', types: ['movie', 'series'],
      handlers: {
        subtitles: () => ({
          subtitles: [
            { id: 'b1', url: 'https://subs.example.test/fr-1.srt', lang: 'fre' },
            { id: 'b2', url: 'https://subs.example.test/de-1.srt', lang: 'ger' },
          ],
        }),
      },
    });
    community = await startSdkAddon({
      id: 'org.test.community', name: 'Community', types: ['movie'],
      resources: ['addon_catalog'],
      addonCatalogs: [{ type: 'all', id: 'official', name: 'Official addons' }],
      handlers: {
        addon_catalog: ({ id }) => ({
          addons: [
            {
              transportName: 'http',
              transportUrl: 'https://v3-cinemeta.strem.io/manifest.json',
              manifest: { id: 'com.linvo.cinemeta', version: '3.0.0', name: `Cinemeta (${id})`, resources: ['meta'], types: ['movie'], catalogs: [] },
            },
          ],
        }),
      },
    });
    const { uuid, token } = await createUser(srv.url, 'resources secret', {
      presets: [
        custom('lib', 'My Library', lib.manifestUrl),
        custom('cm', 'Cinemeta', cinemeta.manifestUrl),
        custom('brk', 'Broken Meta', broken.manifestUrl),
        custom('tmdb', 'TMDB', tmdb.manifestUrl),
        custom('fast', 'Fast Meta', fastMeta.manifestUrl),
        custom('kit', 'Kitsu', kitsu.manifestUrl),
        custom('osA', 'OpenSubtitles', subsA.manifestUrl),
        custom('osB', 'SubSource', subsB.manifestUrl),
        custom('com', 'Community', community.manifestUrl),
      ],
      formatter: { id: 'prism' },
      sortCriteria: { global: [] },
    });
    base = addonBase(srv.url, uuid, token);
  });

  afterAll(async () => {
    await srv?.close();
    await Promise.all([lib, cinemeta, broken, tmdb, fastMeta, kitsu, subsA, subsB, community].map((a) => a?.close()));
  });

  it('routes a catalog by the first dot; the rest (dots and all) is the upstream id', async () => {
    const res = await get(`${base}/catalog/movie/libe3b0.top.json`);
    expect(res.status).toBe(200);
    expect(res.body.metas).toEqual([{ id: 'tt15239678', type: 'movie', name: 'Dune: Part Two' }]);
    // The upstream's shorter cacheMaxAge wins.
    expect(res.body.cacheMaxAge).toBe(10);

    const dotted = await get(`${base}/catalog/series/libe3b0.lib.recent.v2.json`);
    expect(dotted.status).toBe(200);
    expect(dotted.body.metas.map((m: { name: string }) => m.name)).toEqual(['The Bear (all, skip 0)']);
    expect(catalogCalls.at(-1)).toMatchObject({ type: 'series', id: 'lib.recent.v2', extra: {} });
  });

  it('passes search, skip and genre extras on to the upstream', async () => {
    const res = await get(`${base}/catalog/series/libe3b0.lib.recent.v2/search=the%20bear&skip=100.json`);
    expect(res.status).toBe(200);
    expect(res.body.metas.map((m: { name: string }) => m.name)).toEqual(['The Bear (the bear, skip 100)']);
    expect(catalogCalls.at(-1)).toMatchObject({ id: 'lib.recent.v2', extra: { search: 'the bear', skip: '100' } });
    expect(lib.requests.at(-1)).toBe('/catalog/series/lib.recent.v2/search=the%20bear&skip=100.json');

    await get(`${base}/catalog/series/libe3b0.lib.recent.v2/genre=Drama.json`);
    expect(catalogCalls.at(-1)).toMatchObject({ id: 'lib.recent.v2', extra: { genre: 'Drama' } });

    // Extras travel encoded as Stremio sent them: an `&` inside a value is not a separator.
    const amp = await get(`${base}/catalog/series/libe3b0.lib.recent.v2/search=tom%20%26%20jerry%20100%25&skip=20.json`);
    expect(amp.status).toBe(200);
    expect(catalogCalls.at(-1)).toMatchObject({ extra: { search: 'tom & jerry 100%', skip: '20' } });
    expect(lib.requests.at(-1)).toBe('/catalog/series/lib.recent.v2/search=tom%20%26%20jerry%20100%25&skip=20.json');
    await get(`${base}/catalog/series/libe3b0.lib.recent.v2/search=%E6%97%A5%E6%9C%AC.json`);
    expect(catalogCalls.at(-1)).toMatchObject({ extra: { search: '日本' } });
  });

  it('answers a catalog that is not in the config with an error item, not a failure', async () => {
    const res = await get(`${base}/catalog/movie/zzze3b0.top.json`);
    expect(res.status).toBe(200);
    expect(res.body.metas).toHaveLength(1);
    expect(res.body.metas[0].name).toMatch(/^\[❌\] /);
  });

  it("a failing upstream catalog gives a [❌] item, hidden by hideErrorsForResources: ['catalog']", async () => {
    const res = await get(`${base}/catalog/series/brke3b0.trending.json`);
    expect(res.status).toBe(200);
    expect(res.body.metas).toHaveLength(1);
    expect(res.body.metas[0]).toMatchObject({ name: '[❌] Broken Meta' });
    expect(res.body.metas[0].description).toMatch(/HTTP 500/);
    expect(res.headers.get('cache-control')).toBe('no-cache');

    const quiet = await createUser(srv.url, 'quiet secret', {
      presets: [custom('brk', 'Broken Meta', broken.manifestUrl)],
      formatter: { id: 'prism' },
      sortCriteria: { global: [] },
      hideErrorsForResources: ['catalog'],
    });
    const hidden = await get(`${addonBase(srv.url, quiet.uuid, quiet.token)}/catalog/series/brke3b0.trending.json`);
    expect(hidden.status).toBe(200);
    expect(hidden.body.metas).toEqual([]);
  });

  it('meta: the first non-empty answer in config order wins (not the fastest)', async () => {
    const res = await get(`${base}/meta/series/tt14452776.json`);
    expect(res.status).toBe(200);
    // Cinemeta (first) answers { meta: null }, Broken answers 500, TMDB answers after 300 ms,
    // Fast Meta (after TMDB in the config) at once.
    expect(res.body.meta).toEqual(metaOf('tt14452776', 'The Bear (TMDB)'));
    // Kitsu serves kitsu: ids only: it is not asked for a tt id.
    expect(kitsu.requests.filter((r) => r.startsWith('/meta/'))).toEqual([]);
    expect(cinemeta.requests.filter((r) => r.startsWith('/meta/'))).toEqual(['/meta/series/tt14452776.json']);

    const anime = await get(`${base}/meta/series/${encodeURIComponent('kitsu:1376')}.json`);
    expect(anime.body.meta).toEqual(metaOf('kitsu:1376', 'Kitsu'));
  });

  it('subtitles: every subtitles addon, concatenated in config order, de-duplicated by url, extras passed', async () => {
    const res = await get(`${base}/subtitles/movie/tt15239678/filename=Dune%20Part%20Two%20(2024).mkv&videoHash=8e245d9679d31e12&videoSize=652174912.json`);
    expect(res.status).toBe(200);
    expect(res.body.subtitles).toEqual([
      { id: 'a1', url: 'https://subs.example.test/en-1.srt', lang: 'eng' },
      { id: 'a2', url: 'https://subs.example.test/fr-1.srt', lang: 'fre' },
      { id: 'b2', url: 'https://subs.example.test/de-1.srt', lang: 'ger' },
    ]);
    expect(subtitleCalls.at(-1)).toMatchObject({ type: 'movie', id: 'tt15239678', extra: { filename: 'Dune Part Two (2024).mkv', videoHash: '8e245d9679d31e12', videoSize: '652174912' } });
  });

  it('addon_catalog: declared in the manifest under the addon id, passed through', async () => {
    const manifest = (await get(`${base}/manifest.json`)).body;
    expect(manifest.addonCatalogs).toEqual([{ type: 'all', id: 'come3b0.official', name: 'Official addons' }]);
    expect(manifest.resources.map((r: { name: string }) => r.name)).toContain('addon_catalog');
    const res = await get(`${base}/addon_catalog/all/come3b0.official.json`);
    expect(res.status).toBe(200);
    expect(res.body.addons).toEqual([
      {
        transportName: 'http',
        transportUrl: 'https://v3-cinemeta.strem.io/manifest.json',
        manifest: { id: 'com.linvo.cinemeta', version: '3.0.0', name: 'Cinemeta (official)', resources: ['meta'], types: ['movie'], catalogs: [] },
      },
    ]);
    expect(community.requests.at(-1)).toBe('/addon_catalog/all/official.json');
  });
});
