import type { ErrorCode } from '../errors.js';

/** The one response shape of the API: {success, detail, error, data}. */
export interface Envelope<T> {
  success: boolean;
  detail: string;
  error: { code: ErrorCode; message: string; issues?: { path: string; message: string }[] } | null;
  data: T | null;
}

export const ok = <T>(detail: string, data: T): Envelope<T> => ({ success: true, detail, error: null, data });

export const fail = (code: ErrorCode, message: string, issues?: { path: string; message: string }[]): Envelope<never> => ({
  success: false,
  detail: message,
  error: issues?.length ? { code, message, issues } : { code, message },
  data: null,
});

export const STATUS_OF: Record<ErrorCode, number> = {
  MISSING_REQUIRED_FIELDS: 400,
  USER_INVALID_DETAILS: 401,
  USER_INVALID_CONFIG: 400,
  USER_NEW_PASSWORD_TOO_SHORT: 400,
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMIT_EXCEEDED: 429,
  PARENT_CONFIG_SELF_REFERENCE: 400,
  PARENT_CONFIG_UNAVAILABLE: 400,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
};
