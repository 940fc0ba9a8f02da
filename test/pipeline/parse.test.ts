import { describe, expect, it } from 'vitest';
import { normaliseFilename, parseStream } from '../../src/addon/pipeline/parse.js';
import { emptyStreamFields, type AddonRef, type ParsedStream } from '../../src/addon/pipeline/types.js';

const addon = (over: Partial<AddonRef> = {}): AddonRef => ({
  presetInstanceId: 'tio',
  presetType: 'custom',
  addonId: 'tioe3b0',
  addonName: 'Torrentio',
  label: 'Torrentio',
  addonIndex: 1,
  manifestUrl: 'https://torrentio.strem.fun/realdebrid%3DKEY/manifest.json',
  libraryAddon: false,
  formatPassthrough: false,
  resultPassthrough: false,
  parseHints: { torrentioText: true },
  ...over,
});
const plain = addon({
  presetInstanceId: 'cst',
  addonId: 'cste3b0',
  addonName: 'Custom',
  label: 'Custom',
  parseHints: {},
  manifestUrl: 'https://addon.example.org/manifest.json',
});

/**
 * Parse an item that must yield a stream; returns it without the passthrough fields and the
 * filename's comparison key (checked here once for all: it is the filename, normalised).
 */
function parse(raw: Record<string, unknown>, ref: AddonRef = plain): Omit<ParsedStream, 'original' | 'addon' | 'filenameKey'> {
  const result = parseStream(raw, ref);
  if (result === null || 'error' in result) throw new Error(`not a stream: ${JSON.stringify(result)}`);
  expect(result.original).toBe(raw);
  expect(result.addon).toBe(ref);
  expect(result.filenameKey).toBe(result.filename === undefined ? undefined : normaliseFilename(result.filename));
  const { original: _original, addon: _addon, filenameKey: _key, ...rest } = result;
  return rest;
}

/** Every list and flag at its empty value, for exact whole-object assertions. */
const EMPTY = emptyStreamFields();

const HASH = '0123456789abcdef0123456789abcdef01234567';

describe('parseStream: Torrentio-style items', () => {
  it('parses a cached Real-Debrid movie', () => {
    const raw = {
      name: '[RD+] Torrentio\n4k DV | HDR',
      title:
        'Dune.Part.Two.2024.2160p.BluRay.REMUX.DV.HDR.HEVC.TrueHD.Atmos.7.1-FGT\n👤 152 💾 61 GB ⚙️ ThePirateBay\n🇬🇧 / 🇫🇷',
      url: `https://torrentio.strem.fun/resolve/realdebrid/KEY/${HASH}/null/0/Dune.Part.Two.mkv`,
      behaviorHints: {
        bingeGroup: 'torrentio|4k|BluRay REMUX|DV|HDR',
        filename: 'Dune.Part.Two.2024.2160p.BluRay.REMUX.DV.HDR.HEVC.TrueHD.Atmos.7.1-FGT.mkv',
      },
    };
    expect(parse(raw, addon())).toEqual({
      ...EMPTY,
      type: 'debrid',
      service: { id: 'realdebrid', cached: true },
      url: raw.url,
      filename: 'Dune.Part.Two.2024.2160p.BluRay.REMUX.DV.HDR.HEVC.TrueHD.Atmos.7.1-FGT.mkv',
      // The first text line is the torrent name; equal to the filename once normalised → dropped.
      infoHash: HASH,
      fileIdx: 0,
      size: 65498251264,
      seeders: 152,
      indexer: 'ThePirateBay',
      title: 'Dune Part Two',
      year: '2024',
      resolution: '2160p',
      quality: 'BluRay REMUX',
      encode: 'HEVC',
      releaseGroup: 'FGT',
      container: 'mkv',
      extension: 'mkv',
      visualTags: ['HDR', 'DV'],
      audioTags: ['Atmos', 'TrueHD'],
      audioChannels: ['7.1'],
      languages: ['English', 'French'],
    });
  });

  it('parses a P2P season pack: folder line, file line, fileIdx and Multi Subs flags', () => {
    const raw = {
      name: 'Torrentio\n1080p',
      title: [
        'The.Bear.S02.1080p.DSNP.WEB-DL.DDP5.1.H.264-NTb',
        'The.Bear.S02E03.Sundays.1080p.DSNP.WEB-DL.DDP5.1.H.264-NTb.mkv',
        '👤 25 💾 1.9 GB ⚙️ EZTV',
        '🇮🇹 / 🇬🇧',
        'Multi Subs / 🇪🇸 / 🇫🇷',
      ].join('\n'),
      infoHash: 'ABCDEF0123456789ABCDEF0123456789ABCDEF01',
      fileIdx: 3,
      behaviorHints: {
        bingeGroup: 'torrentio|1080p',
        filename: 'The.Bear.S02E03.Sundays.1080p.DSNP.WEB-DL.DDP5.1.H.264-NTb.mkv',
      },
    };
    expect(parse(raw, addon({ manifestUrl: 'https://torrentio.strem.fun/manifest.json' }))).toEqual({
      ...EMPTY,
      type: 'p2p',
      filename: 'The.Bear.S02E03.Sundays.1080p.DSNP.WEB-DL.DDP5.1.H.264-NTb.mkv',
      folderName: 'The.Bear.S02.1080p.DSNP.WEB-DL.DDP5.1.H.264-NTb',
      infoHash: 'abcdef0123456789abcdef0123456789abcdef01',
      fileIdx: 3,
      size: 2040109466,
      seeders: 25,
      indexer: 'EZTV',
      title: 'The Bear',
      resolution: '1080p',
      quality: 'WEB-DL',
      encode: 'AVC',
      releaseGroup: 'NTb',
      network: 'Disney+',
      container: 'mkv',
      extension: 'mkv',
      episodeTitle: 'Sundays',
      audioTags: ['DD+'],
      audioChannels: ['5.1'],
      languages: ['Italian', 'English'],
      subtitles: ['Spanish', 'French'],
      seasons: [2],
      episodes: [3],
      folderSeasons: [2],
      seasonPack: true,
    });
  });

  it('parses an uncached item; without behaviorHints.filename the pack line is the filename', () => {
    const s = parse({
      name: '[RD download] Torrentio\n1080p',
      title: 'Show.S01.1080p.WEB-DL-GRP\nShow.S01E02.1080p.WEB-DL-GRP.mkv\n👤 3 💾 12 GB',
      url: 'https://debrid.example/dl/x.mkv',
    }, addon());
    expect(s.service).toEqual({ id: 'realdebrid', cached: false });
    expect(s.type).toBe('debrid');
    // Both lines name a season, so the first is the filename (§4.1.2); the folder equals it.
    expect(s.filename).toBe('Show.S01.1080p.WEB-DL-GRP');
    expect(s.folderName).toBeUndefined();
    expect(s.size).toBe(12884901888);
  });

  it('takes behaviorHints.folderName for any addon and keeps a distinct folder size', () => {
    const s = parse({
      name: 'Custom 1080p',
      description: 'Show.S01E02.1080p.WEB-DL.mkv',
      url: 'https://cdn.example/x.mkv',
      behaviorHints: { folderName: 'Show.S01.1080p.WEB-DL', folderSize: 12884901888, videoSize: 1288490189 },
    });
    expect(s.folderName).toBe('Show.S01.1080p.WEB-DL');
    expect(s.filename).toBe('Show.S01E02.1080p.WEB-DL.mkv');
    expect(s.size).toBe(1288490189);
    expect(s.folderSize).toBe(12884901888);
  });

  it('drops a folder equal to the filename once both are normalised', () => {
    const s = parse({
      name: 'Custom',
      url: 'https://cdn.example/x.mkv',
      behaviorHints: { folderName: 'Movie 2020 [1080p] GRP', filename: 'Movie.2020.1080p-GRP.mkv' },
    });
    expect(s.folderName).toBeUndefined();
  });

  it('does not treat the first text line of a non-Torrentio addon as a folder', () => {
    const s = parse({
      name: 'Custom\n1080p',
      description: 'Show.S01.1080p.WEB-DL\nShow.S01E02.1080p.WEB-DL.mkv',
      url: 'https://cdn.example/x.mkv',
    });
    expect(s.folderName).toBeUndefined();
    expect(s.folderSeasons).toEqual([]);
  });

  it('reads fileIdx from a Torrentio resolve URL when the object has none', () => {
    const s = parse({
      name: '[RD+] Torrentio\n1080p',
      title: 'Show.S01E02.1080p.WEB-DL.x264-GRP',
      url: `https://torrentio.strem.fun/resolve/realdebrid/KEY/${HASH}/null/7/Show.S01E02.mkv`,
    }, addon());
    expect(s.fileIdx).toBe(7);
    expect(s.infoHash).toBe(HASH);
  });

  it.each([
    [`https://x.example/resolve/realdebrid/KEY/${HASH}/null/12`, 12],
    [`https://x.example/resolve/realdebrid/KEY/${HASH.toUpperCase()}/name/3/more/segments?q=1`, 3],
    [`https://x.example/resolve//KEY/${HASH}//0/`, 0],
    [`https://x.example/a/../resolve/rd/KEY/${HASH}/null/5/f.mkv`, 5],
    [`https://x.example/resolve/rd/KEY/${HASH}/null`, undefined],
    [`https://x.example/resolve/rd/KEY/${HASH}/null/x7/f.mkv`, undefined],
    [`https://x.example/resolve/rd/KEY/${HASH}a/null/7/f.mkv`, undefined],
    [`https://x.example/play/resolve/rd/KEY/${HASH}/null/7/f.mkv`, undefined],
  ])('fileIdx of the resolve URL %s is %s', (url, fileIdx) => {
    expect(parse({ name: '[RD+] Torrentio\n1080p', title: 'Show.S01E02.1080p.WEB-DL.x264-GRP', url }, addon()).fileIdx).toBe(fileIdx);
  });
});

describe('parseStream: other upstream shapes', () => {
  it('parses a Comet item: label line with emoji, 💾 15.2 GB, 🔎 indexer', () => {
    expect(
      parse({
        name: '[TB⚡] Comet 4K',
        description:
          '📄 Oppenheimer.2023.2160p.WEB-DL.DDP5.1.Atmos.DV.HDR.H.265-FLUX.mkv\n💾 15.2 GB 🔎 Zilean',
        url: 'https://comet.example/playback/abc',
        behaviorHints: { bingeGroup: 'comet|x' },
      }),
    ).toEqual({
      ...EMPTY,
      type: 'debrid',
      service: { id: 'torbox', cached: true },
      url: 'https://comet.example/playback/abc',
      filename: 'Oppenheimer.2023.2160p.WEB-DL.DDP5.1.Atmos.DV.HDR.H.265-FLUX.mkv',
      size: 16320875725,
      indexer: 'Zilean',
      title: 'Oppenheimer',
      year: '2023',
      resolution: '2160p',
      quality: 'WEB-DL',
      encode: 'HEVC',
      releaseGroup: 'FLUX',
      container: 'mkv',
      extension: 'mkv',
      visualTags: ['HDR', 'DV'],
      audioTags: ['Atmos', 'DD+'],
      audioChannels: ['5.1'],
    });
  });

  it('parses a plain HTTP stream with behaviorHints.filename and videoSize', () => {
    expect(
      parse({
        name: 'WebStreamr 720p',
        title: 'Some header line',
        url: 'https://cdn.example.net/v/Movie.2019.720p.WEBRip.x264.AAC2.0-GRP.mp4',
        behaviorHints: {
          filename: 'Movie.2019.720p.WEBRip.x264.AAC2.0-GRP.mp4',
          videoSize: 838860800,
          folderSize: 860000000, // within 5% of the size → dropped
          notWebReady: true,
        },
      }),
    ).toEqual({
      ...EMPTY,
      type: 'http',
      url: 'https://cdn.example.net/v/Movie.2019.720p.WEBRip.x264.AAC2.0-GRP.mp4',
      filename: 'Movie.2019.720p.WEBRip.x264.AAC2.0-GRP.mp4',
      size: 838860800,
      title: 'Movie',
      year: '2019',
      resolution: '720p',
      quality: 'WEBRip',
      encode: 'AVC',
      releaseGroup: 'GRP',
      extension: 'mp4',
      container: 'mp4',
      audioTags: ['AAC'],
      audioChannels: [], // glued to AAC: not a token of its own
    });
  });

  it('turns a magnet URL into an infoHash and drops the URL', () => {
    const s = parse({
      name: 'P2P Source',
      title: 'Movie.2020.1080p.BluRay.x264-GRP',
      url: `magnet:?xt=urn:btih:${HASH.toUpperCase()}&dn=Movie&tr=udp%3A%2F%2Ftracker`,
    });
    expect(s.type).toBe('p2p');
    expect(s.infoHash).toBe(HASH);
    expect(s.url).toBeUndefined();
  });

  it('marks Easynews streams as usenet and other services as debrid', () => {
    const en = parse({ name: '[EN] Easynews\n1080p', description: 'Movie 2020 1080p', url: 'https://en.example/x.mkv' });
    expect(en.type).toBe('usenet');
    expect(en.service).toEqual({ id: 'easynews', cached: false });
    const aio = parse({ name: '[AIO⚡] Usenet 1080p', description: 'Movie 2020 1080p', url: 'https://nzb.example/x.mkv' });
    expect(aio.type).toBe('debrid');
    expect(aio.service).toEqual({ id: 'aiostreams', cached: true });
  });

  it('derives each stream type in rule order (§4.4)', () => {
    const typeOf = (raw: Record<string, unknown>): string | undefined => {
      const r = parseStream(raw, plain);
      return r && !('error' in r) ? r.type : undefined;
    };
    // .m3u8 wins even over a service in the name.
    expect(typeOf({ name: '[RD+] Live', url: 'https://tv.example/live/index.m3u8' })).toBe('live');
    expect(typeOf({ name: 'Trailer', externalUrl: 'https://www.imdb.com/title/tt1' })).toBe('external');
    expect(typeOf({ name: 'Web', url: 'https://tv.example/live/index.m3u8?token=1' })).toBe('http');
    expect(typeOf({ name: 'x', infoHash: HASH })).toBe('p2p');
    expect(typeOf({ name: 'YouTube', ytId: 'dQw4w9WgXcQ' })).toBe('youtube');
    // (`NZB` in a name would be the aiostreams service, so this addon is named otherwise.)
    expect(typeOf({ name: 'Newznab', nzbUrl: 'https://indexer.example/get/1.nzb' })).toBe('stremio-usenet');
    expect(typeOf({ name: 'Archive', rarUrls: [{ url: 'https://x/a.rar', bytes: 1 }] })).toBe('archive');
    expect(typeOf({ name: 'Archive', zipUrls: [] })).toBeUndefined();
  });

  it('drops items that are not streams', () => {
    expect(parseStream(null, plain)).toBeNull();
    expect(parseStream('stream', plain)).toBeNull();
    expect(parseStream([{ url: 'https://x' }], plain)).toBeNull();
    expect(parseStream({ name: 'Info only', title: 'nothing to play' }, plain)).toBeNull();
    expect(parseStream({ name: 'x', url: '' }, plain)).toBeNull();
  });

  it('turns addon-level error texts into an error result', () => {
    expect(parseStream({ name: '[RD] Torrentio', title: 'Invalid RealDebrid API key' }, addon())).toEqual({
      error: 'Invalid RealDebrid API key',
    });
    expect(parseStream({ name: 'Comet', description: 'Invalid debrid account\nCheck settings', url: 'https://x' }, plain))
      .toEqual({ error: 'Invalid debrid account\nCheck settings' });
    expect(parseStream({ name: 'x', title: '  invalid token  ' }, plain)).toEqual({ error: 'invalid token' });
    expect(parseStream({ name: 'x', description: 'Public rate limit exceeded, add a key' }, plain)).toEqual({
      error: 'Public rate limit exceeded, add a key',
    });
    // Only the text counts, and "invalid" must come before the word.
    expect(parseStream({ name: 'Invalid token', url: 'https://x' }, plain)).not.toHaveProperty('error');
    expect(parseStream({ name: 'x', title: 'token invalid', url: 'https://x' }, plain)).not.toHaveProperty('error');
  });

  it('sets library from the addon', () => {
    const s = parse({ name: 'Library', url: 'https://x/a.mkv' }, addon({ libraryAddon: true }));
    expect(s.library).toBe(true);
  });
});

describe('parseStream: filename rules (§4.1.2)', () => {
  const filenameOf = (text: string): string | undefined =>
    parse({ name: 'x', description: text, url: 'https://x/y' }).filename;

  it('takes the first of five non-empty lines with a year, season or episode', () => {
    expect(filenameOf('Best match\n\n  Movie.2021.1080p.WEB-DL.x264-GRP  \n💾 2 GB')).toBe(
      'Movie.2021.1080p.WEB-DL.x264-GRP',
    );
    expect(filenameOf('Header\nAnime - 05 [1080p]')).toBe('Anime - 05 [1080p]');
  });

  it('falls back to the first line, looking no further than five non-empty lines', () => {
    expect(filenameOf('One\nTwo\nThree\nFour\nFive\nMovie.2021.1080p')).toBe('One');
  });

  it('strips leading emoji and one label prefix', () => {
    expect(filenameOf('🎬📁 Movie.2021.1080p.mkv')).toBe('Movie.2021.1080p.mkv');
    expect(filenameOf('📄 File: Movie.2021.1080p.mkv')).toBe('Movie.2021.1080p.mkv');
    expect(filenameOf('Name:Label: Movie.2021.1080p.mkv')).toBe('Label: Movie.2021.1080p.mkv');
    expect(filenameOf('The Movie: Part 2 2021')).toBe('The Movie: Part 2 2021');
  });

  it('prefers a non-empty behaviorHints.filename and falls back to title when description is empty', () => {
    const s = parse({
      name: 'x',
      description: '',
      title: 'From.Title.2020.mkv',
      url: 'https://x/y',
      behaviorHints: { filename: '' },
    });
    expect(s.filename).toBe('From.Title.2020.mkv');
    expect(parse({ name: 'x', url: 'https://x/y' }).filename).toBeUndefined();
  });
});

describe('parseStream: infoHash from URLs (§4.1.4)', () => {
  const hashOf = (url: string): string | undefined => parse({ name: 'x', url }).infoHash;

  it('accepts 40-hex runs between the delimiters', () => {
    expect(hashOf(`https://debrid.example/dl/${HASH}/file.mkv`)).toBe(HASH);
    expect(hashOf(`https://debrid.example/play?x=1&${HASH}`)).toBe(HASH);
    expect(hashOf(`https://x/urn:btih:${HASH.toUpperCase()}?dn=a`)).toBe(HASH);
    expect(hashOf(`https://x/[${HASH}]/a`)).toBe(HASH);
    expect(hashOf(`https://x/get/${encodeURIComponent(`(${HASH})`)}`)).toBe(HASH);
    expect(hashOf(`https://x/a-${HASH}-b`)).toBe(HASH);
  });

  it('rejects runs with other neighbours or the wrong length', () => {
    expect(hashOf(`https://x/?hash=${HASH}`)).toBeUndefined();
    expect(hashOf(`https://x/${HASH}0/a`)).toBeUndefined();
    expect(hashOf(`https://x/${HASH}.mkv`)).toBeUndefined();
    expect(hashOf(`https://x/${HASH.slice(1)}/a`)).toBeUndefined();
  });

  it('prefers the object infoHash', () => {
    const s = parse({ name: 'x', infoHash: 'f'.repeat(40), url: `https://x/${HASH}/a` });
    expect(s.infoHash).toBe('f'.repeat(40));
  });
});

describe('parseStream: size, seeders, indexer (§4.2)', () => {
  const sizeOf = (raw: Record<string, unknown>): number | undefined =>
    parse({ url: 'https://x/y', ...raw }).size;

  it('takes the first positive of videoSize, size, sizeBytes, sizebytes', () => {
    expect(sizeOf({ behaviorHints: { videoSize: 0 }, size: -5, sizeBytes: 'oops', sizebytes: 1234 })).toBe(1234);
    expect(sizeOf({ behaviorHints: { videoSize: 10 }, size: 20 })).toBe(10);
    expect(sizeOf({ size: '1.5GB' })).toBe(1610612736);
    expect(sizeOf({ sizeBytes: '2048' })).toBe(2048);
    expect(sizeOf({ sizeBytes: '1.2 gb', description: '💾 9 GB' })).toBe(1288490189);
  });

  it('reads a written size from the text after removing the file and folder names', () => {
    expect(sizeOf({ description: 'Movie.2020.2GB.Edition.mkv\n💾 700 MB' })).toBe(734003200);
    expect(sizeOf({ description: 'Movie.2020.mkv\nSize: 3.1 tb' })).toBe(3408486046106);
    // The Torrentio folder line is removed even when it is dropped as equal to the filename.
    const torrentio = parse({
      name: '[RD+] Torrentio\n1080p',
      title: 'Movie.2020.1.5GB.Cut.1080p\n👤 3 💾 800 MB',
      url: 'https://x/y',
      behaviorHints: { filename: 'Movie.2020.1.5GB.Cut.1080p.mkv' },
    }, addon());
    expect(torrentio.folderName).toBeUndefined();
    expect(torrentio.size).toBe(838860800);
    // A lone size line is taken as the filename (label stripped), and so removed before the search.
    expect(sizeOf({ description: 'Size: 3.1 tb' })).toBeUndefined();
    expect(sizeOf({ name: 'Addon 1080p 4.7 GB', description: 'Movie.2020.mkv' })).toBe(5046586573);
    expect(sizeOf({ name: 'x', description: 'Movie.2020.mkv 0 GB' })).toBeUndefined();
  });

  it('reads seeders and the indexer', () => {
    const s = parse({ name: 'x', description: 'Movie.2020.mkv\n👥 7 💾 1 GB 🌐 1337x 🇬🇧', url: 'https://x/y' });
    expect(s.seeders).toBe(7);
    expect(s.indexer).toBe('1337x');
    expect(s.languages).toEqual(['English']);
    expect(parse({ name: 'x', description: 'a\n👤0 🔗 Knaben', url: 'https://x/y' })).toMatchObject({
      seeders: 0,
      indexer: 'Knaben',
    });
    expect(parse({ name: 'x', description: 'a\n⚙️ ', url: 'https://x/y' }).indexer).toBeUndefined();
    expect(parse({ name: 'x', description: 'a\n☁️ Provider Name\nnext', url: 'https://x/y' }).indexer).toBe(
      'Provider Name',
    );
  });

  it('keeps a folder size that differs by more than 5%', () => {
    const s = parse({ name: 'x', url: 'https://x/y', behaviorHints: { videoSize: 1000, folderSize: '2KB' } });
    expect(s.folderSize).toBe(2048);
    const near = parse({ name: 'x', url: 'https://x/y', behaviorHints: { videoSize: 1000, folderSize: 1050 } });
    expect(near.folderSize).toBeUndefined();
  });
});

describe('parseStream: service and cached status (§4.3)', () => {
  const serviceOf = (name: string): ParsedStream['service'] =>
    parse({ name, url: 'https://x/y' }).service;

  it('follows the spec examples', () => {
    expect(serviceOf('[RD+] Torrentio\n4k')).toEqual({ id: 'realdebrid', cached: true });
    expect(serviceOf('[RD download] Torrentio\n1080p')).toEqual({ id: 'realdebrid', cached: false });
    expect(serviceOf('[TB⚡] Comet 4K')).toEqual({ id: 'torbox', cached: true });
    expect(serviceOf('[AD] Addon')).toEqual({ id: 'alldebrid', cached: false });
    expect(serviceOf('Torrentio\n1080p')).toBeUndefined();
  });

  it('needs a recognised name standing alone', () => {
    expect(serviceOf('BIRD 1080p')).toBeUndefined();
    expect(serviceOf('[RDX] x')).toBeUndefined();
    expect(serviceOf('x\nPM')).toEqual({ id: 'premiumize', cached: false });
    expect(serviceOf('Real-Debrid🌩 x')).toEqual({ id: 'realdebrid', cached: false });
    expect(serviceOf('MediaFusion | put.io ⚡')).toEqual({ id: 'putio', cached: true });
    expect(serviceOf('(TRB)')).toEqual({ id: 'torbox', cached: false });
    expect(serviceOf('stremio nntp 📫')).toEqual({ id: 'stremio_nntp', cached: true });
  });

  it('removes the first WEB-DL before matching', () => {
    expect(serviceOf('Addon 1080p WEB-DL')).toBeUndefined();
    expect(serviceOf('Addon webdl WEB-DL')).toEqual({ id: 'debridlink', cached: false });
  });

  it('lets the last matching service in table order win', () => {
    expect(serviceOf('[DL] [RD+]')).toEqual({ id: 'debridlink', cached: false });
    expect(serviceOf('Easynews Usenet')).toEqual({ id: 'easynews', cached: false });
  });

  it('decides cached status on the original name', () => {
    expect(serviceOf('[RD+ ⏳]')).toEqual({ id: 'realdebrid', cached: false });
    expect(serviceOf('[PM☁️] x ⚡')).toEqual({ id: 'premiumize', cached: false });
    expect(serviceOf('[OC] UNCACHED')).toEqual({ id: 'offcloud', cached: false });
    expect(serviceOf('[ED] 🚀')).toEqual({ id: 'easydebrid', cached: true });
    // Case-sensitive substrings: "Uncached" contains neither UNCACHED nor download but has "cached".
    expect(serviceOf('[TB] Uncached')).toEqual({ id: 'torbox', cached: true });
    expect(serviceOf('[TB] Download')).toEqual({ id: 'torbox', cached: false });
  });
});

describe('parseStream: release attributes from filename and folder (§4.5)', () => {
  it('takes scalars from the filename, falling back to the folder; lists are the union, folder first', () => {
    const s = parse({
      name: 'x',
      url: 'https://x/y',
      behaviorHints: {
        folderName: 'Show.S01.2160p.UHD.BluRay.REMUX.HDR10.DTS-HD.MA.5.1.GERMAN-GRP',
        filename: 'Show.S01E04.HDR.DV.Atmos.mkv',
      },
    });
    expect(s).toMatchObject({
      resolution: '2160p',
      quality: 'BluRay REMUX',
      releaseGroup: 'GRP',
      visualTags: ['HDR10', 'HDR', 'DV'],
      audioTags: ['DTS-HD MA', 'Atmos'],
      audioChannels: ['5.1'],
      languages: ['German'],
      seasons: [1],
      episodes: [4],
      folderSeasons: [1],
      folderEpisodes: [],
      seasonPack: true,
    });
  });

  it('adds languages from flags in the text and the name', () => {
    const s = parse({
      name: 'MediaFusion 🇯🇵',
      description: 'Movie.2020.1080p.FRENCH.WEB-DL.mkv\n🇫🇷 🇧🇷 🇺🇳',
      url: 'https://x/y',
    });
    expect(s.languages).toEqual(['French', 'Portuguese (Brazil)', 'Japanese']);
    expect(s.subtitles).toEqual([]);
  });

  it('reads Multi Subs flags as languages for non-Torrentio addons', () => {
    const s = parse({ name: 'x', description: 'Movie.2020.mkv\nMulti Subs / 🇪🇸', url: 'https://x/y' });
    expect(s.languages).toEqual(['Spanish']);
    expect(s.subtitles).toEqual([]);
  });
});

describe('normaliseFilename', () => {
  it('drops a trailing video extension and keeps letters, digits and +', () => {
    expect(normaliseFilename('Movie.Name.2020.DD+5.1-GRP.mkv')).toBe('moviename2020dd+51grp');
    expect(normaliseFilename('Movie Name 2020 [GRP].MP4')).toBe('moviename2020grp');
    expect(normaliseFilename('Movie.srt')).toBe('moviesrt');
  });
});
