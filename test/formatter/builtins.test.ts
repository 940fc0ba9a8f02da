/**
 * Golden tests for the built-in formatters (config.md §9) on F1–F4. F1 gets a folder size of
 * 122 GiB, as in the torrentio example. Outputs follow config.md §9 and, where they differ, what
 * AIOStreams renders (shared/spec/formatter-goldens.json: Tamtaro, sizes, bitrates),
 * including the trailing spaces they imply.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_FORMATTERS, compileFormatter, type FormatterInput } from '../../src/formatter/index.js';
import { F1, F2, F3, F4, withStream } from './fixtures.js';

const F1F = withStream(F1, { folderSize: 122 * 1024 ** 3 });
const INPUTS: Record<string, FormatterInput> = { F1F, F2, F3, F4 };

/** formatter id → fixture → [name, description]. */
const GOLDEN: Record<string, Record<string, [name: string, description: string]>> = {
  torrentio: {
    F1F: ["[RD+] Torrentio 2160p\nDV | HDR", "Dune.Part.Two.2024.2160p.BluRay.REMUX.DV.HDR.HEVC.TrueHD.Atmos.7.1-FGT.mkv\n💾61 GiB / 💾122 GiB👤152 ⚙️ThePirateBay\n🇬🇧 / 🇫🇷"],
    F2: ["[P2P] Comet 1080p", "The.Bear.S02E03.1080p.WEB-DL.DDP5.1.H.264-NTb.mkv\n💾1.4 GiB 👤0 📅3d "],
    F3: ["[TB download] TorBox 720p", "ℹ️Download to your debrid\nSome.Movie.720p.mkv\n👤7 "],
    F4: ["My Library Unknown", ""],
  },
  torbox: {
    F1F: ["Torrentio (Instant RD) (2160p)", "Quality: BluRay REMUX\nName: Dune.Part.Two.2024.2160p.BluRay.REMUX.DV.HDR.HEVC.TrueHD.Atmos.7.1-FGT.mkv\nSize: 65.5 GB / 131 GB | Source: ThePirateBay | Duration: 2h:46m:0s \nLanguages: English, French"],
    F2: ["[P2P] Comet (1080p)", "Quality: WEB-DL\nName: The.Bear.S02E03.1080p.WEB-DL.DDP5.1.H.264-NTb.mkv\nSize: 1.5 GB \nLanguages: "],
    F3: ["TorBox (TB) (720p)", "Quality: Unknown\nName: Some.Movie.720p.mkv\nSize: \nLanguages: \nMessage: Download to your debrid"],
    F4: ["My Library (Your Media) ", "Quality: Unknown\nName: Unknown\nSize: \nLanguages: "],
  },
  gdrive: {
    F1F: ["[RD⚡] Torrentio 2160p", "🎥 BluRay REMUX 🎞️ HEVC 🏷️ FGT \n📺 DV | HDR 🎧 Atmos | TrueHD 🔊 7.1\n📦 65.5 GB / 131 GB (52.6 Mbps)⏱️ 2h:46m:0s 👥 152 🔍 ThePirateBay\n🌎 English | French\n📁 Dune.Part.Two.2024.2160p.BluRay.REMUX.DV.HDR.HEVC.TrueHD.Atmos.7.1-FGT.mkv"],
    F2: ["[P2P] Comet 1080p", "🎥 WEB-DL 🎞️ AVC 🏷️ NTb \n🎧 DD+ 🔊 5.1\n📦 1.5 GB 📅 3d \n📁 The.Bear.S02E03.1080p.WEB-DL.DDP5.1.H.264-NTb.mkv"],
    F3: ["[TB⏳] TorBox 720p", "👥 7 \n📁 Some.Movie.720p.mkv\nℹ️ Download to your debrid"],
    F4: ["My Library (Your Media) ", ""],
  },
  lightgdrive: {
    F1F: ["[RD⚡] Torrentio 2160p", "📁 Dune Part Two (2024)\n🎥 BluRay REMUX 🎞️ HEVC 🏷️ FGT\n📺 DV • HDR 🎧 Atmos • TrueHD 🔊 7.1\n📦 65.5 GB / 131 GB ⏱️ 2h:46m:0s 🔍 ThePirateBay\n🌐 🇬🇧 / 🇫🇷"],
    F2: ["[P2P] Comet 1080p", "📁 The Bear S02 • E03\n🎥 WEB-DL 🎞️ AVC 🏷️ NTb\n🎧 DD+ 🔊 5.1\n📦 1.5 GB 📅 3d "],
    F3: ["[TB⏳] TorBox 720p", "ℹ️ Download to your debrid"],
    F4: ["My Library", ""],
  },
  minimalisticgdrive: {
    F1F: ["✨ 4K 🎫 \nBLURAY REMUX", "🔆 DV • HDR  🔊 Atmos • TrueHD\n📦 65.5 GB \n🌎 English • French"],
    F2: ["🧿1080p\nWEB-DL", "🔊 DD+\n📦 1.5 GB "],
    F3: ["💿720p 🎟️ ", ""],
    F4: ["N/A", ""],
  },
  prism: {
    F1F: ["🔥4K UHD", "🎬 Dune Part Two (2024) \n🎥 BluRay REMUX 📺 DV | HDR 🎞️ HEVC ⏱️ 2h:46m:0s \n🎧 Atmos | TrueHD 🔊 7.1 🗣️ 🇬🇧 / 🇫🇷\n📦 65.5 GB / 131 GB 📊 52.6 Mbps \n🏷️ FGT 📡 ThePirateBay \n⚡Ready (RD) 🔍Torrentio "],
    F2: ["🚀 FHD", "🎬 The Bear 🍂 S02 🎞️ E03\n🎥 WEB-DL 🎞️ AVC \n🎧 DD+ 🔊 5.1 \n📦 1.5 GB \n🏷️ NTb \n⚠️ P2P 🔍Comet "],
    F3: ["💿 HD", "🌱 7 \n❌ Not Ready (TB) 🔍TorBox \nℹ️ Download to your debrid"],
    F4: ["💩 Unknown", "📌 Library 💻 Web Link 🔍My Library "],
  },
  tamtaro: {
    F1F: ["\u00a0\u00a0\u00a04K\u00a0\u200d\u200d\u00a0\u00a0\u00a0\u00a0\u200d\u200d\u200d⚡\u200d\u200d\n\u00a0\u00a0〈Remux〉\u200d\u00a0\u00a0\u00a0\u00a0\u00a0", "✎  Dune Part Two (2024) \n▣  HEVC  ✦  DV · HDR  \n♬  Atmos · TrueHD  ♯  7.1 \n◈ 65.5 / 131 GB · 52.6 ᴹᵇᵖˢ \n⛉ [RD] Torrentio · FGT"],
    F2: ["1080P\u200d\u200d⁽ᵖ²ᵖ⁾\u200d\u200d\u200d\u200d\u200d\n\u00a0\u00a0〈Web\u200d-\u200ddl〉\u200d\u00a0\u00a0\u00a0\u00a0\u00a0", "✎  The Bear  s₀₂·ᴇ₀₃\n▣  AVC  ♬  DD+  ♯ 5.1\n◈ 1.5 GB· 3d \n⛉ Comet · NTb"],
    F3: ["", "⛉ [TB] TorBox\nℹ️ Download to your debrid"],
    F4: ["\u200d\u00a0\u00a0\u00a0\u00a0\u00a0\u200d⁽ʷᵉᵇ⁾\u200d\u200d\u200d", "⛉ My Library"],
  },

};

describe('built-in formatters', () => {
  it('covers every built-in', () => {
    expect(Object.keys(GOLDEN).sort()).toEqual(Object.keys(BUILTIN_FORMATTERS).sort());
  });

  for (const [id, cases] of Object.entries(GOLDEN)) {
    const formatter = compileFormatter({ id });
    for (const [fixture, [name, description]] of Object.entries(cases)) {
      it(`${id} on ${fixture}`, () => {
        expect(formatter.format(INPUTS[fixture]!)).toEqual({ name, description });
      });
    }
  }

  it('match the examples quoted in config.md §9', () => {
    const torrentio = compileFormatter({ id: 'torrentio' }).format(F1F);
    expect(torrentio.name).toBe('[RD+] Torrentio 2160p\nDV | HDR');
    expect(torrentio.description.split('\n')).toContain('💾61 GiB / 💾122 GiB👤152 ⚙️ThePirateBay');
    const torbox = compileFormatter({ id: 'torbox' });
    expect([F1, F3, F2].map((f) => torbox.format(f).name)).toEqual(['Torrentio (Instant RD) (2160p)', 'TorBox (TB) (720p)', '[P2P] Comet (1080p)']);
    expect(compileFormatter({ id: 'gdrive' }).format(F1).name).toBe('[RD⚡] Torrentio 2160p');
    expect(compileFormatter({ id: 'lightgdrive' }).format(F2).description.split('\n')[0]).toBe('📁 The Bear S02 • E03');
  });

  it('add markers for proxied, private and library streams', () => {
    const input = withStream(F1, { proxied: true, private: true, library: true });
    expect(compileFormatter({ id: 'torrentio' }).format(input).name).toBe('🕵️‍♂️ 🔑 [RD+] Torrentio 2160p\nDV | HDR');
    expect(compileFormatter({ id: 'torbox' }).format(input).name).toBe('🕵️‍♂️ 🔑 Torrentio (Your Media)  (Instant RD) (2160p)');
    expect(compileFormatter({ id: 'gdrive' }).format(input).name).toBe('🕵️ 🔑 [RD⚡] Torrentio (Your Media) 2160p');
    expect(compileFormatter({ id: 'lightgdrive' }).format(input).name).toBe('🕵️ 🔑 [RD☁️⚡] Torrentio 2160p');
  });

  it('pick one release tag: SeaDex best, SeaDex alternative, tiered ranked expression, preferred regex', () => {
    const tags: [Partial<FormatterInput['stream']>, string, string][] = [
      [{ seadexBest: true, seadex: true, regexMatched: 'Good' }, ' (Best)', '🎚️ Best '],
      [{ seadex: true, regexMatched: 'Good' }, ' (SeaDex Alt.)', '🎚️ Alternative'],
      [{ rseMatched: ['Remux T2', 'Other'], regexMatched: 'Good' }, ' (Remux T2)', ' 🎚️ Remux T2'],
      [{ rseMatched: ['Untiered'], regexMatched: 'Good' }, ' (Good)', '🎚️ Good '],
      [{ regexMatched: 'Good' }, ' (Good)', '🎚️ Good '],
      [{}, '', ''],
    ];
    for (const [stream, gdriveTag, prismTag] of tags) {
      const input = withStream(F1, stream);
      expect(compileFormatter({ id: 'gdrive' }).format(input).name).toBe(`[RD⚡] Torrentio 2160p${gdriveTag}`);
      expect(compileFormatter({ id: 'prism' }).format(input).description.split('\n')[0]).toBe(`🎬 Dune Part Two (2024) ${prismTag}`);
    }
  });

  it('rewrite resolutions for minimalisticgdrive and prism', () => {
    const names = (id: string): string[] =>
      ['1440p', '576p', '480p', '360p'].map((resolution) => compileFormatter({ id }).format(withStream(F4, { resolution })).name);
    expect(names('minimalisticgdrive')).toEqual(['📀 2K', '576p', '480p', '360p']);
    expect(names('prism')).toEqual(['✨ QHD', '💩 Low Quality', '💩 Low Quality', '💩 Low Quality']);
  });
});

describe('compileFormatter', () => {
  const pair = { name: '{addon.name}!', description: '{stream.resolution}' };

  it('uses the custom templates for id custom', () => {
    expect(compileFormatter({ id: 'custom', definitions: { custom: pair } }).format(F1)).toEqual({ name: 'Torrentio!', description: '2160p' });
  });

  it('lets an override replace a built-in, and ignores overrides of other ids', () => {
    expect(compileFormatter({ id: 'prism', definitions: { overrides: { prism: pair } } }).format(F1).name).toBe('Torrentio!');
    expect(compileFormatter({ id: 'prism', definitions: { overrides: { gdrive: pair }, custom: pair } }).format(F1).name).toBe('🔥4K UHD');
  });

  it('rejects what config validation rejects', () => {
    expect(() => compileFormatter({ id: 'custom' })).toThrow(/definitions.custom/);
    expect(() => compileFormatter({ id: 'nope' })).toThrow(/unknown formatter/);
    expect(() => compileFormatter({ id: 'toString' })).toThrow(/unknown formatter/);
  });
});
