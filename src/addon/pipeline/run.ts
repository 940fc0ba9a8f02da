import type { UserConfig } from '../../config/schema.js';
import { compileDeduplicator } from './dedupe.js';
import { compileFilter } from './filter.js';
import { compileFormat, type StremioStream } from './format.js';
import { compileLimiter } from './limit.js';
import { compilePreferred } from './preferred.js';
import { compileSorter } from './sort.js';
import type { ParsedStream } from './types.js';

export interface PipelineContext {
  type: string;
  id: string;
  /** `anime` for anime ids, else the Stremio type. */
  kind: string;
}

/** Milliseconds spent in each stage of the last run (for the benchmark and debug logs). */
export type StageTimings = Record<'filter' | 'dedupe' | 'preferred' | 'sort' | 'limit' | 'format', number>;

export interface StreamPipeline {
  /** Parsed streams in arrival order → what Stremio receives, in order (config.md §12). */
  run(streams: ParsedStream[], ctx: PipelineContext, timings?: StageTimings): StremioStream[];
}

/** Every stage compiled once per config; a run only wires them together. */
export function compileStreamPipeline(config: UserConfig, opts: { addonName: string; regexAllowed: boolean }): StreamPipeline {
  const filter = compileFilter(config, { regexAllowed: opts.regexAllowed });
  const dedupe = compileDeduplicator(config);
  const markPreferred = compilePreferred(config, { regexAllowed: opts.regexAllowed });
  const sort = compileSorter(config);
  const limit = compileLimiter(config);
  const format = compileFormat(config, { addonName: opts.addonName });

  return {
    run(streams, ctx, timings) {
      let t = timings ? performance.now() : 0;
      const lap = (stage: keyof StageTimings) => {
        if (!timings) return;
        const now = performance.now();
        timings[stage] += now - t;
        t = now;
      };
      const filtered = filter(streams, { kind: ctx.kind });
      lap('filter');
      const unique = dedupe(filtered);
      lap('dedupe');
      const marked = markPreferred(unique);
      lap('preferred');
      const sorted = sort(marked, { kind: ctx.kind, isAnime: ctx.kind === 'anime' });
      lap('sort');
      const kept = limit(sorted);
      lap('limit');
      const out = kept.map(format);
      lap('format');
      return out;
    },
  };
}
