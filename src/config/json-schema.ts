/**
 * Writes the config JSON Schema to disk (committed as schema/config.schema.json for editors and
 * other clients). A test compares the committed file with `configJsonSchemaText()`, so it never
 * goes stale: regenerate with `npx tsx -e "import('./src/config/json-schema.ts').then(m => m.writeConfigJsonSchema('schema/config.schema.json'))"`.
 */
import { writeFileSync } from 'node:fs';
import { configJsonSchema } from './schema.js';

export { configJsonSchema };

/** The exact text written to disk: 2-space JSON with a trailing newline. */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}

export function writeConfigJsonSchema(path: string): void {
  writeFileSync(path, configJsonSchemaText());
}
