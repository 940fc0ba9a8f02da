import { AppError } from '../errors.js';

/** The ETag of a stored config is its version: cheap, and exactly what If-Match must compare. */
export const etagOf = (version: number): string => `"${version}"`;

/**
 * The versions an If-Match header accepts: undefined when absent or `*` (the resource exists,
 * since the request authenticated), else the listed ones. Weak tags never match (RFC 9110).
 */
export function parseIfMatch(header: string | undefined): number[] | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (value === '*') return undefined;
  const tags = value.split(',').map((t) => t.trim()).filter(Boolean);
  if (!tags.length) throw new AppError('BAD_REQUEST', 'If-Match must be * or a list of ETags');
  const versions: number[] = [];
  for (const tag of tags) {
    if (tag.startsWith('W/')) continue;
    const m = /^"(\d{1,15})"$/.exec(tag);
    if (!m) throw new AppError('BAD_REQUEST', `If-Match holds a malformed ETag: ${tag.slice(0, 40)}`);
    versions.push(Number(m[1]));
  }
  return versions;
}
