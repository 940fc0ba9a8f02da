import { readFileSync } from 'node:fs';

/** The parts of a V8 `.cpuprofile` (what `node --cpu-prof` writes) that self time needs. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Stages by source location, first match wins. URLs are file:///…/dist/… or node:… */
const STAGES: [stage: string, url: RegExp][] = [
  ['release-name parser', /\/node_modules\/@viren070\/parse-torrent-title\//],
  ['parse', /\/dist\/addon\/pipeline\/parse(\.js|\/)/],
  ['filter', /\/dist\/addon\/pipeline\/(filter\.js|stages\/)/],
  ['dedupe', /\/dist\/addon\/pipeline\/dedupe\.js/],
  // Preferred marks exist only as sort keys.
  ['sort', /\/dist\/addon\/pipeline\/(sort|preferred)\.js/],
  ['limit', /\/dist\/addon\/pipeline\/limit\.js/],
  ['format', /\/dist\/(addon\/pipeline\/format\.js|formatter\/)/],
  ['fetch/JSON', /\/node_modules\/undici\/|^node:internal\/deps\/undici\/|\/dist\/addon\/(upstream\/|pipeline\/fetch\.js)/],
  ['HTTP framework', /\/node_modules\/(fastify|@fastify\/[^/]+|find-my-way|avvio|light-my-request|fast-[^/]+|toad-cache)\/|^node:(_http_\w+|http|net|internal\/(http|stream_base_commons))$/],
];
export const STAGE_NAMES = [...STAGES.map(([s]) => s), 'garbage collector', 'program/idle', 'other'];

/**
 * Code without a source location of its own takes its caller's stage: built-ins and compiled
 * regular expressions (url ''), Node internals (buffers, streams, events, URL) and the attribute
 * helpers every pipeline stage shares. Otherwise a regex run by the release-name parser, or
 * Buffer work done for undici, would land in "other".
 */
const INHERITS = /^$|^node:|\/dist\/addon\/pipeline\/(attributes|user-regex|types)\.js$/;

function ownStage(functionName: string, url: string): string | undefined {
  if (functionName === '(garbage collector)') return 'garbage collector';
  // A worker thread (piscina) waiting for its next task is idle too.
  if (functionName === '(program)' || functionName === '(idle)' || (functionName === 'atomicsWaitLoop' && url.includes('/piscina/'))) return 'program/idle';
  // The root is no stage: Node internals called straight from the event loop end up in "other".
  if (functionName === '(root)') return 'other';
  return STAGES.find(([, re]) => re.test(url))?.[0] ?? (INHERITS.test(url) ? undefined : 'other');
}

/**
 * Self time per stage, in ms, of the samples taken between `fromUs` and `toUs` (the profile's
 * timestamps are CLOCK_MONOTONIC microseconds, the clock of `process.hrtime` on Linux, so the
 * server's start-up and shutdown can be left out).
 */
export function stageTimes(file: string, fromUs: number, toUs: number): Map<string, number> {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const stageOf = new Map<number, string>();
  const resolve = (id: number): string => {
    let stage = stageOf.get(id);
    if (stage) return stage;
    const { functionName, url } = byId.get(id)!.callFrame;
    const up = parent.get(id);
    stage = ownStage(functionName, url) ?? (up === undefined ? 'other' : resolve(up));
    stageOf.set(id, stage);
    return stage;
  };
  const out = new Map(STAGE_NAMES.map((s) => [s, 0]));
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i]!;
    // A sample stands for the interval until the next one.
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (t < fromUs || t > toUs) continue;
    const stage = resolve(profile.samples[i]!);
    out.set(stage, out.get(stage)! + ms);
  }
  return out;
}
