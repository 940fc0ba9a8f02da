/** Evaluation of a parsed template (formatter.md §6, §7, §9, §10). */
import type { FormatterInput } from './fields.js';
import { NOT_APPLICABLE } from './modifiers.js';
import type { Combiner, ExpressionNode, Node, Operand } from './parse.js';
import { isAbsent, isTrueLike, NEWLINE_MARKER, OUTPUT_CAP, REMOVE_LINE_MARKER, toText, typeName, type Value } from './value.js';

interface OperandResult {
  value: Value;
  /** Presence of the field before modifiers (§9). */
  present: boolean;
  error?: string;
}

function evaluateOperand(op: Operand, input: FormatterInput): OperandResult {
  let v: Value = op.field ? op.field.get(input) : op.literal;
  const present = op.alwaysPresent || !isAbsent(v);
  for (const mod of op.modifiers) {
    if (v === null && !mod.acceptsMissing) return { value: null, present }; // the chain stops
    const result = mod.apply(v, input);
    if (result === NOT_APPLICABLE) {
      return { value: null, present, error: `{unknown_${typeName(v!)}_modifier(${mod.raw})}` };
    }
    v = typeof result === 'string' && result.length > OUTPUT_CAP ? result.slice(0, OUTPUT_CAP) : result;
  }
  return { value: v, present };
}

const isPresent = (op: Operand, input: FormatterInput): boolean =>
  op.alwaysPresent || (op.field !== null && !isAbsent(op.field.get(input)));

function same(a: Value, b: Value): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((e, i) => e === b[i]);
  return a === b;
}

function combine(combiner: Combiner, left: Value, right: Value): Value {
  switch (combiner) {
    case 'and':
      return isTrueLike(left) ? right : left;
    case 'or':
      return isTrueLike(left) ? left : right;
    case 'xor':
      return isTrueLike(left) !== isTrueLike(right);
    case 'neq':
      return !same(left, right);
    case 'equal':
      return same(left, right);
    case 'left':
      return left;
    case 'right':
      return right;
  }
}

const combinePresence = (combiner: Combiner, left: boolean, right: boolean): boolean =>
  combiner === 'or' ? left || right : left && right;

/** Printed text, and whether the expression hides an enclosing optional group. */
interface Printed {
  text: string;
  hidesGroup: boolean;
}

function evaluate(expr: ExpressionNode, input: FormatterInput): Printed {
  const { operands, combiners, shortCircuit, branches } = expr;
  let value: Value = null;
  let present = false;
  let stopped = false;
  for (let k = 0; k < operands.length; k++) {
    const op = operands[k]!;
    const combiner = combiners[k - 1];
    if (combiner && !stopped) {
      stopped = (shortCircuit === 'and' && value === false) || (shortCircuit === 'or' && value === true);
    }
    if (stopped) {
      // Not evaluated, but still counted for group presence.
      present = combinePresence(combiner!, present, isPresent(op, input));
      continue;
    }
    const result = evaluateOperand(op, input);
    if (result.error !== undefined) return { text: result.error, hidesGroup: false };
    value = combiner ? combine(combiner, value, result.value) : result.value;
    present = combiner ? combinePresence(combiner, present, result.present) : result.present;
  }
  if (!branches) return { text: toText(value), hidesGroup: !present };
  let text: string;
  if (isAbsent(value)) text = branches[2] ? renderNodes(branches[2], input, false) : '';
  else if (typeof value !== 'boolean') text = `{cannot_coerce_boolean_for_check_from(${toText(value)})}`;
  else text = renderNodes(value ? branches[0]! : branches[1]!, input, false);
  return { text, hidesGroup: false };
}

/**
 * Render a node sequence. Inside a group (`inGroup`), a check-less expression whose field is
 * absent hides the whole group; output stops growing once it reaches the cap.
 */
function renderNodes(nodes: readonly Node[], input: FormatterInput, inGroup: boolean): string {
  let out = '';
  for (const node of nodes) {
    if (out.length >= OUTPUT_CAP) break;
    if (node.kind === 'text') out += node.text;
    else if (node.kind === 'group') out += renderNodes(node.children, input, true);
    else {
      const printed = evaluate(node, input);
      if (inGroup && printed.hidesGroup) return '';
      out += printed.text;
    }
  }
  return out;
}

const NON_BLANK = /\S/;

/**
 * §10: drop blank lines and lines holding a remove-line marker, then expand new-line markers. One
 * pass over the text (it runs for every stream, twice).
 */
export function cleanUp(text: string): string {
  let out = '';
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    if (NON_BLANK.test(line) && !line.includes(REMOVE_LINE_MARKER)) out = out ? `${out}\n${line}` : line;
    start = end + 1;
  }
  return out.includes(NEWLINE_MARKER) ? out.replaceAll(NEWLINE_MARKER, '\n') : out;
}

export function renderTemplate(nodes: readonly Node[], input: FormatterInput): string {
  return cleanUp(renderNodes(nodes, input, false));
}
