/**
 * Preset kinds end to end, one per family of config encodings: a user created through the User API
 * with the preset pointing (as a custom base, so the kind really builds its config segment or
 * header) at a stremio-addon-sdk server on 127.0.0.1; then manifest, stream (and for MediaFusion
 * catalog and meta) requests through the install URL. Asserted: the exact raw paths and headers
 * the upstream received, the formatted streams, and that no credential reaches the log or any
 * answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addonIdOf } from '../../src/presets/expand.js';
import { startSdkAddon, type FakeAddon } from '../helpers/fake-addons.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { hashOf, torrentioStream } from '../helpers/streams.js';
import { addonBase, get, preset } from '../addon/support.js';
import { Answers, b64Text, expectNoneIn, header, hitsFor, hitsOf, secretForms, USER_AGENT, type Hit } from './support.js';

const MOVIE = 'tt15239678';
const FILE_4K = 'Dune.Part.Two.2024.2160p.BluRay.REMUX.DV.HDR.HEVC.TrueHD.Atmos.7.1-FGT.mkv';
const FILE_1080 = 'Dune.Part.Two.2024.1080p.BluRay.x264.DTS-HD.MA.7.1-SPARKS.mkv';
const FILE_720 = 'Dune.Part.Two.2024.720p.BluRay.x264-GalaxyRG.mkv';

// Distinctive credentials: a hit in a log line or an answer is never a coincidence.
const RD_KEY = 'RDKEY-e2e-7c1e0d5a-marker';
const TB_KEY = 'TBKEY-e2e-41f9b2c7-marker';
const PUTIO = { clientId: 'PUTIOCID-e2e-9a7d', token: 'PUTIOTOK-e2e-3b52c8e1-marker' };
const CREDENTIALS = [RD_KEY, TB_KEY, PUTIO.clientId, PUTIO.token];

const RD = { id: 'realdebrid', enabled: true, credentials: { apiKey: RD_KEY } };
const TB = { id: 'torbox', enabled: true, credentials: { apiKey: TB_KEY } };
const PUTIO_SERVICE = { id: 'putio', enabled: true, credentials: PUTIO };

/** A config with these presets and services, formatted by the built-in Torrentio formatter. */
const configOf = (presets: unknown[], services: unknown[]) => ({
  presets,
  services,
  formatter: { id: 'torrentio' },
  sortCriteria: { global: [] },
});

const stream = (filename: string, label: string, debrid?: { short: string; service: string }, addonName?: string) =>
  torrentioStream({
    filename, label, size: '14.2 GB', seeders: 310, indexer: '1337x', infoHash: hashOf(`${addonName}:${filename}`), fileIdx: 0,
    ...(debrid ? { debrid: { ...debrid, cached: true } } : {}),
    ...(addonName ? { addonName } : {}),
  });

describe('test upstreams answer under any path prefix', () => {
  let addon: FakeAddon;
  beforeAll(async () => {
    addon = await startSdkAddon({
      id: 'org.test.prefix', name: 'Prefix', idPrefixes: ['tt'], catalogs: [{ type: 'movie', id: 'top', name: 'Top', extra: [{ name: 'skip' }] }],
      handlers: { catalog: ({ prefix, extra }) => ({ metas: [{ id: MOVIE, type: 'movie', name: `${prefix}|${extra.skip ?? ''}` }] }) },
    });
  });
  afterAll(async () => addon?.close());

  // (No query string with an extra segment: the SDK itself then misreads the extra.)
  it.each([
    ['', '/catalog/movie/top.json', '?q=1', '|'],
    ['/a%7Cb%3D1', '/catalog/movie/top.json', '?q=1', '/a%7Cb%3D1|'],
    ['/x/eyJh+b/c=', '/catalog/movie/top/skip=10.json', '', '/x/eyJh+b/c=|10'],
    ['/stremio/store/e30=', '/manifest.json', '?q=1', undefined],
  ])('%s%s%s', async (prefix, path, query, name) => {
    const res = await get(`${addon.base}${prefix}${path}${query}`);
    expect(res.status).toBe(200);
    if (name === undefined) expect(res.body.id).toBe('org.test.prefix');
    else expect(res.body.metas[0].name).toBe(name);
    expect(addon.seen.at(-1)!.url).toBe(`${prefix}${path}${query}`);
  });
});

describe('preset kinds end to end', () => {
  const log: string[] = [];
  const answers = new Answers();
  const upstreams: FakeAddon[] = [];
  let srv: TestServer;

  beforeAll(async () => {
    // Upstream answers not cached: each stream request below reaches the upstream.
    srv = await startTestServer({ logLines: log, env: { UPSTREAM_STREAM_CACHE_TTL: '0' } });
  });
  afterAll(async () => {
    await srv?.close();
    await Promise.all(upstreams.map((u) => u.close()));
  });

  /** Starts an upstream that is closed with the suite. */
  const upstream = async (opts: Parameters<typeof startSdkAddon>[0]) => {
    const addon = await startSdkAddon(opts);
    upstreams.push(addon);
    return addon;
  };

  /** Creates a user with `config` and returns its install base (`…/stremio/<uuid>/<token>`). */
  const install = async (config: unknown) => {
    const { uuid, token } = await answers.createUser(srv.url, 'preset e2e password', config);
    return addonBase(srv.url, uuid, token);
  };

  /** Every request carries the User-Agent; returns the raw targets in arrival order. */
  const targets = (addon: FakeAddon) => {
    for (const hit of hitsOf(addon)) expect(header(hit, 'user-agent'), hit.url).toBe(USER_AGENT);
    return addon.seen.map((s) => s.url);
  };

  const streamsOf = async (base: string) => {
    const res = await answers.get(`${base}/stream/movie/${MOVIE}.json`);
    expect(res.status).toBe(200);
    return res.body.streams as Record<string, any>[];
  };

  describe('pipe pairs in the path: torrentio with Real-Debrid and put.io', () => {
    let tio: FakeAddon;
    let base: string;
    beforeAll(async () => {
      tio = await upstream({
        id: 'org.test.torrentio', name: 'Torrentio', idPrefixes: ['tt'],
        handlers: { stream: () => ({ streams: [stream(FILE_4K, '4k', { short: 'RD', service: 'realdebrid' }), stream(FILE_1080, '1080p', { short: 'PO', service: 'putio' })] }) },
      });
      base = await install(configOf([preset('torrentio', 'tio', { name: 'Torrentio', url: tio.base })], [RD, PUTIO_SERVICE]));
    });

    it('asks the upstream at <base>/<pct(pairs)>/… for the manifest and the stream', async () => {
      expect((await answers.get(`${base}/manifest.json`)).status).toBe(200);
      const streams = await streamsOf(base);
      const cfg = `/realdebrid%3D${RD_KEY}%7Cputio%3D${PUTIO.clientId}%40${PUTIO.token}`;
      expect(targets(tio)).toEqual([`${cfg}/manifest.json`, `${cfg}/stream/movie/${MOVIE}.json`]);
      // The Torrentio formatter: `[<service short name>+] <addon name> <resolution>`, visual tags on
      // a second line (none: no line).
      expect(streams.map((s) => s.name)).toEqual(['[RD+] Torrentio 2160p\nHDR | DV', '[P.IO+] Torrentio 1080p']);
      // Torrentio's GB are 1024-based: the formatter's bytes2 shows them as GiB.
      expect(streams[0]!.description).toBe(`${FILE_4K}\n💾14.2 GiB 👤310 ⚙️1337x`);
    });
  });

  describe('base64 JSON in the path: comet with TorBox and includeP2P', () => {
    let comet: FakeAddon;
    let base: string;
    beforeAll(async () => {
      comet = await upstream({
        id: 'org.test.comet', name: 'Comet', idPrefixes: ['tt'],
        handlers: {
          // One server behind both addons: the config segment says which one is asking.
          stream: ({ prefix }) => {
            const cfg = JSON.parse(b64Text(prefix.slice(1))) as { debridServices: unknown[] };
            return { streams: [cfg.debridServices.length ? stream(FILE_1080, '1080p', { short: 'TB', service: 'torbox' }, 'Comet') : stream(FILE_720, '720p', undefined, 'Comet')] };
          },
        },
      });
      // A trailing slash: comet strips one (presets.md §4).
      base = await install(configOf([preset('comet', 'cmt', { name: 'Comet', url: `${comet.base}/`, includeP2P: true })], [TB]));
    });

    it('two addons (TB, then p2p), each with its own JSON config segment; streams of both', async () => {
      expect((await answers.get(`${base}/manifest.json`)).status).toBe(200);
      const streams = await streamsOf(base);
      const manifests = hitsFor(comet, 'manifest');
      expect(manifests).toHaveLength(2);
      // §9's JSON, byte for byte (key order included), once with TorBox and once for P2P.
      const json = (debridServices: unknown[], enableTorrent: boolean) =>
        JSON.stringify({
          maxResultsPerResolution: 0, maxSize: 0, cachedOnly: false, removeTrash: true, resultFormat: ['all'], debridServices, enableTorrent,
          scrapeDebridAccountTorrents: false, debridStreamProxyPassword: '', languages: { required: [], exclude: [], preferred: [] }, resolutions: {},
          options: { remove_ranks_under: -10000000000, allow_english_in_languages: false, remove_unknown_languages: false },
        });
      const tbCfg = `/${Buffer.from(json([{ service: 'torbox', apiKey: TB_KEY }], true)).toString('base64')}`;
      const p2pCfg = `/${Buffer.from(json([], true)).toString('base64')}`;
      expect(manifests.map((h) => h.prefix).sort()).toEqual([tbCfg, p2pCfg].sort());
      expect(manifests.map((h) => b64Text(h.prefix.slice(1))).sort()).toEqual([json([{ service: 'torbox', apiKey: TB_KEY }], true), json([], true)].sort());
      expect(targets(comet).filter((u) => !u.endsWith('/manifest.json')).sort()).toEqual(
        [`${tbCfg}/stream/movie/${MOVIE}.json`, `${p2pCfg}/stream/movie/${MOVIE}.json`].sort(),
      );
      // Addon order is preset order: TB first, then the P2P addon.
      expect(streams.map((s) => s.name)).toEqual(['[TB+] Comet 1080p', '[P2P] Comet 720p']);
    });
  });

  describe('settings in a header: mediafusion with Real-Debrid', () => {
    let mf: FakeAddon;
    let base: string;
    const iid = 'mfu';
    beforeAll(async () => {
      mf = await upstream({
        id: 'org.test.mediafusion', name: 'MediaFusion', idPrefixes: ['tt'],
        catalogs: [{ type: 'movie', id: 'mediafusion.popular', name: 'Popular' }],
        handlers: {
          stream: () => ({ streams: [stream(FILE_1080, '1080p', { short: 'RD', service: 'realdebrid' }, 'MediaFusion')] }),
          catalog: () => ({ metas: [{ id: MOVIE, type: 'movie', name: 'Dune: Part Two' }] }),
          meta: ({ id }) => ({ meta: { id, type: 'movie', name: 'Dune: Part Two' } }),
        },
      });
      base = await install(configOf([preset('mediafusion', iid, { name: 'MediaFusion', url: `${mf.base}/` })], [RD]));
    });

    it('asks <base>/manifest.json and its resources, each with the same encoded_user_data header', async () => {
      const manifest = await answers.get(`${base}/manifest.json`);
      expect(manifest.status).toBe(200);
      const catalogId = `${addonIdOf(iid, 'RD')}.mediafusion.popular`;
      expect(manifest.body.catalogs).toEqual([{ type: 'movie', id: catalogId, name: 'Popular' }]);
      const streams = await streamsOf(base);
      expect(streams.map((s) => s.name)).toEqual(['[RD+] MediaFusion 1080p']);
      const catalog = await answers.get(`${base}/catalog/movie/${catalogId}.json`);
      expect(catalog.body.metas).toEqual([{ id: MOVIE, type: 'movie', name: 'Dune: Part Two' }]);
      const meta = await answers.get(`${base}/meta/movie/${MOVIE}.json`);
      expect(meta.body.meta).toEqual({ id: MOVIE, type: 'movie', name: 'Dune: Part Two' });

      expect(targets(mf)).toEqual([
        '/manifest.json',
        `/stream/movie/${MOVIE}.json`,
        '/catalog/movie/mediafusion.popular.json',
        `/meta/movie/${MOVIE}.json`,
      ]);
      const values = hitsOf(mf).map((h: Hit) => header(h, 'encoded_user_data'));
      expect(new Set(values).size).toBe(1);
      const value = values[0]!;
      expect(value).toMatch(/^[A-Za-z0-9_-]+$/); // base64url, unpadded
      const decoded = Buffer.from(value, 'base64url').toString('utf8');
      expect(Buffer.from(decoded).toString('base64url')).toBe(value);
      const data = JSON.parse(decoded) as Record<string, any>;
      // Appendix B's member order, then §10's provider object.
      expect(Object.keys(data)).toEqual([
        'streaming_providers', 'streaming_provider', 'stream_template', 'selected_catalogs', 'selected_resolutions', 'enable_catalogs',
        'enable_imdb_metadata', 'min_size', 'max_size', 'max_streams_per_resolution', 'max_streams', 'torrent_sorting_priority',
        'nudity_filter', 'certification_filter', 'language_sorting', 'quality_filter', 'hdr_filter', 'api_password',
        'live_search_streams', 'include_anime', 'enable_telegram_streams', 'enable_acestream_streams', 'stream_type_grouping',
        'stream_type_order', 'provider_grouping', 'stream_name_filter_mode', 'stream_name_filter_patterns',
        'stream_name_filter_use_regex', 'telegram_config',
      ]);
      const provider = {
        name: 'Provider', service: 'realdebrid', token: RD_KEY, enable_watchlist_catalogs: false, qbittorrent_config: null,
        only_show_cached_streams: false, use_mediaflow: true, sabnzbd_config: null, nzbget_config: null, nzbdav_config: null,
        easynews_config: null, priority: 0, enabled: true,
      };
      expect(JSON.stringify(data.streaming_providers)).toBe(JSON.stringify([provider]));
      expect(JSON.stringify(data.streaming_provider)).toBe(JSON.stringify(provider));
      expect(data).toMatchObject({ nudity_filter: ['Disable'], certification_filter: ['Disable'], api_password: '', live_search_streams: false });
    });
  });

  describe('one addon per service: stremthruStore with Real-Debrid and TorBox', () => {
    const iid = 'sts';
    const storeJson = (name: string, token: string) =>
      JSON.stringify({ store_name: name, store_token: token, hide_catalog: false, hide_stream: false, webdl: false, usenet: false });
    /**
     * A token whose config segment holds `/` and `+`, so the upstream is reached at a path with
     * those in it. In base64 of ASCII text only `?` (→ `/`) and `~` (→ `+`) at every third byte give
     * them: the padding shifts `?ab~` until it sits there.
     */
    const awkwardToken = (name: string, stem: string) => {
      for (let i = 0; i < 3; i++) {
        const token = `${stem}${'-'.repeat(i)}?ab~`;
        const b64 = Buffer.from(storeJson(name, token)).toString('base64');
        if (b64.includes('/') && b64.includes('+')) return token;
      }
      throw new Error('no token found');
    };
    const rdToken = awkwardToken('realdebrid', 'RDSTORE-e2e-5d0c-marker');
    const tbToken = awkwardToken('torbox', 'TBSTORE-e2e-8e2a-marker');
    CREDENTIALS.push(rdToken, tbToken);
    let store: FakeAddon;
    let base: string;
    beforeAll(async () => {
      store = await upstream({
        id: 'org.test.stremthru.store', name: 'StremThru Store', idPrefixes: ['tt'],
        catalogs: [{ type: 'movie', id: 'st.store', name: 'Store' }, { type: 'series', id: 'st.store.series', name: 'Store Series' }],
        handlers: {
          stream: ({ prefix }) => {
            const cfg = JSON.parse(b64Text(prefix.slice('/stremio/store/'.length))) as { store_name: string };
            const short = cfg.store_name === 'realdebrid' ? 'RD' : 'TB';
            return { streams: [stream(short === 'RD' ? FILE_4K : FILE_720, short === 'RD' ? '4k' : '720p', { short, service: cfg.store_name }, 'Store')] };
          },
          catalog: () => ({ metas: [] }),
        },
      });
      const services = [
        { id: 'realdebrid', enabled: true, credentials: { apiKey: rdToken } },
        { id: 'torbox', enabled: true, credentials: { apiKey: tbToken } },
      ];
      base = await install(configOf([preset('stremthruStore', iid, { name: 'StremThru Store', url: store.base })], services));
    });

    it('two addons at <base>/stremio/store/<b64 JSON>/…, both catalogs re-exported under their addon ids', async () => {
      const manifest = await answers.get(`${base}/manifest.json`);
      const rd = addonIdOf(iid, 'RD');
      const tb = addonIdOf(iid, 'TB');
      expect([rd, tb]).toEqual(['sts4414', 'sts791b']);
      expect(manifest.body.catalogs).toEqual([
        { type: 'movie', id: `${rd}.st.store`, name: 'Store' },
        { type: 'series', id: `${rd}.st.store.series`, name: 'Store Series' },
        { type: 'movie', id: `${tb}.st.store`, name: 'Store' },
        { type: 'series', id: `${tb}.st.store.series`, name: 'Store Series' },
      ]);
      const streams = await streamsOf(base);
      const rdCfg = `/stremio/store/${Buffer.from(storeJson('realdebrid', rdToken)).toString('base64')}`;
      const tbCfg = `/stremio/store/${Buffer.from(storeJson('torbox', tbToken)).toString('base64')}`;
      expect(targets(store).sort()).toEqual(
        [`${rdCfg}/manifest.json`, `${tbCfg}/manifest.json`, `${rdCfg}/stream/movie/${MOVIE}.json`, `${tbCfg}/stream/movie/${MOVIE}.json`].sort(),
      );
      expect(streams.map((s) => s.name)).toEqual(['[RD+] StremThru Store 2160p\nHDR | DV', '[TB+] StremThru Store 720p']);
    });
  });

  it('no credential, config segment or encoded_user_data in the log or in any answer', () => {
    const needles = secretForms(CREDENTIALS, upstreams);
    // The suite did talk to every upstream and did log at debug level.
    expect(upstreams.every((u) => u.seen.length > 0)).toBe(true);
    expect(log.join('')).toContain('incoming request');
    expectNoneIn(log, needles, 'the log');
    expectNoneIn(answers.texts, needles, 'the answers');
  });
});
