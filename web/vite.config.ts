import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const outDir = here('../dist/web');

/**
 * Writes .gz and .br next to every JS/CSS asset, so the server (@fastify/static, preCompressed)
 * sends compressed bytes without compressing per request.
 */
function precompress(): Plugin {
  return {
    name: 'precompress-assets',
    apply: 'build',
    closeBundle() {
      const dir = path.join(outDir, 'assets');
      for (const name of readdirSync(dir)) {
        if (!/\.(js|css|svg|json)$/.test(name)) continue;
        const file = path.join(dir, name);
        const bytes = readFileSync(file);
        writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
        writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
    },
  };
}

/** The configure page: built into dist/web, served by the Fastify server (src/routes/configure.ts). */
export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [preact({ devToolsInProd: false, prefreshEnabled: false }), precompress()],
  // The page bundles the server's preset code to preview expansions; its one Node import gets a
  // browser stand-in (src/shims).
  resolve: { alias: { 'node:crypto': here('src/shims/node-crypto.ts') } },
  publicDir: false,
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    assetsDir: 'assets',
    sourcemap: false,
    reportCompressedSize: true,
    modulePreload: { polyfill: false },
  },
  server: {
    // `npm run dev:web` for page work, against a server on :3000 for the API.
    proxy: { '/api': 'http://127.0.0.1:3000', '/stremio/manifest.json': 'http://127.0.0.1:3000' },
  },
});
