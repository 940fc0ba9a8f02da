// Tag tables of config.md §4.5, matched on a release name with its title cut out. They decide
// quality, encode, visual/audio tags and channels; the parser's own values only fill gaps
// (see release.ts), because the parser folds distinct tags together (HDR10 → HDR,
// DTS-HD MA → "DTS Lossless") and reads bare `HD` as HDTV.
import type { AudioChannel, AudioTag, Encode, Language, Quality, Resolution, VisualTag } from '../types.js';

interface Rule<T> {
  value: T;
  pattern: RegExp;
  /** The rule only applies when this also matches (`true`) or does not match (`false`). */
  condition?: { pattern: RegExp; present: boolean };
}

const BEFORE = '(?<=^|[\\s\\[(_\\-.,])';
const AFTER = '(?=[\\s)\\]_.\\-,]|$)';
/** Channels glued to an audio codec (`DDP5.1`, `AAC2.0`) still leave the codec a whole token. */
const GLUED_CHANNELS = '(?:[1-8]\\.?[01])?';

const SEP = '[ .\\-_]?';

/** A case-insensitive whole-token pattern (boundaries of §4.5). */
const token = (source: string): RegExp => new RegExp(`${BEFORE}(?:${source})${AFTER}`, 'i');
const rules = <T>(
  table: ReadonlyArray<readonly [T, string, Rule<T>['condition']?]>,
): ReadonlyArray<Rule<T>> =>
  table.map(([value, source, condition]) => ({ value, pattern: token(source), condition }));

/** In enum order: the first that matches wins. */
export const RESOLUTION_RULES = rules<Resolution>([
  ['2160p', '2160[pi]?|4k|UHD|3840x2160'],
  ['1440p', '1440[pi]?|2k|QHD|2560x1440'],
  ['1080p', `1080[pi]?|FHD|1920x1080|Full${SEP}HD`],
  // Bare HD, but not the HD of DTS-HD, TrueHD, HD-Rip, HDTV, HD-CAM…
  ['720p', `720[pi]?|1280x720|(?<!(?:DTS|True)${SEP})HD(?!${SEP}(?:Rip|TV|CAM|TS|TC|MA))`],
  ['576p', '576[pi]?'],
  ['480p', '480[pi]?|SD'],
  ['360p', '360[pi]?'],
  ['240p', '240[pi]?'],
  ['144p', '144[pi]?'],
]);

const DVD = token(`(?:HD)?DVD(?:5|9|R\\d?|${SEP}Rip)?`);
const REMUX = `(?:(?:BD|BR|UHD|Blu${SEP}Ray)${SEP})?REMUX`;

/** In enum order: the first that matches wins. REMUX is a BluRay remux unless DVD is named. */
export const QUALITY_RULES = rules<Quality>([
  ['BluRay REMUX', REMUX, { pattern: DVD, present: false }],
  ['BluRay', `Blu${SEP}Ray(?:${SEP}Rip)?|BD${SEP}Rip|BR${SEP}Rip|BD(?:25|50|66|100)`],
  ['WEB-DL', `WEB${SEP}DL(?:${SEP}Rip)?|WEB(?!${SEP}(?:Rip|Cap))`],
  ['WEBRip', `WEB${SEP}(?:Rip|Cap)`],
  ['HDRip', `(?<!HC${SEP})HD${SEP}Rip`],
  ['HC HD-Rip', `HC${SEP}HD${SEP}Rip`],
  ['DVD REMUX', REMUX, { pattern: DVD, present: true }],
  ['DVDRip', `DVD${SEP}Rip|DVD(?:5|9|R)?(?!${SEP}SCR)`],
  ['HDTV', `HD${SEP}TV(?:${SEP}Rip)?|PDTV|SDTV|TV${SEP}Rip|SAT${SEP}Rip`],
  ['CAM', `(?:HD${SEP})?CAM(?:${SEP}Rip)?`],
  ['TS', `(?:HD${SEP})?(?:TS|TELESYNC)(?:${SEP}Rip)?`],
  ['TC', `(?:HD${SEP})?(?:TC|TELECINE)(?:${SEP}Rip)?`],
  ['SCR', `(?:(?:DVD|BD|WEB)${SEP})?SCR|SCREENER`],
]);

/** Checked in the order HEVC, AVC, AV1, VC-1, XviD, DivX, MPEG-4 (§4.5); the first match wins. */
export const ENCODE_RULES = rules<Encode>([
  ['HEVC', 'HEVC(?:10)?|[xh][ .]?265'],
  ['AVC', 'AVC|[xh][ .]?264'],
  ['AV1', 'AV1'],
  ['VC-1', 'VC[ .\\-]?1'],
  ['XviD', 'XviD'],
  ['DivX', 'DivX|DVIX'],
  ['MPEG-4', 'MPEG[ .\\-]?4|MP4V'],
]);

/** Every match counts. */
export const VISUAL_TAG_RULES = rules<VisualTag>([
  ['HDR10+', 'HDR10(?:\\+|P|[ .\\-]?Plus)'],
  ['HDR10', 'HDR10'],
  ['DV', 'DV|DoVi|Dolby[ .\\-]?Vision'],
  ['HDR', 'HDR'],
  ['HLG', 'HLG'],
  ['10bit', '10[ .\\-]?bits?|Hi10P?'],
  ['3D', '3D'],
  ['IMAX', 'IMAX'],
  ['AI', 'AI(?:[ .\\-]?Upscaled?)?'],
  ['Upscaled', 'Upscaled?'],
  ['SDR', 'SDR'],
  ['H-OU', 'H[ .\\-]?OU|Half[ .\\-]?OU|Half[ .\\-]?Over[ .\\-]?Under'],
  ['H-SBS', 'H[ .\\-]?SBS|Half[ .\\-]?SBS|Half[ .\\-]?Side[ .\\-]?By[ .\\-]?Side'],
]);

/** Every match counts; the DTS family is kept mutually exclusive per occurrence. */
export const AUDIO_TAG_RULES = rules<AudioTag>([
  ['Atmos', `(?:Dolby${SEP})?Atmos|DDPA${GLUED_CHANNELS}`],
  ['DD+', `(?:DDP|DD\\+|DDPA|E-?AC-?3)${GLUED_CHANNELS}|DD${SEP}Plus|Dolby${SEP}Digital${SEP}Plus`],
  ['DD', `(?:DD|AC-?3)${GLUED_CHANNELS}|Dolby${SEP}Digital(?!${SEP}Plus)`],
  ['DTS:X', `DTS(?:${SEP}|:)X`],
  ['DTS-HD MA', `DTS${SEP}HD${SEP}MA(?:ster(?:${SEP}Audio)?)?${GLUED_CHANNELS}|DTS${SEP}MA${GLUED_CHANNELS}`],
  ['DTS-HD', `DTS${SEP}HD(?!${SEP}MA)(?:${SEP}HRA?)?${GLUED_CHANNELS}`],
  ['DTS-ES', `DTS${SEP}ES${GLUED_CHANNELS}`],
  ['DTS', `DTS(?!${SEP}(?::?X|HD|MA|ES)(?![a-z]))${GLUED_CHANNELS}`],
  ['TrueHD', `True${SEP}HD${GLUED_CHANNELS}`],
  ['PCM', `L?PCM${GLUED_CHANNELS}`],
  ['OPUS', `OPUS${GLUED_CHANNELS}`],
  ['FLAC', `FLAC${GLUED_CHANNELS}`],
  ['AAC', `AAC(?:${SEP}LC)?${GLUED_CHANNELS}`],
]);

// Channels are usually glued to a codec, so the token may also start right after one.
const CHANNEL_BEFORE = '(?<=^|[\\s\\[(_\\-.,+]|DD|DDP|DDPA|AAC|AC3|EAC3|DTS|MA|HD|FLAC|Atmos|Opus|PCM)';
const channel = (value: AudioChannel, source: string): Rule<AudioChannel> => ({
  value,
  pattern: new RegExp(`${CHANNEL_BEFORE}(?:${source})${AFTER}`, 'i'),
});
export const AUDIO_CHANNEL_RULES: ReadonlyArray<Rule<AudioChannel>> = [
  channel('2.0', '2[. ]0'),
  channel('5.1', '5[. ]1'),
  channel('6.1', '6[. ]1'),
  channel('7.1', '7[. ]1'),
];

/** Languages the parser misses (it folds PT-BR into Portuguese and has no "Dubbed"). */
export const LANGUAGE_RULES = rules<Language>([
  ['Portuguese (Brazil)', `PT${SEP}BR|Brazilian|Brasileiro`],
  ['Dubbed', 'Dub(?:bed)?'],
]);

const applies = <T>(rule: Rule<T>, text: string): boolean =>
  rule.pattern.test(text) &&
  (!rule.condition || rule.condition.pattern.test(text) === rule.condition.present);

export function firstMatch<T>(table: ReadonlyArray<Rule<T>>, text: string): T | undefined {
  return table.find((rule) => applies(rule, text))?.value;
}

export function allMatches<T>(table: ReadonlyArray<Rule<T>>, text: string): T[] {
  return table.filter((rule) => applies(rule, text)).map((rule) => rule.value);
}
