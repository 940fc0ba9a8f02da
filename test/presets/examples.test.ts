/**
 * presets-examples.json, replayed: every golden example of every kind, byte for byte (URLs, header
 * values, names, identifiers, addon ids, error texts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expandPresets, identified, type ExpandedAddon } from '../../src/presets/expand.js';
import { findKind } from '../../src/presets/registry.js';
import { normaliseOptions } from '../../src/presets/options.js';

interface GoldenAddon {
  name: string;
  identifier: string | null;
  displayIdentifier: string | null;
  addonId: string;
  manifestUrl: string;
  headers: Record<string, string>;
  resources: string[] | null;
  mediaTypes: string[] | null;
  timeout: number;
  library?: boolean;
  formatPassthrough?: boolean;
  resultPassthrough?: boolean;
  pinPosition?: string;
}

interface Example {
  kind: string;
  example: string;
  input: { options: Record<string, unknown>; services: { id: string; enabled?: boolean; credentials: Record<string, string> }[]; userData?: Record<string, unknown> };
  output: GoldenAddon[] | { error: string };
  builderOutput?: GoldenAddon[];
  builderError?: string;
}

const file = JSON.parse(readFileSync(new URL('../../../shared/spec/presets-examples.json', import.meta.url), 'utf8')) as { examples: Example[] };

const FLAGS = ['library', 'formatPassthrough', 'resultPassthrough', 'pinPosition'] as const;

/** Our addon in the examples' shape: absent fields as null, behaviour flags only when the kind sets them. */
function asGolden(a: Omit<ExpandedAddon, 'instanceId' | 'presetIndex' | 'kind'>): GoldenAddon {
  const out: GoldenAddon = {
    name: a.name,
    identifier: a.identifier ?? null,
    displayIdentifier: a.displayIdentifier ?? null,
    addonId: a.addonId,
    manifestUrl: a.manifestUrl,
    headers: a.headers,
    resources: a.resources ? [...a.resources] : null,
    mediaTypes: a.mediaTypes ? [...a.mediaTypes] : null,
    timeout: a.timeout,
  };
  for (const flag of FLAGS) if (a[flag] !== undefined) (out as unknown as Record<string, unknown>)[flag] = a[flag];
  return out;
}

const expand = (ex: Example) =>
  expandPresets(
    {
      presets: [{ type: ex.kind, instanceId: 'abc', enabled: true, options: ex.input.options }],
      services: ex.input.services,
      ...(ex.input.userData ?? {}),
    },
    { userAgent: 'AIOStreams/unknown' },
  );

describe.each([...new Set(file.examples.map((e) => e.kind))])('%s', (kind) => {
  it.each(file.examples.filter((e) => e.kind === kind).map((e) => [e.example, e] as const))('%s', (_name, ex) => {
    const { addons, failures } = expand(ex);
    if ('error' in ex.output) {
      expect(addons).toEqual([]);
      expect(failures.map((f) => f.message)).toEqual([ex.output.error]);
    } else {
      expect(failures).toEqual([]);
      // Key order too: the examples are compared as the JSON a client would see.
      expect(JSON.stringify(addons.map(asGolden))).toBe(JSON.stringify(ex.output));
    }
  });
});

describe('removed kinds still have their builder', () => {
  it.each(file.examples.filter((e) => e.builderOutput || e.builderError).map((e) => [`${e.kind} ${e.example}`, e] as const))('%s', (_name, ex) => {
    const kind = findKind(ex.kind)!;
    const run = () =>
      kind.expand(normaliseOptions(kind.meta, ex.input.options), { services: ex.input.services, label: kind.meta.name }).map((a) =>
        asGolden(identified(a, 'abc', 'AIOStreams/unknown')),
      );
    if (ex.builderError) expect(run).toThrow(ex.builderError);
    else expect(JSON.stringify(run())).toBe(JSON.stringify(ex.builderOutput));
  });
});
