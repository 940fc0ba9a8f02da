import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// stremio-addon-sdk is CommonJS without types.
const { addonBuilder, getRouter } = require('stremio-addon-sdk') as {
  addonBuilder: new (manifest: object) => {
    defineResourceHandler(resource: string, handler: (args: HandlerArgs) => Promise<object>): void;
    getInterface(): object;
  };
  getRouter: (iface: object) => (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
};

export interface HandlerArgs {
  type: string;
  id: string;
  extra: Record<string, string>;
}

export interface FakeAddon {
  /** The manifest URL to put in a config. */
  manifestUrl: string;
  base: string;
  /** Requests seen, by path. */
  requests: string[];
  close(): Promise<void>;
}

async function listen(server: Server, requests: string[]): Promise<{ base: string; close(): Promise<void> }> {
  server.on('request', (req: IncomingMessage) => requests.push(req.url ?? ''));
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

/** A real Stremio addon built with stremio-addon-sdk, served on 127.0.0.1. */
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
  for (const [resource, handler] of Object.entries(opts.handlers)) {
    builder.defineResourceHandler(resource, async (args) => {
      if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
      return handler(args);
    });
  }
  const router = getRouter(builder.getInterface());
  const requests: string[] = [];
  const server = createServer((req, res) =>
    router(req, res, () => {
      res.statusCode = 404;
      res.end();
    }),
  );
  const { base, close } = await listen(server, requests);
  return { manifestUrl: `${base}/manifest.json`, base, requests, close };
}

/** A plain node:http server for misbehaving upstreams (slow, 500, invalid JSON, huge, wrong type). */
export async function startRawAddon(
  manifest: object,
  onResource: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<FakeAddon> {
  const requests: string[] = [];
  const body = JSON.stringify(manifest);
  const server = createServer((req, res) => {
    if (req.url?.split('?')[0]?.endsWith('/manifest.json')) {
      res.setHeader('content-type', 'application/json');
      res.setHeader('access-control-allow-origin', '*');
      return res.end(body);
    }
    onResource(req, res);
  });
  const { base, close } = await listen(server, requests);
  return { manifestUrl: `${base}/manifest.json`, base, requests, close };
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
