/**
 * A template on extreme stream values through the real stream route: `star`/`pstar` on a 60 GB
 * size used to throw RangeError while rendering, and one throwing render turned the whole stream
 * answer into a 500. Also: a render that fails for one stream leaves that stream its upstream
 * text (as formatPassthrough does) instead of failing the others.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserConfig } from '../../src/config/schema.js';
import { compileFormat } from '../../src/addon/pipeline/format.js';
import { createUser } from '../helpers/api.js';
import { startSdkAddon, type FakeAddon } from '../helpers/fake-addons.js';
import { addonRef, parsedStream } from '../helpers/parsed-streams.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { httpStream } from '../helpers/streams.js';
import { addonBase, custom, get } from './support.js';

const MOVIE = 'tt0133093';
const CAP = 8000;
const HUGE = httpStream({
  addonName: 'Web', label: '2160p', filename: 'The.Matrix.1999.2160p.UHD.BluRay.REMUX.HEVC-FGT.mkv',
  url: 'https://cdn.example.test/matrix-remux.mkv', videoSize: 60_000_000_000,
});
const SMALL_FILE = 'The.Matrix.1999.720p.BluRay.x264-SiNNERS.mkv';
const SMALL = httpStream({
  addonName: 'Web', label: '720p', filename: SMALL_FILE,
  url: 'https://cdn.example.test/matrix-720.mkv', videoSize: 1_500,
});

describe('formatter limits through the stream route', () => {
  let srv: TestServer;
  let web: FakeAddon;

  beforeAll(async () => {
    srv = await startTestServer();
    web = await startSdkAddon({ id: 'org.test.web', name: 'Web', idPrefixes: ['tt'], handlers: { stream: () => ({ streams: [HUGE, SMALL] }) } });
  });
  afterAll(async () => {
    await srv?.close();
    await web?.close();
  });

  it('{stream.size::star} / ::pstar on a 60 GB stream: 200, capped at 8000 stars, other streams intact', async () => {
    const { uuid, token } = await createUser(srv.url, 'star secret', {
      presets: [custom('web', 'Web', web.manifestUrl)],
      formatter: { id: 'custom', definitions: { custom: { name: '{stream.size::star}', description: '{stream.size::pstar}|{stream.filename}' } } },
      sortCriteria: { global: [{ key: 'size', direction: 'desc' }] },
    });
    const res = await get(`${addonBase(srv.url, uuid, token)}/stream/movie/${MOVIE}.json`);
    expect(res.status).toBe(200);
    const streams = res.body.streams as { name: string; description: string; url: string }[];
    expect(streams.map((s) => s.url)).toEqual([HUGE.url, SMALL.url]);
    expect(streams[0]!.name).toBe('★'.repeat(CAP));
    // The description's template stops at the cap too (the filename after it is cut off).
    expect(streams[0]!.description).toBe('★'.repeat(CAP));
    // 1500 bytes is 75 "stars": the spec's ⌊v/20⌋ still holds for numbers that fit.
    expect(streams[1]!.name).toBe('★'.repeat(75));
    expect(streams[1]!.description).toBe(`${'★'.repeat(75)}|${SMALL_FILE}`);
  });
});

describe('a render failure costs only that stream its looks', () => {
  const config = {
    presets: [],
    formatter: { id: 'custom', definitions: { custom: { name: '[{stream.filename}]', description: '{stream.resolution}' } } },
    sortCriteria: { global: [] },
  } as unknown as UserConfig;

  it('the failing stream keeps its upstream name/description; the next one is formatted', () => {
    const format = compileFormat(config, { addonName: 'AIOStreams' });
    const addon = addonRef('web', 0);
    // A value the parser never produces (a number where text belongs) makes the template throw.
    const broken = parsedStream(addon, {
      original: { name: 'Upstream\n2160p', description: 'upstream description', url: 'https://cdn.example.test/a.mkv' },
      filename: 12345 as unknown as string,
    });
    const fine = parsedStream(addon, {
      original: { name: 'Upstream\n720p', title: 'upstream title', url: 'https://cdn.example.test/b.mkv' },
      filename: 'The.Matrix.1999.720p.mkv',
      resolution: '720p',
    });
    const out = [broken, fine].map(format);
    expect(out[0]).toMatchObject({ name: 'Upstream\n2160p', description: 'upstream description', url: 'https://cdn.example.test/a.mkv' });
    expect(out[1]).toMatchObject({ name: '[The.Matrix.1999.720p.mkv]', description: '720p', url: 'https://cdn.example.test/b.mkv' });
  });

  it('without upstream text the addon name stands in, with the title as description', () => {
    const format = compileFormat(config, { addonName: 'AIOStreams' });
    const broken = parsedStream(addonRef('web', 0), { original: { title: 'only a title' }, filename: {} as unknown as string });
    expect(format(broken)).toMatchObject({ name: 'web', description: 'only a title' });
  });
});
