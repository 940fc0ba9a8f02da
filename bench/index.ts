import { existsSync } from 'node:fs';
import { benchStreams } from './streams.js';
import { benchUserApi } from './user-api.js';

/** `npm run bench [user|streams]`: prints figures; it asserts nothing (the issues name the targets). */
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const iterations = Number(process.env.BENCH_ITERATIONS ?? 100);
const only = process.argv[2];
if (!existsSync('dist/server.js')) {
  console.error('dist/server.js is missing: run `npm run build` (npm ci does it) first');
  process.exit(1);
}
if (!only || only === 'user') await benchUserApi(seconds);
if (!only || only === 'streams') await benchStreams(iterations, seconds);
