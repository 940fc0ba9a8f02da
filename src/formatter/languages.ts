/** The language table of formatter.md §2: name, code and flag, looked up by name or code. */
import { smallCaps } from './text.js';

interface Language {
  name: string;
  code: string | undefined;
  flag: string | undefined;
}

const TABLE: [name: string, code?: string, flag?: string][] = [
  ['English', 'EN', '🇬🇧'], ['Japanese', 'JA', '🇯🇵'], ['Chinese', 'ZH', '🇨🇳'], ['Russian', 'RU', '🇷🇺'],
  ['Arabic', 'AR', '🇸🇦'], ['Portuguese', 'PT', '🇵🇹'], ['Portuguese (Brazil)', 'PT-BR', '🇧🇷'],
  ['Spanish', 'ES', '🇪🇸'], ['French', 'FR', '🇫🇷'], ['German', 'DE', '🇩🇪'], ['Italian', 'IT', '🇮🇹'],
  ['Korean', 'KO', '🇰🇷'], ['Hindi', 'HI', '🇮🇳'], ['Bengali', 'BN', '🇧🇩'], ['Punjabi', 'PA', '🇵🇰'],
  ['Marathi', 'MR', '🇮🇳'], ['Gujarati', 'GU', '🇮🇳'], ['Tamil', 'TA', '🇮🇳'], ['Telugu', 'TE', '🇮🇳'],
  ['Kannada', 'KN', '🇮🇳'], ['Malayalam', 'ML', '🇮🇳'], ['Thai', 'TH', '🇹🇭'], ['Vietnamese', 'VI', '🇻🇳'],
  ['Indonesian', 'ID', '🇮🇩'], ['Turkish', 'TR', '🇹🇷'], ['Hebrew', 'HE', '🇮🇱'], ['Persian', 'FA', '🇮🇷'],
  ['Ukrainian', 'UK', '🇺🇦'], ['Greek', 'EL', '🇬🇷'], ['Lithuanian', 'LT', '🇱🇹'], ['Latvian', 'LV', '🇱🇻'],
  ['Estonian', 'ET', '🇪🇪'], ['Polish', 'PL', '🇵🇱'], ['Czech', 'CS', '🇨🇿'], ['Slovak', 'SK', '🇸🇰'],
  ['Hungarian', 'HU', '🇭🇺'], ['Romanian', 'RO', '🇷🇴'], ['Bulgarian', 'BG', '🇧🇬'], ['Serbian', 'SR', '🇷🇸'],
  ['Croatian', 'HR', '🇭🇷'], ['Slovenian', 'SL', '🇸🇮'], ['Dutch', 'NL', '🇳🇱'], ['Danish', 'DA', '🇩🇰'],
  ['Finnish', 'FI', '🇫🇮'], ['Swedish', 'SV', '🇸🇪'], ['Norwegian', 'NO', '🇳🇴'], ['Malay', 'MS', '🇲🇾'],
  ['Latino', 'ES-MX', '💃🏻'], ['Multi', undefined, '🌎'], ['Dual Audio'], ['Dubbed'],
];

const BY_KEY = new Map<string, Language>();
for (const [name, code, flag] of TABLE) {
  const lang = { name, code, flag };
  BY_KEY.set(name.toLowerCase(), lang);
  if (code) BY_KEY.set(code.toLowerCase(), lang);
}

const lookup = (nameOrCode: string): Language | undefined => BY_KEY.get(nameOrCode.toLowerCase());

/** `languagecode` modifier: the code, else the input upper-cased. */
export function codeOf(nameOrCode: string): string {
  return lookup(nameOrCode)?.code ?? nameOrCode.toUpperCase();
}

/** `languageemoji` modifier: the flag, else empty. */
export function flagOf(nameOrCode: string): string {
  return lookup(nameOrCode)?.flag ?? '';
}

/** Derived-field forms (§2): flag or name; code or upper-cased name; code or name in small capitals. */
export const emojiOrName = (name: string): string => lookup(name)?.flag ?? name;
export const smallCodeOrName = (name: string): string => smallCaps(lookup(name)?.code ?? name);

/** Map a list through `fn`, dropping empty results and duplicates, keeping first-seen order. */
export function mapUnique(list: readonly string[], fn: (s: string) => string): string[] {
  // Lists are a few languages long: a scan is cheaper than a Set and its copy.
  const out: string[] = [];
  for (const item of list) {
    const mapped = fn(item);
    if (mapped !== '' && !out.includes(mapped)) out.push(mapped);
  }
  return out;
}
