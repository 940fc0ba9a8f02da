/**
 * A configuration as AIOStreams exports it: eight preset kinds (one entry disabled), three
 * services, two custom addons, option values written as the string "undefined", keys this server
 * does not know, catalogModifications naming the generated catalog ids. Every kind's `url` points
 * at its own stremio-addon-sdk server on 127.0.0.1. It must be saved as is, read back unchanged,
 * give a manifest with every addon's catalogs, and a stream request must reach every addon that
 * serves streams exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addonIdOf } from '../../src/presets/expand.js';
import { getUser } from '../helpers/api.js';
import { startSdkAddon, type FakeAddon, type HandlerArgs } from '../helpers/fake-addons.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { SPEC_EXAMPLE } from '../helpers/spec-example.js';
import { hashOf, torrentioStream } from '../helpers/streams.js';
import { addonBase, custom, get, preset } from '../addon/support.js';
import { Answers, b64Text, header, hitsFor, hitsOf, USER_AGENT } from './support.js';

const MOVIE = 'tt15239678';
const PASSWORD = 'real export password';

type Catalog = { type: string; id: string; name: string };

/** What each preset entry's upstream offers, and the addons the entry expands into. */
interface Upstream {
  instanceId: string;
  catalogs: Catalog[];
  streams: boolean;
  /** Identifiers of the addons the entry expands into ('' = none). */
  identifiers: string[];
  /** Several addons on one server: which one is asking, from the path prefix. */
  addonOf?: (prefix: string) => string;
  subtitles?: boolean;
}

const UPSTREAMS: Record<string, Upstream> = {
  torrentio: { instanceId: 'tio', streams: true, identifiers: ['multi'], catalogs: [{ type: 'movie', id: 'torrentio-realdebrid', name: 'RealDebrid' }] },
  comet: { instanceId: 'cmt', streams: true, identifiers: ['multi'], catalogs: [] },
  mediafusion: {
    instanceId: 'mfu', streams: true, identifiers: ['multi'],
    catalogs: [{ type: 'movie', id: 'prowlarr_streams', name: 'Prowlarr Scraped' }, { type: 'series', id: 'mediafusion_search_series', name: 'MediaFusion Search' }],
  },
  stremthruStore: {
    instanceId: 'sts', streams: true, identifiers: ['RD', 'TB'], catalogs: [{ type: 'other', id: 'st.store', name: 'Store' }],
    addonOf: (prefix) => ((JSON.parse(b64Text(prefix.slice('/stremio/store/'.length))) as { store_name: string }).store_name === 'realdebrid' ? 'RD' : 'TB'),
  },
  easynewsPlus: { instanceId: 'enp', streams: true, identifiers: [''], catalogs: [{ type: 'movie', id: 'easynews-plus', name: 'Easynews+' }] },
  'opensubtitles-v3-plus': { instanceId: 'osp', streams: false, subtitles: true, identifiers: [''], catalogs: [] },
  'tmdb-addon': {
    instanceId: 'tmd', streams: false, identifiers: [''],
    catalogs: [{ type: 'movie', id: 'tmdb.top', name: 'Popular' }, { type: 'series', id: 'tmdb.top', name: 'Popular' }],
  },
  library: { instanceId: 'lib', streams: true, identifiers: [''], catalogs: [{ type: 'movie', id: 'lib.recent', name: 'Recently added' }] },
  cinemeta: { instanceId: 'cin', streams: false, identifiers: [''], catalogs: [{ type: 'movie', id: 'top', name: 'Popular' }] },
};

/** One distinct release per addon, so every addon's answer is visible in the merged list. */
const fileOf = (instanceId: string, identifier: string) => `Dune.Part.Two.2024.1080p.BluRay.x264.DTS-HD.MA.5.1-${instanceId.toUpperCase()}${identifier}.mkv`;

function startUpstream(key: string, u: Upstream): Promise<FakeAddon> {
  const handlers: Parameters<typeof startSdkAddon>[0]['handlers'] = {};
  if (u.streams) {
    handlers.stream = ({ prefix }: HandlerArgs) => {
      const identifier = u.addonOf ? u.addonOf(prefix) : u.identifiers[0]!;
      return {
        streams: [
          torrentioStream({
            filename: fileOf(u.instanceId, identifier), label: '1080p', size: '14.2 GB', seeders: 310, indexer: '1337x',
            infoHash: hashOf(`${u.instanceId}${identifier}`), fileIdx: 0, debrid: { short: 'RD', service: 'realdebrid', cached: true },
          }),
        ],
      };
    };
  }
  if (u.catalogs.length) handlers.catalog = () => ({ metas: [] });
  if (key === 'tmdb-addon' || key === 'cinemeta') handlers.meta = ({ id }: HandlerArgs) => ({ meta: { id, type: 'movie', name: 'Dune: Part Two' } });
  if (u.subtitles) handlers.subtitles = () => ({ subtitles: [] });
  return startSdkAddon({ id: `org.test.${key}`, name: key, idPrefixes: ['tt'], catalogs: u.catalogs, handlers });
}

/** The export, as AIOStreams writes it: every kind's `url` at its upstream. */
function exportedConfig(up: Record<string, FakeAddon>) {
  const u = (key: string) => up[key]!.base;
  const catalogId = (key: string, identifier: string, upstreamId: string) => `${addonIdOf(UPSTREAMS[key]!.instanceId, identifier)}.${upstreamId}`;
  return {
    ...SPEC_EXAMPLE,
    addonName: 'AIOStreams',
    presets: [
      {
        ...preset('torrentio', 'tio', {
          name: 'Torrentio', timeout: 6500, resources: ['stream', 'catalog', 'meta'], url: u('torrentio'), mediaTypes: [],
          services: 'undefined', useMultipleInstances: 'undefined', providers: 'undefined', socials: [], 'Enable Adult Content': false,
        }),
        category: 'streams',
      },
      preset('comet', 'cmt', { name: 'Comet', timeout: 7000, url: `${u('comet')}/`, includeP2P: false, removeTrash: 'undefined', scrapeDebridAccountTorrents: false }),
      preset('mediafusion', 'mfu', {
        name: 'MediaFusion', timeout: 7000, url: u('mediafusion'), useCachedResultsOnly: true, enableWatchlistCatalogs: false,
        certificationLevelsFilter: 'undefined', nudityFilter: 'undefined', includeP2P: 'undefined', alert: null,
      }),
      preset('stremthruStore', 'sts', { name: 'StremThru Store', timeout: 7000, url: `${u('stremthruStore')}/stremio/store/`, webDl: 'undefined', hideStreams: false }),
      preset('easynewsPlus', 'enp', { name: 'Easynews+', timeout: 7000, url: u('easynewsPlus'), mediaTypes: ['movie', 'series'] }),
      preset('opensubtitles-v3-plus', 'osp', {
        name: 'OpenSubtitles V3+', timeout: 7000, url: u('opensubtitles-v3-plus'), language: ['en', 'fr'], sources: 'all', includeAiTranslated: true,
        movieHashPlusAutoAdjustment: false,
      }),
      preset('tmdb-addon', 'tmd', {
        name: 'The Movie Database', timeout: 7000, url: `${u('tmdb-addon')}/some/path/`, language: 'en-US', ageRating: 'undefined',
        provideImdbId: true, 'Enable Adult Content': false, tmdbApiKey: '',
      }),
      { ...preset('peerflix', 'pfx', { name: 'Peerflix', url: 'undefined', useMultipleInstances: false, showTorrentLinks: false }), enabled: false },
      custom('lib', 'My Library', up.library!.manifestUrl, { timeout: 4000, libraryAddon: true, pinPosition: 'top', streamPassthrough: false }),
      custom('cin', 'Cinemeta', up.cinemeta!.manifestUrl, { timeout: 4000, resources: ['catalog', 'meta'], formatPassthrough: 'undefined' }),
    ],
    services: [
      { id: 'realdebrid', enabled: true, credentials: { apiKey: 'RDKEY-export-2b7f-marker' } },
      { id: 'torbox', enabled: true, credentials: { apiKey: 'TBKEY-export-6c31-marker' } },
      { id: 'easynews', enabled: true, credentials: { username: 'en-user-export', password: 'en-pass-export-9d4e' } },
      { id: 'alldebrid', enabled: false, credentials: {} },
    ],
    catalogModifications: [
      { id: catalogId('tmdb-addon', '', 'tmdb.top'), type: 'movie', name: 'Trending Movies', enabled: true, shuffle: false, onlyOnDiscover: false, rpdb: true },
      { id: catalogId('tmdb-addon', '', 'tmdb.top'), type: 'series', enabled: true, shuffle: false, rpdb: true },
      { id: catalogId('stremthruStore', 'RD', 'st.store'), type: 'other', enabled: false, hideable: true },
      { id: catalogId('mediafusion', 'multi', 'prowlarr_streams'), type: 'movie', enabled: true, overrideType: 'undefined' },
      { id: catalogId('library', '', 'lib.recent'), type: 'movie', enabled: true },
    ],
    mergedCatalogs: [],
    proxy: { enabled: false, id: 'mediaflow', url: 'undefined', credentials: 'undefined', proxiedServices: ['realdebrid'] },
    groups: { enabled: false, groupings: [] },
    dynamicAddonFetching: { enabled: false, condition: '' },
    tmdbAccessToken: '',
    rpdbApiKey: '',
    excludedStreamExpressions: [],
    autoPlay: { enabled: true, method: 'matchingFile', attributes: ['service', 'proxied', 'resolution', 'quality', 'encode', 'type', 'visualTag', 'audioTag', 'releaseGroup'] },
    statistics: { enabled: false, position: 'bottom', statsToShow: ['addon', 'filter'] },
    aUnknownFutureKey: { nested: ['kept', 1, true] },
  };
}

describe('a real-world AIOStreams export', () => {
  const answers = new Answers();
  const up: Record<string, FakeAddon> = {};
  let srv: TestServer;
  let config: ReturnType<typeof exportedConfig>;
  let base: string;
  let uuid: string;

  beforeAll(async () => {
    srv = await startTestServer({ env: { UPSTREAM_STREAM_CACHE_TTL: '0' } });
    for (const [key, u] of Object.entries(UPSTREAMS)) up[key] = await startUpstream(key, u);
    config = exportedConfig(up);
  });
  afterAll(async () => {
    await srv?.close();
    await Promise.all(Object.values(up).map((a) => a.close()));
  });

  it('is saved as sent and read back unchanged (Basic auth with the password)', async () => {
    let token: string;
    ({ uuid, token } = await answers.createUser(srv.url, PASSWORD, config));
    base = addonBase(srv.url, uuid, token);
    const res = await getUser(srv.url, uuid, PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body.data.userData).toStrictEqual(config);
  });

  it("the manifest lists every addon's catalogs as <addon id>.<upstream id>, catalogModifications among them", async () => {
    // addonIdOf is presets.md §5's rule: its examples, with instanceId `abc`.
    expect(['', 'multi', 'RD', 'TB'].map((i) => addonIdOf('abc', i))).toEqual(['abce3b0', 'abc4bd7', 'abc4414', 'abc791b']);
    const manifest = await get(`${base}/manifest.json`);
    expect(manifest.status).toBe(200);
    const expected = Object.values(UPSTREAMS).flatMap((u) =>
      u.identifiers.flatMap((identifier) => u.catalogs.map((c) => ({ ...c, id: `${addonIdOf(u.instanceId, identifier)}.${c.id}` }))),
    );
    expect(manifest.body.catalogs).toEqual(expected);
    const listed = (manifest.body.catalogs as Catalog[]).map((c) => `${c.type}:${c.id}`);
    for (const mod of config.catalogModifications) expect(listed, mod.id).toContain(`${mod.type}:${mod.id}`);
    // Each addon's manifest was asked for once, with this server's User-Agent; the disabled entry not at all.
    for (const [key, u] of Object.entries(UPSTREAMS)) {
      const hits = hitsFor(up[key]!, 'manifest');
      expect(hits, key).toHaveLength(u.identifiers.length);
      for (const hit of hits) expect(header(hit, 'user-agent')).toBe(USER_AGENT);
    }
  });

  it('a stream request reaches every addon that serves streams exactly once, and each one’s streams arrive', async () => {
    const res = await get(`${base}/stream/movie/${MOVIE}.json`);
    expect(res.status).toBe(200);
    const files = (res.body.streams as { behaviorHints?: { filename?: string } }[]).map((s) => s.behaviorHints?.filename);
    const streaming = Object.entries(UPSTREAMS).filter(([, u]) => u.streams);
    expect(files.sort()).toEqual(streaming.flatMap(([, u]) => u.identifiers.map((i) => fileOf(u.instanceId, i))).sort());
    for (const [key, u] of Object.entries(UPSTREAMS)) {
      const hits = hitsFor(up[key]!, 'stream');
      const perAddon = new Map<string, number>();
      for (const hit of hits) perAddon.set(hit.prefix, (perAddon.get(hit.prefix) ?? 0) + 1);
      // One request per addon: as many distinct prefixes as addons, each asked once.
      expect([...perAddon.values()], key).toEqual(u.streams ? u.identifiers.map(() => 1) : []);
      expect(hits.map((h) => h.path), key).toEqual(u.streams ? u.identifiers.map(() => `/stream/movie/${MOVIE}.json`) : []);
    }
    // Stream-less addons were asked nothing but their manifest.
    for (const key of ['opensubtitles-v3-plus', 'tmdb-addon', 'cinemeta']) expect(hitsOf(up[key]!).map((h) => h.path)).toEqual(['/manifest.json']);
  });
});
