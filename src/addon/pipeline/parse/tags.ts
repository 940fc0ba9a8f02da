// Tag tables of config.md §4.5, matched on a release name with its title cut out. Each table is in
// AIOStreams' order, which is also the order lists are shown in (the formatter goldens show
// `10bit | HDR`, `HDR10+ | DV`, `Dual Audio / 🇬🇧`): single values take the first rule that
// matches, lists take every rule that matches, in table order.
//
// A name is tested against about a hundred rules. Each rule names the lowercase snippets its
// pattern cannot match without (`hints`); a rule whose snippets are all absent from the name is
// skipped without running its regex, which is most rules for most names.
import type { AudioChannel, AudioTag, Encode, Language, Quality, Resolution, VisualTag } from '../types.js';

interface Rule<T> {
  value: T;
  pattern: RegExp;
  /** At least one of these occurs in any text the pattern matches (lowercased); empty = always try. */
  hints: readonly string[];
}

/** A tag stands alone: after the start or one of `space [ ( _ - . ,`, before the end or one of `space ) ] _ . - ,`. */
const BEFORE = '(?<![^\\s\\[(_\\-.,])';
const AFTER = '(?=[\\s)\\]_.\\-,]|$)';
/** An optional separator inside a tag (`WEB-DL`, `DD 5.1`, `Blu.Ray`). */
const S = '[ .\\-_]?';

const token = (source: string): RegExp => new RegExp(`${BEFORE}(?:${source})${AFTER}`, 'i');
const rules = <T>(table: ReadonlyArray<readonly [T, string, readonly string[]]>): ReadonlyArray<Rule<T>> =>
  table.map(([value, source, hints]) => ({ value, pattern: token(source), hints }));
/** Every way a separator may sit between two characters (`5.1`, `5 1`, `51`, …). */
const spaced = (a: string, b: string): string[] => ['', ' ', '.', '-', '_'].map((sep) => `${a}${sep}${b}`);

/** `WIDTHxHEIGHT` written out. */
const dims = (width: number, heightDigits: string): string => `${width}\\s?x\\s?\\d{${heightDigits}}`;
/** `1080p`, `1080i`, `BD1080p`, `HD720`, `m1080p`. */
const lines = (values: string): string => `(?:bd|hd|m)?(?:${values})[pi]?`;

export const RESOLUTION_RULES = rules<Resolution>([
  ['2160p', `${lines('2160')}|(?:bd|hd|m)?4k|u(?:ltra)?${S}hd|${dims(3840, '4')}`, ['2160', '4k', 'hd', '3840']],
  ['1440p', `${lines('1440')}|2k|w?q(?:uad)?${S}hd|2560\\s?x\\d{4}`, ['1440', '2k', 'hd', '2560']],
  ['1080p', `${lines('1080')}|f(?:ull)?${S}hd|${dims(1920, '3,4')}`, ['1080', 'hd', '1920']],
  ['720p', `${lines('720|800')}|hd|${dims(1280, '3,4')}`, ['720', '800', 'hd', '1280']],
  ['576p', lines('576|534'), ['576', '534']],
  ['480p', `${lines('480')}|sd`, ['480', 'sd']],
  ['360p', lines('360'), ['360']],
  ['240p', lines('240|266'), ['240', '266']],
  ['144p', lines('144'), ['144']],
]);

export const QUALITY_RULES = rules<Quality>([
  ['BluRay REMUX', '(?:bd|br|b|uhd)?remux', ['remux']],
  // A remux anywhere in the name makes it a remux, not a plain BluRay.
  ['BluRay', `(?<!remux.*)(?:bd|blu${S}ray|(?:bd|br)${S}rip)(?!.*remux)`, ['bd', 'blu', 'br']],
  ['WEB-DL', `web${S}(?:dl)?(?!${S}(?:rip|dlrip|cam))`, ['web']],
  ['WEBRip', `web${S}rip`, ['web']],
  ['HDRip', `hd${S}rip|web${S}dl${S}rip`, ['rip']],
  ['HC HD-Rip', `hc|hd${S}rip`, ['hc', 'rip']],
  ['DVDRip', `dvd${S}(?:rip|mux|r|full|5|9)?`, ['dvd']],
  ['HDTV', `(?:hd|pd)tv|tv${S}rip|hdtv${S}rip|dsr(?:ip)?|sat${S}rip`, ['tv', 'dsr', 'sat']],
  ['CAM', `cam|hdcam|cam${S}rip`, ['cam']],
  ['TS', `telesync|ts|hd${S}ts|pdvd|predvd(?:rip)?`, ['telesync', 'ts', 'pdvd', 'predvd']],
  ['TC', `telecine|tc|hd${S}tc`, ['telecine', 'tc']],
  ['SCR', `(?:(?:dvd|bd|web|hd)?${S})?scr(?:eener)?`, ['scr']],
]);

export const ENCODE_RULES = rules<Encode>([
  ['HEVC', `hevc${S}(?:10)?|[xh]${S}265`, ['hevc', '265']],
  ['AVC', `avc|[xh]${S}264`, ['avc', '264']],
  ['AV1', 'av1', ['av1']],
  ['XviD', 'xvid', ['xvid']],
  ['DivX', 'divx|dvix', ['divx', 'dvix']],
]);

export const VISUAL_TAG_RULES = rules<VisualTag>([
  ['10bit', `10${S}bit`, ['bit']],
  ['HDR10+', `hdr${S}10${S}(?:p(?:lus)?|\\+)`, ['hdr']],
  ['HDR10', `hdr${S}10(?!${S}(?:\\+|p(?:lus)?))`, ['hdr']],
  ['HDR', `hdr(?!${S}10)(?!${S}(?:\\+|p(?:lus)?))`, ['hdr']],
  ['HLG', 'hlg', ['hlg']],
  // `D`, an optional separator, `V`: anything from `dv` to `dolby.vision`.
  ['DV', `do?(?:lby)?${S}vi?(?:sion)?(?:${S}atmos)?|dv`, ['dv', 'd v', 'd.v', 'd-v', 'd_v', 'dov', 'do v', 'do.v', 'do-v', 'do_v', 'dlby', 'dolby']],
  ['3D', `(?:bd)?(?:3|three)${S}d(?:imension)?(?:al)?`, ['3', 'three']],
  ['IMAX', 'imax', ['imax']],
  ['AI', `ai(?:${S}(?:upscale|enhanced|remaster))?`, ['ai']],
  ['SDR', 'sdr', ['sdr']],
  ['H-OU', `h?(?:alf)?${S}(?:ou|over${S}under)`, ['ou', 'over']],
  ['H-SBS', `h?(?:alf)?${S}(?:sbs|side${S}by${S}side)`, ['sbs', 'side']],
]);

/** Channels that may follow Dolby Digital (Plus) in the same token (`DDP5.1`, `DD2.0`). */
const DD_CHANNELS = `(?:${S}(?:2${S}0|5${S}1|7${S}1))?`;
const DOLBY_DIGITAL = `d(?:olby)?${S}d(?:igital)?`;
/** `dd`, `d.d`, `dolby digital`, …, or an (E-)AC-3. */
const DOLBY_HINTS = [...spaced('d', 'd'), 'dolby', 'digital', 'ac'];

export const AUDIO_TAG_RULES = rules<AudioTag>([
  ['Atmos', 'atmos|ddpa\\d?', ['atmos', 'ddpa']],
  ['DD+', `${DOLBY_DIGITAL}${S}(?:p(?:lus)?|\\+)a?${DD_CHANNELS}|e${S}ac${S}3`, DOLBY_HINTS],
  ['DD', `${DOLBY_DIGITAL}(?:${S}(?:5${S}1|7${S}1|2${S}0?))?|(?<!e${S})ac${S}3`, DOLBY_HINTS],
  ['DTS:X', 'dts[ .\\-:_]?x', ['dts']],
  ['DTS-HD MA', `dts${S}hd${S}ma`, ['dts']],
  ['DTS-HD', `dts${S}hd(?!${S}ma)`, ['dts']],
  ['DTS-ES', `dts${S}es`, ['dts']],
  ['DTS', 'dts(?![ .\\-:_]?(?:x(?=[\\s)\\]_.\\-,]|$)|hd[ .\\-_]?(?:ma)?|es))', ['dts']],
  ['TrueHD', `true${S}hd`, ['true']],
  ['OPUS', 'opus', ['opus']],
  ['AAC', `q?aac(?:${S}2)?`, ['aac']],
  ['FLAC', `flac(?:${S}(?:lossless|2\\.0|x[2-4]))?`, ['flac']],
]);

/** Dolby Digital (Plus) written right before the channels still leaves them a whole token. */
const channels = (n: string): string => `(?:${DOLBY_DIGITAL}${S}(?:(?:p(?:lus)?|\\+)a?)?)?${n}(?:ch)?`;

export const AUDIO_CHANNEL_RULES = rules<AudioChannel>([
  ['2.0', `(?:${DOLBY_DIGITAL})?2${S}0(?:ch)?`, spaced('2', '0')],
  ['5.1', channels(`5${S}1`), spaced('5', '1')],
  ['6.1', channels(`6${S}1`), spaced('6', '1')],
  ['7.1', channels(`7${S}1`), spaced('7', '1')],
]);

/** A language word, unless it names subtitles (`ENG.SUBS`, `ita-sub`). */
const language = (source: string): string => `(?:${source})(?!${S}sub(?:title)?s?)`;
/**
 * The words of a language rule, each cut before its first optional or lookahead part; every
 * alternative starts with one of them (`dual[ .-]?(?:audio|…)` gives `dual` plus harmless extras).
 */
const languageHints = (source: string): string[] =>
  source.split('|').map((word) => word.split('(')[0]!.split('[')[0]!).filter((w) => /^[a-z0-9]+$/.test(w));

const LANGUAGE_TABLE = rules<Language>(
  ([
    ['Multi', 'multi'],
    ['Dual Audio', `dual${S}(?:audio|lang(?:uage)?|flac|ac3|aac2?)`],
    ['Dubbed', 'dub(?:s|bed|bing)?'],
    ['English', 'english|eng'],
    ['Japanese', 'japanese|jap|jpn'],
    ['Chinese', 'chinese|chi'],
    ['Russian', 'russian|rus'],
    ['Arabic', 'arabic|ara'],
    ['Portuguese', 'portuguese|por'],
    ['Spanish', 'spanish|spa|esp'],
    ['French', 'french|fra|fr|vf|vff|vfi|vf2|vfq|truefrench'],
    ['German', 'deu(?:tsch)?(?:land)?|ger(?:man)?'],
    ['Italian', 'italian|ita'],
    ['Korean', 'korean|kor'],
    ['Hindi', 'hindi|hin'],
    ['Bengali', 'bengali|ben(?![ .\\-_]?the[ .\\-_]?men)'],
    ['Punjabi', 'punjabi|pan'],
    ['Marathi', 'marathi|mar'],
    ['Gujarati', 'gujarati|guj'],
    ['Tamil', 'tamil|tam'],
    ['Telugu', 'telugu|tel'],
    ['Kannada', 'kannada|kan'],
    ['Malayalam', 'malayalam|mal'],
    ['Thai', 'thai|tha'],
    ['Vietnamese', 'vietnamese|vie'],
    ['Indonesian', 'indonesian|ind'],
    ['Turkish', 'turkish|tur'],
    ['Hebrew', 'hebrew|heb'],
    ['Persian', 'persian|per'],
    ['Ukrainian', 'ukrainian|ukr'],
    ['Greek', 'greek|ell'],
    ['Lithuanian', 'lithuanian|lit'],
    ['Latvian', 'latvian|lav'],
    ['Estonian', 'estonian|est'],
    ['Polish', 'polish|pol'],
    ['Czech', 'czech|cze'],
    ['Slovak', 'slovak|slo'],
    ['Hungarian', 'hungarian|hun'],
    ['Romanian', 'romanian|rum'],
    ['Bulgarian', 'bulgarian|bul'],
    ['Serbian', 'serbian|srp'],
    ['Croatian', 'croatian|hrv'],
    ['Slovenian', 'slovenian|slv'],
    ['Dutch', 'dutch|dut'],
    ['Danish', 'danish|dan'],
    ['Finnish', 'finnish|fin'],
    ['Swedish', 'swedish|swe'],
    ['Norwegian', 'norwegian|nor'],
    ['Malay', 'malay'],
    ['Latino', 'latino|lat'],
  ] as const).map(([value, source]) => [value, language(source), languageHints(source)] as const),
);

/**
 * Every language rule starts with one of its hint words right where a token starts, so instead of
 * searching the name for each of some seventy words, the name's tokens are looked up by their
 * first two letters and only the rules whose words begin a token are tried.
 */
const LANGUAGE_STARTS = new Map<string, { hint: string; rule: number }[]>();
LANGUAGE_TABLE.forEach((rule, index) => {
  for (const hint of rule.hints) {
    const key = hint.slice(0, 2);
    const list = LANGUAGE_STARTS.get(key) ?? [];
    list.push({ hint, rule: index });
    LANGUAGE_STARTS.set(key, list);
  }
});
/** Every character a language word can follow (and more: a superset is safe). */
const TOKEN_SPLIT = /[\s[\]()_\-.,]+/;

/** Languages named in the text, in table order. */
export function languageMatches(text: string, lower = text.toLowerCase()): Language[] {
  const candidates = new Set<number>();
  for (const token of lower.split(TOKEN_SPLIT)) {
    for (const start of LANGUAGE_STARTS.get(token.slice(0, 2)) ?? NO_STARTS) {
      if (token.startsWith(start.hint)) candidates.add(start.rule);
    }
  }
  if (candidates.size === 0) return [];
  const out: Language[] = [];
  LANGUAGE_TABLE.forEach((rule, index) => {
    if (candidates.has(index) && rule.pattern.test(text)) out.push(rule.value);
  });
  return out;
}
const NO_STARTS: readonly { hint: string; rule: number }[] = [];

/** Whether the rule can match: one of its hints occurs in `lower` (the text, lowercased). */
const possible = (rule: Rule<unknown>, lower: string): boolean => {
  if (rule.hints.length === 0) return true;
  for (const hint of rule.hints) if (lower.includes(hint)) return true;
  return false;
};

/** The first rule that matches; `lower` is `text` lowercased (computed once per name). */
export function firstMatch<T>(table: ReadonlyArray<Rule<T>>, text: string, lower = text.toLowerCase()): T | undefined {
  for (const rule of table) if (possible(rule, lower) && rule.pattern.test(text)) return rule.value;
  return undefined;
}

/** Every rule that matches, in table order. */
export function allMatches<T>(table: ReadonlyArray<Rule<T>>, text: string, lower = text.toLowerCase()): T[] {
  const out: T[] = [];
  for (const rule of table) if (possible(rule, lower) && rule.pattern.test(text)) out.push(rule.value);
  return out;
}
