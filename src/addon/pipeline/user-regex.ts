// User-supplied patterns (config.md §5.5). Regexes run on RE2, whose matching time is linear in
// the input, so no pattern can stall the server; patterns RE2 rejects (lookaround,
// backreferences, bad syntax, bad flags) are reported at compile time and then skipped.
// Keyword lists are our own escaped literals, so they run on the built-in engine.
import RE2 from 're2';

/** Flags a user may write after `/pattern/`; `n` (negate) is ours and never reaches RE2. */
const USER_FLAGS = new Set(['g', 'i', 'm', 'u', 'y', 'n']);
/** `/body/flags`: a leading slash and a last slash followed only by letters. */
const LITERAL_FORM = /^\/(.+)\/([a-z]*)$/s;

export interface UserRegex {
  /** The pattern as the user wrote it. */
  readonly pattern: string;
  /** The `n` flag was given (callers decide whether to honour it). */
  readonly negate: boolean;
  /** Whether the regex (ignoring `n`) matches `text`, searching from its start. */
  test(text: string): boolean;
}

export interface RegexIssue {
  pattern: string;
  error: string;
}

export type CompiledRegex = { ok: true; regex: UserRegex } | { ok: false; error: string };

/** Compile one `/pattern/flags` or bare (case-sensitive, no flags) pattern. Never throws. */
export function compileUserRegex(pattern: string): CompiledRegex {
  if (pattern === '') return { ok: false, error: 'empty pattern' };
  const literal = LITERAL_FORM.exec(pattern);
  const body = literal ? literal[1]! : pattern;
  const flags = literal ? literal[2]! : '';
  for (const [i, f] of [...flags].entries()) {
    if (!USER_FLAGS.has(f)) return { ok: false, error: `unsupported flag "${f}" (allowed: g i m u y n)` };
    if (flags.indexOf(f) !== i) return { ok: false, error: `duplicate flag "${f}"` };
  }
  let re: RE2;
  try {
    re = new RE2(body, flags.replace('n', ''));
  } catch (err) {
    return { ok: false, error: `invalid pattern: ${(err as Error).message}` };
  }
  // `g`/`y` make RE2 keep a lastIndex between calls; every test must start at 0 (§5.5).
  const stateful = re.global || re.sticky;
  const test = stateful
    ? (text: string) => {
        re.lastIndex = 0;
        return re.test(text);
      }
    : (text: string) => re.test(text);
  return { ok: true, regex: { pattern, negate: flags.includes('n'), test } };
}

/** The error message for an unusable pattern, or null. For the config page and API. */
export function validateUserRegex(pattern: string): string | null {
  const r = compileUserRegex(pattern);
  return r.ok ? null : r.error;
}

/** Compile a list, keeping the usable patterns in order and reporting the others. */
export function compileRegexList(patterns: readonly string[] | undefined): {
  regexes: UserRegex[];
  issues: RegexIssue[];
} {
  const regexes: UserRegex[] = [];
  const issues: RegexIssue[] = [];
  for (const pattern of patterns ?? []) {
    const r = compileUserRegex(pattern);
    if (r.ok) regexes.push(r.regex);
    else issues.push({ pattern, error: r.error });
  }
  return { regexes, issues };
}

/** True when `regex` matches any of `fields` (the `n` flag is not applied here). */
export function regexMatchesAny(regex: UserRegex, fields: readonly string[]): boolean {
  return fields.some((f) => regex.test(f));
}

const REGEX_SPECIALS = /[.*+?^${}()|[\]\\/]/g;
const WHITESPACE_RUN = /\s+/g;

/**
 * §5.5: a keyword list as one case-insensitive pattern. Each keyword is escaped, its whitespace
 * runs become one optional space/dot/hyphen/underscore, and a match must be bounded by the
 * string ends or by separators (`HC` matches `Movie.HC.HDRip`, `CAM` not `HDCAM`). Keywords are
 * trimmed first; blank ones are skipped. Undefined when no keyword is left.
 */
export function compileKeywords(keywords: readonly string[] | undefined): RegExp | undefined {
  const alternatives = (keywords ?? [])
    .map((k) => k.trim())
    .filter((k) => k !== '')
    .map((k) => k.replace(REGEX_SPECIALS, '\\$&').replace(WHITESPACE_RUN, '[ ._-]?'));
  if (alternatives.length === 0) return undefined;
  return new RegExp(`(?:^|[\\s\\[(_.-])(?:${alternatives.join('|')})(?:$|[\\s)\\]_.-])`, 'i');
}

/** True when the keyword pattern matches any of `fields`. */
export function keywordsMatchAny(pattern: RegExp, fields: readonly string[]): boolean {
  return fields.some((f) => pattern.test(f));
}
