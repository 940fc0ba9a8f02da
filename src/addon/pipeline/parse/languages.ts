// Languages: the release-name parser's codes and flag emoji, mapped to config.md §5.2 names.
import type { Language } from '../types.js';

/** Codes `@viren070/parse-torrent-title` emits, mapped to our language names. */
const PARSER_LANGUAGES: Record<string, Language> = {
  en: 'English', ja: 'Japanese', zh: 'Chinese', 'zh-tw': 'Chinese', ru: 'Russian', ar: 'Arabic',
  pt: 'Portuguese', es: 'Spanish', 'es-419': 'Latino', fr: 'French', de: 'German', it: 'Italian',
  ko: 'Korean', hi: 'Hindi', bn: 'Bengali', pa: 'Punjabi', mr: 'Marathi', gu: 'Gujarati',
  ta: 'Tamil', te: 'Telugu', kn: 'Kannada', ml: 'Malayalam', th: 'Thai', vi: 'Vietnamese',
  id: 'Indonesian', tr: 'Turkish', he: 'Hebrew', fa: 'Persian', uk: 'Ukrainian', el: 'Greek',
  lt: 'Lithuanian', lv: 'Latvian', et: 'Estonian', pl: 'Polish', cs: 'Czech', sk: 'Slovak',
  hu: 'Hungarian', ro: 'Romanian', bg: 'Bulgarian', sr: 'Serbian', hr: 'Croatian',
  sl: 'Slovenian', nl: 'Dutch', da: 'Danish', fi: 'Finnish', sv: 'Swedish', no: 'Norwegian',
  ms: 'Malay', 'multi audio': 'Multi', 'dual audio': 'Dual Audio',
};

export function mapParserLanguage(code: string): Language | undefined {
  return PARSER_LANGUAGES[code];
}

/**
 * Flag (two regional-indicator letters, written here as the ISO country code) → language. The
 * flags are those of formatter.md §2; the shared 🇮🇳 means Hindi. Also the flags addons commonly
 * use for a listed language: 🇺🇸 English, 🇲🇽 Latino (Torrentio), 🇹🇼/🇭🇰 Chinese.
 */
const FLAG_COUNTRIES: Record<string, Language> = {
  GB: 'English', US: 'English', JP: 'Japanese', CN: 'Chinese', TW: 'Chinese', HK: 'Chinese',
  RU: 'Russian', SA: 'Arabic', PT: 'Portuguese', BR: 'Portuguese (Brazil)', ES: 'Spanish',
  MX: 'Latino', FR: 'French', DE: 'German', IT: 'Italian', KR: 'Korean', IN: 'Hindi',
  BD: 'Bengali', PK: 'Punjabi', TH: 'Thai', VN: 'Vietnamese', ID: 'Indonesian', TR: 'Turkish',
  IL: 'Hebrew', IR: 'Persian', UA: 'Ukrainian', GR: 'Greek', LT: 'Lithuanian', LV: 'Latvian',
  EE: 'Estonian', PL: 'Polish', CZ: 'Czech', SK: 'Slovak', HU: 'Hungarian', RO: 'Romanian',
  BG: 'Bulgarian', RS: 'Serbian', HR: 'Croatian', SI: 'Slovenian', NL: 'Dutch', DK: 'Danish',
  FI: 'Finnish', SE: 'Swedish', NO: 'Norwegian', MY: 'Malay',
};

const FLAG = /\p{Regional_Indicator}{2}/gu;
const REGIONAL_A = 0x1f1e6;

/** The high surrogate of every regional indicator (U+1F1E6–U+1F1FF). */
const REGIONAL_HIGH = '\ud83c';

/** Languages of the flags in `text`, in order of appearance; unknown flags are ignored. */
export function languagesFromFlags(text: string): Language[] {
  const out: Language[] = [];
  // Most texts (and nearly every stream name) hold no flag at all.
  if (!text.includes(REGIONAL_HIGH)) return out;
  FLAG.lastIndex = 0;
  for (let m = FLAG.exec(text); m; m = FLAG.exec(text)) {
    const flag = m[0];
    const code = String.fromCharCode(
      flag.codePointAt(0)! - REGIONAL_A + 65,
      flag.codePointAt(2)! - REGIONAL_A + 65,
    );
    const language = FLAG_COUNTRIES[code];
    if (language && !out.includes(language)) out.push(language);
  }
  return out;
}
