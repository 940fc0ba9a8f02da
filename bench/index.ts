import { existsSync } from 'node:fs';
import { benchStreams } from './streams.js';
import { benchUserApi } from './user-api.js';

/** `npm run bench [user|streams]`: prints figures; it asserts nothing (the issues name the targets). */
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
// Stream requests one at a time, for the latency percentiles.
const iterations = Number(process.env.BENCH_ITERATIONS ?? 100);
// Cold stream requests (10 concurrent clients) for the CPU and RSS figures; the shorter runs make a quarter of it.
const coldRequests = Number(process.env.BENCH_COLD_REQUESTS ?? 1200);
const only = process.argv[2];
if (!existsSync('dist/server.js')) {
  console.error('dist/server.js is missing: run `npm run build` (npm ci does it) first');
  process.exit(1);
}
if (!only || only === 'user') await benchUserApi(seconds);
if (!only || only === 'streams') await benchStreams(iterations, seconds, coldRequests);
