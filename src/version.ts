import { readFileSync } from 'node:fs';

/** package.json's version, read once (works from src/ under tsx and from dist/). */
export const VERSION: string = (() => {
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.version && pkg.name === 'aiostreams-lite') return pkg.version;
    } catch {
      // try the next candidate
    }
  }
  return '0.0.0';
})();
