/**
 * End to end through real parts: three upstream Stremio addons built with stremio-addon-sdk on
 * 127.0.0.1, a real aggregator server, a user created through the User API and the install URL it
 * yields. Streams for a movie and a series episode come back filtered, de-duplicated, sorted,
 * limited and formatted exactly as config.md prescribes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../helpers/api.js';
import { startSdkAddon, type FakeAddon } from '../helpers/fake-addons.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { hashOf, httpStream, torrentioStream } from '../helpers/streams.js';
import { addonBase, custom, get, preset, putConfig, streamHits } from './support.js';

const MOVIE = 'tt15239678';
const EPISODE = 'tt14452776:1:2';
const NEXT_EPISODE = 'tt14452776:1:3';
const RD = { short: 'RD', service: 'realdebrid' };

// --- The movie (Dune: Part Two) -----------------------------------------------------------------
const A1 = torrentioStream({
  filename: 'Dune.Part.Two.2024.2160p.BluRay.REMUX.DV.HDR.HEVC.TrueHD.Atmos.7.1-FGT.mkv',
  size: '61 GB', seeders: 152, indexer: 'ThePirateBay', flags: '🇬🇧 / 🇫🇷', label: '4k',
  infoHash: hashOf('dune-remux-fgt'), fileIdx: 0, debrid: { ...RD, cached: true },
});
const A2 = torrentioStream({
  filename: 'Dune.Part.Two.2024.1080p.BluRay.x264.DTS-HD.MA.7.1-SPARKS.mkv',
  size: '14.2 GB', seeders: 310, indexer: '1337x', flags: '🇬🇧', label: '1080p',
  infoHash: hashOf('dune-bluray-sparks'), fileIdx: 0, debrid: { ...RD, cached: true },
});
const A3 = torrentioStream({
  filename: 'Dune.Part.Two.2024.2160p.WEB-DL.DDP5.1.Atmos.DV.HDR.H.265-FLUX.mkv',
  size: '18.4 GB', seeders: 95, indexer: 'TorrentGalaxy', flags: '🇬🇧', label: '4k',
  infoHash: hashOf('dune-web-flux-4k'), fileIdx: 0, debrid: { ...RD, cached: false },
});
/** CAM: excludedQualities. */
const A4 = torrentioStream({
  filename: 'Dune.Part.Two.2024.1080p.HDCAM.x264-NOGRP.mkv',
  size: '2.1 GB', seeders: 40, indexer: '1337x', label: '1080p',
  infoHash: hashOf('dune-cam'), fileIdx: 0, debrid: { ...RD, cached: true },
});
/** 480p: requiredResolutions. */
const A5 = torrentioStream({
  filename: 'Dune.Part.Two.2024.480p.WEBRip.x264-YIFY.mp4',
  size: '1.3 GB', seeders: 700, indexer: 'YTS', label: '480p',
  infoHash: hashOf('dune-yify'), fileIdx: 0, debrid: { ...RD, cached: true },
});
/** 850 MB: under the movie size window. */
const A6 = torrentioStream({
  filename: 'Dune.Part.Two.2024.720p.WEBRip.x264-GalaxyRG.mkv',
  size: '850 MB', seeders: 66, indexer: 'TorrentGalaxy', label: '720p',
  infoHash: hashOf('dune-720-small'), fileIdx: 0, debrid: { ...RD, cached: true },
});
/** 78.3 GB: over the movie size window. */
const A7 = torrentioStream({
  filename: 'Dune.Part.Two.2024.2160p.UHD.BluRay.REMUX.HDR10.HEVC.DTS-HD.MA.7.1-FraMeSToR.mkv',
  size: '78.3 GB', seeders: 20, indexer: 'ThePirateBay', label: '4k',
  infoHash: hashOf('dune-framestor'), fileIdx: 0, debrid: { ...RD, cached: true },
});
/** The P2P copy of A1 (same hash and file): dropped, a cached copy exists (aggressive). */
const B1 = torrentioStream({
  filename: 'Dune.Part.Two.2024.2160p.BluRay.REMUX.DV.HDR.HEVC.TrueHD.Atmos.7.1-FGT.mkv',
  size: '61 GB', seeders: 152, indexer: 'ThePirateBay', flags: '🇬🇧 / 🇫🇷', label: '4k',
  infoHash: hashOf('dune-remux-fgt'), fileIdx: 0,
});
/** The third 1080p after sorting: cut by resultLimits.resolution = 2. */
const B2 = torrentioStream({
  filename: 'Dune.Part.Two.2024.1080p.WEB-DL.DDP5.1.H.264-FLUX.mkv',
  size: '7.9 GB', seeders: 420, indexer: '1337x', flags: '🇬🇧', label: '1080p',
  infoHash: hashOf('dune-web-flux-1080'), fileIdx: 0,
});
const B3 = torrentioStream({
  filename: 'Dune.Part.Two.2024.720p.BluRay.x264-GalaxyRG.mkv',
  size: '1.9 GB', seeders: 890, indexer: 'ThePirateBay', flags: '🇬🇧', label: '720p',
  infoHash: hashOf('dune-720-bluray'), fileIdx: 0,
});
/** MediaFusion's copy of B3 (same hash and file): one P2P result survives (single_result). */
const C1 = {
  name: 'MediaFusion\n720p',
  description: '📂 Dune.Part.Two.2024.720p.BluRay.x264-GalaxyRG.mkv\n💾 1.9 GB 👤 890\n🔗 ThePirateBay',
  infoHash: hashOf('dune-720-bluray'),
  fileIdx: 0,
  behaviorHints: { filename: 'Dune.Part.Two.2024.720p.BluRay.x264-GalaxyRG.mkv', bingeGroup: 'MediaFusion-720p' },
};
const C2 = httpStream({
  addonName: 'MediaFusion', label: '1080p',
  filename: 'Dune.Part.Two.2024.1080p.AMZN.WEB-DL.DDP5.1.H.264-NTb.mkv',
  url: 'https://cdn.example.test/v/dune-part-two-1080p.mkv', videoSize: 9_500_000_000,
});

// --- The series (The Bear S01E02, and E03 for binge groups) ---------------------------------------
const PACK_1080 = 'The.Bear.S01.1080p.WEB-DL.DDP5.1.H.264-NTb';
const PACK_720 = 'The.Bear.S01-S02.COMPLETE.720p.HULU.WEBRip.x264-GalaxyTV';
const episode = (n: number) => ({
  cached: torrentioStream({
    torrent: PACK_1080, filename: `The.Bear.S01E0${n}.1080p.WEB-DL.DDP5.1.H.264-NTb.mkv`,
    size: '1.2 GB', seeders: 210, indexer: 'EZTV', flags: '🇬🇧', label: '1080p',
    infoHash: hashOf('bear-s01-pack'), fileIdx: n - 1, debrid: { ...RD, cached: true },
  }),
  uncached4k: torrentioStream({
    filename: `The.Bear.S01E0${n}.2160p.DSNP.WEB-DL.DDP5.1.DV.HDR.H.265-FLUX.mkv`,
    size: '4.1 GB', seeders: 33, indexer: 'TorrentGalaxy', flags: '🇬🇧', label: '4k',
    infoHash: hashOf(`bear-e0${n}-4k`), fileIdx: 0, debrid: { ...RD, cached: false },
  }),
  /** 22.5 GB: over the series size window. */
  huge: torrentioStream({
    filename: `The.Bear.S01E0${n}.1080p.BluRay.REMUX.AVC.DTS-HD.MA.5.1-NOGRP.mkv`,
    size: '22.5 GB', seeders: 5, indexer: 'ThePirateBay', label: '1080p',
    infoHash: hashOf(`bear-e0${n}-remux`), fileIdx: 0, debrid: { ...RD, cached: true },
  }),
  /** The P2P copy of the cached pack file: dropped. */
  p2pCopy: torrentioStream({
    torrent: PACK_1080, filename: `The.Bear.S01E0${n}.1080p.WEB-DL.DDP5.1.H.264-NTb.mkv`,
    size: '1.2 GB', seeders: 210, indexer: 'EZTV', flags: '🇬🇧', label: '1080p',
    infoHash: hashOf('bear-s01-pack'), fileIdx: n - 1,
  }),
  p2pPack: torrentioStream({
    torrent: PACK_720, filename: `The.Bear.S01E0${n}.720p.HULU.WEBRip.x264-GalaxyTV.mkv`,
    size: '590 MB', seeders: 75, indexer: 'EZTV', label: '720p',
    infoHash: hashOf('bear-complete-720'), fileIdx: n,
  }),
  /** Same torrent as p2pPack, another file index: not a duplicate. */
  mfPack: {
    name: 'MediaFusion\n720p',
    description: `📂 ${PACK_720}\n┈➤ The.Bear.S01E0${n}.720p.HULU.WEBRip.x264-GalaxyTV.mkv\n💾 0.6 GB 👤 75\n🔗 EZTV`,
    infoHash: hashOf('bear-complete-720'),
    fileIdx: n + 7,
    behaviorHints: { filename: `The.Bear.S01E0${n}.720p.HULU.WEBRip.x264-GalaxyTV.mkv`, folderName: PACK_720 },
  },
});

const CUSTOM_FORMATTER = {
  id: 'custom',
  definitions: {
    custom: {
      // config.md §13's template.
      name: '{service.shortName::exists["[{service.shortName}{service.cached["⚡"||"⏳"]}] "||""]}{stream.resolution::default(\'?\')}',
      description:
        '{?{stream.filename}?}\n{stream.size::>0["💾 {stream.size::sbytes} "||""]}{?👤 {stream.seeders} ?}{?⚙️ {stream.indexer}?}\n{?{stream.languageEmojis::join(\' \')}?}',
    },
  },
};

describe('end to end: install, then streams for a movie and an episode', () => {
  let srv: TestServer;
  let tio: FakeAddon;
  let p2p: FakeAddon;
  let mfu: FakeAddon;
  let base: string;
  let uuid: string;
  let token: string;
  let config: Record<string, unknown>;

  beforeAll(async () => {
    // Upstream answers are not cached here, so upstream request counts show the per-user result cache.
    srv = await startTestServer({ env: { UPSTREAM_STREAM_CACHE_TTL: '0' } });
    tio = await startSdkAddon({
      id: 'org.test.torrentio.rd', name: 'Torrentio', idPrefixes: ['tt'],
      handlers: {
        stream: ({ id }) => {
          if (id === MOVIE) return { streams: [A1, A4, A2, A5, A3, A6, A7] };
          if (id === EPISODE) return { streams: [episode(2).huge, episode(2).uncached4k, episode(2).cached] };
          if (id === NEXT_EPISODE) return { streams: [episode(3).uncached4k, episode(3).cached] };
          return { streams: [] };
        },
      },
    });
    p2p = await startSdkAddon({
      id: 'org.test.torrentio.p2p', name: 'Torrentio P2P', idPrefixes: ['tt'],
      handlers: {
        stream: ({ id }) => {
          if (id === MOVIE) return { streams: [B1, B2, B3] };
          if (id === EPISODE) return { streams: [episode(2).p2pCopy, episode(2).p2pPack] };
          return { streams: [] };
        },
      },
    });
    mfu = await startSdkAddon({
      id: 'org.test.mediafusion', name: 'MediaFusion', idPrefixes: ['tt'],
      handlers: {
        stream: ({ id }) => {
          if (id === MOVIE) return { streams: [C1, C2] };
          if (id === EPISODE) return { streams: [episode(2).mfPack] };
          return { streams: [] };
        },
      },
    });
    config = {
      addonName: 'Home Streams',
      presets: [
        // The Torrentio kind reads the torrent name above the file as the folder (a custom addon does not).
        preset('torrentio', 'tio', { name: 'Torrentio', url: tio.manifestUrl }),
        preset('torrentio', 'p2p', { name: 'Torrentio P2P', url: p2p.manifestUrl }),
        custom('mfu', 'MediaFusion', mfu.manifestUrl),
      ],
      services: [{ id: 'realdebrid', enabled: true, credentials: { apiKey: 'RD_KEY' } }],
      excludedQualities: ['CAM', 'TS', 'TC', 'SCR'],
      requiredResolutions: ['2160p', '1080p', '720p'],
      preferredResolutions: ['2160p', '1080p', '720p'],
      size: { global: { movies: [1_000_000_000, 70_000_000_000], series: [100_000_000, 20_000_000_000] } },
      deduplicator: { enabled: true, keys: ['infoHash'], multiGroupBehaviour: 'aggressive', cached: 'single_result', uncached: 'per_service', p2p: 'single_result' },
      sortCriteria: {
        global: [
          { key: 'cached', direction: 'desc' },
          { key: 'resolution', direction: 'desc' },
          { key: 'size', direction: 'desc' },
        ],
      },
      resultLimits: { resolution: 2 },
      formatter: CUSTOM_FORMATTER,
    };
    ({ uuid, token } = await createUser(srv.url, 'e2e secret', config));
    base = addonBase(srv.url, uuid, token);
  });

  afterAll(async () => {
    await srv?.close();
    await Promise.all([tio?.close(), p2p?.close(), mfu?.close()]);
  });

  it('installs from the manifest URL the User API yields', async () => {
    const res = await get(`${base}/manifest.json`);
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('Home Streams');
    expect(res.body.resources).toEqual([{ name: 'stream', types: ['movie', 'series'], idPrefixes: ['tt'] }]);
    expect(res.body.behaviorHints.configurable).toBe(true);
  });

  it('movie: filtered, de-duplicated, sorted, limited and formatted exactly', async () => {
    const res = await get(`${base}/stream/movie/${MOVIE}.json`);
    expect(res.status).toBe(200);
    const { streams } = res.body as { streams: Record<string, any>[] };
    // Order: cached (and service-less) first, then resolution by preferredResolutions, then size.
    // A4 (CAM), A5 (480p), A6 (850 MB), A7 (78.3 GB) are filtered out; B1 loses to its cached copy
    // A1, C1 to its P2P twin B3; B2 is the third 1080p (resultLimits.resolution = 2).
    expect(streams.map((s) => s.behaviorHints.filename)).toEqual([
      'Dune.Part.Two.2024.2160p.BluRay.REMUX.DV.HDR.HEVC.TrueHD.Atmos.7.1-FGT.mkv',
      'Dune.Part.Two.2024.1080p.BluRay.x264.DTS-HD.MA.7.1-SPARKS.mkv',
      'Dune.Part.Two.2024.1080p.AMZN.WEB-DL.DDP5.1.H.264-NTb.mkv',
      'Dune.Part.Two.2024.720p.BluRay.x264-GalaxyRG.mkv',
      'Dune.Part.Two.2024.2160p.WEB-DL.DDP5.1.Atmos.DV.HDR.H.265-FLUX.mkv',
    ]);
    expect(streams).toEqual([
      {
        name: '[RD⚡] 2160p',
        description: 'Dune.Part.Two.2024.2160p.BluRay.REMUX.DV.HDR.HEVC.TrueHD.Atmos.7.1-FGT.mkv\n💾 65.5 GB 👤 152 ⚙️ ThePirateBay\n🇬🇧 🇫🇷',
        url: A1.url,
        behaviorHints: {
          filename: 'Dune.Part.Two.2024.2160p.BluRay.REMUX.DV.HDR.HEVC.TrueHD.Atmos.7.1-FGT.mkv',
          bingeGroup: 'aiostreams|tio|realdebrid+|2160p|BluRay REMUX|HEVC|HDR,DV|FGT',
        },
      },
      {
        name: '[RD⚡] 1080p',
        description: 'Dune.Part.Two.2024.1080p.BluRay.x264.DTS-HD.MA.7.1-SPARKS.mkv\n💾 15.2 GB 👤 310 ⚙️ 1337x\n🇬🇧',
        url: A2.url,
        behaviorHints: {
          filename: 'Dune.Part.Two.2024.1080p.BluRay.x264.DTS-HD.MA.7.1-SPARKS.mkv',
          bingeGroup: 'aiostreams|tio|realdebrid+|1080p|BluRay|AVC|SDR|SPARKS',
        },
      },
      {
        // An http stream: no service, no seeders, size from behaviorHints.videoSize (decimal GB).
        name: '1080p',
        description: 'Dune.Part.Two.2024.1080p.AMZN.WEB-DL.DDP5.1.H.264-NTb.mkv\n💾 9.5 GB ',
        url: 'https://cdn.example.test/v/dune-part-two-1080p.mkv',
        behaviorHints: {
          notWebReady: true,
          filename: 'Dune.Part.Two.2024.1080p.AMZN.WEB-DL.DDP5.1.H.264-NTb.mkv',
          videoSize: 9_500_000_000,
          bingeGroup: 'aiostreams|mfu|http|1080p|WEB-DL|AVC|SDR|NTb',
        },
      },
      {
        // P2P: infoHash, fileIdx and sources pass through untouched.
        name: '720p',
        description: 'Dune.Part.Two.2024.720p.BluRay.x264-GalaxyRG.mkv\n💾 2.04 GB 👤 890 ⚙️ ThePirateBay\n🇬🇧',
        infoHash: hashOf('dune-720-bluray'),
        fileIdx: 0,
        sources: B3.sources,
        behaviorHints: {
          filename: 'Dune.Part.Two.2024.720p.BluRay.x264-GalaxyRG.mkv',
          bingeGroup: 'aiostreams|p2p|p2p|720p|BluRay|AVC|SDR|GalaxyRG',
        },
      },
      {
        name: '[RD⏳] 2160p',
        description: 'Dune.Part.Two.2024.2160p.WEB-DL.DDP5.1.Atmos.DV.HDR.H.265-FLUX.mkv\n💾 19.8 GB 👤 95 ⚙️ TorrentGalaxy\n🇬🇧',
        url: A3.url,
        behaviorHints: {
          filename: 'Dune.Part.Two.2024.2160p.WEB-DL.DDP5.1.Atmos.DV.HDR.H.265-FLUX.mkv',
          bingeGroup: 'aiostreams|tio|realdebrid-|2160p|WEB-DL|HEVC|HDR,DV|FLUX',
        },
      },
    ]);
    // Stremio may cache the answer, and the body says so too.
    expect(res.body.cacheMaxAge).toBe(60);
    expect(res.body.staleRevalidate).toBe(240);
    expect(res.headers.get('cache-control')).toBe('max-age=60, stale-while-revalidate=240');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('series episode: season-pack files by infoHash + fileIdx, same hash with another fileIdx kept', async () => {
    const res = await get(`${base}/stream/series/${encodeURIComponent(EPISODE)}.json`);
    expect(res.status).toBe(200);
    const e = episode(2);
    // 22.5 GB is over the series window; the P2P copy of the cached pack file is dropped; the two
    // files of the 720p pack (fileIdx 2 and 9) are different files and both stay.
    expect(res.body.streams).toEqual([
      {
        name: '[RD⚡] 1080p',
        description: 'The.Bear.S01E02.1080p.WEB-DL.DDP5.1.H.264-NTb.mkv\n💾 1.29 GB 👤 210 ⚙️ EZTV\n🇬🇧',
        url: e.cached.url,
        behaviorHints: {
          filename: 'The.Bear.S01E02.1080p.WEB-DL.DDP5.1.H.264-NTb.mkv',
          bingeGroup: 'aiostreams|tio|realdebrid+|1080p|WEB-DL|AVC|SDR|NTb',
        },
      },
      {
        name: '720p',
        description: 'The.Bear.S01E02.720p.HULU.WEBRip.x264-GalaxyTV.mkv\n💾 644 MB 👤 75 ⚙️ EZTV',
        infoHash: hashOf('bear-complete-720'),
        fileIdx: 9,
        behaviorHints: {
          filename: 'The.Bear.S01E02.720p.HULU.WEBRip.x264-GalaxyTV.mkv',
          folderName: PACK_720,
          bingeGroup: 'aiostreams|mfu|p2p|720p|WEBRip|AVC|SDR|GalaxyTV',
        },
      },
      {
        name: '720p',
        description: 'The.Bear.S01E02.720p.HULU.WEBRip.x264-GalaxyTV.mkv\n💾 619 MB 👤 75 ⚙️ EZTV',
        infoHash: hashOf('bear-complete-720'),
        fileIdx: 2,
        sources: e.p2pPack.sources,
        behaviorHints: {
          filename: 'The.Bear.S01E02.720p.HULU.WEBRip.x264-GalaxyTV.mkv',
          bingeGroup: 'aiostreams|p2p|p2p|720p|WEBRip|AVC|SDR|GalaxyTV',
        },
      },
      {
        name: '[RD⏳] 2160p',
        description: 'The.Bear.S01E02.2160p.DSNP.WEB-DL.DDP5.1.DV.HDR.H.265-FLUX.mkv\n💾 4.4 GB 👤 33 ⚙️ TorrentGalaxy\n🇬🇧',
        url: e.uncached4k.url,
        behaviorHints: {
          filename: 'The.Bear.S01E02.2160p.DSNP.WEB-DL.DDP5.1.DV.HDR.H.265-FLUX.mkv',
          bingeGroup: 'aiostreams|tio|realdebrid-|2160p|WEB-DL|HEVC|HDR,DV|FLUX',
        },
      },
    ]);
  });

  it('the next episode from the same kind of release gets the same bingeGroup', async () => {
    const [e2, e3] = await Promise.all([
      get(`${base}/stream/series/${encodeURIComponent(EPISODE)}.json`),
      get(`${base}/stream/series/${encodeURIComponent(NEXT_EPISODE)}.json`),
    ]);
    const group = (body: any, filename: string) =>
      body.streams.find((s: any) => s.behaviorHints.filename === filename)?.behaviorHints.bingeGroup as string;
    const packE2 = group(e2.body, 'The.Bear.S01E02.1080p.WEB-DL.DDP5.1.H.264-NTb.mkv');
    const packE3 = group(e3.body, 'The.Bear.S01E03.1080p.WEB-DL.DDP5.1.H.264-NTb.mkv');
    const uhdE3 = group(e3.body, 'The.Bear.S01E03.2160p.DSNP.WEB-DL.DDP5.1.DV.HDR.H.265-FLUX.mkv');
    expect(packE2).toBeTruthy();
    expect(packE3).toBe(packE2);
    expect(uhdE3).toBe(group(e2.body, 'The.Bear.S01E02.2160p.DSNP.WEB-DL.DDP5.1.DV.HDR.H.265-FLUX.mkv'));
    expect(uhdE3).not.toBe(packE3);
    // E03's file from the same pack keeps its own file index.
    expect(e3.body.streams.find((s: any) => s.behaviorHints.bingeGroup === packE3).url).toContain('/null/2/');
  });

  it('a repeated request is answered from the per-user result cache', async () => {
    // So far: the movie once, episode 2 twice (the second from the cache), episode 3 once.
    const hits = () => [tio, p2p, mfu].map((a) => streamHits(a.requests));
    expect(hits()).toEqual([3, 3, 3]);
    const first = await get(`${base}/stream/movie/${MOVIE}.json`);
    const again = await get(`${base}/stream/movie/${MOVIE}.json`);
    expect(hits()).toEqual([3, 3, 3]);
    expect(again.body).toEqual(first.body);
    expect(again.body.streams).toHaveLength(5);
  });

  it('a saved edit (new config version) applies on the very next request', async () => {
    await putConfig(srv.url, uuid, token, {
      ...config,
      formatter: { id: 'torrentio' },
      excludeUncached: true,
      resultLimits: { global: 3 },
    });
    const movie = await get(`${base}/stream/movie/${MOVIE}.json`);
    const series = await get(`${base}/stream/series/${encodeURIComponent(EPISODE)}.json`);
    // The new version misses the result cache: every addon is asked again.
    expect([tio, p2p, mfu].map((a) => streamHits(a.requests))).toEqual([5, 5, 5]);
    // Uncached A3 is gone (excludeUncached); global 3 keeps the top three; Torrentio's look.
    expect(movie.body.streams.map((s: any) => [s.name, s.description])).toEqual([
      [
        '[RD+] Torrentio 2160p\nHDR | DV',
        'Dune.Part.Two.2024.2160p.BluRay.REMUX.DV.HDR.HEVC.TrueHD.Atmos.7.1-FGT.mkv\n💾61 GiB 👤152 ⚙️ThePirateBay\n🇬🇧 / 🇫🇷',
      ],
      ['[RD+] Torrentio 1080p', 'Dune.Part.Two.2024.1080p.BluRay.x264.DTS-HD.MA.7.1-SPARKS.mkv\n💾14.2 GiB 👤310 ⚙️1337x\n🇬🇧'],
      ['MediaFusion 1080p', 'Dune.Part.Two.2024.1080p.AMZN.WEB-DL.DDP5.1.H.264-NTb.mkv\n💾8.85 GiB '],
    ]);
    expect(movie.body.streams[0].url).toBe(A1.url);
    // Season packs show the torrent name above the file (folder line).
    expect(series.body.streams.map((s: any) => [s.name, s.description])).toEqual([
      [
        '[RD+] Torrentio 1080p',
        `${PACK_1080}\nThe.Bear.S01E02.1080p.WEB-DL.DDP5.1.H.264-NTb.mkv\n💾1.2 GiB 👤210 ⚙️EZTV\n🇬🇧`,
      ],
      ['[P2P] MediaFusion 720p', `${PACK_720}\nThe.Bear.S01E02.720p.HULU.WEBRip.x264-GalaxyTV.mkv\n💾614.4 MiB 👤75 ⚙️EZTV`],
      ['[P2P] Torrentio P2P 720p', `${PACK_720}\nThe.Bear.S01E02.720p.HULU.WEBRip.x264-GalaxyTV.mkv\n💾590 MiB 👤75 ⚙️EZTV`],
    ]);
  });
});

describe('CORS on every /stremio route', () => {
  let srv: TestServer;
  let up: FakeAddon;
  let base: string;
  beforeAll(async () => {
    srv = await startTestServer();
    up = await startSdkAddon({
      id: 'org.test.cors', name: 'Everything', idPrefixes: ['tt'],
      catalogs: [{ type: 'movie', id: 'top', name: 'Top' }],
      handlers: {
        stream: () => ({ streams: [A1] }),
        catalog: () => ({ metas: [{ id: MOVIE, type: 'movie', name: 'Dune: Part Two' }] }),
        meta: ({ id }) => ({ meta: { id, type: 'movie', name: 'Dune: Part Two' } }),
        subtitles: () => ({ subtitles: [{ id: 's1', url: 'https://subs.example.test/1.srt', lang: 'eng' }] }),
      },
    });
    const { uuid, token } = await createUser(srv.url, 'cors secret', {
      presets: [custom('all', 'Everything', up.manifestUrl)],
      formatter: { id: 'prism' },
      sortCriteria: { global: [] },
    });
    base = addonBase(srv.url, uuid, token);
  });
  afterAll(async () => {
    await srv?.close();
    await up?.close();
  });

  it('sends access-control-allow-origin: * on answers, errors and preflights', async () => {
    const uuid = base.split('/').at(-2)!;
    const paths = [
      '/stremio/manifest.json',
      `${base.slice(srv.url.length)}/manifest.json`,
      `${base.slice(srv.url.length)}/stream/movie/${MOVIE}.json`,
      `${base.slice(srv.url.length)}/catalog/movie/alle3b0.top.json`,
      `${base.slice(srv.url.length)}/catalog/movie/alle3b0.top/skip=100.json`,
      `${base.slice(srv.url.length)}/meta/movie/${MOVIE}.json`,
      `${base.slice(srv.url.length)}/subtitles/movie/${MOVIE}.json`,
      // Errors: a stale token (200 + error item, 4xx on the manifest) and a malformed path.
      `/stremio/${uuid}/not-the-token/stream/movie/${MOVIE}.json`,
      `/stremio/${uuid}/not-the-token/manifest.json`,
      `${base.slice(srv.url.length)}/stream/movie.json`,
    ];
    for (const path of paths) {
      const res = await get(srv.url + path);
      expect({ path, status: res.status < 500, cors: res.headers.get('access-control-allow-origin') }).toEqual({ path, status: true, cors: '*' });
    }
    const preflight = await fetch(`${base}/stream/movie/${MOVIE}.json`, {
      method: 'OPTIONS',
      headers: { origin: 'https://web.stremio.com', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('GET');
  });
});

describe('which upstreams a stream request asks', () => {
  let srv: TestServer;
  let movies: FakeAddon;
  let catalogOnly: FakeAddon;
  let seriesOnly: FakeAddon;
  let shared: FakeAddon;
  beforeAll(async () => {
    srv = await startTestServer();
    const stream = (label: string) => () => ({ streams: [httpStream({ addonName: label, label: '1080p', filename: `Dune.Part.Two.2024.1080p.WEB-DL.x264-${label}.mkv`, url: `https://cdn.example.test/${label}.mkv`, videoSize: 5e9 })] });
    movies = await startSdkAddon({ id: 'org.test.movies', name: 'Movies', idPrefixes: ['tt'], handlers: { stream: stream('MOV') } });
    catalogOnly = await startSdkAddon({
      id: 'org.test.catalogonly', name: 'Catalog Only', idPrefixes: ['tt'],
      catalogs: [{ type: 'movie', id: 'top', name: 'Top' }],
      handlers: { stream: stream('CAT'), catalog: () => ({ metas: [] }) },
    });
    seriesOnly = await startSdkAddon({ id: 'org.test.seriesonly', name: 'Series Only', idPrefixes: ['tt'], handlers: { stream: stream('SER') } });
    shared = await startSdkAddon({ id: 'org.test.shared', name: 'Shared', idPrefixes: ['tt'], handlers: { stream: stream('SHR') } });
  });
  afterAll(async () => {
    await srv?.close();
    await Promise.all([movies, catalogOnly, seriesOnly, shared].map((a) => a?.close()));
  });

  it('honours each preset’s resources and mediaTypes, and the manifests’ idPrefixes', async () => {
    const { uuid, token } = await createUser(srv.url, 'routing secret', {
      presets: [
        custom('mov', 'Movies', movies.manifestUrl),
        custom('cat', 'Catalog Only', catalogOnly.manifestUrl, { resources: ['catalog'] }),
        custom('ser', 'Series Only', seriesOnly.manifestUrl, { mediaTypes: ['series'] }),
      ],
      formatter: { id: 'torrentio' },
      sortCriteria: { global: [] },
    });
    const base = addonBase(srv.url, uuid, token);
    const movie = await get(`${base}/stream/movie/${MOVIE}.json`);
    expect(movie.body.streams.map((s: { url: string }) => s.url)).toEqual(['https://cdn.example.test/MOV.mkv']);
    const episodeRes = await get(`${base}/stream/series/${encodeURIComponent(EPISODE)}.json`);
    expect(episodeRes.body.streams.map((s: { url: string }) => s.url)).toEqual(['https://cdn.example.test/MOV.mkv', 'https://cdn.example.test/SER.mkv']);
    // Nobody declares kitsu: ids: nobody is asked, and the answer is an empty list.
    const anime = await get(`${base}/stream/series/${encodeURIComponent('kitsu:1376:2')}.json`);
    expect(anime.body.streams).toEqual([]);
    expect(streamHits(catalogOnly.requests)).toBe(0);
    expect(streamHits(seriesOnly.requests)).toBe(1);
    expect(streamHits(movies.requests)).toBe(2);
  });

  it('shares an upstream answer between users for a short while (per manifest URL, type, id)', async () => {
    const config = { presets: [custom('shr', 'Shared', shared.manifestUrl)], formatter: { id: 'torrentio' }, sortCriteria: { global: [] } };
    const a = await createUser(srv.url, 'first sharer', config);
    const b = await createUser(srv.url, 'second sharer', { ...config, formatter: { id: 'prism' } });
    const resA = await get(`${addonBase(srv.url, a.uuid, a.token)}/stream/movie/${MOVIE}.json`);
    const resB = await get(`${addonBase(srv.url, b.uuid, b.token)}/stream/movie/${MOVIE}.json`);
    expect(resA.body.streams[0].url).toBe('https://cdn.example.test/SHR.mkv');
    expect(resB.body.streams[0].url).toBe('https://cdn.example.test/SHR.mkv');
    // Each user gets their own look…
    expect(resA.body.streams[0].name).not.toBe(resB.body.streams[0].name);
    // …from one upstream call.
    expect(streamHits(shared.requests)).toBe(1);
  });
});
