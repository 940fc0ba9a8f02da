/**
 * The fourteen defects of the configure page found by trying it as a new user (issue 10), one
 * browser test each, in Debian's Chromium against a real server and real upstream addons.
 */
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, getUser, MINIMAL_CONFIG } from '../helpers/api.js';
import { startSdkAddon, type FakeAddon } from '../helpers/fake-addons.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { artifact, ensureWebBuilt, horizontalOverflow, launchBrowser, saveNewConfig } from './helpers.js';

const PASSWORD = 'defect password';
/** A name the browser resolves to 127.0.0.1 but does not treat as a secure origin, like a LAN address. */
const LAN_HOST = 'lan.test';

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as { port: number };
  await new Promise((r) => probe.close(r));
  return port;
}

/** Every value typed into a box on the page (credentials live there, not in attributes). */
const fieldValues = (page: Page) => page.evaluate(`[...document.querySelectorAll('input, textarea')].map((el) => el.value).join('\\n')`) as Promise<string>;

describe('configure page defects (issue 10)', () => {
  let srv: TestServer;
  let good: FakeAddon;
  let browser: Browser;
  const errors: string[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    [srv, good] = await Promise.all([
      startTestServer(),
      startSdkAddon({ id: 'test.good', name: 'Good', catalogs: [{ type: 'movie', id: 'top', name: 'Top' }], handlers: { stream: () => ({ streams: [] }), catalog: () => ({ metas: [] }) } }),
    ]);
    browser = await launchBrowser([`--host-resolver-rules=MAP ${LAN_HOST} 127.0.0.1`]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([srv?.close(), good?.close()]);
    expect(errors).toEqual([]);
  });

  async function fresh(width = 1280, height = 900): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height } });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    return page;
  }

  const customAddon = (instanceId: string, manifestUrl: string, name = 'Good') => ({ type: 'custom', instanceId, enabled: true, options: { name, manifestUrl } });

  async function quickAdd(page: Page, url: string) {
    await page.getByLabel('Addon manifest URL').fill(url);
    await page.getByRole('button', { name: 'Add by URL' }).click();
  }

  it('1. the install link’s page hides credentials until the password is given; Delete and Change password ask for it', async () => {
    const config = {
      ...MINIMAL_CONFIG,
      services: [{ id: 'realdebrid', enabled: true, credentials: { apiKey: 'RD-SECRET-1' } }],
      presets: [{ type: 'subdl', instanceId: 'sub', enabled: true, options: { subDlApiKey: 'SUBDL-SECRET-2', language: ['EN'] } }],
    };
    const { uuid, token } = await createUser(srv.url, PASSWORD, config);
    const page = await fresh();
    await page.goto(`${srv.url}/stremio/${uuid}/${token}/configure`);
    await page.getByTestId('who').waitFor();
    const secretsShown = async () => /RD-SECRET-1|SUBDL-SECRET-2/.test(await fieldValues(page));

    await page.getByTestId('tab-services').click();
    await page.getByTestId('credentials-locked').waitFor();
    const rdKey = page.getByTestId('service-realdebrid').getByLabel(/^API key/);
    expect(await rdKey.isDisabled()).toBe(true);
    expect(await rdKey.getAttribute('placeholder')).toMatch(/enter your password/);
    expect(await secretsShown()).toBe(false);
    await page.getByTestId('tab-addons').click();
    await page.getByRole('button', { name: 'Edit SubDL' }).click();
    expect(await page.getByTestId('preset-form').getByLabel(/^SubDL API Key/).isDisabled()).toBe(true);
    expect(await secretsShown()).toBe(false);
    await page.getByTestId('addon-dialog').getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('tab-backup').click();
    expect(await page.getByLabel('Configuration JSON').count()).toBe(0);
    expect(await page.getByTestId('export-credentials').isDisabled()).toBe(true);
    expect(await secretsShown()).toBe(false);

    // Delete needs the password, not the link: a wrong one deletes nothing.
    await page.getByTestId('tab-account').click();
    await page.getByRole('button', { name: 'Delete configuration…' }).click();
    const del = page.getByTestId('delete-dialog');
    expect(await del.getByRole('button', { name: 'Delete permanently' }).isDisabled()).toBe(true);
    await del.getByLabel('Password of this configuration').fill('not the password');
    await del.getByRole('button', { name: 'Delete permanently' }).click();
    await del.getByRole('alert').waitFor();
    await del.getByRole('button', { name: 'Keep it' }).click();
    expect((await getUser(srv.url, uuid, PASSWORD)).status).toBe(200);
    // Change password with what the link holds (its token) is refused.
    await page.getByLabel('Current password').fill(token);
    await page.getByLabel('New password').fill('a whole new one');
    await page.getByLabel('Repeat it').fill('a whole new one');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.locator('form.card .error').waitFor();
    expect((await getUser(srv.url, uuid, PASSWORD)).status).toBe(200);

    // The password shows them.
    await page.getByRole('button', { name: 'Enter the password to show credentials' }).click();
    await page.getByTestId('unlock-dialog').getByLabel('Password of this configuration').fill(PASSWORD);
    await page.getByTestId('unlock-dialog').getByRole('button', { name: 'Show credentials' }).click();
    await page.getByTestId('unlock-dialog').waitFor({ state: 'detached' });
    await page.getByTestId('tab-services').click();
    expect(await rdKey.inputValue()).toBe('RD-SECRET-1');
    expect(await page.getByTestId('credentials-locked').count()).toBe(0);
    await page.context().close();
  });

  it('2. a loaded config survives a reload: its UUID stays in the address and the password is asked again', async () => {
    const { uuid } = await createUser(srv.url, PASSWORD, { ...MINIMAL_CONFIG, addonName: 'Reload me', presets: [customAddon('g', good.manifestUrl)] });
    const page = await fresh();
    await page.goto(`${srv.url}/stremio/configure`);
    await page.getByRole('button', { name: 'Load', exact: true }).click();
    await page.getByLabel('UUID or alias').fill(uuid);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByTestId('load-dialog').getByRole('button', { name: 'Load', exact: true }).click();
    await page.getByTestId('who-uuid').waitFor();
    expect(page.url()).toBe(`${srv.url}/stremio/configure?user=${uuid}`);

    await page.reload();
    const load = page.getByTestId('load-dialog');
    await load.waitFor();
    expect(await load.getByLabel('UUID or alias').inputValue()).toBe(uuid);
    expect(await load.textContent()).toContain(`Enter the password of ${uuid}`);
    await load.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByTestId('pending').textContent()).toContain(uuid);
    // Saving now would create a second config: the page asks for the password instead.
    await page.getByTestId('save').click();
    await load.waitFor();
    expect(await page.getByTestId('create-dialog').count()).toBe(0);
    await load.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await load.getByRole('button', { name: 'Load', exact: true }).click();
    await page.getByTestId('who-uuid').waitFor();
    expect(await page.getByTestId('who-uuid').textContent()).toBe(uuid);
    expect(await page.getByTestId('addon-card').count()).toBe(1);
    await page.context().close();
  });

  it('3. an import is checked before it replaces anything; from a file it works, twice', async () => {
    const page = await fresh();
    await page.goto(`${srv.url}/stremio/configure`);
    await page.getByTestId('tab-branding').click();
    await page.getByLabel('Addon name').fill('Before import');
    await page.getByTestId('tab-backup').click();
    const card = page.getByTestId('import-card');

    await card.getByLabel('Or paste the JSON').fill('{"presets": [');
    await card.getByRole('button', { name: 'Check pasted JSON' }).click();
    expect(await card.getByTestId('import-error').textContent()).toMatch(/^This is not valid JSON/);

    const bad = { ...MINIMAL_CONFIG, addonName: 'Bad', excludedResolutions: ['4k'], presets: [{ type: 'torrentio', instanceId: 'a', enabled: true, options: { timeout: 10 } }] };
    await card.getByLabel('Or paste the JSON').fill(JSON.stringify(bad));
    await card.getByRole('button', { name: 'Check pasted JSON' }).click();
    const problems = card.getByTestId('import-problems');
    expect(await problems.getByRole('listitem').allTextContents()).toEqual([
      'Addon “Torrentio” › Timeout (ms): Must be at least 1000.',
      'Filters › Excluded resolutions, value 1: “4k” is not a value the server knows.',
    ]);
    await page.getByTestId('tab-branding').click();
    expect(await page.getByLabel('Addon name').inputValue()).toBe('Before import');

    const file = path.join(tmpdir(), `aio-import-${process.pid}.json`);
    writeFileSync(file, JSON.stringify({ ...MINIMAL_CONFIG, addonName: 'From a file', presets: [customAddon('g', good.manifestUrl)] }));
    await page.getByTestId('tab-backup').click();
    for (const round of [1, 2]) {
      await card.getByLabel('From a file').setInputFiles(file);
      await card.getByTestId('import-ready').waitFor();
      // The box is cleared as soon as it is read, so the same file can be chosen again.
      expect(await card.getByLabel('From a file').inputValue(), `round ${round}`).toBe('');
      await card.getByRole('button', { name: 'Replace the page’s configuration' }).click();
      await page.getByTestId('status').getByText('Imported.', { exact: false }).waitFor();
    }
    await page.getByTestId('tab-branding').click();
    expect(await page.getByLabel('Addon name').inputValue()).toBe('From a file');
    await page.context().close();
  });

  it('4. Save is refused while a field is invalid, and the first one is focused', async () => {
    const page = await fresh();
    await page.goto(`${srv.url}/stremio/configure`);
    await quickAdd(page, good.manifestUrl);
    await page.getByTestId('addon-card').waitFor();

    // A value that never reaches the config (not a number): the field says so, Save refuses.
    await page.getByTestId('tab-filters').click();
    const min = page.getByLabel('Movies: minimum size in GB');
    await min.fill('abc');
    await page.getByTestId('save').click();
    await page.getByTestId('status').getByText('Not saved: 1 problem to fix first. The first one is shown.').waitFor();
    expect(await page.evaluate('document.activeElement.getAttribute("aria-label") ?? document.activeElement.id')).toBe(await min.getAttribute('id'));
    await min.fill('');

    // An invalid value on another tab: Save opens that tab and focuses it.
    await page.getByTestId('tab-branding').click();
    await page.getByLabel('Addon name').fill('n'.repeat(301));
    await page.getByTestId('tab-addons').click();
    await page.getByTestId('save').click();
    await page.getByRole('heading', { name: 'Branding', level: 2 }).waitFor();
    await expect.poll(() => page.evaluate('document.activeElement.id')).toBe('addon-name');
    expect(await page.getByTestId('create-dialog').count()).toBe(0);
    await page.getByLabel('Addon name').fill('Fine');
    await page.getByTestId('save').click();
    await page.getByTestId('create-dialog').waitFor();
    await page.context().close();
  });

  it('5. the server’s refusals and the page’s own checks read as sentences on their field, without overflowing', async () => {
    // An instance that knows its public address refuses an addon pointing back at itself, a check
    // only the server can make.
    const port = await freePort();
    const self = await startTestServer({ env: { PORT: String(port), BASE_URL: `http://127.0.0.1:${port}` } });
    try {
      const page = await fresh();
      await page.goto(`${self.url}/stremio/configure`);
      await quickAdd(page, `${self.url}/stremio/manifest.json`);
      await page.getByTestId('addon-card').waitFor();
      await page.getByTestId('tab-backup').click();
      const editor = page.getByLabel('Configuration JSON');
      const cfg = JSON.parse(await editor.inputValue()) as Record<string, unknown>;
      await editor.fill(JSON.stringify({ ...cfg, excludedLanguages: ['Klingon'] }));
      await page.getByRole('button', { name: 'Check', exact: true }).click();
      expect(await page.locator('#json-status .issues').first().textContent()).toBe('Filters › Excluded languages, value 1: “Klingon” is not a value the server knows.');
      await editor.fill(JSON.stringify(cfg));
      await page.getByRole('button', { name: 'Apply to the page' }).click();

      await page.getByTestId('save').click();
      await page.locator('#create-pw').fill(PASSWORD);
      await page.locator('#create-pw2').fill(PASSWORD);
      await page.getByTestId('create-dialog').getByRole('button', { name: 'Save & Install' }).click();
      await page.getByTestId('status').getByText('Not saved: the server found 1 problem to fix (marked next to the fields).').waitFor();
      const row = page.getByTestId('addon-card');
      expect(await row.getByTestId('field-issues').textContent()).toBe('AIOStreams points back at this instance, which would ask itself for streams.');
      const summary = page.getByTestId('issue-summary');
      await summary.locator('summary').click();
      expect(await summary.locator('li').textContent()).toBe('Addon “AIOStreams”: AIOStreams points back at this instance, which would ask itself for streams.');
      expect(await page.locator('body').textContent()).not.toMatch(/presets\.0/);
      for (const width of [1280, 360]) {
        await page.setViewportSize({ width, height: 800 });
        await page.screenshot({ path: artifact(`server-issue-${width}.png`) });
        expect(await horizontalOverflow(page), `page at ${width}`).toBe(0);
        const clipped = await page.evaluate(`[...document.querySelectorAll('.issues, .issue-summary li, .error')].filter((el) => el.scrollWidth > el.clientWidth + 1).length`);
        expect(clipped, `issue boxes at ${width}`).toBe(0);
      }
      await page.context().close();
    } finally {
      await self.close();
    }
  });

  it('6. Copy UUID works without the async clipboard (plain http on a LAN name)', async () => {
    const { uuid } = await createUser(srv.url, PASSWORD);
    const page = await fresh();
    await page.goto(`http://${LAN_HOST}:${new URL(srv.url).port}/stremio/configure`);
    expect(await page.evaluate('window.isSecureContext || typeof navigator.clipboard !== "undefined"')).toBe(false);
    await page.getByRole('button', { name: 'Load', exact: true }).click();
    await page.getByLabel('UUID or alias').fill(uuid);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByTestId('load-dialog').getByRole('button', { name: 'Load', exact: true }).click();
    await page.getByTestId('who-uuid').waitFor();
    await page.getByRole('button', { name: 'Install', exact: true }).click();
    // What the copy command takes is the selection when its copy event fires; read there, since a
    // headless browser's system clipboard is not something every machine provides the same way.
    await page.evaluate(`window.copiedTexts = [];
      document.addEventListener('copy', () => {
        const el = document.activeElement;
        const selected = el && typeof el.selectionStart === 'number' ? el.value.slice(el.selectionStart, el.selectionEnd) : String(getSelection());
        window.copiedTexts.push(selected);
      }, true);`);
    await page.getByTestId('copy-uuid').click();
    await page.getByTestId('copy-uuid').getByText('Copied ✓').waitFor();
    expect(await page.getByTestId('copy-uuid-status').textContent()).toBe('Copied to the clipboard');
    expect(await page.evaluate('window.copiedTexts')).toEqual([uuid]);
    // The helper box is gone and focus is back on the button.
    expect(await page.locator('.copy-buffer').count()).toBe(0);
    expect(await page.evaluate('document.activeElement?.dataset.testid')).toBe('copy-uuid');
    await page.context().close();
  });

  it('7. a dead addon is flagged on its row without opening anything', async () => {
    const config = { ...MINIMAL_CONFIG, presets: [customAddon('live', good.manifestUrl, 'Alive'), customAddon('dead', 'http://127.0.0.1:9/manifest.json', 'Gone')] };
    const { uuid, token } = await createUser(srv.url, PASSWORD, config);
    const page = await fresh();
    await page.goto(`${srv.url}/stremio/${uuid}/${token}/configure`);
    const dead = page.getByTestId('addon-card').filter({ hasText: 'Gone' });
    await dead.getByTestId('addon-dead').waitFor();
    expect(await dead.getByTestId('addon-dead').textContent()).toMatch(/^Not reachable: Could not load the manifest: could not connect/);
    const alive = page.getByTestId('addon-card').filter({ hasText: 'Alive' });
    await alive.getByTestId('manifest-summary').waitFor();
    expect(await alive.getByTestId('addon-dead').count()).toBe(0);
    await page.context().close();
  });

  it('8. contradicting filters are pointed out as they are set, with a fix at hand', async () => {
    const page = await fresh();
    await page.goto(`${srv.url}/stremio/configure`);
    await page.getByTestId('tab-filters').click();
    const family = page.getByTestId('family-Resolutions');
    await family.locator('summary').click();
    await family.getByRole('group', { name: 'Excluded resolutions' }).getByLabel('720p', { exact: true }).check();
    const conflicts = family.getByTestId('conflicts-Resolutions');
    // A new config prefers every resolution, 720p included.
    expect(await conflicts.textContent()).toContain('“720p” is excluded, so preferring it does nothing.');
    await family.getByRole('group', { name: 'Required resolutions' }).getByLabel('720p', { exact: true }).check();
    expect(await conflicts.textContent()).toContain('“720p” is both excluded and required');
    await conflicts.getByRole('button', { name: 'Remove it from preferred' }).click();
    await conflicts.getByRole('button', { name: 'Remove it from required' }).click();
    expect(await conflicts.count()).toBe(0);
    expect(await family.getByRole('list', { name: 'Preferred resolutions' }).textContent()).not.toContain('720p');

    const groups = page.getByTestId('release-groups');
    await groups.getByLabel('Excluded release groups').fill('FLUX');
    await groups.getByLabel('Excluded release groups').press('Enter');
    await groups.getByLabel('Preferred release groups').fill('flux');
    await groups.getByLabel('Preferred release groups').press('Enter');
    expect(await groups.getByTestId('conflicts-ReleaseGroups').textContent()).toContain('“flux” is excluded, so preferring it does nothing.');
    await page.context().close();
  });

  it('9. Sorting offers the keys that work and says why the others do nothing, pointing at lists that exist', async () => {
    const config = { ...MINIMAL_CONFIG, sortCriteria: { global: [{ key: 'releaseGroup', direction: 'desc' }, { key: 'audioChannel', direction: 'desc' }] } };
    const { uuid, token } = await createUser(srv.url, PASSWORD, config);
    const page = await fresh();
    await page.goto(`${srv.url}/stremio/${uuid}/${token}/configure`);
    await page.getByTestId('tab-sorting').click();
    const criteria = page.getByTestId('sort-criterion');
    expect(await criteria.nth(0).getByTestId('inactive-reason').textContent()).toBe(' · does nothing now: you have no preferred release groups yet. Add preferred release groups in Filters');
    expect(await criteria.nth(1).getByTestId('inactive-reason').textContent()).toContain('AIOStreams never implemented it');
    const add = page.getByLabel('Add a criterion');
    const age = add.locator('option', { hasText: /^Age/ });
    expect(await age.isDisabled()).toBe(true);
    expect(await age.textContent()).toBe('Age — no addon here reports a release’s age');
    expect(await add.locator('option', { hasText: /^Size$/ }).isDisabled()).toBe(false);

    await criteria.nth(0).getByRole('button', { name: 'Add preferred release groups in Filters' }).click();
    await page.getByRole('heading', { name: 'Filters', level: 2 }).waitFor();
    await expect.poll(() => page.evaluate('document.activeElement.dataset.path')).toBe('preferredReleaseGroups');
    await page.keyboard.type('FLUX');
    await page.keyboard.press('Enter');
    await page.getByTestId('tab-sorting').click();
    expect(await criteria.nth(0).getByTestId('inactive-reason').count()).toBe(0);
    await page.context().close();
  });

  it('10. custom templates are checked as they are typed, with position and suggestion; field names complete', async () => {
    const page = await fresh();
    await page.goto(`${srv.url}/stremio/configure`);
    await page.getByTestId('tab-formatter').click();
    await page.getByRole('radio', { name: 'Custom', exact: true }).check();
    const name = page.getByLabel('Name template');
    const problems = () => page.getByTestId('template-problems').first().getByRole('listitem').allTextContents();
    await name.fill('{stream.resolution');
    expect(await problems()).toEqual(['Line 1, column 1: this { is never closed, so it prints as written. Did you mean {stream.resolution}?']);
    await name.fill('Res:\n {stream.resoluton}');
    expect(await problems()).toEqual(['Line 2, column 2: stream.resoluton is not a field. Did you mean stream.resolution?']);
    await name.fill('{stream.filename::bytes}');
    expect(await problems()).toEqual(['Line 1, column 17: ::bytes does not work on text values.']);

    await name.fill('');
    await name.pressSequentially('{stream.reso');
    const list = page.getByTestId('completions').first();
    expect(await list.getByRole('option').allTextContents()).toEqual(['stream.resolution']);
    await name.press('Enter');
    expect(await name.inputValue()).toBe('{stream.resolution}');
    expect(await list.isHidden()).toBe(true);
    await page.getByText('No problems found.').first().waitFor();
    expect(await page.getByTestId('preview-name').first().textContent()).toBe('2160p');
    await page.context().close();
  });

  it('11. stremio:// and scheme-less addresses are read as https, and errors name what was fetched', async () => {
    const page = await fresh();
    await page.goto(`${srv.url}/stremio/configure`);
    const hostPort = new URL(good.base).host;
    for (const typed of [`stremio://${hostPort}/manifest.json`, `${hostPort}/manifest.json`]) {
      await quickAdd(page, typed);
      expect(await page.getByTestId('add-addon-read').textContent()).toBe(`Read as https://${hostPort}/manifest.json`);
      expect(await page.getByTestId('add-addon-error').textContent()).toMatch(new RegExp(`^Could not load https://${hostPort.replace(/\./g, '\\.')}/manifest\\.json: `));
    }
    await quickAdd(page, `${good.base}/stream/movie/tt1.json`);
    expect(await page.getByTestId('add-addon-error').textContent()).toBe(`${good.base}/stream/movie/tt1.json is not a Stremio manifest URL: it must end in /manifest.json`);
    await quickAdd(page, good.manifestUrl);
    await page.getByTestId('addon-card').waitFor();

    // In a kind's form too: the address is rewritten on leaving the field, and the check names it.
    await page.getByTestId('open-catalogue').click();
    await page.getByRole('button', { name: 'Add Custom', exact: true }).click();
    const field = page.getByTestId('preset-form').locator('[data-option="manifestUrl"]');
    await field.locator('input').fill(`stremio://${hostPort}/manifest.json`);
    await field.locator('input').blur();
    expect(await field.locator('input').inputValue()).toBe(`https://${hostPort}/manifest.json`);
    expect(await field.textContent()).toContain(`Read as https://${hostPort}/manifest.json`);
    await field.getByTestId('manifest-check-error').waitFor();
    expect(await field.getByTestId('manifest-check-error').textContent()).toMatch(new RegExp(`^Could not load https://${hostPort.replace(/\./g, '\\.')}/manifest\\.json: `));
    await page.context().close();
  });

  it('12. a name over the limit is kept and flagged, never cut; the “Editing …” banner does not grow with it', async () => {
    const page = await fresh();
    await page.goto(`${srv.url}/stremio/configure`);
    await page.getByTestId('tab-branding').click();
    const input = page.getByLabel('Addon name');
    await input.fill('N'.repeat(400));
    expect((await input.inputValue()).length).toBe(400);
    expect(await page.getByTestId('addon-name-count').textContent()).toBe('400 / 300 characters');
    expect(await page.locator('[data-path="addonName"]').locator('xpath=..').getByTestId('field-issues').textContent()).toBe('Too long: at most 300 characters (this has 400).');

    // The banner is as tall with a 290-character name as with a 40-character one; the name is cut with …
    const long = `A very long addon name ${'that keeps going '.repeat(16)}`.slice(0, 290);
    const links = await Promise.all([long, 'A reasonably long name for the banner'].map((addonName) => createUser(srv.url, PASSWORD, { ...MINIMAL_CONFIG, addonName })));
    for (const width of [1280, 360]) {
      const heights: number[] = [];
      for (const [i, { uuid, token }] of links.entries()) {
        const p = await fresh(width, 800);
        await p.goto(`${srv.url}/stremio/${uuid}/${token}/configure`);
        const shown = p.getByTestId('who-name');
        await shown.waitFor();
        heights.push((await p.getByTestId('who').boundingBox())!.height);
        if (i === 0) {
          expect(await shown.getAttribute('title')).toBe(long);
          expect(await shown.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
          await p.screenshot({ path: artifact(`long-name-banner-${width}.png`) });
        }
        await p.context().close();
      }
      expect(heights[0], `banner at ${width}`).toBe(heights[1]);
    }
    await page.context().close();
  });

  it('13. removing a row focuses the next one (never the page body); ids are unique with the install dialog open', async () => {
    const page = await fresh();
    await page.goto(`${srv.url}/stremio/configure`);
    for (const prefix of ['a', 'b', 'c']) {
      await quickAdd(page, `${good.base}/${prefix}/manifest.json`);
      await page.getByTestId('addon-card').nth(['a', 'b', 'c'].indexOf(prefix)).waitFor();
    }
    // Which row holds the focus, and on what: waited for, as focus moves once the list re-renders.
    const focus = () =>
      page.evaluate(`(() => { const rows = [...document.querySelectorAll('[data-testid=addon-card]')]; const el = document.activeElement;
        return { row: rows.indexOf(el.closest('[data-testid=addon-card]')), rows: rows.length, label: el.getAttribute('aria-label'), id: el.id }; })()`);
    await page.getByTestId('addon-card').nth(1).getByRole('button', { name: 'Remove Good' }).click();
    await expect.poll(focus).toEqual({ row: 1, rows: 2, label: 'Remove Good', id: '' });
    // The keyboard goes on from there: the last row, then the heading once none is left.
    await page.keyboard.press('Enter');
    await expect.poll(focus).toEqual({ row: 0, rows: 1, label: 'Remove Good', id: '' });
    await page.keyboard.press('Enter');
    await expect.poll(focus).toEqual({ row: -1, rows: 0, label: null, id: 'addons-h' });

    await quickAdd(page, good.manifestUrl);
    await page.getByTestId('addon-card').waitFor();
    await saveNewConfig(page, PASSWORD);
    await page.getByTestId('tab-account').click();
    await page.getByRole('button', { name: 'Install', exact: true }).click();
    await page.getByTestId('installed-dialog').waitFor();
    const duplicates = await page.evaluate(`(() => { const ids = [...document.querySelectorAll('[id]')].map((el) => el.id); return ids.filter((id, i) => ids.indexOf(id) !== i); })()`);
    expect(duplicates).toEqual([]);
    expect(await page.getByTestId('manifest-url').count()).toBe(2);
    await page.context().close();
  });

  it('14. at 360 px the tab strip shows there is more; saving with no addon asks first', async () => {
    const page = await fresh(360, 740);
    await page.goto(`${srv.url}/stremio/configure`);
    const tabs = page.getByTestId('tabs');
    expect(await tabs.getAttribute('class')).toContain('more-right');
    expect(await tabs.locator('.tab-scroll.right').isVisible()).toBe(true);
    expect(await tabs.locator('.tab-scroll.left').isVisible()).toBe(false);
    await page.screenshot({ path: artifact('tabs-cue-360.png') });
    await tabs.locator('.tab-scroll.right').click();
    await page.getByTestId('tab-backup').click();
    await expect.poll(() => tabs.getAttribute('class')).toContain('more-left');
    expect(await tabs.getAttribute('class')).not.toContain('more-right');
    expect(await page.getByTestId('tab-backup').isVisible()).toBe(true);

    await page.getByTestId('save').click();
    const ask = page.getByTestId('no-addons-dialog');
    await ask.waitFor();
    expect(await ask.textContent()).toContain('with none enabled, Stremio gets no streams');
    await ask.getByRole('button', { name: 'Add an addon' }).click();
    await page.getByTestId('catalogue').waitFor();
    await page.context().close();
  });
});
