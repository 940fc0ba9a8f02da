/**
 * Golden tests: every worked example E1–E59 of formatter.md §13, rendered against fixtures F1–F4.
 * Templates are typed exactly as in the spec (String.raw keeps `\n` and `\"` as written); expected
 * outputs are the spec's JSON strings, parsed.
 */
import { describe, expect, it } from 'vitest';
import { compileTemplate } from '../../src/formatter/index.js';
import { FIXTURES, type FixtureName } from './fixtures.js';

type Expected = Partial<Record<FixtureName, string>>;

const EXAMPLES: [id: string, template: string, expected: Expected][] = [
  ['E1', String.raw`{stream.resolution}`, { F1: String.raw`"2160p"`, F4: String.raw`""` }],
  ['E2', String.raw`{Stream.RESOLUTION} {STREAM.quality}`, { F1: String.raw`"2160p BluRay REMUX"` }],
  ['E3', String.raw`Res: {stream.resolution::default('?')}`, { F1: String.raw`"Res: 2160p"`, F4: String.raw`"Res: ?"` }],
  ['E4', String.raw`{stream.visualTags}`, { F1: String.raw`"DV,HDR"` }],
  ['E5', String.raw`{stream.visualTags::join(' | ')}`, { F1: String.raw`"DV | HDR"`, F2: String.raw`""` }],
  ['E6', String.raw`{stream.size::bytes} | {stream.size::bytes2} | {stream.size::sbytes} | {stream.size::rbytes}`, { F1: String.raw`"65.5 GB | 61 GiB | 65.5 GB | 66 GB"`, F2: String.raw`"1.5 GB | 1.4 GiB | 1.5 GB | 2 GB"` }],
  ['E7', String.raw`[{stream.size::bytes}]`, { F4: String.raw`"[]"` }],
  ['E8', String.raw`{stream.seeders}|{?👤 {stream.seeders}?}`, { F2: String.raw`"0|👤 0"`, F4: String.raw`"|"` }],
  ['E9', String.raw`{stream.filename::lower::truncate(12)}`, { F1: String.raw`"dune.part.tw…"` }],
  ['E10', String.raw`{stream.title::title}{? ({stream.year})?}`, { F1: String.raw`"Dune Part Two (2024)"`, F2: String.raw`"The Bear"` }],
  ['E11', String.raw`{stream.seasonEpisode::join(' • ')}`, { F2: String.raw`"S02 • E03"` }],
  ['E12', String.raw`{stream.duration::time} | {stream.duration::time('[%-Hh ]%-Mm')} | {stream.duration::time('%H:%M:%S')}`, { F1: String.raw`"2h:46m:0s | 2h 46m | 02:46:00"` }],
  ['E13', String.raw`{stream.bitrate::sbitrate} | {stream.bitrate::bitrate}`, { F1: String.raw`"52.6 Mbps | 52.61 Mbps"` }],
  ['E14', String.raw`{stream.resolution::smallcaps} {stream.resolution::subscript::smallcaps}`, { F1: String.raw`"2160ᴘ ₂₁₆₀ᴘ"` }],
  ['E15', String.raw`{'n/a'::upper} {'ready'::smallcaps}`, { F4: String.raw`"N/A ʀᴇᴀᴅʏ"` }],
  ['E16', String.raw`{stream.quality::replace('BluRay REMUX','Remux')}`, { F1: String.raw`"Remux"` }],
  ['E17', String.raw`{stream.quality::translate('BR','ʙʀ')}`, { F1: String.raw`"ʙluʀay ʀEMUX"` }],
  ['E18', String.raw`{stream.quality::remove('Blu', ' REMUX')}`, { F1: String.raw`"Ray"` }],
  ['E19', String.raw`{stream.audioTags::first} / {stream.audioTags::last} / {stream.audioTags::length}`, { F1: String.raw`"Atmos / TrueHD / 2"` }],
  ['E20', String.raw`{stream.audioTags::sort::join('+')} {stream.audioTags::reverse::join('+')}`, { F1: String.raw`"Atmos+TrueHD TrueHD+Atmos"` }],
  ['E21', String.raw`{stream.visualTags::slice(1)::join(',')}|{stream.visualTags::slice(0,1)::first}`, { F1: String.raw`"HDR|DV"` }],
  ['E22', String.raw`{stream.nSeScore::star} {stream.nSeScore::pstar}`, { F1: String.raw`"★★★⯪ ★★★⯪☆"` }],
  ['E23', String.raw`{stream.seeders::comma} {stream.seeders::hex}`, { F1: String.raw`"152 98"` }],
  ['E24', String.raw`{stream.languages::languageCode::join('/')} {stream.languages::languageEmoji::join('')}`, { F1: String.raw`"EN/FR 🇬🇧🇫🇷"` }],
  ['E25', String.raw`{config.addonName}: {addon.name}`, { F1: String.raw`"AIOStreams: Torrentio"` }],
  ['E26', String.raw`{stream.editions::join(', ')::default('none')}|{stream.editions::default('none')}`, { F1: String.raw`"|none"` }],
  ['E27', String.raw`{stream.infoHash::truncate(8)}`, { F2: String.raw`"01234567…"`, F1: String.raw`""` }],
  ['E28', String.raw`{service.cached["⚡"||"⏳"]}`, { F1: String.raw`"⚡"`, F3: String.raw`"⏳"`, F4: String.raw`""` }],
  ['E29', String.raw`{service.cached["⚡"||"⏳"||"P2P"]}`, { F1: String.raw`"⚡"`, F2: String.raw`"P2P"` }],
  ['E30', String.raw`{service.shortName::exists["[{service.shortName}{service.cached["+"||" download"]}] "||""]}{addon.name}`, { F1: String.raw`"[RD+] Torrentio"`, F2: String.raw`"Comet"`, F3: String.raw`"[TB download] TorBox"` }],
  ['E31', String.raw`{stream.seeders::>0["👤 {stream.seeders}"||"no seeders"]}`, { F1: String.raw`"👤 152"`, F2: String.raw`"no seeders"`, F3: String.raw`"👤 7"`, F4: String.raw`"no seeders"` }],
  ['E32', String.raw`{stream.type::=P2P["[P2P] "||""]}{addon.name}`, { F1: String.raw`"Torrentio"`, F2: String.raw`"[P2P] Comet"` }],
  ['E33', String.raw`{stream.filename::~remux["REMUX"||"-"]}`, { F1: String.raw`"REMUX"`, F2: String.raw`"-"` }],
  ['E34', String.raw`{stream.visualTags::~dv["DV"||"no DV"]} / {stream.visualTags::~D["D"||"no D"]}`, { F1: String.raw`"DV / no D"`, F2: String.raw`"no DV / no D"` }],
  ['E35', String.raw`{stream.visualTags::$dv["starts DV"||"-"]} {stream.visualTags::^hdr["ends HDR"||"-"]}`, { F1: String.raw`"starts DV ends HDR"` }],
  ['E36', String.raw`{stream.resolution::>720p["higher"||"not higher"]}`, { F1: String.raw`"not higher"` }],
  ['E37', String.raw`{stream.size::>=10000000000["big"||"small"]}`, { F1: String.raw`"big"`, F2: String.raw`"small"`, F4: String.raw`"small"` }],
  ['E38', String.raw`{service.id::in('realdebrid','torbox')["debrid"||"other"]}`, { F1: String.raw`"debrid"`, F3: String.raw`"debrid"`, F4: String.raw`"other"` }],
  ['E39', String.raw`{stream.languages::in('FRENCH','German')["🇫🇷/🇩🇪"||"none"]}`, { F1: String.raw`"🇫🇷/🇩🇪"`, F2: String.raw`"none"` }],
  ['E40', String.raw`{stream.library["📌"||""]}{stream.proxied::isfalse["direct"||"proxied"]}`, { F1: String.raw`"direct"`, F4: String.raw`"📌direct"` }],
  ['E41', String.raw`{stream.title::exists["\"{stream.title}\""||"untitled"]}`, { F1: String.raw`"\"Dune Part Two\""` }],
  ['E42', String.raw`{stream.library::istrue::or::service.cached::istrue["ready"||"wait"]}`, { F1: String.raw`"ready"`, F3: String.raw`"wait"`, F4: String.raw`"ready"` }],
  ['E43', String.raw`{service.cached::isfalse::or::stream.type::=p2p::and::stream.seeders::>0["🌱 {stream.seeders}"||"-"]}`, { F1: String.raw`"-"`, F2: String.raw`"-"`, F3: String.raw`"🌱 7"` }],
  ['E44', String.raw`{stream.audioTags::exists::xor::stream.visualTags::exists["one"||"both or neither"]}`, { F1: String.raw`"both or neither"`, F2: String.raw`"one"`, F4: String.raw`"both or neither"` }],
  ['E45', String.raw`{stream.resolution::exists["{stream.quality::exists["{stream.resolution} {stream.quality}"||"{stream.resolution}"]}"||"Unknown"]}`, { F1: String.raw`"2160p BluRay REMUX"`, F3: String.raw`"720p"`, F4: String.raw`"Unknown"` }],
  ['E46', String.raw`{?[{stream.resolution}{? · {stream.quality}?}]?}`, { F1: String.raw`"[2160p · BluRay REMUX]"`, F3: String.raw`"[720p]"`, F4: String.raw`""` }],
  ['E47', String.raw`{?{service.cached["⚡"||"⏳"]} {stream.resolution}?}`, { F1: String.raw`"⚡ 2160p"`, F2: String.raw`" 1080p"`, F4: String.raw`""` }],
  ['E48', String.raw`{?<{stream.type::replace('debrid','')}>?}`, { F1: String.raw`"<>"` }],
  ['E49', String.raw`{stream.resolution}\n{stream.quality}`, { F1: String.raw`"2160p\nBluRay REMUX"`, F4: String.raw`""` }],
  ['E50', String.raw`{stream.visualTags::join('{tools.newLine}')}`, { F1: String.raw`"DV\nHDR"` }],
  ['E51', String.raw`{stream.message::~download["{tools.removeLine}"||""]}Instant{tools.newLine}{stream.resolution}`, { F1: String.raw`"Instant\n2160p"`, F3: String.raw`""` }],
  ['E52', String.raw`{stream.filename::bytes}`, { F1: String.raw`"{unknown_string_modifier(bytes)}"` }],
  ['E53', String.raw`{stream.seeders::upper}`, { F1: String.raw`"{unknown_number_modifier(upper)}"` }],
  ['E54', String.raw`{stream.resolution["yes"||"no"]}`, { F1: String.raw`"{cannot_coerce_boolean_for_check_from(2160p)}"` }],
  ['E55', String.raw`{stream.quality::uppercase}`, { F1: String.raw`"{invalid_expression(stream.quality::uppercase)}"` }],
  ['E56', String.raw`{stream.foo}`, { F1: String.raw`"{invalid_expression(stream.foo)}"` }],
  ['E57', String.raw`{just some text} {a.b c}`, { F1: String.raw`"{just some text} {invalid_expression(a.b c)}"` }],
  ['E58', String.raw`{ stream.resolution :: upper }|{ stream.resolution::upper }`, { F1: String.raw`"{invalid_expression(stream.resolution :: upper)}|2160P"` }],
  ['E59', String.raw`{stream.resolution::exists["{stream.quality}"||"x"}`, { F1: String.raw`"{stream.resolution::exists[\"BluRay REMUX\"||\"x\"}"` }],
];

describe('formatter.md §13 worked examples', () => {
  for (const [id, template, expected] of EXAMPLES) {
    for (const [fixture, json] of Object.entries(expected) as [FixtureName, string][]) {
      it(`${id} on ${fixture}`, () => {
        expect(compileTemplate(template).render(FIXTURES[fixture])).toBe(JSON.parse(json) as string);
      });
    }
  }
});

describe('formatter.md §13 multi-line templates', () => {
  const description = compileTemplate(['{?💾 {stream.size::sbytes}?}', '{?📅 {stream.age}?}', '{?⚙️ {stream.indexer}?}'].join('\n'));
  it.each([
    ['F1', '💾 65.5 GB\n⚙️ ThePirateBay'],
    ['F2', '💾 1.5 GB\n📅 3d'],
    ['F4', ''],
  ] as [FixtureName, string][])('three-line description on %s', (fixture, expected) => {
    expect(description.render(FIXTURES[fixture])).toBe(expected);
  });

  const details = compileTemplate(
    [
      `{stream.resolution::default('?')} {service.cached["⚡"||"⏳"]}`,
      '{?{stream.filename}?}',
      '{stream.size::>0["💾 {stream.size::sbytes} "||""]}{?👤 {stream.seeders} ?}{?⚙️ {stream.indexer}?}',
    ].join('\n'),
  );
  it.each([
    ['F1', '2160p ⚡\nDune.Part.Two.2024.2160p.BluRay.REMUX.DV.HDR.HEVC.TrueHD.Atmos.7.1-FGT.mkv\n💾 65.5 GB 👤 152 ⚙️ ThePirateBay'],
    ['F2', '1080p \nThe.Bear.S02E03.1080p.WEB-DL.DDP5.1.H.264-NTb.mkv\n💾 1.5 GB 👤 0 '],
    ['F4', '? '],
  ] as [FixtureName, string][])('two-line name plus details on %s', (fixture, expected) => {
    expect(details.render(FIXTURES[fixture])).toBe(expected);
  });
});
