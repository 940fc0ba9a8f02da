import { describe, expect, it } from 'vitest';
import { compileDeduplicator } from '../../src/addon/pipeline/dedupe.js';
import type { ParsedStream } from '../../src/addon/pipeline/types.js';
import { addonRef, parsedStream } from '../helpers/parsed-streams.js';
import type { UserConfig } from '../../src/config/schema.js';

// ---- fixtures -------------------------------------------------------------------------------

const addon = addonRef;
const A = addon('a', 0);
const B = addon('b', 1);
const C = addon('c', 2);

/** A cached Real-Debrid stream of "Movie.2021.1080p.mkv"; `message` is the test label. */
function stream(label: string, over: Partial<ParsedStream> = {}): ParsedStream {
  return parsedStream(A, { filename: 'Movie.2021.1080p.mkv', message: label, ...over });
}
const uncached = (label: string, over: Partial<ParsedStream> = {}) =>
  stream(label, { service: { id: 'realdebrid', cached: false }, ...over });
const p2p = (label: string, over: Partial<ParsedStream> = {}) =>
  stream(label, { type: 'p2p', service: undefined, ...over });

function config(dedup: Record<string, unknown>, over: Record<string, unknown> = {}): UserConfig {
  return {
    presets: [], formatter: { id: 'prism' }, sortCriteria: { global: [] },
    services: [
      { id: 'torbox', enabled: true, credentials: {} },
      { id: 'alldebrid', enabled: false, credentials: {} },
      { id: 'premiumize', credentials: {} },
      { id: 'realdebrid', enabled: true, credentials: {} },
    ],
    deduplicator: { enabled: true, ...dedup }, ...over,
  } as UserConfig;
}

function run(dedup: Record<string, unknown>, streams: ParsedStream[], over: Record<string, unknown> = {}): string[] {
  return compileDeduplicator(config(dedup, over))(streams).map((s) => s.message ?? '?');
}

const HASH = 'a'.repeat(40);

// ---- tests ----------------------------------------------------------------------------------

describe('dedupe: switch and keys (§7.1, §7.2)', () => {
  it('is off unless enabled is true', () => {
    const streams = [stream('1'), stream('2')];
    const off = { presets: [], formatter: { id: 'prism' }, sortCriteria: { global: [] } } as UserConfig;
    expect(compileDeduplicator(off)(streams)).toBe(streams);
    expect(run({ enabled: false }, streams)).toEqual(['1', '2']);
  });

  it('groups by normalised filename (extension, case and punctuation ignored)', () => {
    const streams = [
      stream('1', { filename: 'Movie.2021.1080p.mkv' }),
      stream('2', { filename: 'movie 2021 1080p' }),
      stream('3', { filename: 'Movie.2021.720p.mkv' }),
      stream('4', { filename: undefined }),
      stream('5', { filename: undefined }),
    ];
    expect(run({ cached: 'single_result' }, streams)).toEqual(['1', '3', '4', '5']);
  });

  it('groups by info hash + file index, never by the hash alone', () => {
    const file = (label: string, fileIdx: number | undefined) =>
      stream(label, { filename: `Show.S01E0${label}.mkv`, infoHash: HASH, fileIdx });
    const streams = [file('1', 0), file('2', 1), file('3', 1), file('4', undefined)];
    expect(run({ cached: 'single_result' }, streams)).toEqual(['1', '2']);
    expect(run({ cached: 'single_result', keys: ['filename'] }, streams)).toEqual(['1', '2', '3', '4']);
  });

  it('usenet streams use the NZB URL as their hash key', () => {
    const nzb = (label: string, nzbUrl: string) =>
      stream(label, { type: 'stremio-usenet', service: undefined, filename: label, nzbUrl, infoHash: HASH });
    const streams = [
      nzb('1', 'https://x/1.nzb'), nzb('2', 'https://x/1.nzb'), nzb('3', 'https://x/2.nzb'),
      stream('4', { type: 'usenet', service: { id: 'easynews', cached: true }, filename: '4', nzbUrl: 'https://x/2.nzb' }),
      stream('5', { type: 'usenet', service: { id: 'easynews', cached: true }, filename: '5', nzbUrl: 'https://x/3.nzb' }),
    ];
    // Service-less stremio-usenet duplicates are all kept (Deviation); 3 and 4 share a key, but
    // are different categories, so both stay.
    expect(run({ cached: 'single_result' }, streams)).toEqual(['1', '2', '3', '4', '5']);
    const usenetDupes = [streams[3]!, stream('6', { ...streams[3]!, message: '6' })];
    expect(run({ cached: 'single_result' }, usenetDupes)).toEqual(['4']);
  });

  it('is transitive: A~B by filename and B~C by hash form one group', () => {
    const streams = [
      stream('1', { filename: 'x.mkv' }),
      stream('2', { filename: 'x.mkv', infoHash: HASH }),
      stream('3', { filename: 'y.mkv', infoHash: HASH }),
    ];
    expect(run({ cached: 'single_result' }, streams)).toEqual(['1']);
    expect(run({ cached: 'single_result', keys: ['filename'] }, streams)).toEqual(['1', '3']);
  });

  it('smartDetect groups equal attributes within a 10% size bucket', () => {
    const attrs = { resolution: '1080p', quality: 'BluRay', releaseGroup: 'GRP' } as const;
    const streams = [
      stream('1', { ...attrs, filename: 'a', size: 10_000_000_000 }),
      stream('2', { ...attrs, filename: 'b', size: 10_050_000_000 }),
      stream('3', { ...attrs, filename: 'c', size: 14_000_000_000 }),
      stream('4', { ...attrs, filename: 'd' }),
      stream('5', { ...attrs, filename: 'e' }),
    ];
    expect(run({ cached: 'single_result', keys: ['smartDetect'] }, streams)).toEqual(['1', '3', '4', '5']);
  });
});

describe('dedupe: modes and winners (§7.3, §7.5)', () => {
  it('defaults: cached/uncached/p2p per_addon, http disabled', () => {
    const streams = [
      stream('a1'), stream('a2'), stream('b1', { addon: B }),
      stream('h1', { type: 'http', service: undefined }), stream('h2', { type: 'http', service: undefined }),
    ];
    expect(run({}, streams)).toEqual(['a1', 'b1', 'h1', 'h2']);
  });

  it('ranks by position among enabled services first (no service last)', () => {
    const streams = [
      stream('pm', { service: { id: 'premiumize', cached: true } }),
      stream('rd'),
      stream('ad', { service: { id: 'alldebrid', cached: true } }),
      stream('tb', { service: { id: 'torbox', cached: true }, addon: C }),
    ];
    expect(run({ cached: 'single_result' }, streams)).toEqual(['tb']);
    // Premiumize has no `enabled` and AllDebrid is disabled: both rank after Real-Debrid.
    expect(run({ cached: 'single_result' }, streams.slice(0, 3))).toEqual(['rd']);
  });

  it('then more seeders (p2p and uncached only, both known), preset position, preferred type, arrival', () => {
    expect(run({ p2p: 'single_result' }, [p2p('few', { seeders: 3 }), p2p('many', { seeders: 30, addon: B })]))
      .toEqual(['many']);
    expect(run({ uncached: 'single_result' }, [uncached('few', { seeders: 3 }), uncached('many', { seeders: 30, addon: B })]))
      .toEqual(['many']);
    expect(run({ cached: 'single_result' }, [stream('few', { seeders: 3 }), stream('many', { seeders: 30, addon: B })]))
      .toEqual(['few']);
    expect(run({ p2p: 'single_result' }, [p2p('unknown', { addon: B }), p2p('known', { seeders: 1, addon: C })]))
      .toEqual(['unknown']);
    expect(run({ p2p: 'single_result' }, [p2p('c', { addon: C }), p2p('b', { addon: B })])).toEqual(['b']);
    expect(run({ p2p: 'single_result' }, [p2p('first'), p2p('second')])).toEqual(['first']);
  });

  it('preferredStreamTypes breaks ties inside a category', () => {
    // Both cached, both services ranked last (Premiumize is not enabled, Easynews not listed).
    const streams = [
      stream('debrid', { service: { id: 'premiumize', cached: true } }),
      stream('usenet', { type: 'usenet', service: { id: 'easynews', cached: true } }),
    ];
    expect(run({ cached: 'single_result' }, streams)).toEqual(['debrid']);
    expect(run({ cached: 'single_result' }, streams, { preferredStreamTypes: ['usenet', 'debrid'] })).toEqual(['usenet']);
  });

  it('per_service keeps one per service; service-less streams share one (Deviation)', () => {
    const streams = [
      stream('rd1'), stream('rd2', { addon: B }), stream('tb1', { service: { id: 'torbox', cached: true } }),
      stream('h1', { type: 'http', service: undefined }), stream('h2', { type: 'http', service: undefined }),
    ];
    expect(run({ cached: 'per_service', http: 'per_service' }, streams)).toEqual(['rd1', 'tb1', 'h1']);
  });

  it('per_addon keeps one per preset; disabled keeps all', () => {
    const streams = [stream('a1'), stream('b1', { addon: B }), stream('a2'), stream('b2', { addon: B })];
    expect(run({ cached: 'per_addon' }, streams)).toEqual(['a1', 'b1']);
    expect(run({ cached: 'disabled' }, streams)).toEqual(['a1', 'b1', 'a2', 'b2']);
  });

  it('keeps archive and service-less stremio-usenet duplicates (Deviation)', () => {
    const streams = [
      stream('ar1', { type: 'archive', service: undefined }), stream('ar2', { type: 'archive', service: undefined }),
    ];
    expect(run({ cached: 'single_result', p2p: 'single_result', http: 'single_result' }, streams)).toEqual(['ar1', 'ar2']);
  });

  it('keeps the arrival order of survivors', () => {
    const streams = [
      stream('b', { addon: B, filename: 'x' }), stream('a', { filename: 'y' }), stream('a-dupe', { addon: A, filename: 'x' }),
    ];
    // 'a-dupe' (preset 0) beats 'b' (preset 1) in the x group, but stays after 'a'.
    expect(run({ cached: 'single_result' }, streams)).toEqual(['a', 'a-dupe']);
  });
});

describe('dedupe: mixed groups (§7.4)', () => {
  const group = () => [
    p2p('p2p', { seeders: 10 }),
    uncached('rd-unc'),
    uncached('tb-unc', { service: { id: 'torbox', cached: false } }),
    stream('rd-cached', { addon: B }),
  ];

  it('aggressive: a cached copy drops p2p and uncached; otherwise p2p drops uncached', () => {
    expect(run({ multiGroupBehaviour: 'aggressive' }, group())).toEqual(['rd-cached']);
    expect(run({}, group().slice(0, 3))).toEqual(['p2p']);
    // Only uncached + cached of different categories without p2p: still mixed.
    expect(run({}, group().slice(1))).toEqual(['rd-cached']);
  });

  it('conservative: drops uncached copies of a service that has a cached copy, and p2p if cached', () => {
    expect(run({ multiGroupBehaviour: 'conservative' }, group())).toEqual(['tb-unc', 'rd-cached']);
    // No cached copy: nothing is dropped for mixing (uncached winners are switched off here).
    expect(run({ multiGroupBehaviour: 'conservative', uncached: 'disabled' }, group().slice(0, 3)))
      .toEqual(['p2p', 'rd-unc', 'tb-unc']);
  });

  it('keep_all drops nothing for mixing; winners are still chosen per category', () => {
    expect(run({ multiGroupBehaviour: 'keep_all', uncached: 'single_result' }, group()))
      .toEqual(['p2p', 'tb-unc', 'rd-cached']);
  });
});

describe('dedupe: always-kept streams (§7.3, §7.6)', () => {
  it('keeps streams of excludeAddons presets, which still make others lose', () => {
    const streams = [stream('a'), stream('b', { addon: B }), stream('c', { addon: C })];
    expect(run({ cached: 'single_result', excludeAddons: ['c'] }, streams)).toEqual(['a', 'c']);
    expect(run({ cached: 'single_result', excludeAddons: ['a'] }, streams)).toEqual(['a']);
    const mixed = [uncached('unc', { addon: C }), stream('cached')];
    expect(run({ excludeAddons: ['c'] }, mixed)).toEqual(['unc', 'cached']);
  });

  it('keeps info items and passthrough streams and leaves them out of groups', () => {
    const pass = addon('lib', 3, { resultPassthrough: true });
    const streams = [
      stream('pass1', { addon: pass }), stream('pass2', { addon: pass }),
      stream('info', { type: 'info', service: undefined }), stream('cached', { addon: B }),
    ];
    expect(run({ cached: 'single_result', p2p: 'single_result' }, streams)).toEqual(['pass1', 'pass2', 'info', 'cached']);
  });
});
