/**
 * Preset mistakes through the User API (presets.md §1–§3): each is a 400 USER_INVALID_CONFIG in
 * AIOStreams' words, naming the preset and the option, on create and on update, and an update
 * leaves the stored config as it was. A kind not built yet is saved and shows one error item. Across
 * all of it, and across stream requests that reach (and fail at) upstreams holding credentials, no
 * credential shows up in the log, an answer, an error item or an error message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, getUser, type ApiResponse } from '../helpers/api.js';
import { rawManifest, startRawAddon, startSdkAddon, type FakeAddon } from '../helpers/fake-addons.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { hashOf, torrentioStream } from '../helpers/streams.js';
import { expectError, expectOk } from '../api/assertions.js';
import { addonBase, preset } from '../addon/support.js';
import { Answers, expectNoneIn, hitsFor, secretForms } from './support.js';

const MOVIE = 'tt15239678';
const PASSWORD = 'preset bad input password';

// Distinctive credentials: a hit in a log line or an answer is never a coincidence.
const RD_KEY = 'RDKEY-bad-1f0e9c2d-marker';
const TB_KEY = 'TBKEY-bad-a83b7d41-marker';
const EN = { username: 'ENUSER-bad-5c2e-marker', password: 'ENPASS-bad-07d9a6f3-marker' };
const PUTIO = { clientId: 'PUTIOCID-bad-2e8b', token: 'PUTIOTOK-bad-94c0d1e7-marker' };
const ORION_KEY = 'ORIONKEY-bad-6a1d3e58-marker';
const CREDENTIALS = [RD_KEY, TB_KEY, EN.username, EN.password, PUTIO.clientId, PUTIO.token, ORION_KEY];

const SERVICES = [
  { id: 'realdebrid', enabled: true, credentials: { apiKey: RD_KEY } },
  { id: 'torbox', enabled: true, credentials: { apiKey: TB_KEY } },
  { id: 'easynews', enabled: true, credentials: EN },
  { id: 'putio', enabled: true, credentials: PUTIO },
];

const configOf = (presets: unknown[], services: unknown[] = SERVICES) => ({
  presets,
  services,
  formatter: { id: 'torrentio' },
  sortCriteria: { global: [] },
});

/** `The value for option '<label>' in preset '<kind>' is invalid: Error: <detail>` (§2). */
const optionMessage = (label: string, kind: string, detail: string) => `The value for option '${label}' in preset '${kind}' is invalid: Error: ${detail}`;

interface BadCase {
  title: string;
  config: (urls: Urls) => unknown;
  message: string;
  /** The issue's path: the preset, and the option when there is one. */
  path: string;
}

interface Urls {
  good: string;
  broken: string;
}

/** A valid first entry, so the faulty one sits at index 1. */
const torrentio = (urls: Urls, options: Record<string, unknown> = {}) => preset('torrentio', 'tio', { name: 'Torrentio', url: urls.good, ...options });
const withSecond = (entry: unknown) => (urls: Urls) => configOf([torrentio(urls), entry]);

const BAD_CASES: BadCase[] = [
  {
    title: 'unknown kind',
    config: withSecond(preset('nosuchkind', 'nsk', { name: 'Mystery', apiKey: RD_KEY })),
    message: "Unknown preset type 'nosuchkind'",
    path: 'presets.1.type',
  },
  {
    title: 'removed kind (TorBox)',
    config: withSecond(preset('torbox', 'tbx', { name: 'TorBox', timeout: 7000 })),
    message: 'TorBox has been removed: TorBox addon is deprecated.',
    path: 'presets.1.type',
  },
  {
    title: 'timeout as a string',
    config: withSecond(preset('comet', 'cmt', { name: 'Comet', timeout: '7000' })),
    message: optionMessage('Timeout (ms)', 'Comet', 'Option timeout must be a number, got string'),
    path: 'presets.1.options.timeout',
  },
  {
    title: 'useMultipleInstances as "yes"',
    config: withSecond(preset('comet', 'cmt', { name: 'Comet', useMultipleInstances: 'yes' })),
    message: optionMessage('Use Multiple Instances', 'Comet', 'Option useMultipleInstances must be a boolean, got string'),
    path: 'presets.1.options.useMultipleInstances',
  },
  {
    title: 'a multi-select given a string',
    config: withSecond(preset('mediafusion', 'mfu', { name: 'MediaFusion', nudityFilter: 'Severe' })),
    message: optionMessage('Nudity Filter', 'MediaFusion', 'Option nudityFilter must be an array, got string'),
    path: 'presets.1.options.nudityFilter',
  },
  {
    title: 'a number out of bounds',
    config: withSecond(preset('orion', 'orn', { name: 'Orion', orionApiKey: ORION_KEY, linkLimit: 501 })),
    message: optionMessage('Link Limit', 'Orion', 'Option linkLimit must be at most 500'),
    path: 'presets.1.options.linkLimit',
  },
  {
    title: 'a timeout under the instance bound',
    config: withSecond(preset('comet', 'cmt', { name: 'Comet', timeout: 100 })),
    message: optionMessage('Timeout (ms)', 'Comet', 'Option timeout must be at least 1000'),
    path: 'presets.1.options.timeout',
  },
  {
    title: 'a required option missing (orion without orionApiKey)',
    config: withSecond(preset('orion', 'orn', { name: 'Orion', linkLimit: 10 })),
    message: optionMessage('Orion API Key', 'Orion', 'Option orionApiKey is required, got undefined'),
    path: 'presets.1.options.orionApiKey',
  },
  {
    title: 'options.services naming a disabled service',
    config: (urls) =>
      configOf([torrentio(urls, { services: ['realdebrid', 'torbox'] })], [SERVICES[0], { id: 'torbox', enabled: false, credentials: { apiKey: TB_KEY } }]),
    message: 'You have specified TorBox in your configuration for Torrentio, but it is not enabled or has missing credentials',
    path: 'presets.0.options.services',
  },
  {
    title: 'options.services naming an unknown service id',
    config: (urls) => configOf([torrentio(urls, { services: ['realdebrid', 'notaservice'] })]),
    message: 'You have specified notaservice in your configuration for Torrentio, but it is not enabled or has missing credentials',
    path: 'presets.0.options.services',
  },
  {
    title: 'an enabled service without its credentials (realdebrid with credentials {})',
    config: (urls) => configOf([preset('comet', 'cmt', { name: 'Comet', url: urls.good })], [{ id: 'realdebrid', enabled: true, credentials: {} }, ...SERVICES.slice(1)]),
    message: 'Missing credentials for realdebrid. Please add an API key.',
    path: 'presets.0',
  },
  {
    title: 'Easynews with a username and no password',
    config: (urls) => configOf([torrentio(urls), preset('easynews', 'enw', { name: 'Easynews', url: urls.good })], [SERVICES[0], { id: 'easynews', enabled: true, credentials: { username: EN.username } }]),
    message: 'Missing username or password for easynews. Please add a username and password.',
    path: 'presets.1',
  },
];

describe('preset mistakes through the User API', () => {
  const log: string[] = [];
  const answers = new Answers();
  let srv: TestServer;
  let good: FakeAddon;
  let broken: FakeAddon;
  let urls: Urls;
  let stored: ReturnType<typeof configOf>;
  let user: { uuid: string; token: string };
  let storedEtag: string | null;

  beforeAll(async () => {
    srv = await startTestServer({ logLines: log, env: { UPSTREAM_STREAM_CACHE_TTL: '0' } });
    good = await startSdkAddon({
      id: 'org.test.good', name: 'Good', idPrefixes: ['tt'],
      handlers: {
        stream: () => ({
          streams: [torrentioStream({
            filename: 'Dune.Part.Two.2024.1080p.BluRay.x264-SPARKS.mkv', label: '1080p', size: '14.2 GB', seeders: 310, indexer: '1337x',
            infoHash: hashOf('bad-input-good'), fileIdx: 0, debrid: { short: 'RD', service: 'realdebrid', cached: true },
          })],
        }),
      },
    });
    // Its manifest answers under any config prefix; every resource request fails.
    broken = await startRawAddon(rawManifest('org.test.broken', 'Broken'), (_req, res) => {
      res.statusCode = 500;
      res.end('{"err":"handler error"}');
    });
    urls = { good: good.base, broken: broken.base };
    // Working presets whose upstream URLs carry every credential, in every encoding family.
    stored = configOf([
      torrentio(urls, { services: ['realdebrid', 'putio'] }),
      preset('easynews', 'enw', { name: 'Easynews', url: urls.good }),
      preset('comet', 'cmt', { name: 'Comet', url: urls.broken, services: ['torbox'] }),
      preset('mediafusion', 'mfu', { name: 'MediaFusion', url: urls.broken, services: ['realdebrid', 'easynews'] }),
      preset('orion', 'orn', { name: 'Orion', url: urls.broken, orionApiKey: ORION_KEY, services: ['realdebrid'] }),
      // Nothing listens on port 1: the manifest fetch fails, and is logged.
      preset('stremthruStore', 'sts', { name: 'StremThru Store', url: 'http://127.0.0.1:1', services: ['torbox'] }),
    ]);
    user = await answers.createUser(srv.url, PASSWORD, stored);
    storedEtag = (await getStored()).headers.get('etag');
  });
  afterAll(async () => {
    await srv?.close();
    await Promise.all([good?.close(), broken?.close()]);
  });

  // GET answers carry the user's own services by design: not recorded for the leak check.
  const getStored = () => getUser(srv.url, user.uuid, PASSWORD);

  const post = (config: unknown) => answers.api(srv.url, 'POST', '/api/v1/user', { body: { config, password: PASSWORD } });
  const put = (config: unknown) => answers.api(srv.url, 'PUT', '/api/v1/user', { headers: { authorization: basic(user.uuid, user.token) }, body: { config } });

  /** The 400 envelope in the preset's words, with the issue at the preset (and option). */
  function expectRejected(res: ApiResponse, c: BadCase): void {
    expectError(res, 400, 'USER_INVALID_CONFIG', c.message);
    expect(res.body.error?.issues).toContainEqual({ path: c.path, message: c.message });
  }

  it.each(BAD_CASES.map((c) => [c.title, c] as const))('%s → 400 on create and on update; the stored config untouched', async (_title, c) => {
    const config = c.config(urls);
    expectRejected(await post(config), c);
    expectRejected(await put(config), c);
    const after = await getStored();
    expect(expectOk(after, 200, 'User details retrieved successfully').userData).toStrictEqual(stored);
    expect(after.headers.get('etag')).toBe(storedEtag);
  });

  it('the stored presets work: a manifest, streams from the good upstream, error items for the failing ones', async () => {
    const base = addonBase(srv.url, user.uuid, user.token);
    // The unreachable addon is left out of the manifest (and logged).
    expect((await answers.get(`${base}/manifest.json`)).status).toBe(200);
    const res = await answers.get(`${base}/stream/movie/${MOVIE}.json`);
    expect(res.status).toBe(200);
    const names = (res.body.streams as { name: string }[]).map((s) => s.name);
    // Torrentio (RD + put.io) and Easynews both reach the good upstream; Comet, MediaFusion and
    // Orion reach the failing one, StremThru Store none: error items named `<name> <services>`.
    expect(names.filter((n) => !n.startsWith('[❌]'))).toEqual(['[RD+] Torrentio 1080p', '[EN+] Easynews 1080p']);
    expect(names.filter((n) => n.startsWith('[❌]')).sort()).toEqual(
      ['[❌] Comet TB', '[❌] MediaFusion RD | EN', '[❌] Orion RD', '[❌] StremThru Store TB'].sort(),
    );
    expect(hitsFor(broken, 'stream')).toHaveLength(3);
  });

  it('a kind not built yet is saved, and a stream request shows one error item for it', async () => {
    const config = configOf([torrentio(urls), preset('baguettio', 'bgt', { name: 'Baguette', tmdbApiKey: RD_KEY, timeout: 7000 })]);
    const res = await post(config);
    const created = expectOk(res, 201, 'User was successfully created') as { uuid: string; encryptedPassword: string };
    const streams = await answers.get(`${addonBase(srv.url, created.uuid, created.encryptedPassword)}/stream/movie/${MOVIE}.json`);
    expect(streams.status).toBe(200);
    const errors = (streams.body.streams as { name: string }[]).filter((s) => s.name.startsWith('[❌]'));
    expect(errors.map((e) => e.name)).toEqual(['[❌] Baguette']);
    expect((streams.body.streams as unknown[]).length).toBe(2);
  });

  it('no credential, config segment or encoded_user_data in the log, an answer, an error item or a message', () => {
    const needles = secretForms(CREDENTIALS, [good, broken]);
    expect(log.join('')).toContain('incoming request');
    expect(log.join('')).toContain('upstream manifest unavailable');
    expect(hitsFor(broken, 'manifest').length).toBeGreaterThan(0);
    expectNoneIn(log, needles, 'the log');
    expectNoneIn(answers.texts, needles, 'the answers');
  });
});
