/**
 * Stream formatter: the template language of formatter.md and the formatters of config.md §9.
 * Pure and browser-safe — compile once per config, then render each stream.
 */
import { BUILTIN_FORMATTERS, type TemplatePair } from './builtins.js';
import type { FormatterInput } from './fields.js';
import { parseTemplate } from './parse.js';
import { renderTemplate } from './render.js';

export type { FormatterInput, MetadataInput, StreamInput } from './fields.js';
export { BUILTIN_FORMATTERS, type TemplatePair } from './builtins.js';

export interface CompiledTemplate {
  render(input: FormatterInput): string;
}

export function compileTemplate(text: string): CompiledTemplate {
  const nodes = parseTemplate(text);
  return { render: (input) => renderTemplate(nodes, input) };
}

export interface FormatterDefinition {
  id: string;
  definitions?: {
    custom?: TemplatePair;
    overrides?: Record<string, TemplatePair>;
  };
}

export interface CompiledFormatter {
  format(input: FormatterInput): TemplatePair;
}

/** `custom` uses `definitions.custom`; any other id its override when present, else the built-in. */
function templatesFor(def: FormatterDefinition): TemplatePair {
  if (def.id === 'custom') {
    if (!def.definitions?.custom) throw new Error('formatter "custom" requires definitions.custom');
    return def.definitions.custom;
  }
  const override = def.definitions?.overrides?.[def.id];
  if (override) return override;
  if (!Object.hasOwn(BUILTIN_FORMATTERS, def.id)) throw new Error(`unknown formatter id "${def.id}"`);
  return BUILTIN_FORMATTERS[def.id]!;
}

/** Throws only for a definition config validation rejects (unknown id, `custom` without templates). */
export function compileFormatter(def: FormatterDefinition): CompiledFormatter {
  const pair = templatesFor(def);
  const name = compileTemplate(pair.name);
  const description = compileTemplate(pair.description);
  return { format: (input) => ({ name: name.render(input), description: description.render(input) }) };
}
