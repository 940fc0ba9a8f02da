// filter → dedupe → preferred → sort → limit together, on the config.md §13 example.
import { describe, expect, it } from 'vitest';
import { compileDeduplicator } from '../../src/addon/pipeline/dedupe.js';
import { compileFilter } from '../../src/addon/pipeline/filter.js';
import { compileLimiter } from '../../src/addon/pipeline/limit.js';
import { compilePreferred } from '../../src/addon/pipeline/preferred.js';
import { compileSorter } from '../../src/addon/pipeline/sort.js';
import type { ParsedStream } from '../../src/addon/pipeline/types.js';
import { addonRef, parsedStream } from '../helpers/parsed-streams.js';
import { validateConfig, type UserConfig } from '../../src/config/schema.js';
import { SPEC_EXAMPLE } from '../helpers/spec-example.js';

// ---- fixtures -------------------------------------------------------------------------------

const addon = addonRef;
const LIB = addon('lib', 0, { libraryAddon: true, pinPosition: 'top' });
const TIO = addon('tio', 1);
const CMT = addon('cmt', 2);

const GB = 1_000_000_000;
const RD = { id: 'realdebrid', cached: true } as const;
const TB_UNCACHED = { id: 'torbox', cached: false } as const;

/** A cached Real-Debrid Torrentio stream with empty lists; `filename` doubles as the label. */
function stream(filename: string, over: Partial<ParsedStream> = {}): ParsedStream {
  return parsedStream(TIO, { service: RD, filename, size: 5 * GB, ...over });
}


function exampleConfig(): UserConfig {
  const r = validateConfig(SPEC_EXAMPLE);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.config;
}

/** The §12 order, compiled once. */
function pipeline(config: UserConfig) {
  const filter = compileFilter(config, { regexAllowed: true });
  const dedupe = compileDeduplicator(config);
  const mark = compilePreferred(config, { regexAllowed: true });
  const sort = compileSorter(config);
  const limit = compileLimiter(config);
  return (streams: ParsedStream[], kind: string) =>
    limit(sort(mark(dedupe(filter(streams, { kind }))), { kind, isAnime: false }));
}

// ---- tests ----------------------------------------------------------------------------------

describe('pipeline: the config.md §13 example on a series request', () => {
  it('filters, deduplicates, sorts in split mode with the library pinned on top', () => {
    const streams = [
      stream('Show.S01E01.1080p.WEB-DL.HDR10-GRP', { resolution: '1080p', visualTags: ['HDR10'] }),
      stream('Show.S01E01.2160p.DV.HDR10', { resolution: '2160p', visualTags: ['DV', 'HDR10'], size: 15 * GB }),
      stream('tb-2160-50', { resolution: '2160p', service: TB_UNCACHED, seeders: 50, size: 10 * GB }),
      stream('tb-1080-100', { resolution: '1080p', service: TB_UNCACHED, seeders: 100 }),
      stream('tb-1080-2', { resolution: '1080p', service: TB_UNCACHED, seeders: 2 }), // seeder range
      stream('cam', { resolution: '1080p', quality: 'CAM' }), // excluded quality
      stream('Show.S01E01.1080p.CAM-FLUX', { resolution: '1080p', quality: 'CAM', releaseGroup: 'FLUX', languages: ['Russian'] }),
      stream('3d', { resolution: '1080p', visualTags: ['3D'] }), // excluded visual tag
      stream('russian', { resolution: '1080p', languages: ['Russian'] }), // excluded language
      stream('en-ru', { resolution: '1080p', languages: ['English', 'Russian'], size: 3 * GB }),
      stream('huge', { resolution: '1080p', size: 30 * GB }), // series size max 20 GB
      stream('Show.S01E01.1080p.HC.WEB', { resolution: '1080p' }), // excluded keyword
      stream('480p', { resolution: '480p' }), // required resolutions
      stream('p2p-3', { type: 'p2p', service: undefined, resolution: '1080p', seeders: 3 }), // seeder range
      stream('p2p-720-40', { type: 'p2p', service: undefined, resolution: '720p', seeders: 40, size: 2 * GB }),
      stream('Show.S01E01.1080p.WEB-DL.HDR10-GRP.mkv', { addon: CMT, resolution: '1080p', visualTags: ['HDR10'] }),
      stream('tb-2160-80', { addon: CMT, resolution: '2160p', service: TB_UNCACHED, seeders: 80, infoHash: 'b'.repeat(40) }),
      stream('atmos', { addon: CMT, resolution: '1080p', visualTags: ['HDR10'], audioTags: ['Atmos'], size: 4 * GB }),
      stream('lib-unknown', { addon: LIB, library: true, type: 'http', service: undefined, size: undefined }),
      stream('lib-1080', { addon: LIB, library: true, type: 'http', service: undefined, resolution: '1080p' }),
    ];
    // tb-2160-50 and tb-2160-80 are the same torrent (one TorBox copy kept: more seeders).
    streams[2]!.infoHash = 'b'.repeat(40);

    const out = pipeline(exampleConfig())(streams, 'series').map((s) => s.filename);
    expect(out).toEqual([
      // Pinned library streams, arrival order.
      'lib-unknown', 'lib-1080',
      // Cached and service-less: resolution, visual tag (HDR+DV first), audio tag, size.
      'Show.S01E01.2160p.DV.HDR10',
      'atmos',
      'Show.S01E01.1080p.WEB-DL.HDR10-GRP', // beat its Comet copy (earlier preset)
      'Show.S01E01.1080p.CAM-FLUX', // kept by includedReleaseGroups despite CAM and Russian
      'en-ru', // not every language excluded; smaller
      'p2p-720-40',
      // Uncached: seeders, then resolution.
      'tb-1080-100', 'tb-2160-80',
    ]);
  });

  it('keeps at most 30 streams and at most 8 per resolution, best first', () => {
    const resolutions = ['2160p', '1080p', '720p', undefined] as const;
    const streams: ParsedStream[] = [];
    for (let i = 0; i < 80; i++) {
      const resolution = resolutions[i % 4];
      // Sizes grow with i, so within a resolution later streams sort first.
      streams.push(stream(`s${i}`, { resolution, size: GB + i * 10_000_000 }));
    }
    const out = pipeline(exampleConfig())(streams, 'series');
    expect(out).toHaveLength(30);
    const byRes = (r: string | undefined) => out.filter((s) => s.resolution === r).map((s) => s.filename);
    expect(byRes('2160p')).toEqual(['s76', 's72', 's68', 's64', 's60', 's56', 's52', 's48']);
    expect(byRes('1080p')).toHaveLength(8);
    expect(byRes('720p')).toHaveLength(8);
    // The global cut falls inside the Unknown group.
    expect(byRes(undefined)).toEqual(['s79', 's75', 's71', 's67', 's63', 's59']);
  });

  it('handles 1,000 streams with many duplicates', () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const resolutions = ['2160p', '1080p', '720p', '480p', undefined] as const;
    const streams: ParsedStream[] = [];
    for (let i = 0; i < 1000; i++) {
      streams.push(stream(`Show.S01E01.release${rand(300)}.mkv`, {
        addon: [TIO, CMT, LIB][rand(3)]!,
        resolution: resolutions[rand(5)],
        service: rand(3) === 0 ? TB_UNCACHED : rand(4) === 0 ? undefined : RD,
        type: rand(5) === 0 ? 'p2p' : 'debrid',
        infoHash: rand(2) === 0 ? rand(400).toString(16).padStart(40, '0') : undefined,
        seeders: rand(200),
        size: (rand(30) + 1) * GB,
        visualTags: rand(2) === 0 ? ['HDR10', 'DV'] : [],
        languages: rand(10) === 0 ? ['Russian'] : ['English'],
      }));
      // p2p streams carry no service.
      if (streams[i]!.type === 'p2p') streams[i]!.service = undefined;
    }
    const config = exampleConfig();
    const out = pipeline(config)(streams, 'series');
    expect(out.length).toBeGreaterThan(0);
    expect(out.length).toBeLessThanOrEqual(30);

    const unlimited = pipeline({ ...config, resultLimits: {} })(streams, 'series');
    expect(unlimited.length).toBeGreaterThan(30);
    expect(new Set(unlimited).size).toBe(unlimited.length);
  });
});
