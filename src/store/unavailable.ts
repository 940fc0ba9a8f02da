/**
 * Whether an error means "the database cannot be reached right now" (as opposed to a bug or bad
 * data): the request is answered 503 with Retry-After, and a cached config may still be served.
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * PostgreSQL SQLSTATEs of a server that is going away or not accepting work: connection exceptions
 * (class 08), admin/crash shutdown and "starting up" (57P01–57P03), too many connections (53300).
 * SQLITE_BUSY: another process held the file past busy_timeout.
 */
const DATABASE_CODES = new Set(['57P01', '57P02', '57P03', '53300', 'SQLITE_BUSY']);

/** node-postgres reports a dropped or timed-out connection by message only. */
const PG_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection timeout)/;

export function isStoreUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 3) return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || DATABASE_CODES.has(e.code) || e.code.startsWith('08'))) return true;
  if (typeof e.message === 'string' && PG_MESSAGES.test(e.message)) return true;
  // Node's happy-eyeballs connect reports every address it tried in an AggregateError.
  if (Array.isArray(e.errors) && e.errors.some((x) => isStoreUnavailable(x, depth + 1))) return true;
  return isStoreUnavailable(e.cause, depth + 1);
}
