import { existsSync } from 'node:fs';
import { benchUserApi } from './user-api.js';

/** `npm run bench`: prints figures; it asserts nothing (the issues name the targets). */
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
if (!existsSync('dist/server.js')) {
  console.error('dist/server.js is missing: run `npm run build` (npm ci does it) first');
  process.exit(1);
}
await benchUserApi(seconds);
