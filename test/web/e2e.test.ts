/**
 * The configure page end to end, in Debian's headless Chromium, against a real server and two
 * real Stremio addons (stremio-addon-sdk): create → install links → reopen from the configure
 * link → change a filter → save → the stream answer follows → conflicts → password → delete.
 * Screenshots at 1280 and 390 px land in test-artifacts/.
 */
import { rmSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, call, getUser, putUser, UUID_RE } from '../helpers/api.js';
import { startRawAddon, startSdkAddon, type FakeAddon } from '../helpers/fake-addons.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { torrentioStreams } from '../helpers/streams.js';
import { artifact, ensureWebBuilt, launchBrowser } from './helpers.js';

const PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'another fine password';

interface StremioStream {
  name?: string;
  description?: string;
  behaviorHints?: { filename?: string };
}

async function streams(base: string, uuid: string, token: string, id = 'tt1'): Promise<StremioStream[]> {
  const res = await fetch(`${base}/stremio/${uuid}/${token}/stream/movie/${id}.json`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { streams: StremioStream[] }).streams;
}

const is720 = (s: StremioStream) => /720p/.test(s.behaviorHints?.filename ?? '') || /720p/.test(s.name ?? '');

describe('configure page, end to end', () => {
  let srv: TestServer;
  let tio: FakeAddon;
  let comet: FakeAddon;
  let junk: FakeAddon;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  // Filled in as the story goes.
  let uuid = '';
  let token = '';
  let manifestUrl = '';
  let configureLink = '';

  /** The whole page; with a dialog open, the viewport (what the user sees). */
  async function shot(name: string, fullPage = true) {
    const viewport = page.viewportSize() ?? { width: 1280, height: 900 };
    const path = artifact(`configure-${name}-${viewport.width}.png`);
    if (!fullPage) return void (await page.screenshot({ path }));
    // A window as tall as the page (rather than Playwright's fullPage), so the sticky save bar is
    // drawn where a user sees it: at the end.
    const height = (await page.evaluate('document.documentElement.scrollHeight')) as number;
    await page.setViewportSize({ width: viewport.width, height: Math.max(height, viewport.height) });
    await page.screenshot({ path });
    await page.setViewportSize(viewport);
  }

  async function shotBoth(name: string, fullPage = true) {
    await page.setViewportSize({ width: 1280, height: 900 });
    await shot(name, fullPage);
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(name, fullPage);
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  async function status() {
    return (await page.getByTestId('status').textContent())?.trim() ?? '';
  }

  beforeAll(async () => {
    ensureWebBuilt();
    [srv, tio, comet, junk] = await Promise.all([
      startTestServer(),
      startSdkAddon({
        id: 'test.torrentio',
        name: 'Torrentio',
        idPrefixes: ['tt'],
        catalogs: [{ type: 'movie', id: 'top', name: 'Top movies' }],
        handlers: {
          stream: ({ id }) => ({ streams: id.startsWith('tt1') ? torrentioStreams({ count: 8, service: 'RD', uncachedEvery: 3 }) : [] }),
          catalog: () => ({ metas: [{ id: 'tt1', type: 'movie', name: 'Dune' }] }),
        },
      }),
      startSdkAddon({
        id: 'test.comet',
        name: 'Comet',
        types: ['movie', 'series'],
        catalogs: [{ type: 'series', id: 'popular', name: 'Popular series' }],
        handlers: {
          stream: ({ id }) => ({ streams: id.startsWith('tt1') ? torrentioStreams({ count: 8, offset: 100, addonName: 'Comet' }) : [] }),
          catalog: () => ({ metas: [] }),
        },
      }),
      startRawAddon({ hello: 'not a manifest' }, (_req, res) => res.end('{}')),
    ]);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([srv?.close(), tio?.close(), comet?.close(), junk?.close()]);
  });

  it('adds two addons by manifest URL and refuses what is not a manifest', async () => {
    await page.goto(`${srv.url}/configure`);
    expect(page.url()).toBe(`${srv.url}/stremio/configure`);
    await page.getByRole('heading', { name: 'Addons', level: 2 }).waitFor();

    const input = page.getByLabel('Addon manifest URL');
    const add = page.getByRole('button', { name: 'Add by URL' });
    // Not a manifest address: refused before any request.
    await input.fill(`${tio.base}/stream/movie/tt1.json`);
    await add.click();
    expect(await page.getByTestId('add-addon-error').textContent()).toMatch(/must end in \/manifest\.json/);
    // A /manifest.json that answers something else: the server says so.
    await input.fill(junk.manifestUrl);
    await add.click();
    await page.getByTestId('add-addon-error').getByText(/not with a Stremio addon manifest/).waitFor();
    expect(await page.getByTestId('addon-card').count()).toBe(0);

    for (const [addon, name] of [
      [tio, 'Torrentio'],
      [comet, 'Comet'],
    ] as const) {
      await input.fill(addon.manifestUrl);
      await add.click();
      await page.getByTestId('addon-card').filter({ hasText: addon.manifestUrl }).waitFor();
      const card = page.getByTestId('addon-card').filter({ hasText: addon.manifestUrl });
      expect(await card.getByRole('heading', { level: 3 }).textContent()).toBe(name);
      const summary = await card.getByTestId('manifest-summary').textContent();
      expect(summary).toMatch(/stream/);
      expect(summary).toMatch(/catalog/);
      expect(summary).toMatch(/movie, series/);
    }
    // Catalogs of an addon, under its catalog list; options in its form.
    const cometCard = page.getByTestId('addon-card').nth(1);
    await cometCard.getByText('Catalogs (1)').click();
    await cometCard.getByText('Popular series').waitFor();
    await cometCard.getByRole('button', { name: 'Edit Comet' }).click();
    const form = page.getByTestId('addon-dialog');
    await form.getByLabel('Timeout (ms)').fill('5000');
    await form.getByRole('button', { name: 'Update this addon' }).click();
    await form.waitFor({ state: 'detached' });
    expect(await status()).toBe('Unsaved changes');

    // The Torrentio look shows resolutions in stream names.
    await page.getByTestId('tab-formatter').click();
    await page.getByRole('radio', { name: 'Torrentio', exact: true }).check();
    await page.getByTestId('tab-addons').click();
    await shotBoth('new-addons');
  });

  it('saves a new config (POST) and shows the UUID, the warning and the install choices', async () => {
    await page.getByTestId('save').click();
    const create = page.getByTestId('create-dialog');
    await create.waitFor();
    await page.locator('#create-pw').fill(PASSWORD);
    await page.locator('#create-pw2').fill(PASSWORD);
    await create.getByRole('button', { name: 'Save & Install' }).click();

    const installed = page.getByTestId('installed-dialog');
    await installed.waitFor();
    uuid = ((await installed.getByTestId('uuid').textContent()) ?? '').trim();
    expect(uuid).toMatch(UUID_RE);
    expect(await installed.textContent()).toMatch(/cannot be recovered/);
    manifestUrl = await installed.getByTestId('manifest-url').inputValue();
    const m = new RegExp(`^${srv.url}/stremio/${uuid}/([A-Za-z0-9_-]+)/manifest\\.json$`).exec(manifestUrl);
    expect(m, manifestUrl).not.toBeNull();
    token = m![1]!;
    const host = new URL(srv.url).host;
    expect(await installed.getByTestId('install-stremio').getAttribute('href')).toBe(`stremio://${host}/stremio/${uuid}/${token}/manifest.json`);
    expect(await installed.getByTestId('install-web').getAttribute('href')).toBe(`https://web.stremio.com/#/addons?addon=${encodeURIComponent(manifestUrl)}`);
    configureLink = (await installed.getByTestId('configure-link').getAttribute('href'))!;
    expect(configureLink).toBe(`${srv.url}/stremio/${uuid}/${token}/configure`);
    // The page now lives at the configure link, so a reload keeps the config open.
    expect(page.url()).toBe(configureLink);
    await shotBoth('installed', false);

    // Copy buttons work (the clipboard needs a permission in automation).
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: srv.url });
    await installed.getByTestId('copy-uuid').click();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(uuid);
    await installed.getByRole('button', { name: 'Done' }).click();
    await page.getByTestId('status').getByText('Configuration created.').waitFor();
  });

  it('the manifest URL shown is the one the server serves, with both addons in it', async () => {
    const res = await fetch(manifestUrl);
    expect(res.status).toBe(200);
    const manifest = (await res.json()) as { catalogs: { id: string; type: string; name: string }[]; resources: unknown[]; types: string[] };
    const catalogIds = manifest.catalogs.map((c) => c.id);
    expect(catalogIds).toHaveLength(2);
    expect(catalogIds[0]).toMatch(/^[a-z0-9]+e3b0\.top$/);
    expect(catalogIds[1]).toMatch(/^[a-z0-9]+e3b0\.popular$/);
    expect(JSON.stringify(manifest.resources)).toContain('stream');
    expect(manifest.types).toEqual(expect.arrayContaining(['movie', 'series']));

    // And the stored config is what the page built: both addons in order, the timeout, the look.
    const stored = await getUser(srv.url, uuid, PASSWORD, '?raw=true');
    const presets = stored.body.data.userData.presets as { options: { manifestUrl: string; timeout?: number } }[];
    expect(presets.map((p) => p.options.manifestUrl)).toEqual([tio.manifestUrl, comet.manifestUrl]);
    expect(presets[1]!.options.timeout).toBe(5000);
    expect(stored.body.data.userData.formatter).toEqual({ id: 'torrentio' });
  });

  it('reopens from the configure link and says whose config it is', async () => {
    const before = await streams(srv.url, uuid, token);
    expect(before.length).toBeGreaterThan(0);
    expect(before.some(is720)).toBe(true);

    await page.goto(configureLink);
    const who = page.getByTestId('who');
    await who.waitFor();
    expect(await who.textContent()).toMatch(/Opened from your install link/);
    expect(await page.getByTestId('who-uuid').textContent()).toBe(uuid);
    expect(await page.getByTestId('addon-card').count()).toBe(2);
    expect(await status()).toMatch(/opened from your install link/i);
  });

  it('a filter changed on the page changes the server’s stream answer', async () => {
    await page.getByTestId('tab-filters').click();
    const family = page.getByTestId('family-Resolutions');
    await family.locator('summary').click();
    await family.getByRole('group', { name: 'Excluded resolutions' }).getByLabel('720p', { exact: true }).check();
    expect(await status()).toBe('Unsaved changes');
    await shotBoth('filters');
    await page.getByTestId('save').click();
    await page.getByTestId('status').getByText(/^Saved\./).waitFor();
    expect(await page.getByTestId('save').textContent()).toBe('Saved');

    const after = await streams(srv.url, uuid, token);
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter(is720)).toEqual([]);
    // Torrentio's look names resolutions: what is left is still formatted by the chosen formatter.
    expect(after.some((s) => /^\[RD\+\] Torrentio 2160p/.test(s.name ?? ''))).toBe(true);
  });

  it('asks before leaving with unsaved changes', async () => {
    await page.getByTestId('tab-branding').click();
    await page.getByLabel('Addon name').fill('Unsaved name');
    await page.getByTestId('status').getByText('Unsaved changes').waitFor();
    const dialog = new Promise<string>((resolve) => page.once('dialog', (d) => void d.dismiss().then(() => resolve(d.type()))));
    // Dismissing the prompt cancels the reload, so the navigation never completes: do not wait for it.
    void page.reload({ timeout: 5000 }).catch(() => undefined);
    const seen = await Promise.race([dialog, new Promise<string>((r) => setTimeout(() => r('no dialog'), 5000))]);
    expect(seen).toBe('beforeunload');
    // Dismissed: still here, with the edit.
    expect(await page.getByLabel('Addon name').inputValue()).toBe('Unsaved name');
  });

  it('a save after a change behind the page’s back reports the conflict; overwrite then wins', async () => {
    const theirs = await getUser(srv.url, uuid, PASSWORD, '?raw=true');
    const put = await putUser(srv.url, uuid, PASSWORD, { ...theirs.body.data.userData, addonName: 'Changed elsewhere' }, { 'if-match': theirs.headers.get('etag')! });
    expect(put.status).toBe(200);

    await page.getByLabel('Addon name').fill('From the page');
    await page.getByTestId('save').click();
    const conflict = page.getByTestId('conflict-dialog');
    await conflict.waitFor();
    expect(await conflict.getByTestId('conflict-message').textContent()).toMatch(/saved elsewhere.*not saved yet/s);
    await shotBoth('conflict', false);
    await conflict.getByRole('button', { name: 'Overwrite with mine' }).click();
    await page.getByTestId('status').getByText(/^Saved\./).waitFor();

    const now = await getUser(srv.url, uuid, PASSWORD, '?raw=true');
    expect(now.body.data.userData.addonName).toBe('From the page');
    expect(now.body.data.userData.excludedResolutions).toEqual(['720p']);
  });

  it('or reload theirs, discarding the page’s edit', async () => {
    const theirs = await getUser(srv.url, uuid, PASSWORD, '?raw=true');
    await putUser(srv.url, uuid, PASSWORD, { ...theirs.body.data.userData, addonName: 'Theirs' }, { 'if-match': theirs.headers.get('etag')! });
    await page.getByLabel('Addon name').fill('Mine, lost');
    await page.getByTestId('save').click();
    await page.getByTestId('conflict-dialog').getByRole('button', { name: 'Reload theirs' }).click();
    await page.getByTestId('status').getByText(/Reloaded the saved configuration/).waitFor();
    expect(await page.getByLabel('Addon name').inputValue()).toBe('Theirs');
    expect(await page.getByTestId('save').textContent()).toBe('Saved');
  });

  it('marks an invalid value next to its field and does not save it', async () => {
    // Opened from the install link: the raw JSON (it holds credentials) needs the password first.
    await page.getByRole('button', { name: 'Enter the password to show credentials' }).click();
    await page.getByLabel('Password of this configuration').fill(PASSWORD);
    await page.getByTestId('unlock-dialog').getByRole('button', { name: 'Show credentials' }).click();
    await page.getByTestId('unlock-dialog').waitFor({ state: 'detached' });
    await page.getByTestId('tab-backup').click();
    const editor = page.getByLabel('Configuration JSON');
    const cfg = JSON.parse(await editor.inputValue()) as Record<string, unknown>;
    cfg.excludedResolutions = ['720p', '4k'];
    await editor.fill(JSON.stringify(cfg, null, 2));
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await page.getByText('The schema reports 1 problem:').waitFor();
    expect(await page.locator('#json-status').textContent()).toContain('Filters › Excluded resolutions, value 2');
    await page.getByRole('button', { name: 'Apply anyway' }).click();
    await page.getByTestId('save').click();
    // Refused on the page: the section opens and the field says what is wrong, in words.
    await page.getByTestId('status').getByText(/Not saved: 1 problem to fix first/).waitFor();
    await page.getByTestId('issue-summary').waitFor();
    const family = page.getByTestId('family-Resolutions');
    await family.getByTestId('field-issues').waitFor();
    expect(await family.getByTestId('field-issues').textContent()).toBe('Filters › Excluded resolutions, value 2: “4k” is not a value the server knows.');
    expect(await page.getByRole('heading', { name: 'Filters', level: 2 }).isVisible()).toBe(true);
    await shotBoth('issues');

    // The stray value can be removed where it is reported: back to the saved config, so nothing
    // to save and no complaint left.
    await family.getByRole('button', { name: 'Remove 4k from excluded resolutions' }).click();
    await page.getByTestId('issue-summary').waitFor({ state: 'detached' });
    expect(await page.getByTestId('save').textContent()).toBe('Saved');
  });

  it('exports without credentials by default', async () => {
    await page.getByTestId('tab-services').click();
    const rd = page.getByTestId('service-realdebrid');
    await rd.getByTestId('service-enabled').check();
    const key = rd.getByLabel(/^API key/);
    expect(await key.getAttribute('type')).toBe('password');
    await key.fill('RD-SECRET-KEY');
    await page.getByTestId('tab-backup').click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download JSON' }).click();
    const file = await download;
    const text = await new Promise<string>((resolve, reject) => {
      void file.createReadStream().then((s) => {
        const chunks: Buffer[] = [];
        s.on('data', (c: Buffer) => chunks.push(c));
        s.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        s.on('error', reject);
      });
    });
    const exported = JSON.parse(text) as { services: { id: string; credentials: Record<string, string> }[] };
    // Every service is listed (in priority order, as AIOStreams writes them), credentials blanked.
    expect(exported.services[0]).toEqual({ id: 'realdebrid', enabled: true, credentials: { apiKey: '' } });
    expect(exported.services).toHaveLength(18);
    expect(text).not.toContain('RD-SECRET-KEY');
    await page.getByTestId('export-credentials').check();
    const withCreds = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download JSON' }).click();
    expect(await (await withCreds).suggestedFilename()).not.toContain('no-credentials');
    await page.getByTestId('save').click();
    await page.getByTestId('status').getByText(/^Saved\./).waitFor();
  });

  it('changes the password: new install link, old one dead', async () => {
    await page.getByTestId('tab-account').click();
    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByLabel('New password').fill(NEW_PASSWORD);
    await page.getByLabel('Repeat it').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    const installed = page.getByTestId('installed-dialog');
    await installed.waitFor();
    const newUrl = await installed.getByTestId('manifest-url').inputValue();
    expect(newUrl).not.toBe(manifestUrl);
    const oldToken = token;
    token = /\/stremio\/[^/]+\/([^/]+)\/manifest\.json$/.exec(newUrl)![1]!;
    expect((await fetch(newUrl)).status).toBe(200);
    expect((await fetch(manifestUrl)).status).toBe(401);
    expect(page.url()).toBe(`${srv.url}/stremio/${uuid}/${token}/configure`);
    expect((await getUser(srv.url, uuid, NEW_PASSWORD)).status).toBe(200);
    expect((await getUser(srv.url, uuid, oldToken)).status).toBe(401);
    await installed.getByRole('button', { name: 'Done' }).click();
  });

  it('loads by UUID and password from a fresh page', async () => {
    const other = await context.newPage();
    await other.goto(`${srv.url}/stremio/configure`);
    await other.getByRole('button', { name: 'Load', exact: true }).click();
    await other.getByLabel('UUID or alias').fill(uuid);
    await other.getByLabel('Password', { exact: true }).fill('wrong password');
    await other.getByTestId('load-dialog').getByRole('button', { name: 'Load', exact: true }).click();
    await other.getByText('Invalid UUID or password').waitFor();
    await other.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
    await other.getByTestId('load-dialog').getByRole('button', { name: 'Load', exact: true }).click();
    await other.getByTestId('who-uuid').waitFor();
    expect(await other.getByTestId('who-uuid').textContent()).toBe(uuid);
    expect(await other.getByTestId('addon-card').count()).toBe(2);
    await other.close();
  });

  it('deletes with confirmation', async () => {
    await page.getByTestId('tab-account').click();
    await page.getByRole('button', { name: 'Delete configuration…' }).click();
    const dialog = page.getByTestId('delete-dialog');
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    expect((await getUser(srv.url, uuid, NEW_PASSWORD)).status).toBe(200);
    await page.getByRole('button', { name: 'Delete configuration…' }).click();
    await shotBoth('delete', false);
    await page.getByTestId('delete-dialog').getByLabel('Password of this configuration').fill(NEW_PASSWORD);
    await page.getByTestId('delete-dialog').getByRole('button', { name: 'Delete permanently' }).click();
    await page.getByTestId('status').getByText(/was deleted/).waitFor();
    expect(page.url()).toBe(`${srv.url}/stremio/configure`);
    const gone = await call(srv.url, 'GET', '/api/v1/user', { headers: { authorization: basic(uuid, NEW_PASSWORD) } });
    expect(gone.status).toBe(401);
    const head = await fetch(`${srv.url}/api/v1/user?uuid=${uuid}`, { method: 'HEAD' });
    expect(head.status).toBe(404);
  });

  it('every section fits 360 px without horizontal scrolling, and every control has a label', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    for (const tab of ['addons', 'services', 'filters', 'sorting', 'formatter', 'branding', 'account', 'backup']) {
      await page.getByTestId(`tab-${tab}`).click();
      if (tab === 'filters') for (const d of await page.locator('details.family summary').all()) await d.click();
      const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      expect(overflow, tab).toBe(0);
      const unlabelled = await page.evaluate(`[...document.querySelectorAll('input, select, textarea, button')]
        .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby') && !(el.tagName === 'BUTTON' && el.textContent.trim()))
        .map((el) => el.outerHTML.slice(0, 120))`);
      expect(unlabelled, tab).toEqual([]);
    }
    await page.setViewportSize({ width: 390, height: 844 });
    for (const tab of ['sorting', 'formatter', 'services']) {
      await page.getByTestId(`tab-${tab}`).click();
      await shot(tab);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    for (const tab of ['sorting', 'formatter', 'services']) {
      await page.getByTestId(`tab-${tab}`).click();
      await shot(tab);
    }
    // The only errors allowed are the failed requests the story made on purpose (HTTP 400/401/412).
    expect(errors.filter((e) => !/status of (400|401|412)/.test(e))).toEqual([]);
  });
});

describe('configure page: unknown keys and aliases', () => {
  let srv: TestServer;
  let browser: Browser;
  const futureKeys = {
    groups: { enabled: true, groupings: [{ addons: ['a'], condition: 'true' }] },
    statistics: { enabled: true, statsToShow: ['addon'] },
    someFutureFeature: { nested: [1, { deep: 'value' }] },
    proxy: { enabled: false, id: 'mediaflow' },
  };
  const config = { presets: [], formatter: { id: 'prism' }, sortCriteria: { global: [] }, ...futureKeys };

  beforeAll(async () => {
    ensureWebBuilt();
    browser = await launchBrowser();
  }, 180_000);
  const dataDirs: string[] = [];
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps keys the page has no form for through load → edit → save', async () => {
    srv = await startTestServer();
    const created = await call(srv.url, 'POST', '/api/v1/user', { body: { config, password: PASSWORD } });
    const { uuid, encryptedPassword } = created.body.data as { uuid: string; encryptedPassword: string };
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    await page.goto(`${srv.url}/stremio/${uuid}/${encryptedPassword}/configure`);
    await page.getByTestId('who').waitFor();
    await page.getByTestId('tab-filters').click();
    await page.getByTestId('exclude-uncached').check();
    await page.getByTestId('save').click();
    // It has no addon: the page says so before saving.
    await page.getByTestId('no-addons-dialog').getByRole('button', { name: 'Save without addons' }).click();
    await page.getByTestId('status').getByText(/^Saved\./).waitFor();
    const stored = (await getUser(srv.url, uuid, PASSWORD, '?raw=true')).body.data.userData;
    expect(stored).toEqual({ ...config, excludeUncached: true });
    await page.close();
  });

  it('loads by alias, installs through the alias address, and opens from the alias configure link', async () => {
    const created = await call(srv.url, 'POST', '/api/v1/user', { body: { config, password: PASSWORD } });
    const { uuid, encryptedPassword } = created.body.data as { uuid: string; encryptedPassword: string };
    // Aliases are operator settings: restart the server on the same data with one configured.
    const first = srv;
    await first.stop();
    srv = await first.restart({ ALIASED_CONFIGURATIONS: `family:${uuid}:${encryptedPassword}` });
    dataDirs.push(first.settings.dataDir);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    await page.goto(`${srv.url}/stremio/configure`);
    await page.getByRole('button', { name: 'Load', exact: true }).click();
    await page.getByLabel('UUID or alias').fill('family');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByTestId('load-dialog').getByRole('button', { name: 'Load', exact: true }).click();
    await page.getByTestId('who-uuid').waitFor();
    expect(await page.getByTestId('who').textContent()).toMatch(/with alias family/);
    await page.getByTestId('tab-account').click();
    const url = await page.getByTestId('manifest-url').inputValue();
    expect(url).toBe(`${srv.url}/stremio/u/family/manifest.json`);
    const manifest = await fetch(url);
    expect(manifest.status).toBe(200);
    expect(((await manifest.json()) as { id: string }).id).toMatch(/^com\.aiostreams/);

    // Stremio's Configure button on an alias install: /stremio/u/<alias>/configure.
    await page.goto(`${srv.url}/stremio/u/family/configure`);
    await page.getByTestId('who-uuid').waitFor();
    expect(await page.getByTestId('who-uuid').textContent()).toBe(uuid);
    await page.close();
  });
});
