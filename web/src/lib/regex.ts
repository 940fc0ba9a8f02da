/**
 * The server runs user regexes on RE2 (src/addon/pipeline/user-regex.ts), which is native and
 * cannot run here. The page applies the same form and flag rules, compiles the body with the
 * built-in RegExp, and rejects what RE2 does not support (lookaround, backreferences), so a
 * pattern that passes here is one the server will run. DOM-free (tested in Node against the
 * server's validator).
 */
const USER_FLAGS = new Set(['g', 'i', 'm', 'u', 'y', 'n']);
const LITERAL_FORM = /^\/(.+)\/([a-z]*)$/s;

export interface RegexCheck {
  /** Why the server would skip this pattern; undefined when it will run. */
  error?: string;
  /** A note that does not stop the pattern. */
  warning?: string;
}

/** Finds constructs RE2 rejects, ignoring escaped characters and character classes. */
function unsupportedConstruct(body: string): string | undefined {
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') {
      const next = body[i + 1] ?? '';
      if (!inClass && /[1-9]/.test(next)) return 'backreferences (\\1, \\2, …) are not supported by the server’s regex engine (RE2)';
      if (!inClass && next === 'k' && body[i + 2] === '<') return 'named backreferences (\\k<name>) are not supported by the server’s regex engine (RE2)';
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      continue;
    }
    if (c === '(' && body[i + 1] === '?') {
      const rest = body.slice(i + 2, i + 4);
      if (rest.startsWith('=') || rest.startsWith('!')) return 'lookahead ((?=…), (?!…)) is not supported by the server’s regex engine (RE2)';
      if (rest === '<=' || rest === '<!') return 'lookbehind ((?<=…), (?<!…)) is not supported by the server’s regex engine (RE2)';
    }
  }
  return undefined;
}

/**
 * Checks one pattern as written in a regex list: `/body/flags` (flags from g i m u y n) or a bare
 * body (case-sensitive). `negateAllowed`: whether the `n` flag means anything in this list.
 */
export function checkUserRegex(pattern: string, negateAllowed = false): RegexCheck {
  if (pattern === '') return { error: 'empty pattern' };
  const literal = LITERAL_FORM.exec(pattern);
  const body = literal ? literal[1]! : pattern;
  const flags = literal ? literal[2]! : '';
  for (const [i, f] of [...flags].entries()) {
    if (!USER_FLAGS.has(f)) return { error: `unsupported flag "${f}" (allowed: g i m u y n)` };
    if (flags.indexOf(f) !== i) return { error: `duplicate flag "${f}"` };
  }
  const unsupported = unsupportedConstruct(body);
  if (unsupported) return { error: unsupported };
  try {
    new RegExp(body, flags.replace('n', ''));
  } catch (err) {
    return { error: `invalid pattern: ${(err as Error).message.replace(/^Invalid regular expression: /, '')}` };
  }
  if (flags.includes('n') && !negateAllowed) return { warning: 'the n (negate) flag only has an effect in preferred patterns' };
  return {};
}
