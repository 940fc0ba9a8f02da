/**
 * shared/spec/formatter-goldens.json, replayed through the real pipeline: each upstream stream is
 * parsed as coming from its fake custom addon, then filtered, formatted and answered under each
 * recorded formatter config (dedup off, no sort keys), and the text is compared with what
 * AIOStreams answered.
 */
import { readFileSync } from 'node:fs';
import { validateConfig, type UserConfig } from '../../src/config/schema.js';
import { parseStream } from '../../src/addon/pipeline/parse.js';
import { compileStreamPipeline } from '../../src/addon/pipeline/run.js';
import { requestKind } from '../../src/addon/request-kind.js';
import type { AddonRef, ParsedStream } from '../../src/addon/pipeline/types.js';

export interface GoldenStream {
  key: string;
  addon: string;
  request: { type: string; id: string };
  input: Record<string, unknown>;
  output: Record<string, { name: string; description: string }>;
}

interface GoldenFile {
  /** The two requests recorded: label → Stremio id (`tt…` movie, `tt…:s:e` episode). */
  requests: Record<string, string>;
  addons: { instanceId: string; name: string; portOffset: number }[];
  formatters: Record<string, { formatter: UserConfig['formatter']; extraConfig?: Record<string, unknown> }>;
  streams: GoldenStream[];
}

export const GOLDENS = JSON.parse(readFileSync(new URL('../../../shared/spec/formatter-goldens.json', import.meta.url), 'utf8')) as GoldenFile;

/** The golden key of an answered stream (see the file's `about`). */
export function goldenKey(s: Record<string, any>): string {
  if (typeof s.url === 'string') return `url:${new URL(s.url).pathname}`;
  if (typeof s.infoHash === 'string') return `ih:${s.infoHash}:${s.fileIdx ?? '-'}`;
  if (typeof s.externalUrl === 'string') return `ext:${s.externalUrl}`;
  if (typeof s.ytId === 'string') return `yt:${s.ytId}`;
  return `fn:${s.behaviorHints?.filename}`;
}

const refs = new Map<string, AddonRef>(
  GOLDENS.addons.map((a, i) => [
    a.name,
    {
      presetInstanceId: a.instanceId, presetType: 'custom', addonId: `${a.instanceId}e3b0`, addonName: a.name, label: a.name,
      addonIndex: i, manifestUrl: `http://127.0.0.1:${4960 + a.portOffset}/manifest.json`,
      libraryAddon: false, formatPassthrough: false, resultPassthrough: false,
    },
  ]),
);

export interface GoldenCase {
  label: string;
  key: string;
  request: string;
  expected: { name: string; description: string };
  actual: { name: string; description: string } | undefined;
}

/** Every (formatter, stream) pair with what AIOStreams answered and what we answer. */
export function replayGoldens(): GoldenCase[] {
  const cases: GoldenCase[] = [];
  const requests = new Map<string, GoldenStream[]>();
  for (const s of GOLDENS.streams) {
    const id = `${s.request.type}/${s.request.id}`;
    requests.set(id, [...(requests.get(id) ?? []), s]);
  }
  for (const [label, setup] of Object.entries(GOLDENS.formatters)) {
    const checked = validateConfig({
      presets: [], formatter: setup.formatter, sortCriteria: { global: [] }, deduplicator: { enabled: false }, ...setup.extraConfig,
    });
    if (!checked.ok) throw new Error(`${label}: ${checked.summary}`);
    const pipeline = compileStreamPipeline(checked.config, { addonName: 'AIOStreams', regexAllowed: true });
    for (const [id, streams] of requests) {
      const [type, ...rest] = id.split('/');
      const streamId = rest.join('/');
      const parsed = streams
        .map((s) => parseStream(structuredClone(s.input), refs.get(s.addon)!))
        .filter((p): p is ParsedStream => !!p && !('error' in p));
      const answered = new Map<string, { name: string; description: string }>();
      for (const out of pipeline.run(parsed, { type: type!, id: streamId, kind: requestKind(type!, streamId) })) {
        answered.set(goldenKey(out), { name: String(out.name ?? ''), description: String(out.description ?? '') });
      }
      for (const s of streams) {
        const expected = s.output[label];
        if (!expected) continue;
        cases.push({ label, key: s.key, request: id, expected, actual: answered.get(s.key) });
      }
    }
  }
  return cases;
}
