/**
 * Checks for custom formatter templates as they are typed (formatter.md). The server never refuses
 * a template: a broken expression prints as written or as `{invalid_expression(…)}`. So the page
 * runs the server's own parser on each `{…}` and says where one does not parse, why, and what was
 * probably meant; and it offers field names as completions. DOM-free.
 */
import { compileTemplate } from '../../../src/formatter/index.js';
import { lookupField } from '../../../src/formatter/fields.js';
import { PLAIN_MODIFIER_NAMES } from '../../../src/formatter/modifiers.js';
import { parseTemplate } from '../../../src/formatter/parse.js';

export interface TemplateProblem {
  /** Where the problem starts in the template (UTF-16 index). */
  index: number;
  line: number;
  column: number;
  message: string;
  /** What was probably meant, when there is a good guess. */
  suggestion?: string;
}

/**
 * Every field name, read from the formatter itself: `{debug.json}` prints every data field (absent
 * ones as null), so the list cannot drift from the fields the server knows.
 */
export const FIELD_NAMES: readonly string[] = (() => {
  const dump = compileTemplate('{debug.json}').render({ config: { addonName: '' }, addon: { name: '' }, stream: {} });
  const sections = JSON.parse(dump) as Record<string, Record<string, unknown>>;
  return [...Object.entries(sections).flatMap(([section, fields]) => Object.keys(fields).map((f) => `${section}.${f}`)), 'debug.json', 'debug.jsonf'];
})();

const COMBINERS = new Set(['and', 'or', 'xor', 'neq', 'equal', 'left', 'right']);

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = row[j]!;
      row[j] = next;
    }
  }
  return row[b.length]!;
}

/** The closest candidate, when it is close enough to be a typo. */
function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

/** Index of the `}` closing the `{` at `start`, counting nested braces; -1 when none. */
function closingBrace(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

const parsesAsExpression = (expr: string): boolean => {
  const nodes = parseTemplate(expr);
  return nodes.length === 1 && nodes[0]!.kind === 'expr';
};

const FIELD_AT_START = /^\{\s*([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)/;

/** Why one `{…}` (not a group or tool) does not parse, or undefined when it does. */
function expressionProblem(expr: string): Omit<TemplateProblem, 'index' | 'line' | 'column'> | undefined {
  if (parsesAsExpression(expr)) return undefined;
  const fields = [...expr.matchAll(/(?<![A-Za-z0-9_'"])([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z0-9_]+)/g)];
  for (const [name, section, property] of fields) {
    if (lookupField(section!, property!)) continue;
    const guess = closest(name!, FIELD_NAMES);
    return { message: `${name} is not a field`, ...(guess ? { suggestion: guess } : {}) };
  }
  if (/\s::|::\s/.test(expr)) return { message: 'no spaces are allowed around ::', suggestion: expr.replace(/\s*::\s*/g, '::') };
  const head = FIELD_AT_START.exec(expr);
  if (head) {
    // Grow the expression one modifier at a time: the first one after which it stops parsing is the culprit.
    const segments = expr.slice(head[0].length, -1).split('::').slice(1);
    let prefix = head[0];
    for (const segment of segments) {
      if (COMBINERS.has(segment.toLowerCase()) || segment.startsWith('[') || segment.includes('[')) break;
      if (!parsesAsExpression(`${prefix}::${segment}}`)) {
        const word = /^[A-Za-z_]+/.exec(segment)?.[0] ?? segment;
        const guess = closest(word, PLAIN_MODIFIER_NAMES);
        return { message: `::${segment} is not a modifier that works here`, ...(guess && guess !== word ? { suggestion: `::${guess}` } : {}) };
      }
      prefix += `::${segment}`;
    }
  }
  if (expr.includes('[')) return { message: 'a check needs two or three branches in double quotes', suggestion: '["yes"||"no"]' };
  return { message: 'this expression does not parse and would print as written' };
}

function position(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/** Every problem in a template, in order of position. */
export function checkTemplate(text: string): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const add = (index: number, p: Omit<TemplateProblem, 'index' | 'line' | 'column'>) => problems.push({ index, ...position(text, index), ...p });
  const openGroups: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text.startsWith('{?', i)) {
      openGroups.push(i);
      i++;
      continue;
    }
    if (text.startsWith('?}', i)) {
      if (openGroups.length) openGroups.pop();
      else add(i, { message: '?} closes no {? group and prints as written' });
      i++;
      continue;
    }
    if (text[i] !== '{' || /^\{\s*tools\.(newline|removeline)\s*\}/i.test(text.slice(i, i + 24))) continue;
    const end = closingBrace(text, i);
    if (end < 0) {
      const field = FIELD_AT_START.exec(text.slice(i));
      add(i, { message: 'this { is never closed, so it prints as written', ...(field ? { suggestion: `${field[0].replace(/^\{\s*/, '{')}}` } : {}) });
      continue;
    }
    const problem = expressionProblem(text.slice(i, end + 1));
    if (problem) add(i, problem);
  }
  openGroups.forEach((index) => add(index, { message: 'this {? group is never closed with ?}, so it prints as written' }));
  return problems.sort((a, b) => a.index - b.index);
}

/** Field names that complete the `{section.prop…` being typed before `caret`. */
export function fieldCompletions(text: string, caret: number): { from: number; options: string[] } | null {
  const m = /\{\s*([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]*)?)$/.exec(text.slice(0, caret));
  if (!m) return null;
  const typed = m[1]!.toLowerCase();
  const options = FIELD_NAMES.filter((f) => f.toLowerCase().startsWith(typed) && f.toLowerCase() !== typed).slice(0, 8);
  return options.length ? { from: caret - m[1]!.length, options } : null;
}

const TYPE_WORDS: Record<string, string> = { string: 'text', number: 'number', boolean: 'on/off', array: 'list' };

/**
 * Modifiers that parse but do not fit the value they get (`{stream.filename::bytes}`) only show
 * when rendered: `{unknown_<type>_modifier(<modifier>)}` in the output. Found in rendered samples
 * and placed at the modifier in the template.
 */
export function renderedProblems(template: string, rendered: readonly string[]): TemplateProblem[] {
  const seen = new Map<string, string>();
  for (const text of rendered) {
    for (const m of text.matchAll(/\{unknown_(\w+)_modifier\((.*?)\)\}/g)) seen.set(m[2]!, m[1]!);
  }
  return [...seen].map(([modifier, type]) => {
    const at = template.indexOf(`::${modifier}`);
    const index = at < 0 ? 0 : at;
    return { index, ...position(template, index), message: `::${modifier} does not work on ${TYPE_WORDS[type] ?? type} values` };
  });
}
