import { z } from 'zod';
import { configJsonSchema } from '../config/json-schema.js';
import {
  changePasswordBody,
  changePasswordData,
  createUserBody,
  createUserData,
  getUserData,
  updateUserBody,
  updateUserData,
  uuidData,
} from './user-api-schemas.js';
import { ERROR_CODES } from '../errors.js';
import { catalogueSchema } from '../presets/catalogue.js';

const toSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { target: 'openapi-3.0', unrepresentable: 'any' });

/**
 * zod writes the definitions a schema shares (recursive ones, such as a preset option's
 * sub-options) under the schema's own `definitions` and refers to them as `#/definitions/<name>`,
 * which in an OpenAPI document points at the document's root, where there is nothing. Moves them
 * into components.schemas and points the references there.
 */
function hoistDefinitions(schema: Record<string, any>, components: Record<string, unknown>): Record<string, any> {
  const defs = schema.definitions as Record<string, unknown> | undefined;
  if (!defs) return schema;
  delete schema.definitions;
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === '$ref' && typeof v === 'string' && v.startsWith('#/definitions/') ? `#/components/schemas/${v.slice('#/definitions/'.length)}` : rewrite(v),
      ]),
    );
  };
  for (const [name, def] of Object.entries(defs)) {
    if (name in components) throw new Error(`OpenAPI component ${name} defined twice`);
    components[name] = rewrite(def);
  }
  return rewrite(schema) as Record<string, any>;
}

const CONFIG_REF = { $ref: '#/components/schemas/UserConfig' };

/** Swaps the loose `config`/`userData` placeholders for a reference to the real config schema. */
function withConfigRef(schema: Record<string, any>): Record<string, any> {
  const props = schema.properties as Record<string, unknown> | undefined;
  if (props) for (const key of ['config', 'userData']) if (key in props) props[key] = CONFIG_REF;
  return schema;
}

function envelope(data: Record<string, unknown> | null) {
  return {
    type: 'object',
    required: ['success', 'detail', 'error', 'data'],
    properties: {
      success: { type: 'boolean' },
      detail: { type: 'string' },
      // `type` too: under OpenAPI 3.0, `nullable` means nothing without it.
      error: { type: 'object', nullable: true, allOf: [{ $ref: '#/components/schemas/Error' }] },
      data: data ?? { nullable: true },
    },
  };
}

const response = (description: string, data: Record<string, unknown> | null) => ({
  description,
  content: { 'application/json': { schema: envelope(data) } },
});
const errorResponse = (description: string) => response(description, null);
const body = (schema: z.ZodType) => ({
  required: true,
  content: { 'application/json': { schema: withConfigRef(toSchema(schema)) } },
});

const unavailable = errorResponse('The database is unavailable or the server is shutting down; see Retry-After');

const authErrors = {
  '401': errorResponse('Missing, malformed or wrong credentials (unknown uuid and wrong password look the same)'),
  '429': errorResponse('Rate limit exceeded; see Retry-After'),
  '503': unavailable,
};

/** The OpenAPI 3 document of the User API, built from the schemas the handlers validate with. */
export function buildOpenApiDocument(version: string): Record<string, unknown> {
  const shared: Record<string, unknown> = {};
  const catalogue = hoistDefinitions(toSchema(catalogueSchema), shared);
  return {
    openapi: '3.0.3',
    info: { title: 'AIOStreams-compatible User API', version },
    components: {
      securitySchemes: { basic: { type: 'http', scheme: 'basic', description: 'uuid (or alias) : password or encryptedPassword' } },
      schemas: {
        UserConfig: configJsonSchema(),
        Error: {
          type: 'object',
          required: ['code', 'message'],
          properties: {
            code: { type: 'string', enum: [...ERROR_CODES] },
            message: { type: 'string' },
            issues: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
          },
        },
        ...shared,
      },
    },
    paths: {
      '/api/v1/user': {
        head: {
          summary: 'Check that a user exists',
          parameters: [{ name: 'uuid', in: 'query', required: true, schema: { type: 'string' } }],
          responses: { '200': response('User exists', toSchema(uuidData)), '404': errorResponse('No such user'), '503': unavailable },
        },
        get: {
          summary: 'Get the user configuration and an encryptedPassword token',
          security: [{ basic: [] }],
          parameters: [{ name: 'raw', in: 'query', required: false, schema: { type: 'boolean' } }],
          responses: { '200': response('The configuration; ETag header carries its version', withConfigRef(toSchema(getUserData))), ...authErrors },
        },
        post: {
          summary: 'Create a user',
          requestBody: body(createUserBody),
          responses: {
            '201': response('Created', toSchema(createUserData)),
            '400': errorResponse('Invalid body or config'),
            '413': errorResponse('Body too large'),
            '429': authErrors['429'],
            '503': unavailable,
          },
        },
        put: {
          summary: 'Replace the configuration',
          security: [{ basic: [] }],
          parameters: [{ name: 'If-Match', in: 'header', required: false, schema: { type: 'string' } }],
          requestBody: body(updateUserBody),
          responses: {
            '200': response('Updated', withConfigRef(toSchema(updateUserData))),
            '400': errorResponse('Invalid body or config'),
            '412': errorResponse('If-Match no longer matches the stored version'),
            ...authErrors,
          },
        },
        delete: {
          summary: 'Delete the user',
          security: [{ basic: [] }],
          responses: { '200': response('Deleted', null), ...authErrors },
        },
      },
      '/api/v1/addon-manifest': {
        get: {
          summary: "Fetch an upstream addon's manifest through the server (the configure page's view of it)",
          parameters: [{ name: 'url', in: 'query', required: true, schema: { type: 'string', format: 'uri' } }],
          responses: {
            '200': response('The manifest', {
              type: 'object',
              required: ['manifestUrl', 'manifest'],
              properties: { manifestUrl: { type: 'string' }, manifest: { type: 'object' } },
            }),
            '400': errorResponse('Not a manifest URL, unreachable, or not a Stremio manifest'),
            '429': authErrors['429'],
          },
        },
      },
      '/api/v1/health': {
        get: {
          summary: 'Liveness: the process answers',
          responses: { '200': response('Alive', { type: 'object', properties: { version: { type: 'string' } } }), '503': unavailable },
        },
      },
      '/api/v1/ready': {
        get: {
          summary: 'Readiness: the database answers and its migrations have run',
          responses: { '200': response('Ready', { type: 'object', properties: { version: { type: 'string' } } }), '503': unavailable },
        },
      },
      '/api/v1/presets': {
        get: {
          summary: "Every preset kind's metadata: name, category, services, resources and option list (no secrets)",
          description: 'Built once per server version; send If-None-Match with the ETag to get a 304 when nothing changed.',
          responses: {
            '200': response('The preset catalogue; ETag header identifies it', catalogue),
            '304': { description: 'Not modified since the ETag given in If-None-Match' },
          },
        },
      },
      '/api/v1/user/password': {
        post: {
          summary: 'Change the password, keeping the configuration; old tokens stop working',
          security: [{ basic: [] }],
          requestBody: body(changePasswordBody),
          responses: { '200': response('Changed', toSchema(changePasswordData)), '400': errorResponse('Password too short'), ...authErrors },
        },
      },
    },
  };
}
