/**
 * The formatter goldens (shared/spec/formatter-goldens.json): for every recorded upstream stream and
 * every formatter, the exact name and description AIOStreams answered, zero-width characters
 * included, from the raw upstream object through parsing and formatting. Replayed twice: through
 * the pipeline's functions (every case its own test), and through the real stream route with the
 * recorded streams served by real upstream addons on loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../helpers/api.js';
import { startSdkAddon, type FakeAddon } from '../helpers/fake-addons.js';
import { GOLDENS, goldenKey, replayGoldens } from '../helpers/formatter-goldens.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { addonBase, custom, get } from '../addon/support.js';

const cases = replayGoldens();

describe.each([...new Set(cases.map((c) => c.label))])('%s', (label) => {
  it.each(cases.filter((c) => c.label === label).map((c) => [c.key, c] as const))('%s', (_key, c) => {
    expect(c.actual).toEqual(c.expected);
  });
});

describe('through the stream route', () => {
  let srv: TestServer;
  const upstreams: FakeAddon[] = [];

  beforeAll(async () => {
    srv = await startTestServer();
    for (const addon of GOLDENS.addons) {
      upstreams.push(
        await startSdkAddon({
          id: `org.golden.${addon.instanceId}`,
          name: addon.name,
          idPrefixes: ['tt'],
          handlers: {
            stream: ({ type, id }) => ({
              streams: GOLDENS.streams.filter((s) => s.addon === addon.name && s.request.type === type && s.request.id === id).map((s) => s.input),
            }),
          },
        }),
      );
    }
  });
  afterAll(async () => {
    await srv?.close();
    await Promise.all(upstreams.map((u) => u.close()));
  });

  it.each(Object.keys(GOLDENS.formatters))('%s: every stream of both requests, as AIOStreams answered', async (label) => {
    const setup = GOLDENS.formatters[label]!;
    const { uuid, token } = await createUser(srv.url, 'golden secret', {
      presets: GOLDENS.addons.map((a, i) => custom(a.instanceId, a.name, upstreams[i]!.manifestUrl, { timeout: 10000 })),
      formatter: setup.formatter,
      sortCriteria: { global: [] },
      deduplicator: { enabled: false },
      ...setup.extraConfig,
    });
    for (const request of Object.values(GOLDENS.requests)) {
      const type = request.includes(':') ? 'series' : 'movie';
      const res = await get(`${addonBase(srv.url, uuid, token)}/stream/${type}/${request}.json`);
      expect(res.status).toBe(200);
      const answered = new Map((res.body.streams as Record<string, unknown>[]).map((s) => [goldenKey(s), { name: s.name, description: s.description }]));
      const expected = GOLDENS.streams.filter((s) => s.request.id === request && s.output[label]);
      expect(res.body.streams).toHaveLength(expected.length);
      expect(answered.size).toBe(expected.length);
      for (const s of expected) expect(answered.get(s.key), s.key).toEqual(s.output[label]);
    }
  });
});
