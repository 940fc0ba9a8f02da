import { z } from 'zod';
import { AppError } from '../errors.js';
import { MAX_PASSWORD_BYTES, MIN_PASSWORD_LENGTH } from '../users/password-policy.js';

/**
 * Request and response shapes of the User API. The handlers validate with these, and the OpenAPI
 * document is generated from them (the `config` object itself is described by the config schema).
 */
const configObject = z.looseObject({}).describe('A full user configuration (see the UserConfig schema)');
// Length rules live in one place (users/password-policy.ts, applied by the user service).
const password = z.string().describe(`at least ${MIN_PASSWORD_LENGTH} characters, at most ${MAX_PASSWORD_BYTES} bytes (UTF-8)`);

export const createUserBody = z.object({ config: configObject, password });
export const updateUserBody = z.object({ config: configObject });
export const changePasswordBody = z.object({ newPassword: password });

export const uuidData = z.object({ uuid: z.uuid() });
export const getUserData = z.object({ userData: configObject, encryptedPassword: z.string() });
export const createUserData = z.object({ uuid: z.uuid(), encryptedPassword: z.string() });
export const updateUserData = z.object({ uuid: z.uuid(), userData: configObject });
export const changePasswordData = z.object({ encryptedPassword: z.string() });

/** Parses a body, turning zod's findings into the API's error codes. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  if (body === undefined) throw new AppError('MISSING_REQUIRED_FIELDS', 'Request body is required (a JSON object)');
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new AppError('BAD_REQUEST', 'Request body must be a JSON object');
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const missing = issues.filter((i) => i.code === 'invalid_type' && (body as Record<string, unknown>)[String(i.path[0])] === undefined);
  if (missing.length) {
    throw new AppError('MISSING_REQUIRED_FIELDS', `Missing required fields: ${missing.map((i) => i.path.join('.')).join(', ')}`);
  }
  const first = issues[0]!;
  const field = first.path.join('.');
  if (field === 'config') throw new AppError('USER_INVALID_CONFIG', 'config must be a JSON object');
  if (first.code === 'invalid_type') throw new AppError('BAD_REQUEST', `${field} must be a ${first.expected}`);
  throw new AppError('BAD_REQUEST', `${field}: ${first.message}`);
}
