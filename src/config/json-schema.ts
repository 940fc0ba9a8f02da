/**
 * The published config JSON Schema: the shape from the zod schema, plus each preset kind's options
 * from the preset registry (one `if type = X then options …` clause per kind). Committed as
 * schema/config.schema.json for editors and other clients; a test compares the committed file with
 * `configJsonSchemaText()`, so it never goes stale: regenerate with
 * `npx tsx -e "import('./src/config/json-schema.ts').then(m => m.writeConfigJsonSchema('schema/config.schema.json'))"`.
 */
import { writeFileSync } from 'node:fs';
import { KINDS } from '../presets/registry.js';
import type { OptionSpec } from '../presets/types.js';
import { baseConfigJsonSchema } from './schema.js';

type JsonObject = Record<string, unknown>;

/** The UI's "unset" marker is accepted for every option (presets.md §2). */
const orUnset = (schema: JsonObject): JsonObject => ({ anyOf: [schema, { const: 'undefined' }] });

function optionSchema(spec: OptionSpec): JsonObject {
  const about = { title: spec.name, ...(spec.description ? { description: spec.description } : {}), ...(spec.default !== undefined ? { default: spec.default } : {}) };
  switch (spec.type) {
    case 'number':
      return { ...about, ...orUnset({ type: 'number', ...(spec.min !== undefined ? { minimum: spec.min } : {}), ...(spec.max !== undefined ? { maximum: spec.max } : {}) }) };
    case 'boolean':
      return { ...about, ...orUnset({ type: 'boolean' }) };
    case 'multi-select':
      return {
        ...about,
        ...orUnset({
          type: 'array',
          items: { type: ['string', 'number'] },
          ...(spec.min !== undefined ? { minItems: spec.min } : {}),
          ...(spec.max !== undefined ? { maxItems: spec.max } : {}),
        }),
      };
    case 'subsection':
      return { ...about, ...orUnset(optionsSchema(spec.options ?? [])) };
    default:
      return { ...about, type: 'string' };
  }
}

/** Only options without a default are truly required: a required one left unset takes its default. */
function optionsSchema(options: readonly OptionSpec[]): JsonObject {
  const required = options.filter((o) => o.required && o.default === undefined).map((o) => o.id);
  return {
    type: 'object',
    properties: Object.fromEntries(options.map((o) => [o.id, optionSchema(o)])),
    ...(required.length ? { required } : {}),
  };
}

export function configJsonSchema(): Record<string, unknown> {
  const doc = baseConfigJsonSchema();
  doc.properties.presets.items.allOf = KINDS.filter((k) => !k.meta.removed).map((k) => ({
    if: { properties: { type: { const: k.meta.id } }, required: ['type'] },
    then: { properties: { options: optionsSchema(k.meta.options) } },
  }));
  return doc;
}

/** The exact text written to disk: 2-space JSON with a trailing newline. */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}

export function writeConfigJsonSchema(path: string): void {
  writeFileSync(path, configJsonSchemaText());
}
