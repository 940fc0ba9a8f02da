/** Conditions of formatter.md §5: they turn any value, absent included, into a boolean. */
import { isAbsent, type Value } from './value.js';

export const COMPARISON_OPERATORS = ['>=', '<=', '$', '^', '~', '=', '>', '<'] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

const WHITESPACE = /\s/;
const WHITESPACE_RUNS = /\s+/g;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

/** A number when the text reads as one after removing ", " sequences. */
function readNumber(text: string): number | null {
  const cleaned = text.replaceAll(', ', '');
  return NUMBER.test(cleaned) ? Number(cleaned) : null;
}

const elementText = (e: string | number): string => String(e).toLowerCase();

/** Compile `::<op><argument>`; the argument's two spellings are prepared once. */
export function compileComparison(op: ComparisonOperator, argument: string): (v: Value) => boolean {
  const withSpaces = argument.toLowerCase();
  const withoutSpaces = withSpaces.replace(WHITESPACE_RUNS, '');
  const numberWithSpaces = readNumber(withSpaces);
  const numberWithoutSpaces = readNumber(withoutSpaces);
  return (v) => {
    if (isAbsent(v) || v === null) return false;
    const list = Array.isArray(v) ? v : null;
    const text = (list ? list.join(', ') : String(v)).toLowerCase();
    // Whitespace is removed from x unless the value itself contains whitespace.
    const spaced = WHITESPACE.test(text);
    const x = spaced ? withSpaces : withoutSpaces;
    switch (op) {
      case '$':
        return list ? elementText(list[0]!) === x : text.startsWith(x);
      case '^':
        return list ? elementText(list[list.length - 1]!) === x : text.endsWith(x);
      case '~':
        return list ? list.some((e) => elementText(e) === x) : text.includes(x);
      default: {
        const a = readNumber(text);
        const b = spaced ? numberWithSpaces : numberWithoutSpaces;
        const [left, right]: [number | string, number | string] = a !== null && b !== null ? [a, b] : [text, x];
        if (op === '=') return left === right;
        if (op === '>') return left > right;
        if (op === '>=') return left >= right;
        if (op === '<') return left < right;
        return left <= right;
      }
    }
  };
}

export const isTrue = (v: Value): boolean => v === true;
export const isFalse = (v: Value): boolean => v === false;
export const exists = (v: Value): boolean => !isAbsent(v);

/** `in('a', 'b', …)`: the value as text (or any list element) equals an argument, ignoring case. */
export function compileIn(args: readonly string[]): (v: Value) => boolean {
  const wanted = new Set(args.map((a) => a.toLowerCase()));
  return (v) => {
    if (isAbsent(v) || v === null) return false;
    if (Array.isArray(v)) return v.some((e) => wanted.has(elementText(e)));
    return wanted.has(String(v).toLowerCase());
  };
}
