// presets.md §37. As SubDL, plus the subtitle types (`0` meaning all four).
import { recordBase } from '../addon-record.js';
import { chooseBase, manifestAt } from '../base-url.js';
import { b64 } from '../encode.js';
import { commonOptions, multiSelectOption, secretOption, selectOption } from '../options.js';
import { PresetError, type PresetKind } from '../types.js';
import { HEARING_IMPAIRED } from './subdl.js';

// Sent as written, misspellings included: SubSource knows them by these names.
const LANGUAGES = [
  'Abkhazian', 'Afrikaans', 'Albanian', 'Amharic', 'Arabic', 'Aragonese', 'Armenian', 'Assamese', 'Asturian',
  'Azerbaijani', 'Basque', 'Belarusian', 'Bengali', 'Big 5 code', 'Bosnian', 'Brazillian Portuguese', 'Breton',
  'Bulgarian', 'Burmese', 'Catalan', 'Chinese', 'Chinese BG code', 'Chinese (Cantonese)', 'Chinese (Simplified)',
  'Chinese (Traditional)', 'Chinese Bilingual', 'Croatian', 'Czech', 'Danish', 'Dari', 'Dutch', 'English', 'Esperanto',
  'Estonian', 'Extremaduran', 'Farsi/Persian', 'Finnish', 'French', 'French (Canada)', 'French (France)', 'Gaelic',
  'Galician', 'Georgian', 'German', 'Greek', 'Greenlandic', 'Hebrew', 'Hindi', 'Hungarian', 'Icelandic', 'Igbo',
  'Indonesian', 'Interlingua', 'Irish', 'Italian', 'Japanese', 'Kannada', 'Kazakh', 'Khmer', 'Korean', 'Kurdish',
  'Kyrgyz', 'Latvian', 'Lithuanian', 'Luxembourgish', 'Macedonian', 'Malay', 'Malayalam', 'Manipuri', 'Marathi',
  'Mongolian', 'Montenegrin', 'Navajo', 'Nepali', 'Northen Sami', 'Norwegian', 'Occitan', 'Odia', 'Pashto', 'Polish',
  'Portuguese', 'Romanian', 'Russian', 'Santli', 'Serbian', 'Sindhi', 'Sinhala', 'Sinhalese', 'Slovak', 'Slovenian',
  'Somali', 'Sorbian', 'Spanish', 'Spanish (Latin America)', 'Spanish (Spain)', 'Swahili', 'Swedish', 'Syriac',
  'Tagalog', 'Tamil', 'Tatar', 'Telugu', 'Tetum', 'Thai', 'Toki Pona', 'Turkish', 'Turkmen', 'Ukrainian', 'Urdu',
  'Uzbek', 'Vietnamese', 'Welsh',
];
const TYPES = [1, 2, 3, 4];

export const subsource: PresetKind = {
  meta: {
    id: 'subsource',
    name: 'SubSource',
    description: 'Subtitles from SubSource, with your SubSource API key.',
    category: 'subtitles',
    baseUrls: ['https://subsource.strem.top'],
    services: [],
    requiresService: false,
    resources: ['subtitles'],
    streamTypes: [],
    options: [
      ...commonOptions('SubSource', ['subtitles'], { mediaTypes: false }),
      secretOption('subSourceApiKey', 'SubSource API Key', 'Your API key from subsource.net'),
      multiSelectOption('language', 'Languages', 'The subtitle languages to look for', LANGUAGES, { required: true, min: 1, max: 5 }),
      multiSelectOption('subtitleTypes', 'Subtitle Types', 'Which kinds of subtitle to include', TYPES, { required: true, default: TYPES }),
      selectOption('hearingImpairment', 'Hearing Impaired', 'Subtitles for the hearing impaired', HEARING_IMPAIRED, {
        required: true, default: 'hiInclude',
      }),
    ],
  },
  expand(options) {
    const base = { ...recordBase(this.meta, options), library: false };
    const choice = chooseBase(options, this.meta.baseUrls[0]!, 'verbatim');
    if ('passThrough' in choice) return [{ ...base, manifestUrl: choice.passThrough }];
    if (!options.subSourceApiKey) {
      throw new PresetError('SubSource requires a SubSource API Key to be set. Please provide it in the configuration.', 'subSourceApiKey');
    }
    const types = (options.subtitleTypes as number[] | undefined) ?? TYPES;
    const config = [
      options.subSourceApiKey, (options.language as string[]).join(','), options.hearingImpairment,
      `type:${types.length === TYPES.length ? 0 : types.join(',')}`,
    ].join('/');
    return [{ ...base, manifestUrl: manifestAt(choice.base, b64(config)) }];
  },
};
