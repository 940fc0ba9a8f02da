/**
 * A small JSON Schema (draft 2020-12) checker for the raw JSON editor: the keywords the published
 * config schema (/api/v1/schema/config.json) uses - type, enum, const, properties, required,
 * additionalProperties, propertyNames, items, prefixItems, min/maxItems, min/maxLength,
 * minimum/maximum, pattern, format (uri, uuid), allOf, if/then/else, anyOf, oneOf. The server
 * stays the authority; this gives quick feedback with the same dotted paths the server reports.
 * DOM-free (tested in Node against ajv and the server's validator).
 */
export type Schema = boolean | { [keyword: string]: unknown };

export interface SchemaIssue {
  path: string;
  message: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  if (type === 'number') return actual === 'number' || actual === 'integer';
  return actual === type;
}

const show = (v: unknown) => JSON.stringify(v);

function formatOk(format: string, value: string): boolean {
  if (format === 'uri') {
    try {
      return /^[a-z][a-z0-9+.-]*:/i.test(value) && !!new URL(value);
    } catch {
      return false;
    }
  }
  if (format === 'uuid') return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
  return true;
}

const joinPath = (path: string, key: string | number) => (path === '' ? String(key) : `${path}.${key}`);

export function checkSchema(schema: Schema, value: unknown, path = ''): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  check(schema, value, path, issues);
  return issues;
}

function check(schema: Schema, value: unknown, path: string, out: SchemaIssue[]): void {
  if (schema === true) return;
  if (schema === false) {
    out.push({ path, message: 'is not allowed here' });
    return;
  }
  const s = schema;

  if (typeof s.type === 'string' || Array.isArray(s.type)) {
    const types = (Array.isArray(s.type) ? s.type : [s.type]) as string[];
    if (!types.some((t) => typeMatches(value, t))) {
      out.push({ path, message: `expected ${types.join(' or ')}, got ${typeOf(value)}` });
      return; // the other keywords would only repeat the type error
    }
  }
  if ('const' in s && show(s.const) !== show(value)) out.push({ path, message: `must be ${show(s.const)}` });
  if (Array.isArray(s.enum) && !s.enum.some((e) => show(e) === show(value))) {
    const options = s.enum.length <= 12 ? `: one of ${s.enum.map(show).join(', ')}` : '';
    out.push({ path, message: `${show(value)} is not an allowed value${options}` });
  }

  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof s.minLength === 'number' && length < s.minLength) {
      out.push({ path, message: s.minLength === 1 ? 'must not be empty' : `must be at least ${s.minLength} characters` });
    }
    if (typeof s.maxLength === 'number' && length > s.maxLength) out.push({ path, message: `must be at most ${s.maxLength} characters` });
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value)) out.push({ path, message: `must match ${s.pattern}` });
    if (typeof s.format === 'string' && !formatOk(s.format, value)) out.push({ path, message: `must be a valid ${s.format}` });
  }

  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) out.push({ path, message: `must be ≥ ${s.minimum}` });
    if (typeof s.maximum === 'number' && value > s.maximum) out.push({ path, message: `must be ≤ ${s.maximum}` });
    if (typeof s.exclusiveMinimum === 'number' && value <= s.exclusiveMinimum) out.push({ path, message: `must be > ${s.exclusiveMinimum}` });
    if (typeof s.exclusiveMaximum === 'number' && value >= s.exclusiveMaximum) out.push({ path, message: `must be < ${s.exclusiveMaximum}` });
  }

  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems) out.push({ path, message: `must have at least ${s.minItems} items` });
    if (typeof s.maxItems === 'number' && value.length > s.maxItems) out.push({ path, message: `must have at most ${s.maxItems} items` });
    const prefix = Array.isArray(s.prefixItems) ? (s.prefixItems as Schema[]) : [];
    value.forEach((item, i) => {
      if (i < prefix.length) check(prefix[i]!, item, joinPath(path, i), out);
      else if (s.items !== undefined) check(s.items as Schema, item, joinPath(path, i), out);
    });
  }

  if (isObject(value)) {
    const props = isObject(s.properties) ? (s.properties as Record<string, Schema>) : {};
    if (Array.isArray(s.required)) {
      for (const key of s.required as string[]) if (!(key in value)) out.push({ path: joinPath(path, key), message: 'is required' });
    }
    for (const [key, v] of Object.entries(value)) {
      if (s.propertyNames !== undefined) {
        const nameIssues = checkSchema(s.propertyNames as Schema, key);
        if (nameIssues.length) out.push({ path: joinPath(path, key), message: `"${key}" is not an allowed key here` });
      }
      if (Object.hasOwn(props, key)) check(props[key]!, v, joinPath(path, key), out);
      else if (s.additionalProperties !== undefined) check(s.additionalProperties as Schema, v, joinPath(path, key), out);
    }
  }

  if (Array.isArray(s.allOf)) for (const sub of s.allOf as Schema[]) check(sub, value, path, out);
  if (Array.isArray(s.anyOf) && !(s.anyOf as Schema[]).some((sub) => checkSchema(sub, value, path).length === 0)) {
    out.push({ path, message: 'does not match any allowed shape' });
  }
  if (Array.isArray(s.oneOf) && (s.oneOf as Schema[]).filter((sub) => checkSchema(sub, value, path).length === 0).length !== 1) {
    out.push({ path, message: 'must match exactly one allowed shape' });
  }
  if (s.if !== undefined) {
    const matches = checkSchema(s.if as Schema, value, path).length === 0;
    if (matches && s.then !== undefined) check(s.then as Schema, value, path, out);
    if (!matches && s.else !== undefined) check(s.else as Schema, value, path, out);
  }
}
