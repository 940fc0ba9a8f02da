// presets.md §29. Languages, then the other settings as `key=value|…`, each percent-encoded.
import { recordBase } from '../addon-record.js';
import { chooseBase, manifestAt } from '../base-url.js';
import { pairs, pct } from '../encode.js';
import { booleanOption, commonOptions, multiSelectOption, selectOption } from '../options.js';
import type { PresetKind } from '../types.js';

const LANGUAGES = [
  'af', 'be', 'my', 'ab', 'ar', 'hy', 'as', 'at', 'eu', 'bn', 'br', 'bg', 'ca', 'fr', 'ka', 'de', 'gd', 'ga', 'gl', 'el',
  'he', 'hi', 'hr', 'hu', 'ig', 'is', 'ia', 'kk', 'lv', 'lt', 'ml', 'it', 'ja', 'km', 'ko', 'ku', 'mk', 'mr', 'nv', 'no',
  'oc', 'fa', 'pl', 'ps', 'ru', 'sr', 'sk', 'sl', 'sy', 'ta', 'me', 'ze', 'sd', 'es', 'sw', 'sv', 'tt', 'te', 'th', 'tk',
  'tr', 'uk', 'uz', 'vi', 'cy', 'ro', 'sq', 'an', 'az', 'bs', 'cs', 'da', 'nl', 'en', 'eo', 'et', 'fi', 'id', 'kn', 'lb',
  'ms', 'ma', 'mn', 'ne', 'or', 'si', 'se', 'so', 'tl', 'ur', 'pm', 'ea', 'ex', 'pr', 'sp', 'sx', 'tp', 'zh-cn', 'pt-pt',
  'pt-br', 'zh-tw',
];

export const opensubtitlesV3Plus: PresetKind = {
  meta: {
    id: 'opensubtitles-v3-plus',
    name: 'OpenSubtitles V3 Pro',
    description: 'Subtitles from OpenSubtitles in your languages, with hash matching and optional AI translations.',
    category: 'subtitles',
    baseUrls: ['https://opensubtitles.stremio.homes'],
    services: [],
    requiresService: false,
    resources: ['subtitles'],
    streamTypes: [],
    options: [
      ...commonOptions('OpenSubtitles V3+', ['subtitles'], { mediaTypes: false }),
      multiSelectOption('language', 'Languages', 'The subtitle languages to look for', LANGUAGES, { required: true, min: 1, max: 10 }),
      selectOption('sources', 'Sources', 'Whose uploads to include', ['trusted', 'users', 'all'], { required: true, default: 'all' }),
      booleanOption('includeAiTranslated', 'Include AI Translated', 'Also offer machine-translated subtitles', true, true),
      booleanOption('movieHashPlusAutoAdjustment', 'Movie Hash Auto Adjustment', 'Re-time subtitles found by file hash to fit the video', false, true),
    ],
  },
  expand(options) {
    const base = { ...recordBase(this.meta, options), library: false };
    const choice = chooseBase(options, this.meta.baseUrls[0]!, 'strip');
    if ('passThrough' in choice) return [{ ...base, manifestUrl: choice.passThrough }];
    const settings = pairs([
      ['ai-translated', options.includeAiTranslated],
      ['from', options.sources],
      ['auto-adjustment', options.movieHashPlusAutoAdjustment],
    ], '|');
    const languages = (options.language as string[]).join('|');
    return [{ ...base, manifestUrl: manifestAt(choice.base, `${pct(languages)}/${pct(settings)}`) }];
  },
};
