/** Duration and date patterns of `time('…')` and `date('…')` (formatter.md §4.1), compiled once. */

type Part = { lit: string } | { tok: string } | { opt: Part[] };

/** Tokenise `pattern`; `tokens` are the names recognised after `%` (longest first). */
function compile(pattern: string, tokens: readonly string[]): Part[] {
  const top: Part[] = [];
  let current = top;
  let optional: Part[] | null = null;
  let lit = '';
  const flush = (): void => {
    if (lit) current.push({ lit });
    lit = '';
  };
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i]!;
    if (c === '%') {
      const next = pattern[i + 1];
      if (next === '%' || next === '[' || next === ']') {
        lit += next;
        i += 2;
        continue;
      }
      const tok = tokens.find((t) => pattern.startsWith(t, i + 1));
      if (tok) {
        flush();
        current.push({ tok });
        i += 1 + tok.length;
        continue;
      }
      lit += c; // unknown token: printed as written
      i++;
    } else if (c === '[' && optional === null) {
      flush();
      optional = [];
      current = optional;
      i++;
    } else if (c === ']' && optional !== null) {
      flush();
      top.push({ opt: optional });
      optional = null;
      current = top;
      i++;
    } else {
      lit += c;
      i++;
    }
  }
  flush();
  if (optional !== null) top.push({ lit: '[' }, ...optional); // unclosed: the bracket was literal
  return top;
}

/** Render parts; `value(tok)` gives the text of a token and whether it counts as zero. */
function render(parts: readonly Part[], value: (tok: string) => [text: string, zero: boolean]): string {
  let out = '';
  for (const part of parts) {
    if ('lit' in part) out += part.lit;
    else if ('tok' in part) out += value(part.tok)[0];
    else {
      const toks = part.opt.filter((p): p is { tok: string } => 'tok' in p);
      if (toks.length > 0 && toks.every((t) => value(t.tok)[1])) continue;
      out += render(part.opt, value);
    }
  }
  return out;
}

const TIME_TOKENS = ['-H', '-M', '-S', 'H', 'M', 'S'];

export type TimeFormatter = (ms: number) => string;

function hasToken(parts: readonly Part[], letter: string): boolean {
  return parts.some((p) => ('tok' in p ? p.tok.endsWith(letter) : 'opt' in p && hasToken(p.opt, letter)));
}

export function compileTimePattern(pattern: string): TimeFormatter {
  const parts = compile(pattern, TIME_TOKENS);
  const hasHours = hasToken(parts, 'H');
  const hasMinutes = hasToken(parts, 'M');
  return (ms) => {
    const total = Math.floor(ms / 1000);
    // The largest unit present takes the overflow.
    const h = hasHours ? Math.floor(total / 3600) : 0;
    const m = hasHours ? Math.floor((total % 3600) / 60) : hasMinutes ? Math.floor(total / 60) : 0;
    const s = hasHours || hasMinutes ? total % 60 : total;
    return render(parts, (tok) => {
      const n = tok.endsWith('H') ? h : tok.endsWith('M') ? m : s;
      return [tok.startsWith('-') ? String(n) : String(n).padStart(2, '0'), n === 0];
    });
  };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const DATE_TOKENS = ['-m', '-d', 'Y', 'y', 'm', 'd', 'o', 'B', 'b', 'A', 'a'];
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** Date patterns on `YYYY-MM-DD` (UTC); anything else is returned unchanged. */
export function compileDatePattern(pattern: string): (text: string) => string {
  const parts = compile(pattern, DATE_TOKENS);
  return (text) => {
    const match = ISO_DATE.exec(text);
    if (!match) return text;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(0);
    date.setUTCFullYear(year, month - 1, day); // unlike Date.UTC, keeps years below 100 as written
    if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return text;
    const monthName = MONTHS[month - 1]!;
    const dayName = DAYS[date.getUTCDay()]!;
    const values: Record<string, string> = {
      Y: match[1]!,
      y: match[1]!.slice(2),
      m: match[2]!,
      '-m': String(month),
      d: match[3]!,
      '-d': String(day),
      o: ordinal(day),
      B: monthName,
      b: monthName.slice(0, 3),
      A: dayName,
      a: dayName.slice(0, 3),
    };
    return render(parts, (tok) => [values[tok] ?? '', false]);
  };
}
