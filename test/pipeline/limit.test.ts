import { describe, expect, it } from 'vitest';
import { compileLimiter } from '../../src/addon/pipeline/limit.js';
import type { ParsedStream } from '../../src/addon/pipeline/types.js';
import { addonRef, parsedStream } from '../helpers/parsed-streams.js';
import type { UserConfig } from '../../src/config/schema.js';

// ---- fixtures -------------------------------------------------------------------------------

const addon = addonRef;
const A = addon('a', 0);
const B = addon('b', 1);

/** A cached Real-Debrid stream with empty lists; `filename` doubles as the test label. */
function stream(filename: string, over: Partial<ParsedStream> = {}): ParsedStream {
  return parsedStream(A, { filename, ...over });
}

function run(resultLimits: Record<string, unknown> | undefined, streams: ParsedStream[]): string[] {
  const config = { presets: [], formatter: { id: 'prism' }, sortCriteria: { global: [] }, resultLimits } as UserConfig;
  return compileLimiter(config)(streams).map((s) => s.filename ?? '?');
}

const labels = (n: number, over: (i: number) => Partial<ParsedStream> = () => ({})) =>
  Array.from({ length: n }, (_, i) => stream(String(i + 1), over(i)));

// ---- tests ----------------------------------------------------------------------------------

describe('limit: global and uncounted streams (§8)', () => {
  it('keeps everything without limits', () => {
    expect(run(undefined, labels(3))).toEqual(['1', '2', '3']);
    expect(run({ mode: 'conjunctive' }, labels(3))).toEqual(['1', '2', '3']);
  });

  it('keeps the first `global` streams', () => {
    expect(run({ global: 2 }, labels(4))).toEqual(['1', '2']);
  });

  it('does not count info and passthrough streams, but cuts them once global is reached', () => {
    const pass = addon('lib', 2, { resultPassthrough: true });
    const streams = [
      stream('info', { type: 'info', service: undefined }), stream('1'), stream('pass', { addon: pass }),
      stream('2'), stream('late-info', { type: 'info', service: undefined }), stream('3'),
    ];
    expect(run({ global: 2 }, streams)).toEqual(['info', '1', 'pass', '2']);
    expect(run({ resolution: 1 }, streams)).toEqual(['info', '1', 'pass', 'late-info']);
  });

  it('starts each call from zero counts', () => {
    const config = { presets: [], formatter: { id: 'prism' }, sortCriteria: { global: [] }, resultLimits: { global: 1, resolution: 1 } } as UserConfig;
    const limit = compileLimiter(config);
    expect(limit(labels(2)).map((s) => s.filename)).toEqual(['1']);
    expect(limit(labels(2)).map((s) => s.filename)).toEqual(['1']);
  });
});

describe('limit: independent mode (§8)', () => {
  it('caps each category value; resolution and quality count missing as Unknown', () => {
    const res = ['2160p', '1080p', '2160p', undefined, '2160p', undefined, undefined] as const;
    const streams = labels(res.length, (i) => ({ resolution: res[i] }));
    expect(run({ resolution: 2 }, streams)).toEqual(['1', '2', '3', '4', '6']);
    expect(run({ quality: 2 }, labels(3))).toEqual(['1', '2']);
  });

  it('indexer, release group and service only count streams that have one', () => {
    const streams = labels(4, (i) => (i < 2 ? { indexer: 'X', releaseGroup: 'G', service: { id: 'torbox', cached: true } } : { service: undefined, type: 'p2p' }));
    expect(run({ indexer: 1 }, streams)).toEqual(['1', '3', '4']);
    expect(run({ releaseGroup: 1 }, streams)).toEqual(['1', '3', '4']);
    expect(run({ service: 1 }, streams)).toEqual(['1', '3', '4']);
  });

  it('addon counts per preset and streamType per type', () => {
    const streams = [stream('a1'), stream('b1', { addon: B }), stream('a2'), stream('b2', { addon: B, type: 'usenet' })];
    expect(run({ addon: 1 }, streams)).toEqual(['a1', 'b1']);
    expect(run({ streamType: 1 }, streams)).toEqual(['a1', 'b2']);
  });

  it('AIOStreams quirk: a passed category is counted even when a later one drops the stream', () => {
    const streams = [
      stream('1', { indexer: 'X', resolution: '1080p' }),
      stream('2', { indexer: 'X', resolution: '1080p' }), // indexer X counted (2), dropped by resolution
      stream('3', { indexer: 'X', resolution: '720p' }), // indexer X already at 2
    ];
    expect(run({ indexer: 2, resolution: 1 }, streams)).toEqual(['1']);
    // The drop of '2' does not count against the global limit.
    expect(run({ global: 2, resolution: 1 }, streams)).toEqual(['1', '3']);
  });
});

describe('limit: conjunctive mode (§8)', () => {
  it('caps each combination of the enabled categories at the smallest limit', () => {
    const combos: Array<[ParsedStream['resolution'], 'realdebrid' | 'torbox']> = [
      ['1080p', 'realdebrid'], ['1080p', 'realdebrid'], ['1080p', 'torbox'], ['1080p', 'realdebrid'],
      ['720p', 'realdebrid'], ['1080p', 'torbox'], ['1080p', 'torbox'],
    ];
    const streams = labels(combos.length, (i) => ({ resolution: combos[i]![0], service: { id: combos[i]![1], cached: true } }));
    expect(run({ mode: 'conjunctive', resolution: 5, service: 2 }, streams)).toEqual(['1', '2', '3', '5', '6']);
    expect(run({ mode: 'conjunctive', resolution: 5, service: 2, global: 3 }, streams)).toEqual(['1', '2', '3']);
  });

  it('leaves a missing indexer/group/service out of the key; with none, only global applies', () => {
    const streams = [
      stream('x1', { indexer: 'X' }), stream('n1'), stream('x2', { indexer: 'X' }), stream('n2'), stream('n3'),
    ];
    expect(run({ mode: 'conjunctive', indexer: 1 }, streams)).toEqual(['x1', 'n1', 'n2', 'n3']);
    // With resolution enabled too, the service-less streams share (none, Unknown), capped at 1.
    expect(run({ mode: 'conjunctive', indexer: 1, resolution: 2 }, streams)).toEqual(['x1', 'n1']);
  });
});
