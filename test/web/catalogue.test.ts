/**
 * The catalogue end to end, in Debian's Chromium against a real server: services set up on the
 * page, three catalogue kinds (Torrentio, Comet, MediaFusion) added through forms built from
 * GET /api/v1/presets, each pointed at a real Stremio addon on 127.0.0.1 through its `url` option;
 * then a stream request to the saved config, and what each upstream addon was asked: the exact
 * paths (credentials in the kind's encoding) and headers.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandPresets, type PresetConfig } from '../../src/presets/expand.js';
import { getUser } from '../helpers/api.js';
import { startSdkAddon, type FakeAddon } from '../helpers/fake-addons.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { torrentioStreams } from '../helpers/streams.js';
import { artifact, ensureWebBuilt, launchBrowser, saveNewConfig } from './helpers.js';

const PASSWORD = 'catalogue password';
const STREAM_PATH = '/stream/movie/tt1.json';

function upstream(id: string, name: string, offset: number): Promise<FakeAddon> {
  return startSdkAddon({
    id,
    name,
    idPrefixes: ['tt'],
    handlers: { stream: ({ id: item }) => ({ streams: item === 'tt1' ? torrentioStreams({ count: 4, offset, service: 'RD', addonName: name }) : [] }) },
  });
}

/** The stream request an upstream saw, with its config prefix. */
function streamRequest(addon: FakeAddon) {
  const seen = addon.seen.filter((r) => r.url.endsWith(STREAM_PATH));
  expect(seen, `${addon.base} got ${JSON.stringify(addon.seen.map((r) => r.url))}`).toHaveLength(1);
  return { prefix: seen[0]!.url.slice(0, -STREAM_PATH.length), headers: seen[0]!.headers };
}

describe('adding addons from the catalogue', () => {
  let srv: TestServer;
  let tio: FakeAddon;
  let cmt: FakeAddon;
  let mf: FakeAddon;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    [srv, tio, cmt, mf] = await Promise.all([startTestServer(), upstream('t.tio', 'Torrentio', 0), upstream('t.comet', 'Comet', 100), upstream('t.mf', 'MediaFusion', 200)]);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${srv.url}/stremio/configure`);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([srv?.close(), tio?.close(), cmt?.close(), mf?.close()]);
  });

  const dialog = () => page.getByTestId('addon-dialog');
  const form = () => page.getByTestId('preset-form');
  const option = (id: string) => form().locator(`[data-option="${id}"]`);

  async function openKind(name: string) {
    await page.getByTestId('tab-addons').click();
    await page.getByTestId('open-catalogue').click();
    await dialog().getByRole('button', { name: `Add ${name}`, exact: true }).click();
    await form().waitFor();
  }

  it('sets up two services on the Services tab', async () => {
    await page.getByTestId('tab-services').click();
    // One row per service of config.md §3, each with exactly its credential fields.
    expect(await page.locator('[data-testid^="service-"][data-path]').count()).toBe(18);
    const nzbdav = page.getByTestId('service-nzbdav');
    expect(await nzbdav.locator('.cred-grid label').allTextContents()).toEqual(
      ['URL', 'Public URL', 'API key', 'Username', 'Password', 'AIOStreams auth'].map((l) => `${l} (NzbDAV)`),
    );
    for (const [id, key] of [
      ['realdebrid', 'RDKEY'],
      ['torbox', 'TBKEY'],
    ]) {
      const row = page.getByTestId(`service-${id}`);
      const input = row.getByLabel(/^API key/);
      await input.fill(key!);
      // Masked, with show/hide.
      expect(await input.getAttribute('type')).toBe('password');
      await row.getByRole('button', { name: /^Show / }).click();
      expect(await input.getAttribute('type')).toBe('text');
      await row.getByRole('button', { name: /^Show / }).click();
      await row.getByTestId('service-enabled').check();
      expect(await row.getByTestId('service-status').textContent()).toBe('On');
    }
    // Order is priority: rows move, and the order shown is the order stored.
    const names = async () => (await page.locator('[data-testid^="service-"][data-path] h3').allTextContents()).slice(0, 5);
    expect(await names()).toEqual(['Real-Debrid', 'AllDebrid', 'Premiumize', 'Debrid-Link', 'TorBox']);
    await page.getByRole('button', { name: 'Move TorBox up' }).click();
    expect(await names()).toEqual(['Real-Debrid', 'AllDebrid', 'Premiumize', 'TorBox', 'Debrid-Link']);
    await page.getByRole('button', { name: 'Move TorBox down' }).click();
    expect(await names()).toEqual(['Real-Debrid', 'AllDebrid', 'Premiumize', 'Debrid-Link', 'TorBox']);
  });

  it('the catalogue comes from GET /api/v1/presets: search, category and service filters, set-up services marked', async () => {
    const served = ((await (await fetch(`${srv.url}/api/v1/presets`)).json()) as { data: { kinds: { id: string; name: string; removed?: string }[] } }).data.kinds;
    await page.getByTestId('tab-addons').click();
    await page.getByTestId('open-catalogue').click();
    const cards = dialog().getByTestId('kind-card');
    expect(await cards.locator('h3').allTextContents()).toEqual(served.filter((k) => !k.removed).map((k) => k.name));

    await dialog().getByLabel('Search by name').fill('torr');
    expect(await cards.locator('h3').allTextContents()).toEqual(['Torrentio', 'TorrentsDB', 'Torrent Catalogs']);
    await dialog().getByLabel('Search by name').fill('');
    await dialog().getByLabel('Category').selectOption('subtitles');
    expect(new Set(await cards.locator('.badge').allTextContents())).toEqual(new Set(['Subtitles']));
    await dialog().getByLabel('Category').selectOption('');
    await dialog().getByLabel('Works with', { exact: true }).selectOption('easynews');
    expect(await cards.locator('h3').allTextContents()).toEqual(['MediaFusion', 'Easynews', 'Easynews+', 'Easynews++', 'Sootio']);
    await dialog().getByLabel('Works with', { exact: true }).selectOption('mine');
    const mine = await cards.locator('h3').allTextContents();
    expect(mine).toContain('Torrentio');
    expect(mine).not.toContain('OpenSubtitles v3');

    const torrentio = cards.filter({ has: page.getByRole('heading', { name: 'Torrentio', exact: true }) });
    expect(await torrentio.locator('.service-chips li.mine').allTextContents()).toEqual(['✓ Real-Debrid (set up)', '✓ TorBox (set up)']);
    expect(await torrentio.locator('.service-chips li').count()).toBe(8);
    expect(await torrentio.textContent()).toContain('Gives: streams, catalogs, metadata');
    await page.screenshot({ path: artifact('catalogue-1280.png') });
    await dialog().getByRole('button', { name: 'Close' }).click();
  });

  it('adds Torrentio through its form: defaults filled, required marked, services offered only when set up, url under Advanced', async () => {
    await openKind('Torrentio');
    expect(await option('name').locator('input').inputValue()).toBe('Torrentio');
    expect(await option('timeout').locator('input').inputValue()).toBe('7000');
    expect(await option('name').locator('.req').count()).toBe(1);
    expect(await option('mediaTypes').locator('.req').count()).toBe(0);
    // Advanced options (url, services, …) are folded away.
    expect(await option('url').isVisible()).toBe(false);
    await form().getByText('Advanced').click();
    expect(await option('services').locator('.chip').allTextContents()).toEqual(['Real-Debrid', 'TorBox']);

    // An invalid value shows on its field as it is typed, and blocks adding.
    await option('timeout').locator('input').fill('10');
    expect(await option('timeout').getByTestId('option-error').textContent()).toBe('Must be at least 1000.');
    await form().getByRole('button', { name: 'Add Torrentio' }).click();
    expect(await form().isVisible()).toBe(true);
    expect(await page.evaluate('document.activeElement.closest("[data-option]")?.dataset.option')).toBe('timeout');
    await option('timeout').locator('input').fill('8000');
    expect(await option('timeout').getByTestId('option-error').count()).toBe(0);

    await option('services').getByLabel('Real-Debrid').check();
    await option('url').locator('input').fill(`${tio.base}/tio`);
    expect(await form().getByTestId('expansion-preview').textContent()).toBe('What this adds: 1 addon: Real-Debrid');
    await option('services').getByLabel('TorBox').check();
    await form().getByLabel('Use Multiple Instances').check();
    expect(await form().getByTestId('expansion-preview').textContent()).toBe('What this adds: 2 addons: Real-Debrid · TorBox');
    await form().getByLabel('Use Multiple Instances').uncheck();
    await option('services').getByLabel('TorBox').uncheck();
    await page.screenshot({ path: artifact('preset-form-1280.png'), fullPage: true });
    await form().getByRole('button', { name: 'Add Torrentio' }).click();

    const card = page.getByTestId('addon-card').first();
    expect(await card.getByRole('heading', { level: 3 }).textContent()).toBe('Torrentio');
    expect(await card.getByTestId('addon-expansion').textContent()).toBe('Gives 1 addon: Real-Debrid.');
    expect(await card.getByTestId('services-line').textContent()).toMatch(/^Uses your Real-Debrid\. Not set up: Premiumize, AllDebrid, EasyDebrid, put\.io, Debrid-Link, Offcloud\./);
  });

  it('adds Comet and MediaFusion the same way', async () => {
    await openKind('Comet');
    await form().getByText('Advanced').click();
    await option('services').getByLabel('TorBox').check();
    await option('url').locator('input').fill(cmt.base);
    expect(await form().getByTestId('expansion-preview').textContent()).toBe('What this adds: 1 addon: TorBox');
    await form().getByRole('button', { name: 'Add Comet' }).click();

    await openKind('MediaFusion');
    await form().getByText('Advanced').click();
    await option('url').locator('input').fill(`${mf.base}/`);
    // No service chosen means every one set up, in the user's order.
    expect(await form().getByTestId('expansion-preview').textContent()).toBe('What this adds: 1 addon: Real-Debrid + TorBox');
    await form().getByRole('button', { name: 'Add MediaFusion' }).click();
    expect(await page.getByTestId('addon-card').getByRole('heading', { level: 3 }).allTextContents()).toEqual(['Torrentio', 'Comet', 'MediaFusion']);
  });

  it('the same form edits an entry', async () => {
    await page.getByRole('button', { name: 'Edit Torrentio' }).click();
    expect(await dialog().getByRole('heading', { level: 2 }).textContent()).toBe('Edit Torrentio');
    expect(await option('timeout').locator('input').inputValue()).toBe('8000');
    await form().getByText('Advanced').click();
    expect(await option('url').locator('input').inputValue()).toBe(`${tio.base}/tio`);
    expect(await option('services').getByLabel('Real-Debrid').isChecked()).toBe(true);
    await option('name').locator('input').fill('My Torrentio');
    await form().getByRole('button', { name: 'Update this addon' }).click();
    expect(await page.getByTestId('addon-card').first().getByRole('heading', { level: 3 }).textContent()).toBe('My Torrentio');
  });

  it('saves, and each upstream is asked at its kind’s URL with the credentials in its encoding', async () => {
    const { uuid, token } = await saveNewConfig(page, PASSWORD);
    const stored = (await getUser(srv.url, uuid, PASSWORD, '?raw=true')).body.data.userData as unknown as PresetConfig;
    expect(stored.presets.map((p) => p.type)).toEqual(['torrentio', 'comet', 'mediafusion']);

    // What the page said each entry gives is what the server expands it to.
    const server = expandPresets(stored, { userAgent: 'x' });
    expect(server.failures).toEqual([]);
    const rows = await page.getByTestId('addon-expansion').allTextContents();
    expect(rows.map((r) => Number(/Gives (\d+) addon/.exec(r)![1]))).toEqual([0, 1, 2].map((i) => server.addons.filter((a) => a.presetIndex === i).length));

    const res = await fetch(`${srv.url}/stremio/${uuid}/${token}${STREAM_PATH}`);
    expect(res.status).toBe(200);
    const { streams } = (await res.json()) as { streams: unknown[] };
    expect(streams.length).toBeGreaterThan(0);

    // Torrentio: `realdebrid=<key>` percent-encoded under the verbatim base (presets.md §8).
    expect(streamRequest(tio).prefix).toBe('/tio/realdebrid%3DRDKEY');
    // Comet: base64 JSON whose debrid list is TorBox with its key (§9).
    const comet = JSON.parse(Buffer.from(streamRequest(cmt).prefix.slice(1), 'base64').toString('utf8')) as { debridServices: unknown };
    expect(comet.debridServices).toEqual([{ service: 'torbox', apiKey: 'TBKEY' }]);
    // MediaFusion: no path segment; both services travel in the encoded_user_data header (§10).
    const mfRequest = streamRequest(mf);
    expect(mfRequest.prefix).toBe('');
    const userData = JSON.parse(Buffer.from(String(mfRequest.headers.encoded_user_data), 'base64url').toString('utf8')) as {
      streaming_providers: { service: string; token: string }[];
    };
    expect(userData.streaming_providers.map((p) => [p.service, p.token])).toEqual([
      ['realdebrid', 'RDKEY'],
      ['torbox', 'TBKEY'],
    ]);
    for (const addon of [tio, cmt, mf]) expect(streamRequest(addon).headers['user-agent']).toMatch(/^AIOStreams\//);
    expect(errors).toEqual([]);
  });
});
