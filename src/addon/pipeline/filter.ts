// The filter stage (config.md §5). The config is compiled once into an ordered list of rules;
// each stream walks the rules until one is decisive (§5.3: "the first decisive rule wins").
import type { UserConfig } from '../../config/schema.js';
import {
  configFamilyList, familyValues, isCached, isPassthrough, isUncached, matchFields, type Family,
} from './attributes.js';
import { compileSeederRules } from './stages/seeder-ranges.js';
import { compileSizeFilter } from './stages/size-filter.js';
import type { ParsedStream } from './types.js';
import {
  compileKeywords, compileRegexList, keywordsMatchAny, regexMatchesAny, type RegexIssue, type UserRegex,
} from './user-regex.js';

export interface FilterContext {
  /** Request kind: `movie`, `series`, `anime` (anime ids), or another Stremio type. */
  kind: 'movie' | 'series' | 'anime' | string;
}

export type StreamFilter = (<T extends ParsedStream>(streams: T[], ctx: FilterContext) => T[]) & {
  /** Regex patterns that could not be compiled; they are skipped. */
  readonly regexIssues: readonly RegexIssue[];
};

type Verdict = 'keep' | 'drop' | undefined;
type Rule = (s: ParsedStream, kind: string) => Verdict;

/** §5.3 step 2 order. */
const INCLUDE_ORDER: Family[] = [
  'streamType', 'resolution', 'quality', 'visualTag', 'audioTag', 'audioChannel', 'language',
  'subtitle', 'releaseGroup', 'encode',
];
/** §5.3 step 4 order. */
const EXCLUDE_REQUIRE_ORDER: Family[] = [
  'resolution', 'quality', 'encode', 'visualTag', 'audioTag', 'audioChannel', 'language',
  'subtitle', 'releaseGroup',
];
/** Families whose exclusion needs every value excluded (§5.1). */
const EXCLUDE_EVERY: ReadonlySet<Family> = new Set<Family>(['language', 'subtitle']);

export function compileFilter(config: UserConfig, opts: { regexAllowed: boolean }): StreamFilter {
  const issues: RegexIssue[] = [];
  const regexList = (patterns: string[] | undefined): UserRegex[] => {
    if (!opts.regexAllowed) return [];
    const r = compileRegexList(patterns);
    issues.push(...r.issues);
    return r.regexes;
  };
  const includedRegex = regexList(config.includedRegexPatterns);
  const excludedRegex = regexList(config.excludedRegexPatterns);
  const requiredRegex = regexList(config.requiredRegexPatterns);
  const seeders = compileSeederRules(config);
  const sizeOk = compileSizeFilter(config.size);

  const rules: Rule[] = [];
  const add = (rule: Rule | undefined): void => {
    if (rule) rules.push(rule);
  };

  // 1. Passthrough addons skip the whole stage.
  add((s) => (isPassthrough(s) ? 'keep' : undefined));
  // 2. Includes.
  for (const family of INCLUDE_ORDER) add(included(family, configFamilyList(config, 'included', family)));
  add(anyRegex(includedRegex, 'keep'));
  add(keywords(compileKeywords(config.includedKeywords), 'keep'));
  add(seeders.include && ((s) => (seeders.include!(s) ? 'keep' : undefined)));
  // 3. Stream types; info items are kept here whatever the lists say.
  add((s) => (s.type === 'info' ? 'keep' : undefined));
  add(excluded('streamType', configFamilyList(config, 'excluded', 'streamType')));
  add(required('streamType', configFamilyList(config, 'required', 'streamType')));
  // 4. Attribute families.
  for (const family of EXCLUDE_REQUIRE_ORDER) {
    add(excluded(family, configFamilyList(config, 'excluded', family)));
    add(required(family, configFamilyList(config, 'required', family)));
  }
  // 5. Cached status; service-less streams are neither.
  if (config.excludeUncached) add((s) => (isUncached(s) ? 'drop' : undefined));
  if (config.excludeCached) add((s) => (isCached(s) ? 'drop' : undefined));
  // 6. Regex and keywords.
  add(anyRegex(excludedRegex, 'drop'));
  add(requiredRegexRule(requiredRegex));
  add(keywords(compileKeywords(config.excludedKeywords), 'drop'));
  const requiredKeywords = compileKeywords(config.requiredKeywords);
  add(requiredKeywords && ((s) => (keywordsMatchAny(requiredKeywords, matchFields(s)) ? undefined : 'drop')));
  // 7. Seeder ranges.
  add(seeders.dropRequired && ((s) => (seeders.dropRequired!(s) ? 'drop' : undefined)));
  add(seeders.dropExcluded && ((s) => (seeders.dropExcluded!(s) ? 'drop' : undefined)));
  // 8. Size.
  add(sizeOk && ((s, kind) => (sizeOk(s, kind) ? undefined : 'drop')));

  const filter = <T extends ParsedStream>(streams: T[], ctx: FilterContext): T[] =>
    streams.filter((s) => {
      for (const rule of rules) {
        const verdict = rule(s, ctx.kind);
        if (verdict) return verdict === 'keep';
      }
      return true;
    });
  return Object.assign(filter, { regexIssues: issues });
}

function included(family: Family, list: string[] | undefined): Rule | undefined {
  if (!list) return undefined;
  const set = new Set(list);
  return (s) => (familyValues(s, family).some((v) => set.has(v)) ? 'keep' : undefined);
}

function excluded(family: Family, list: string[] | undefined): Rule | undefined {
  if (!list) return undefined;
  const set = new Set(list);
  const has = (v: string) => set.has(v);
  // An English+French release survives `excludedLanguages: ["French"]`.
  return EXCLUDE_EVERY.has(family)
    ? (s) => (familyValues(s, family).every(has) ? 'drop' : undefined)
    : (s) => (familyValues(s, family).some(has) ? 'drop' : undefined);
}

function required(family: Family, list: string[] | undefined): Rule | undefined {
  if (!list) return undefined;
  const set = new Set(list);
  return (s) => (familyValues(s, family).some((v) => set.has(v)) ? undefined : 'drop');
}

/** `verdict` when any pattern matches any tested field (the `n` flag is not honoured here). */
function anyRegex(regexes: UserRegex[], verdict: 'keep' | 'drop'): Rule | undefined {
  if (regexes.length === 0) return undefined;
  return (s) => {
    const fields = matchFields(s);
    return regexes.some((r) => regexMatchesAny(r, fields)) ? verdict : undefined;
  };
}

/** Drop unless one of the patterns matches. Only compiled patterns count as requirements. */
function requiredRegexRule(regexes: UserRegex[]): Rule | undefined {
  const any = anyRegex(regexes, 'keep');
  return any && ((s, kind) => (any(s, kind) ? undefined : 'drop'));
}

function keywords(pattern: RegExp | undefined, verdict: 'keep' | 'drop'): Rule | undefined {
  return pattern && ((s) => (keywordsMatchAny(pattern, matchFields(s)) ? verdict : undefined));
}
