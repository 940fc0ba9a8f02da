// Preferred keyword and regex marks (config.md §5.5, §6 `keyword` / `regexPatterns`, §12 step 3).
// Marks are added to copies of the streams; the parsed objects themselves are left untouched.
import type { UserConfig } from '../../config/schema.js';
import { matchFields } from './attributes.js';
import type { ParsedStream } from './types.js';
import {
  compileKeywords, compileUserRegex, keywordsMatchAny, regexMatchesAny, type RegexIssue, type UserRegex,
} from './user-regex.js';

export interface PreferredMarks {
  /** A `preferredKeywords` entry matched (absent: nothing to match against). */
  keywordMatched?: boolean;
  /** Index in `preferredRegexPatterns` of the first entry that matched. */
  regexMatchIndex?: number;
  /** That entry's `name` (the formatter's `stream.regexMatched`). */
  regexMatched?: string;
}

export type MarkedStream = ParsedStream & PreferredMarks;

export type PreferredMarker = ((streams: ParsedStream[]) => MarkedStream[]) & {
  readonly regexIssues: readonly RegexIssue[];
};

interface NamedRegex {
  /** Position in the config list (invalid entries still take their place). */
  index: number;
  name: string;
  regex: UserRegex;
}

export function compilePreferred(config: UserConfig, opts: { regexAllowed: boolean }): PreferredMarker {
  const keywords = compileKeywords(config.preferredKeywords);
  const patterns: NamedRegex[] = [];
  const issues: RegexIssue[] = [];
  if (opts.regexAllowed) {
    (config.preferredRegexPatterns ?? []).forEach(({ name, pattern }, index) => {
      const r = compileUserRegex(pattern);
      if (r.ok) patterns.push({ index, name, regex: r.regex });
      else issues.push({ pattern, error: r.error });
    });
  }

  // Nothing to mark: no copies (a copy per stream is most of this stage's cost).
  const mark = (streams: ParsedStream[]): MarkedStream[] =>
    !keywords && patterns.length === 0 ? streams : streams.map((s) => {
      const fields = matchFields(s);
      const marked: MarkedStream = { ...s, keywordMatched: !!keywords && keywordsMatchAny(keywords, fields) };
      // `n` negates: the entry matches when the regex matches none of the fields.
      const hit = patterns.find((p) => regexMatchesAny(p.regex, fields) !== p.regex.negate);
      if (hit) {
        marked.regexMatchIndex = hit.index;
        marked.regexMatched = hit.name;
      }
      return marked;
    });
  return Object.assign(mark, { regexIssues: issues });
}
