import cors from '@fastify/cors';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { serializeAnswer, type AddonAnswer, type AddonService } from '../addon/addon-service.js';
import type { ReadyConfigLoader } from '../addon/config-loader.js';
import { RESOURCES } from '../addon/addons.js';
import { errorMeta, errorStream } from '../addon/error-items.js';
import { unconfiguredManifest, type InstanceInfo } from '../addon/manifest.js';
import { AppError } from '../errors.js';
import type { AliasResolver } from '../users/aliases.js';

export interface StremioRouteDeps {
  addon: AddonService;
  loader: ReadyConfigLoader;
  aliases: AliasResolver;
  instance: InstanceInfo;
  /** Adds a Server-Timing header to resource answers (benchmarks, debugging). */
  serverTiming: boolean;
  /** BASE_URL: makes the alias redirect absolute (behind proxies that rewrite paths). */
  baseUrl?: string | undefined;
}

const RESOURCE_NAMES: ReadonlySet<string> = new Set(RESOURCES);

/** `stream/series/tt1%3A1%3A2.json` → its parts, decoded; null when it is not a resource path. */
export function parseResourcePath(rest: string): { resource: string; type: string; id: string; extra?: string } | null {
  const path = rest.split('?')[0]!;
  if (!path.endsWith('.json')) return null;
  const parts = path.slice(0, -'.json'.length).split('/');
  if (parts.length !== 3 && parts.length !== 4) return null;
  try {
    const [resource, type, id, extra] = parts.map((p, i) => (i === 3 ? p : decodeURIComponent(p)));
    if (!resource || !type || !id || !RESOURCE_NAMES.has(resource)) return null;
    return { resource, type, id, ...(extra ? { extra } : {}) };
  } catch {
    return null;
  }
}

/**
 * The `*` part of the route as it came on the wire. Fastify's `*` param is already decoded, which
 * would turn the extra `search=tom%20%26%20jerry` into two extras, decode ids twice, and put
 * non-Latin-1 text into a redirect's Location header (an invalid header: a 500).
 */
function rawRest(request: FastifyRequest): string {
  const q = request.url.indexOf('?');
  const path = q >= 0 ? request.url.slice(0, q) : request.url;
  return path.split('/').slice(request.routeOptions.url!.split('/').indexOf('*')).join('/');
}

const CREDENTIAL_MESSAGES = {
  deleted: 'This configuration does not exist (it may have been deleted). Create a new one from the configure page and reinstall.',
  credentials: 'This install link is no longer valid (the password was changed). Open the configure page, log in and reinstall.',
} as const;

function sendAnswer(reply: FastifyReply, answer: AddonAnswer, serverTiming: boolean) {
  if (serverTiming && answer.timings) {
    reply.header('server-timing', Object.entries(answer.timings).map(([k, v]) => `${k};dur=${v.toFixed(2)}`).join(', '));
  }
  const maxAge = answer.cacheMaxAge;
  reply.header('cache-control', maxAge > 0 ? `max-age=${maxAge}, stale-while-revalidate=${maxAge * 4}` : 'no-cache');
  return reply.type('application/json; charset=utf-8').send(answer.payload ?? serializeAnswer(answer));
}

/** What Stremio shows when the URL's credentials do not open a config: one item saying why. */
function credentialErrorBody(resource: string, message: string): Record<string, unknown> {
  switch (resource) {
    case 'stream':
      return { streams: [errorStream('Configuration', message)] };
    case 'catalog':
      return { metas: [errorMeta('error.config', 'Configuration', message)] };
    case 'meta':
      return { meta: errorMeta('error.config', 'Configuration', message) };
    case 'subtitles':
      return { subtitles: [] };
    default:
      return { addons: [] };
  }
}

/** The Stremio addon protocol under /stremio (CORS open: Stremio Web calls it from the browser). */
export async function stremioRoutes(app: FastifyInstance, deps: StremioRouteDeps): Promise<void> {
  const { addon, loader, aliases, instance, serverTiming, baseUrl } = deps;
  await app.register(cors, { origin: '*', methods: ['GET', 'HEAD', 'OPTIONS'] });

  app.get('/manifest.json', (_req, reply) => reply.header('cache-control', 'max-age=3600').send(unconfiguredManifest(instance)));

  app.get('/u/:alias/*', (request, reply) => {
    const { alias } = request.params as { alias: string };
    const entry = aliases.get(alias);
    if (!entry) throw new AppError('NOT_FOUND', 'Unknown alias');
    const q = request.url.indexOf('?');
    return reply.redirect(`${baseUrl ?? ''}/stremio/${entry.uuid}/${entry.encryptedPassword}/${rawRest(request)}${q >= 0 ? request.url.slice(q) : ''}`, 302);
  });

  app.get('/:uuid/:token/manifest.json', async (request, reply) => {
    const { uuid, token } = request.params as { uuid: string; token: string };
    const loaded = await loader.load(uuid, token);
    if (!loaded.ok) throw new AppError('USER_INVALID_DETAILS', CREDENTIAL_MESSAGES[loaded.reason]);
    const manifest = await addon.manifest(loaded.ready);
    return reply.header('cache-control', 'no-cache').type('application/json; charset=utf-8').send(manifest);
  });

  app.get('/:uuid/:token/*', async (request, reply) => {
    const { uuid, token } = request.params as { uuid: string; token: string; '*': string };
    const target = parseResourcePath(rawRest(request));
    if (!target) throw new AppError('NOT_FOUND', 'Not a Stremio resource path: expected <resource>/<type>/<id>[/<extra>].json');
    const loaded = await loader.load(uuid, token);
    if (!loaded.ok) {
      reply.header('cache-control', 'no-cache');
      return reply.send(credentialErrorBody(target.resource, CREDENTIAL_MESSAGES[loaded.reason]));
    }
    const { ready } = loaded;
    const { resource, type, id, extra } = target;
    switch (resource) {
      case 'stream':
        return sendAnswer(reply, await addon.streams(ready, type, id), serverTiming);
      case 'catalog':
        return sendAnswer(reply, await addon.catalog(ready, type, id, extra), serverTiming);
      case 'meta':
        return sendAnswer(reply, await addon.meta(ready, type, id), serverTiming);
      case 'subtitles':
        return sendAnswer(reply, await addon.subtitles(ready, type, id, extra), serverTiming);
      default:
        return sendAnswer(reply, await addon.addonCatalog(ready, type, id), serverTiming);
    }
  });
}
