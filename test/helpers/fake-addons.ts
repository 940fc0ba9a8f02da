import { AsyncLocalStorage } from 'node:async_hooks';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// stremio-addon-sdk is CommonJS without types.
const { addonBuilder, getRouter } = require('stremio-addon-sdk') as {
  addonBuilder: new (manifest: object) => {
    defineResourceHandler(resource: string, handler: (args: Omit<HandlerArgs, 'prefix'>) => Promise<object>): void;
    getInterface(): object;
  };
  getRouter: (iface: object) => (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
};

export interface HandlerArgs {
  type: string;
  id: string;
  extra: Record<string, string>;
  /**
   * The raw path before the protocol part (`/manifest.json` or `/<resource>/…`), e.g. a preset's
   * config segment; '' when the addon is asked at its root.
   */
  prefix: string;
}

export interface SeenRequest {
  /** The raw request target, path prefix and query string included. */
  url: string;
  headers: IncomingHttpHeaders;
}

export interface FakeAddon {
  /** The manifest URL to put in a config. */
  manifestUrl: string;
  base: string;
  /** Requests seen, by path (as sent: a config prefix is kept). */
  requests: string[];
  /** Every request as sent, with its headers. */
  seen: SeenRequest[];
  close(): Promise<void>;
}

const RESOURCE_NAMES = new Set(['stream', 'catalog', 'meta', 'subtitles', 'addon_catalog']);

/**
 * Splits a request target into the prefix a preset put before the protocol part and that part:
 * the final `/manifest.json`, or the final `/<resource>/<type>/<id>[/<extra>].json` (with the
 * query string). The prefix may be anything, `/`, `=`, `+` and `%XX` included.
 */
export function splitProtocolPath(url: string): { prefix: string; rest: string } {
  const q = url.indexOf('?');
  const path = q >= 0 ? url.slice(0, q) : url;
  const query = q >= 0 ? url.slice(q) : '';
  const segments = path.split('/');
  let keep = 0;
  if (segments.at(-1) === 'manifest.json') keep = 1;
  else if (path.endsWith('.json')) {
    // The resource sits 3 segments from the end, or 4 when an extra segment follows the id.
    if (RESOURCE_NAMES.has(segments.at(-3) ?? '')) keep = 3;
    else if (RESOURCE_NAMES.has(segments.at(-4) ?? '')) keep = 4;
  }
  if (keep === 0 || segments.length - keep < 1) return { prefix: '', rest: url };
  return { prefix: segments.slice(0, -keep).join('/'), rest: `/${segments.slice(-keep).join('/')}${query}` };
}

async function listen(server: Server, requests: string[], seen: SeenRequest[] = []): Promise<{ base: string; close(): Promise<void> }> {
  // Registered first, so it records the target before a handler rewrites it.
  server.prependListener('request', (req: IncomingMessage) => {
    requests.push(req.url ?? '');
    seen.push({ url: req.url ?? '', headers: { ...req.headers } });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface SdkAddonOptions {
  id: string;
  name: string;
  types?: string[];
  idPrefixes?: string[];
  catalogs?: { type: string; id: string; name: string; extra?: object[] }[];
  /** Resource → handler answering the protocol object ({streams}, {metas}, {meta}, {subtitles}, {addons}). */
  handlers: Partial<Record<'stream' | 'catalog' | 'meta' | 'subtitles' | 'addon_catalog', (args: HandlerArgs) => object | Promise<object>>>;
  /** Manifest `resources` as written (short or `{name, types, idPrefixes}` form); default: the handlers' names. */
  resources?: (string | { name: string; types?: string[]; idPrefixes?: string[] })[];
  /** Manifest `addonCatalogs` (for an `addon_catalog` handler). */
  addonCatalogs?: { type: string; id: string; name: string }[];
  /** Delay before every resource answer, ms. */
  delayMs?: number;
}

/**
 * A real Stremio addon built with stremio-addon-sdk, served on 127.0.0.1 at its root and under any
 * path prefix (the SDK router only knows root paths, so the prefix is cut off before it routes and
 * handed to the handlers as `prefix`).
 */
export async function startSdkAddon(opts: SdkAddonOptions): Promise<FakeAddon> {
  const resources = opts.resources ?? Object.keys(opts.handlers).filter((r) => r !== 'catalog');
  const builder = new addonBuilder({
    id: opts.id,
    version: '1.0.0',
    name: opts.name,
    description: `${opts.name} (test addon)`,
    resources,
    types: opts.types ?? ['movie', 'series'],
    ...(opts.idPrefixes ? { idPrefixes: opts.idPrefixes } : {}),
    catalogs: opts.catalogs ?? [],
    ...(opts.addonCatalogs ? { addonCatalogs: opts.addonCatalogs } : {}),
  });
  // The SDK calls handlers without the request: the prefix reaches them through the async context.
  const current = new AsyncLocalStorage<string>();
  for (const [resource, handler] of Object.entries(opts.handlers)) {
    builder.defineResourceHandler(resource, async (args) => {
      if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
      return handler({ ...args, prefix: current.getStore() ?? '' });
    });
  }
  const router = getRouter(builder.getInterface());
  const requests: string[] = [];
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const { prefix, rest } = splitProtocolPath(req.url ?? '');
    req.url = rest;
    current.run(prefix, () =>
      router(req, res, () => {
        res.statusCode = 404;
        res.end();
      }),
    );
  });
  const { base, close } = await listen(server, requests, seen);
  return { manifestUrl: `${base}/manifest.json`, base, requests, seen, close };
}

/** A plain node:http server for misbehaving upstreams (slow, 500, invalid JSON, huge, wrong type). */
export async function startRawAddon(
  manifest: object,
  onResource: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<FakeAddon> {
  const requests: string[] = [];
  const seen: SeenRequest[] = [];
  const body = JSON.stringify(manifest);
  const server = createServer((req, res) => {
    if (req.url?.split('?')[0]?.endsWith('/manifest.json')) {
      res.setHeader('content-type', 'application/json');
      res.setHeader('access-control-allow-origin', '*');
      return res.end(body);
    }
    onResource(req, res);
  });
  const { base, close } = await listen(server, requests, seen);
  return { manifestUrl: `${base}/manifest.json`, base, requests, seen, close };
}

export const rawManifest = (id: string, name: string) => ({
  id,
  version: '1.0.0',
  name,
  description: name,
  resources: ['stream'],
  types: ['movie', 'series'],
  catalogs: [],
});
