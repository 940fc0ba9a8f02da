import type { FastifyInstance } from 'fastify';
import { fetchJson } from '../addon/upstream/http-client.js';
import { readManifest } from '../addon/upstream/manifests.js';
import { AppError } from '../errors.js';
import { ok } from '../http/envelope.js';

/**
 * GET /api/v1/addon-manifest?url=<manifest url>: the configure page's way to read an upstream
 * addon's manifest. The browser cannot fetch it itself (the addon may send no CORS headers, or sit
 * on a private network the page may not reach); the server fetches it exactly as it will when the
 * config is used, and answers the envelope.
 */
export interface ManifestProxyOptions {
  timeoutMs?: number;
  maxBytes?: number;
}

const DEFAULT_TIMEOUT_MS = 7000;
const DEFAULT_MAX_BYTES = 1024 * 1024;
const MAX_URL_LENGTH = 4096;

/** An absolute http(s) URL whose path ends in /manifest.json, or a BAD_REQUEST saying what is wrong. */
export function checkManifestUrl(raw: unknown): URL {
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw new AppError('MISSING_REQUIRED_FIELDS', 'Missing required query parameter: url');
  }
  if (raw.length > MAX_URL_LENGTH) throw new AppError('BAD_REQUEST', `The URL is too long (at most ${MAX_URL_LENGTH} characters)`);
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AppError('BAD_REQUEST', 'Not a valid URL: a manifest URL looks like https://addon.example.com/manifest.json');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('BAD_REQUEST', `Only http(s) manifest URLs can be fetched (got ${url.protocol.replace(/:$/, '')}:)`);
  }
  if (!url.pathname.endsWith('/manifest.json')) {
    throw new AppError('BAD_REQUEST', 'Not a Stremio manifest URL: its path must end in /manifest.json');
  }
  return url;
}

export async function manifestProxyRoutes(app: FastifyInstance, options: ManifestProxyOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;

  app.get('/', async (request, reply) => {
    const url = checkManifestUrl((request.query as { url?: unknown }).url);
    const res = await fetchJson(url.href, { timeoutMs, maxBytes });
    if (!res.ok) throw new AppError('BAD_REQUEST', `Could not load the manifest: ${res.error}`);
    const manifest = readManifest(res.data);
    if (!manifest) {
      throw new AppError('BAD_REQUEST', 'The URL answered, but not with a Stremio addon manifest (it needs an id, resources and types)');
    }
    return reply
      .type('application/json; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(ok('Manifest fetched', { manifestUrl: url.href, manifest }));
  });
}
