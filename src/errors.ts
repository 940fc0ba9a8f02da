/**
 * Error codes of the API (AIOStreams' names, so existing clients can switch on them).
 * Domain code throws AppError; only the HTTP layer turns a code into a status.
 */
export const ERROR_CODES = [
  'MISSING_REQUIRED_FIELDS',
  'USER_INVALID_DETAILS',
  'USER_INVALID_CONFIG',
  'USER_NEW_PASSWORD_TOO_SHORT',
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'NOT_FOUND',
  'RATE_LIMIT_EXCEEDED',
  'PARENT_CONFIG_SELF_REFERENCE',
  'PARENT_CONFIG_UNAVAILABLE',
  'PRECONDITION_FAILED',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'INTERNAL_SERVER_ERROR',
  'SERVICE_UNAVAILABLE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    /** Field-level problems, e.g. config validation issues with their paths. */
    public readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}
