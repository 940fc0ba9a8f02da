/** The modifiers of formatter.md §4, compiled once into closures that render calls repeatedly. */
import { compileComparison, compileIn, exists, isFalse, isTrue, type ComparisonOperator } from './conditions.js';
import type { FieldDef, FormatterInput } from './fields.js';
import { codeOf, flagOf, mapUnique } from './languages.js';
import { compileDatePattern, compileTimePattern } from './patterns.js';
import { base64, compileTranslate, smallCaps, subscript, superscript, titleCase, truncate } from './text.js';
import { BINARY_BYTES, comma, DECIMAL_BYTES, formatBitrate, plainDuration, scaleUnits, stars, toMilliseconds, type Rounding } from './units.js';
import { isAbsent, OUTPUT_CAP, toText, type ListValue, type Value } from './value.js';

/** Returned when a modifier does not apply to the value's type (→ `{unknown_<type>_modifier(…)}`). */
export const NOT_APPLICABLE = Symbol('not applicable');
type ModifierResult = Value | typeof NOT_APPLICABLE;
type Present = Exclude<Value, null>;

export interface Modifier {
  /** The modifier as written, for error messages. */
  raw: string;
  /** Only `default` and conditions see a missing value; for the others a missing value stops the chain. */
  acceptsMissing: boolean;
  /** `default(…)` makes its operand count as present for optional groups (§9). */
  makesPresent: boolean;
  apply(v: Value, input: FormatterInput): ModifierResult;
}

export type Argument = { kind: 'text'; value: string } | { kind: 'int'; value: number } | { kind: 'field'; field: FieldDef };

type Apply = (v: Present, input: FormatterInput) => ModifierResult;
type Body = Omit<Modifier, 'raw'>;

const body = (apply: Apply): Body => ({ acceptsMissing: false, makesPresent: false, apply: apply as Modifier['apply'] });
const condition = (test: (v: Value) => boolean): Body => ({ acceptsMissing: true, makesPresent: false, apply: test });

const onString =
  (fn: (s: string) => Value): Apply =>
  (v) =>
    typeof v === 'string' ? fn(v) : NOT_APPLICABLE;
const onNumber =
  (fn: (n: number) => Value): Apply =>
  (v) =>
    typeof v === 'number' ? fn(v) : NOT_APPLICABLE;
const onList =
  (fn: (l: ListValue) => Value): Apply =>
  (v) =>
    Array.isArray(v) ? fn(v as ListValue) : NOT_APPLICABLE;
/** A modifier with a string form and a list form. */
const onStringOrList =
  (str: (s: string) => Value, list: (l: ListValue) => Value): Apply =>
  (v) =>
    typeof v === 'string' ? str(v) : Array.isArray(v) ? list(v as ListValue) : NOT_APPLICABLE;

const naturalOrder = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Numbers numerically, anything else in natural order (`2x, 10bit, A, b`). */
function naturalSort(list: ListValue): ListValue {
  const copy = [...list];
  if (copy.every((e) => typeof e === 'number')) return (copy as number[]).sort((a, b) => a - b);
  return copy.sort((a, b) => naturalOrder.compare(String(a), String(b)));
}

/**
 * `parts.join(sep)`, but it stops at OUTPUT_CAP: a replacement or separator of thousands of
 * characters times thousands of parts would otherwise build a huge string (or throw) only for
 * render to cut it to the cap afterwards.
 */
function joinCapped(parts: readonly string[], sep: string): string {
  let out = '';
  for (let i = 0; i < parts.length && out.length < OUTPUT_CAP; i++) out += (i > 0 ? sep : '') + parts[i]!;
  return out.length > OUTPUT_CAP ? out.slice(0, OUTPUT_CAP) : out;
}

const join = (sep: string) => onList((l) => joinCapped(l.map(String), sep));
const bytes = (base: number, mode: Rounding) => onNumber((n) => scaleUnits(n, base, base === 1000 ? DECIMAL_BYTES : BINARY_BYTES, mode));
const radix = (base: number) => onNumber((n) => Math.trunc(n).toString(base));
const languages = (fn: (s: string) => string) =>
  onStringOrList(fn, (l) => mapUnique(l.map(String), fn));
const removeAll = (s: string, parts: readonly string[]): string =>
  parts.reduce((acc, p) => (p === '' ? acc : acc.split(p).join('')), s);

const PLAIN: Record<string, Body> = {
  upper: body(onString((s) => s.toUpperCase())),
  lower: body(onString((s) => s.toLowerCase())),
  title: body(onString(titleCase)),
  length: body(onStringOrList((s) => String(s.length), (l) => l.length)),
  reverse: body(onStringOrList((s) => Array.from(s).reverse().join(''), (l) => [...l].reverse())),
  base64: body(onString(base64)),
  smallcaps: body(onString(smallCaps)),
  subscript: body(onString(subscript)),
  superscript: body(onString(superscript)),
  languagecode: body(languages(codeOf)),
  languageemoji: body(languages(flagOf)),
  bytes: body(bytes(1000, 'two')),
  bytes10: body(bytes(1000, 'two')),
  bytes2: body(bytes(1024, 'two')),
  rbytes: body(bytes(1000, 'whole')),
  rbytes10: body(bytes(1000, 'whole')),
  rbytes2: body(bytes(1024, 'whole')),
  sbytes: body(bytes(1000, 'compact')),
  sbytes10: body(bytes(1000, 'compact')),
  sbytes2: body(bytes(1024, 'compact')),
  bitrate: body(onNumber((n) => formatBitrate(n, 'two'))),
  rbitrate: body(onNumber((n) => formatBitrate(n, 'whole'))),
  sbitrate: body(onNumber((n) => formatBitrate(n, 'compact'))),
  comma: body(onNumber(comma)),
  hex: body(radix(16)),
  octal: body(radix(8)),
  binary: body(radix(2)),
  time: body(onNumber((n) => plainDuration(toMilliseconds(n)))),
  star: body(onNumber((n) => stars(n, false))),
  pstar: body(onNumber((n) => stars(n, true))),
  string: body((v) => toText(v)),
  join: body(join(', ')),
  first: body(onList((l) => l[0] ?? '')),
  last: body(onList((l) => l[l.length - 1] ?? '')),
  random: body(onList((l) => l[Math.floor(Math.random() * l.length)] ?? '')),
  sort: body(onList(naturalSort)),
  rsort: body(onList((l) => [...naturalSort(l)].reverse())),
  lsort: body(onList((l) => [...l].sort())),
  istrue: condition(isTrue),
  isfalse: condition(isFalse),
  exists: condition(exists),
};

/** Plain names, longest first, so the longest name that matches is tried first (§3). */
export const PLAIN_MODIFIER_NAMES = Object.keys(PLAIN).sort((a, b) => b.length - a.length);

export function plainModifier(name: string, raw: string): Modifier {
  return { raw, ...PLAIN[name]! };
}

const text = (arg: Argument | undefined): string => (arg?.kind === 'text' ? arg.value : '');
const int = (arg: Argument | undefined): number => (arg?.kind === 'int' ? arg.value : 0);

/** Argument shapes per call modifier (§3: a call is recognised only with the shape its name requires). */
const allText = (min: number, max: number) => (args: readonly Argument[]) =>
  args.length >= min && args.length <= max && args.every((a) => a.kind === 'text');
const allInt = (min: number, max: number) => (args: readonly Argument[]) =>
  args.length >= min && args.length <= max && args.every((a) => a.kind === 'int');

interface CallDef {
  accepts(args: readonly Argument[]): boolean;
  build(args: readonly Argument[]): Body;
}

const CALLS: Record<string, CallDef> = {
  default: {
    accepts: allText(1, 1),
    build: ([fallback]) => ({
      acceptsMissing: true,
      makesPresent: true,
      apply: (v) => (isAbsent(v) ? text(fallback) : v),
    }),
  },
  in: { accepts: allText(1, Infinity), build: (args) => condition(compileIn(args.map(text))) },
  replace: {
    accepts: (args) => args.length === 2 && args[0]!.kind !== 'int' && args[1]!.kind === 'text',
    build: ([find, replacement]) => {
      const to = text(replacement);
      return body((v, input) => {
        if (typeof v !== 'string') return NOT_APPLICABLE;
        // `find` may be a field, searched for with its value for this stream.
        const from = find?.kind === 'field' ? toText(find.field.get(input)) : text(find);
        return from === '' ? v : joinCapped(v.split(from), to);
      });
    },
  },
  remove: {
    accepts: allText(1, Infinity),
    build: (args) => {
      const parts = args.map(text);
      const drop = new Set(parts);
      return body(onStringOrList((s) => removeAll(s, parts), (l) => l.filter((e) => !drop.has(String(e)))));
    },
  },
  truncate: { accepts: allInt(1, 1), build: ([n]) => body(onString((s) => truncate(s, int(n)))) },
  translate: {
    accepts: allText(2, 2),
    build: ([from, to]) => body(onString(compileTranslate(text(from), text(to)))),
  },
  date: {
    accepts: allText(1, 1),
    build: ([pattern]) => body(onString(compileDatePattern(text(pattern)))),
  },
  join: { accepts: allText(1, 1), build: ([sep]) => body(join(text(sep))) },
  slice: {
    accepts: allInt(1, 2),
    build: ([start, end]) => body(onList((l) => l.slice(int(start), end ? int(end) : undefined))),
  },
  time: {
    accepts: allText(1, 1),
    build: ([pattern]) => {
      const format = compileTimePattern(text(pattern));
      return body(onNumber((n) => format(toMilliseconds(n))));
    },
  },
};

/** A call modifier, or undefined when `name` takes no call or `args` lack the required shape. */
export function callModifier(name: string, args: readonly Argument[], raw: string): Modifier | undefined {
  const def = CALLS[name];
  if (!def || !def.accepts(args)) return undefined;
  return { raw, ...def.build(args) };
}

export function comparisonModifier(op: ComparisonOperator, argument: string, raw: string): Modifier {
  return { raw, ...condition(compileComparison(op, argument)) };
}
