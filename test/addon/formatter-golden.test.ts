/**
 * Golden outputs through the real stream route: every predefined formatter on one fixed Torrentio
 * stream (checked line by line against config.md §9), and custom templates taken from
 * formatter.md §13, whose stated outputs for F1 (and F4) are asserted verbatim. The fixed stream
 * parses to F1's values: same file, 61 GiB, 152 seeders, ThePirateBay, English + French, RD cached.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../helpers/api.js';
import { startSdkAddon, type FakeAddon } from '../helpers/fake-addons.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { hashOf, torrentioStream } from '../helpers/streams.js';
import { addonBase, custom, get, preset } from './support.js';

const MOVIE = 'tt15239678';
const FILE = 'Dune.Part.Two.2024.2160p.BluRay.REMUX.DV.HDR.HEVC.TrueHD.Atmos.7.1-FGT.mkv';
const TORRENT = 'Dune.Part.One.and.Two.2021-2024.2160p.BluRay.REMUX.DV.HDR.HEVC.TrueHD.Atmos.7.1-FGT';
const STREAM = torrentioStream({
  torrent: TORRENT, filename: FILE,
  size: '61 GB', seeders: 152, indexer: 'ThePirateBay', flags: '🇬🇧 / 🇫🇷', label: '4k',
  infoHash: hashOf('dune-collection'), fileIdx: 1, debrid: { short: 'RD', service: 'realdebrid', cached: true },
});
/** F4: a bare library link (http, library, nothing else known). */
const LIBRARY_LINK = { name: 'My Library', url: 'https://library.example.test/files/7f3a' };

/** formatter id → [name, description] for STREAM. */
const GOLDEN: Record<string, [string, string]> = {
  torrentio: [
    '[RD+] Torrentio 2160p\nHDR | DV',
    `${TORRENT}\n${FILE}\n💾61 GiB 👤152 ⚙️ThePirateBay\n🇬🇧 / 🇫🇷`,
  ],
  torbox: [
    'Torrentio (Instant RD) (2160p)',
    `Quality: BluRay REMUX\nName: ${FILE}\nSize: 65.5 GB | Source: ThePirateBay \nLanguages: English, French`,
  ],
  gdrive: [
    '[RD⚡] Torrentio 2160p',
    '🎥 BluRay REMUX 🎞️ HEVC 🏷️ FGT \n📺 HDR | DV 🎧 Atmos | TrueHD 🔊 7.1\n📦 65.5 GB 👥 152 🔍 ThePirateBay\n🌎 English | French\n' +
      `📁 ${TORRENT}/${FILE}`,
  ],
  lightgdrive: [
    '[RD⚡] Torrentio 2160p',
    '📁 Dune Part Two (2024)\n🎥 BluRay REMUX 🎞️ HEVC 🏷️ FGT\n📺 HDR • DV 🎧 Atmos • TrueHD 🔊 7.1\n📦 65.5 GB 🔍 ThePirateBay\n🌐 🇬🇧 / 🇫🇷',
  ],
  minimalisticgdrive: ['✨ 4K 🎫 \nBLURAY REMUX', '🔆 HDR • DV  🔊 Atmos • TrueHD\n📦 65.5 GB \n🌎 English • French'],
  prism: [
    '🔥4K UHD',
    '🎬 Dune Part Two (2024) \n🎥 BluRay REMUX 📺 HDR | DV 🎞️ HEVC \n🎧 Atmos | TrueHD 🔊 7.1 🗣️ 🇬🇧 / 🇫🇷\n📦 65.5 GB \n🏷️ FGT 📡 ThePirateBay \n⚡Ready (RD) 🔍Torrentio ',
  ],
  tamtaro: [
    '\u00a0\u00a0\u00a04K\u00a0\u200d\u200d\u00a0\u00a0\u00a0\u00a0\u200d\u200d\u200d⚡\u200d\u200d\n\u00a0\u00a0\u2329Remux\u232a\u200d\u00a0\u00a0\u00a0\u00a0\u00a0',
    '✎  Dune Part Two (2024) \n▣  HEVC  ✦  DV · HDR  \n♬  Atmos · TrueHD  ♯  7.1 \n◈ 65.5 GB\n⛉ [RD] Torrentio · FGT',
  ],
};

describe('formatter goldens through the stream route', () => {
  let srv: TestServer;
  let tio: FakeAddon;
  let lib: FakeAddon;

  /** Creates a user with this formatter and returns [name, description] of each stream served. */
  async function render(formatter: unknown, withLibrary = false): Promise<[string, string][]> {
    const { uuid, token } = await createUser(srv.url, 'golden secret', {
      presets: [
        // The Torrentio kind reads the torrent name above the file as the folder (a custom addon does not).
        preset('torrentio', 'tio', { name: 'Torrentio', url: tio.manifestUrl }),
        ...(withLibrary ? [custom('lib', 'My Library', lib.manifestUrl, { libraryAddon: true })] : []),
      ],
      formatter,
      sortCriteria: { global: [] },
    });
    const res = await get(`${addonBase(srv.url, uuid, token)}/stream/movie/${MOVIE}.json`);
    expect(res.status).toBe(200);
    const streams = res.body.streams as { name: string; description: string; url: string }[];
    // Whatever the look, the playable parts are untouched.
    expect(streams[0]!.url).toBe(STREAM.url);
    return streams.map((s) => [s.name, s.description]);
  }

  beforeAll(async () => {
    srv = await startTestServer();
    tio = await startSdkAddon({ id: 'org.test.torrentio', name: 'Torrentio', idPrefixes: ['tt'], handlers: { stream: () => ({ streams: [STREAM] }) } });
    lib = await startSdkAddon({ id: 'org.test.library', name: 'My Library', idPrefixes: ['tt'], handlers: { stream: () => ({ streams: [LIBRARY_LINK] }) } });
  });
  afterAll(async () => {
    await srv?.close();
    await Promise.all([tio?.close(), lib?.close()]);
  });

  it.each(Object.keys(GOLDEN))('predefined formatter %s', async (id) => {
    expect(await render({ id })).toEqual([GOLDEN[id]]);
  });

  it('formatter.md §13: the multi-line description and the two-line name plus details (F1, F4)', async () => {
    const name =
      '{stream.resolution::default(\'?\')} {service.cached["⚡"||"⏳"]}\n{?{stream.filename}?}\n' +
      '{stream.size::>0["💾 {stream.size::sbytes} "||""]}{?👤 {stream.seeders} ?}{?⚙️ {stream.indexer}?}';
    const description = '{?💾 {stream.size::sbytes}?}\n{?📅 {stream.age}?}\n{?⚙️ {stream.indexer}?}';
    expect(await render({ id: 'custom', definitions: { custom: { name, description } } }, true)).toEqual([
      [`2160p ⚡\n${FILE}\n💾 65.5 GB 👤 152 ⚙️ ThePirateBay`, '💾 65.5 GB\n⚙️ ThePirateBay'],
      ['? ', ''],
    ]);
  });

  it('formatter.md §13: single-line examples, one per line of a custom template (F1)', async () => {
    const lines = [
      '{stream.size::bytes} | {stream.size::bytes2} | {stream.size::sbytes} | {stream.size::rbytes}', // E6
      "{stream.title::title}{? ({stream.year})?}", // E10
      "{stream.languages::languageCode::join('/')} {stream.languages::languageEmoji::join('')}", // E24
      '{config.addonName}: {addon.name}', // E25
      '{stream.visualTags::$hdr["starts HDR"||"-"]} {stream.visualTags::^dv["ends DV"||"-"]}', // E35 (tags in AIOStreams' order: HDR, DV)
      '{stream.resolution::exists["{stream.quality::exists["{stream.resolution} {stream.quality}"||"{stream.resolution}"]}"||"Unknown"]}', // E45
      '{?[{stream.resolution}{? · {stream.quality}?}]?}', // E46
      '{stream.quality::uppercase}', // E55
    ];
    const name = '{service.shortName::exists["[{service.shortName}{service.cached["+"||" download"]}] "||""]}{addon.name}'; // E30
    expect(await render({ id: 'custom', definitions: { custom: { name, description: lines.join('\n') } } })).toEqual([
      [
        '[RD+] Torrentio',
        [
          '65.5 GB | 61 GiB | 65.5 GB | 66 GB',
          'Dune Part Two (2024)',
          'EN/FR 🇬🇧🇫🇷',
          'AIOStreams: Torrentio',
          'starts HDR ends DV',
          '2160p BluRay REMUX',
          '[2160p · BluRay REMUX]',
          '{invalid_expression(stream.quality::uppercase)}',
        ].join('\n'),
      ],
    ]);
  });

  it('definitions.overrides[id] replaces that built-in look', async () => {
    const formatter = {
      id: 'torrentio',
      definitions: { overrides: { torrentio: { name: '{addon.name} {stream.resolution}', description: '{stream.filename}\n{stream.size::bytes2}' } } },
    };
    expect(await render(formatter)).toEqual([['Torrentio 2160p', `${FILE}\n61 GiB`]]);
  });
});
