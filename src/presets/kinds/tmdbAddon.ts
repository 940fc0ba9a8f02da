// presets.md §32. The settings as percent-encoded JSON in the path, on the origin of a custom base.
import { recordBase } from '../addon-record.js';
import { chooseBase, manifestAt } from '../base-url.js';
import { json, pct } from '../encode.js';
import { booleanOption, commonOptions, selectOption } from '../options.js';
import type { PresetKind } from '../types.js';

const LANGUAGES = [
  'ab-AB', 'aa-AA', 'af-AF', 'ak-AK', 'sq-AL', 'am-AM', 'ar-SA', 'ar-AE', 'an-AN', 'hy-HY', 'as-AS', 'av-AV', 'ae-AE',
  'ay-AY', 'az-AZ', 'bm-BM', 'ba-BA', 'eu-ES', 'be-BY', 'bn-BD', 'bi-BI', 'nb-NO', 'bs-BS', 'br-BR', 'bg-BG', 'my-MY',
  'cn-CN', 'ca-ES', 'km-KM', 'ch-GU', 'ce-CE', 'ny-NY', 'zh-CN', 'zh-HK', 'zh-TW', 'cu-CU', 'cv-CV', 'kw-KW', 'co-CO',
  'cr-CR', 'hr-HR', 'cs-CZ', 'da-DK', 'dv-DV', 'nl-NL', 'dz-DZ', 'en-US', 'en-AU', 'en-CA', 'en-GB', 'en-IE', 'en-NZ',
  'eo-EO', 'et-EE', 'ee-EE', 'fo-FO', 'fj-FJ', 'fi-FI', 'fr-FR', 'fr-CA', 'ff-FF', 'gd-GD', 'gl-ES', 'lg-LG', 'ka-GE',
  'de-DE', 'de-AT', 'de-CH', 'el-GR', 'gn-GN', 'gu-GU', 'ht-HT', 'ha-HA', 'he-IL', 'hz-HZ', 'hi-IN', 'ho-HO', 'hu-HU',
  'is-IS', 'io-IO', 'ig-IG', 'id-ID', 'ia-IA', 'ie-IE', 'iu-IU', 'ik-IK', 'ga-GA', 'it-IT', 'ja-JP', 'jv-JV', 'kl-KL',
  'kn-IN', 'kr-KR', 'ks-KS', 'kk-KZ', 'ki-KI', 'rw-RW', 'ky-KY', 'kv-KV', 'kg-KG', 'ko-KR', 'kj-KJ', 'ku-KU', 'lo-LO',
  'la-LA', 'lv-LV', 'li-LI', 'ln-LN', 'lt-LT', 'lu-LU', 'lb-LB', 'mk-MK', 'mg-MG', 'ms-MY', 'ms-SG', 'ml-IN', 'mt-MT',
  'gv-GV', 'mi-MI', 'mr-MR', 'mh-MH', 'mo-MO', 'mn-MN', 'na-NA', 'nv-NV', 'nd-ND', 'nr-NR', 'ng-NG', 'ne-NE', 'se-SE',
  'no-NO', 'nn-NN', 'oc-OC', 'oj-OJ', 'or-OR', 'om-OM', 'os-OS', 'pi-PI', 'pa-PA', 'fa-IR', 'pl-PL', 'pt-PT', 'pt-BR',
  'ps-PS', 'qu-QU', 'ro-RO', 'rm-RM', 'rn-RN', 'ru-RU', 'sm-SM', 'sg-SG', 'sa-SA', 'sc-SC', 'sr-RS', 'sh-SH', 'sn-SN',
  'ii-II', 'sd-SD', 'si-LK', 'sk-SK', 'sl-SI', 'so-SO', 'st-ST', 'es-ES', 'es-MX', 'su-SU', 'sw-SW', 'ss-SS', 'sv-SE',
  'tl-PH', 'ty-TY', 'tg-TG', 'ta-IN', 'tt-TT', 'te-IN', 'th-TH', 'bo-BO', 'ti-TI', 'to-TO', 'ts-TS', 'tn-TN', 'tr-TR',
  'tk-TK', 'tw-TW', 'ug-UG', 'uk-UA', 'ur-UR', 'uz-UZ', 've-VE', 'vi-VN', 'vo-VO', 'wa-WA', 'cy-CY', 'fy-FY', 'wo-WO',
  'xh-XH', 'yi-YI', 'yo-YO', 'za-ZA', 'zu-ZA',
];
const CATALOGS = [['tmdb.top', 'Popular'], ['tmdb.year', 'Year'], ['tmdb.language', 'Language'], ['tmdb.trending', 'Trending']]
  .flatMap(([id, name]) => ['movie', 'series'].map((type) => ({ id, type, name, showInHome: true })));

/** TMDB's flags are the string "true" when on and left out when off. */
const flag = (on: unknown): 'true' | undefined => (on ? 'true' : undefined);

export const tmdbAddon: PresetKind = {
  meta: {
    id: 'tmdb-addon',
    name: 'The Movie Database',
    description: 'Catalogs and metadata from The Movie Database, in your language.',
    category: 'catalogs',
    baseUrls: ['https://tmdb.elfhosted.com'],
    services: [],
    requiresService: false,
    resources: ['catalog', 'meta'],
    streamTypes: [],
    options: [
      ...commonOptions('The Movie Database', ['catalog', 'meta'], { mediaTypes: false }),
      // Declared under this literal id, so it never reaches the URL: the builder reads `includeAdult`.
      booleanOption('Enable Adult Content', 'Enable Adult Content', 'Include adult titles', false),
      booleanOption('hideEpisodeThumbnails', 'Hide Episode Thumbnails', 'Leave out episode stills, which can give the plot away', false),
      booleanOption('provideImdbId', 'Provide IMDb ID', 'Give IMDb ids in metadata, so other addons can find streams', false),
      selectOption('ageRating', 'Age Rating', 'Show only titles up to this rating', ['', 'G', 'PG', 'PG-13', 'R', 'NC-17']),
      selectOption('language', 'Language', 'The language of titles and descriptions', LANGUAGES, { default: 'en-US' }),
    ],
  },
  expand(options) {
    const base = { ...recordBase(this.meta, options), library: false };
    const choice = chooseBase(options, this.meta.baseUrls[0]!, 'origin');
    if ('passThrough' in choice) return [{ ...base, manifestUrl: choice.passThrough }];
    const config = {
      includeAdult: flag(options.includeAdult),
      provideImdbId: flag(options.provideImdbId),
      hideEpisodeThumbnails: flag(options.hideEpisodeThumbnails),
      language: (options.language as string | undefined) ?? 'en-US',
      streaming: [],
      catalogs: CATALOGS,
      ageRating: options.ageRating,
    };
    return [{ ...base, manifestUrl: manifestAt(choice.base, pct(json(config))) }];
  },
};
