// presets.md §36. API key, languages and hearing-impaired choice, base64-encoded in the path.
import { recordBase } from '../addon-record.js';
import { chooseBase, manifestAt } from '../base-url.js';
import { b64 } from '../encode.js';
import { commonOptions, multiSelectOption, secretOption, selectOption } from '../options.js';
import type { PresetKind } from '../types.js';

const LANGUAGES = [
  'SQ', 'AR', 'AZ', 'BE', 'BN', 'ZH_BG', 'BS', 'BR_PT', 'BG', 'BG_EN', 'MY', 'CA', 'ZH', 'HR', 'CS', 'DA', 'NL',
  'NL_EN', 'EN', 'EN_DE', 'EO', 'ET', 'FA', 'FI', 'FR', 'KA', 'DE', 'EL', 'KL', 'HE', 'HI', 'HU', 'HU_EN', 'IS', 'ID',
  'IT', 'JA', 'KO', 'KU', 'LV', 'LT', 'MK', 'MS', 'ML', 'MNI', 'NO', 'PL', 'PT', 'RO', 'RU', 'SR', 'SI', 'SK', 'SL',
  'ES', 'SV', 'TL', 'TA', 'TE', 'TH', 'TR', 'UK', 'UR', 'VI',
];

export const HEARING_IMPAIRED = [
  { value: 'hiInclude', label: 'Include' }, { value: 'hiExclude', label: 'Exclude' }, { value: 'hiOnly', label: 'Only' },
];

export const subdl: PresetKind = {
  meta: {
    id: 'subdl',
    name: 'SubDL',
    description: 'Subtitles from SubDL, with your SubDL API key.',
    category: 'subtitles',
    baseUrls: ['https://subdl.strem.top'],
    services: [],
    requiresService: false,
    resources: ['subtitles'],
    streamTypes: [],
    options: [
      ...commonOptions('SubDL', ['subtitles'], { mediaTypes: false }),
      secretOption('subDlApiKey', 'SubDL API Key', 'Your API key from subdl.com'),
      multiSelectOption('language', 'Languages', 'The subtitle languages to look for', LANGUAGES, { required: true, min: 1, max: 5 }),
      selectOption('hearingImpairment', 'Hearing Impaired', 'Subtitles for the hearing impaired', HEARING_IMPAIRED, {
        required: true, default: 'hiInclude',
      }),
    ],
  },
  expand(options) {
    const base = { ...recordBase(this.meta, options), library: false };
    const choice = chooseBase(options, this.meta.baseUrls[0]!, 'verbatim');
    if ('passThrough' in choice) return [{ ...base, manifestUrl: choice.passThrough }];
    const config = [options.subDlApiKey, (options.language as string[]).join(','), options.hearingImpairment].join('/');
    return [{ ...base, manifestUrl: manifestAt(choice.base, b64(config)) }];
  },
};
