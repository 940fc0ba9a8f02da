import { AppError } from '../errors.js';

export interface BasicCredentials {
  username: string;
  password: string;
}

const BASE64_RE = /^[A-Za-z0-9+/]+={0,2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses `Authorization: Basic base64(user:password)`. The password may hold colons (we split on
 * the first one: a uuid or alias has none) and any Unicode, sent as UTF-8.
 */
export function parseBasicAuth(header: string | undefined): BasicCredentials {
  if (!header) throw new AppError('UNAUTHORIZED', 'Authentication required: send Authorization: Basic base64(uuid:password)');
  const space = header.indexOf(' ');
  const scheme = space < 0 ? header : header.slice(0, space);
  if (scheme.toLowerCase() !== 'basic') {
    throw new AppError('UNAUTHORIZED', 'Unsupported authorization scheme: use Basic base64(uuid:password)');
  }
  const encoded = header.slice(space + 1).trim();
  if (!encoded || encoded.length % 4 === 1 || !BASE64_RE.test(encoded)) {
    throw new AppError('BAD_REQUEST', 'Authorization header is not valid base64');
  }
  let decoded: string;
  try {
    decoded = utf8.decode(Buffer.from(encoded, 'base64'));
  } catch {
    throw new AppError('BAD_REQUEST', 'Authorization credentials are not valid UTF-8');
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) throw new AppError('BAD_REQUEST', 'Authorization credentials must be uuid:password');
  const username = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  if (!username || !password) {
    throw new AppError('MISSING_REQUIRED_FIELDS', 'Authorization credentials need both a uuid and a password');
  }
  return { username, password };
}
