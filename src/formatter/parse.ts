/**
 * Template text → AST (formatter.md §3, §8–§11). Parsing never fails: anything that is not a valid
 * group, tool or expression becomes literal text or an `{invalid_expression(…)}` text node.
 */
import { COMPARISON_OPERATORS } from './conditions.js';
import { lookupField, type FieldDef } from './fields.js';
import { callModifier, comparisonModifier, plainModifier, PLAIN_MODIFIER_NAMES, type Argument, type Modifier } from './modifiers.js';
import { NEWLINE_MARKER, REMOVE_LINE_MARKER } from './value.js';

export type Combiner = 'and' | 'or' | 'xor' | 'neq' | 'equal' | 'left' | 'right';

export interface Operand {
  /** The field read, or null for a quoted operand (whose text is `literal`). */
  field: FieldDef | null;
  literal: string;
  modifiers: Modifier[];
  /** Quoted operands and operands with `default(…)` always count as present (§9). */
  alwaysPresent: boolean;
}

export interface ExpressionNode {
  kind: 'expr';
  operands: Operand[];
  /** `combiners[k]` joins `operands[k]` and `operands[k + 1]`. */
  combiners: Combiner[];
  /** Set when every combiner is `and` (or every one is `or`): evaluation may stop early (§7). */
  shortCircuit: 'and' | 'or' | null;
  /** Two or three branches of a check, or null. */
  branches: Node[][] | null;
}

export type Node = { kind: 'text'; text: string } | { kind: 'group'; children: Node[] } | ExpressionNode;

/** Branch text at this level or deeper is printed as written (§8). */
const VERBATIM_LEVEL = 6;

const FIELD = /([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)/y;
const CALL_NAME = /([A-Za-z_][A-Za-z0-9_]*)\(/y;
const COMBINER = /(and|or|xor|neq|equal|left|right)::/iy;
const TOOL = /\{[ \t]*tools\.(newline|removeline)[ \t]*\}/iy;
const INTEGER = /\d+/y;
const FIELD_ARGUMENT = /\{([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)\}/y;
const NAME_CHAR = /[A-Za-z0-9_]/;
const WHITESPACE = /\s/;
const LOOKS_LIKE_FIELD = /^\s*[A-Za-z_][A-Za-z0-9_]*\s*\.\s*[A-Za-z0-9_]/;
const TOOL_IN_ARGUMENT = /\{tools\.(newline|removeline)\}/gi;

const [BACKSLASH, QUOTE, OPEN, CLOSE] = ['\\', '"', '{', '}'].map((c) => c.charCodeAt(0));

const toolMarker = (name: string): string => (name.toLowerCase() === 'newline' ? NEWLINE_MARKER : REMOVE_LINE_MARKER);
const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t';

/** Run a sticky regex at `pos`. */
function matchAt(re: RegExp, src: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(src);
}

export function parseTemplate(src: string): Node[] {
  return new Parser(src, 0, []).sequence();
}

interface Piece {
  node: Node;
  end: number;
}

const textPiece = (t: string, end: number): Piece => ({ node: { kind: 'text', text: t }, end });

/** Nodes being collected at one nesting of optional groups, with the pending literal text. */
interface Frame {
  nodes: Node[];
  text: string;
}

function flush(frame: Frame): void {
  if (frame.text) frame.nodes.push({ kind: 'text', text: frame.text });
  frame.text = '';
}

function append(frame: Frame, node: Node): void {
  if (node.kind === 'text') frame.text += node.text;
  else {
    flush(frame);
    frame.nodes.push(node);
  }
}

class Parser {
  constructor(
    private readonly src: string,
    private readonly level: number,
    /**
     * Branch texts already parsed, per level. A broken outer expression makes its inner
     * ones re-parse at a shallower level; without sharing, nested broken conditionals cost a
     * high power of their count.
     */
    private readonly branches: Map<string, Node[]>[],
  ) {}

  /**
   * One left-to-right pass. Groups are matched like brackets with an explicit stack (no recursion,
   * so deep nesting cannot overflow): `?}` closes the innermost open `{?`; a `{?` still open at the
   * end was unmatched and becomes plain text, its content rejoining the enclosing level.
   */
  sequence(): Node[] {
    const { src } = this;
    const stack: Frame[] = [{ nodes: [], text: '' }];
    let top = stack[0]!;
    let i = 0;
    while (i < src.length) {
      const c = src[i]!;
      if (c === '?' && src[i + 1] === '}' && stack.length > 1) {
        flush(top);
        const group: Node = { kind: 'group', children: stack.pop()!.nodes };
        top = stack[stack.length - 1]!;
        append(top, group);
        i += 2;
      } else if (c === '{' && src[i + 1] === '?') {
        flush(top);
        top = { nodes: [], text: '' };
        stack.push(top);
        i += 2;
      } else if (c === '{') {
        const piece = this.brace(i);
        append(top, piece.node);
        i = piece.end;
      } else if (c === '\\' && src[i + 1] === 'n') {
        top.text += '\n';
        i += 2;
      } else {
        top.text += c;
        i++;
      }
    }
    while (stack.length > 1) {
      const unmatched = stack.pop()!;
      flush(unmatched);
      top = stack[stack.length - 1]!;
      top.text += '{?';
      for (const node of unmatched.nodes) append(top, node);
    }
    flush(top);
    return top.nodes;
  }

  /** Whatever starts at a `{` (not `{?`): tool, expression, an invalid expression, or a plain `{`. */
  private brace(i: number): Piece {
    const { src } = this;
    const tool = matchAt(TOOL, src, i);
    if (tool) return textPiece(toolMarker(tool[1]!), TOOL.lastIndex);
    const expr = this.expression(i);
    if (expr) return expr;
    const close = src.indexOf('}', i + 1);
    if (close >= 0) {
      const inner = src.slice(i + 1, close);
      if (!inner.includes('{') && LOOKS_LIKE_FIELD.test(inner)) {
        return textPiece(`{invalid_expression(${inner.trim()})}`, close + 1);
      }
    }
    return textPiece('{', i + 1);
  }

  private skipSpaces(i: number): number {
    while (isSpace(this.src[i])) i++;
    return i;
  }

  private expression(start: number): Piece | null {
    const { src } = this;
    const first = this.operand(this.skipSpaces(start + 1));
    if (!first) return null;
    const operands = [first.operand];
    const combiners: Combiner[] = [];
    let i = first.end;
    while (src.startsWith('::', i)) {
      const combiner = matchAt(COMBINER, src, i + 2);
      if (!combiner) return null;
      const next = this.operand(COMBINER.lastIndex);
      if (!next) return null;
      combiners.push(combiner[1]!.toLowerCase() as Combiner);
      operands.push(next.operand);
      i = next.end;
    }
    let branches: Node[][] | null = null;
    if (src[i] === '[') {
      const check = this.check(i);
      if (!check) return null;
      branches = check.branches;
      i = check.end;
    }
    i = this.skipSpaces(i);
    if (src[i] !== '}') return null;
    const uniform = combiners.length > 0 && combiners.every((c) => c === combiners[0]) ? combiners[0] : undefined;
    const shortCircuit = uniform === 'and' || uniform === 'or' ? uniform : null;
    return { node: { kind: 'expr', operands, combiners, shortCircuit, branches }, end: i + 1 };
  }

  private operand(start: number): { operand: Operand; end: number } | null {
    const { src } = this;
    let field: FieldDef | null = null;
    let literal = '';
    let i = start;
    const quote = src[i];
    if (quote === "'" || quote === '"') {
      const close = src.indexOf(quote, i + 1);
      if (close < 0) return null;
      literal = src.slice(i + 1, close);
      i = close + 1;
    } else {
      const m = matchAt(FIELD, src, i);
      field = m ? (lookupField(m[1]!, m[2]!) ?? null) : null;
      if (!field) return null;
      i = FIELD.lastIndex;
    }
    const modifiers: Modifier[] = [];
    // `::` followed by a combiner and `::` ends the operand.
    while (src.startsWith('::', i) && !matchAt(COMBINER, src, i + 2)) {
      const mod = this.modifier(i + 2);
      if (!mod) return null;
      modifiers.push(mod.modifier);
      i = mod.end;
    }
    const alwaysPresent = field === null || modifiers.some((m) => m.makesPresent);
    return { operand: { field, literal, modifiers, alwaysPresent }, end: i };
  }

  /** §3: a call with the right argument shape, else a comparison, else the longest plain name. */
  private modifier(start: number): { modifier: Modifier; end: number } | null {
    const { src } = this;
    const call = matchAt(CALL_NAME, src, start);
    if (call) {
      const args = this.callArguments(CALL_NAME.lastIndex);
      const modifier = args && callModifier(call[1]!.toLowerCase(), args.args, src.slice(start, args.end));
      if (modifier && args) return { modifier, end: args.end };
    }
    for (const op of COMPARISON_OPERATORS) {
      if (!src.startsWith(op, start)) continue;
      const argStart = start + op.length;
      const end = this.comparisonEnd(argStart);
      return { modifier: comparisonModifier(op, src.slice(argStart, end), src.slice(start, end)), end };
    }
    for (const name of PLAIN_MODIFIER_NAMES) {
      const end = start + name.length;
      if (src.slice(start, end).toLowerCase() === name && !NAME_CHAR.test(src[end] ?? '')) {
        return { modifier: plainModifier(name, src.slice(start, end)), end };
      }
    }
    return null;
  }

  /** A comparison's argument runs up to the next `::`, `[`, `]` or `}`. */
  private comparisonEnd(start: number): number {
    const { src } = this;
    for (let i = start; i < src.length; i++) {
      const c = src[i];
      if (c === '[' || c === ']' || c === '}' || (c === ':' && src[i + 1] === ':')) return i;
    }
    return src.length;
  }

  private callArguments(start: number): { args: Argument[]; end: number } | null {
    const { src } = this;
    const args: Argument[] = [];
    let i = this.skipSpaces(start);
    if (src[i] === ')') return { args, end: i + 1 };
    for (;;) {
      const arg = this.argument(i);
      if (!arg) return null;
      args.push(arg.arg);
      i = this.skipSpaces(arg.end);
      if (src[i] === ')') return { args, end: i + 1 };
      if (src[i] !== ',') return null;
      i = this.skipSpaces(i + 1);
    }
  }

  private argument(i: number): { arg: Argument; end: number } | null {
    const { src } = this;
    const quote = src[i];
    if (quote === "'" || quote === '"') {
      // A closing quote counts only before `,`, `)` or whitespace: `replace('Director's Cut', 'DC')`.
      for (let k = src.indexOf(quote, i + 1); k >= 0; k = src.indexOf(quote, k + 1)) {
        const after = src[k + 1];
        if (after === ',' || after === ')' || (after !== undefined && WHITESPACE.test(after))) {
          const value = src.slice(i + 1, k).replace(TOOL_IN_ARGUMENT, (_, name: string) => toolMarker(name));
          return { arg: { kind: 'text', value }, end: k + 1 };
        }
      }
      return null;
    }
    const int = matchAt(INTEGER, src, i);
    if (int) return { arg: { kind: 'int', value: Number(int[0]) }, end: INTEGER.lastIndex };
    const ref = matchAt(FIELD_ARGUMENT, src, i);
    const field = ref ? lookupField(ref[1]!, ref[2]!) : undefined;
    return field ? { arg: { kind: 'field', field }, end: FIELD_ARGUMENT.lastIndex } : null;
  }

  private check(start: number): { branches: Node[][]; end: number } | null {
    const { src } = this;
    const branches: Node[][] = [];
    let i = start + 1;
    for (;;) {
      const branch = this.branch(i);
      if (!branch) return null;
      branches.push(branch.nodes);
      i = branch.end;
      if (src.startsWith('||', i) && branches.length < 3) i += 2;
      else if (src[i] === ']' && branches.length >= 2) return { branches, end: i + 1 };
      else return null;
    }
  }

  /**
   * A `"…"` branch. `\"` is a literal quote; a `"` closes only when every `{` opened inside the
   * branch is closed, so a branch can hold whole expressions with their own quotes. Escapes inside
   * such nested expressions are left for the nested parse.
   */
  private branch(start: number): { nodes: Node[]; end: number } | null {
    const { src } = this;
    if (src[start] !== '"') return null;
    let depth = 0;
    let text = '';
    let from = start + 1; // start of the text not yet copied into `text`
    for (let i = start + 1; i < src.length; i++) {
      const c = src.charCodeAt(i);
      if (c === BACKSLASH && src.charCodeAt(i + 1) === QUOTE) {
        if (depth === 0) {
          text += src.slice(from, i);
          from = i + 1; // drop the backslash, keep the quote
        }
        i++;
      } else if (c === QUOTE && depth === 0) {
        return { nodes: this.branchNodes(text + src.slice(from, i)), end: i + 1 };
      } else if (c === OPEN) depth++;
      else if (c === CLOSE && depth > 0) depth--;
    }
    return null;
  }

  private branchNodes(text: string): Node[] {
    const level = this.level + 1;
    if (level >= VERBATIM_LEVEL) return text ? [{ kind: 'text', text }] : [];
    const known = (this.branches[level] ??= new Map());
    let nodes = known.get(text);
    if (!nodes) {
      nodes = new Parser(text, level, this.branches).sequence();
      known.set(text, nodes);
    }
    return nodes;
  }
}
