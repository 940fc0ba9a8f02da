/**
 * The whole page at phone width (360 px), in Debian's Chromium, on a config that uses every
 * section: each tab and each dialog fits the width (nothing scrolls sideways, no box is wider than
 * its dialog), every control has a label, and a screenshot of each is kept in test-artifacts/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, MINIMAL_CONFIG } from '../helpers/api.js';
import { startSdkAddon, type FakeAddon } from '../helpers/fake-addons.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { artifact, ensureWebBuilt, horizontalOverflow, launchBrowser } from './helpers.js';

const PASSWORD = 'phone password';
const WIDTH = 360;
const TABS = ['addons', 'services', 'filters', 'sorting', 'formatter', 'branding', 'account', 'backup'];

/** Controls a screen reader could not name. */
const unlabelled = (page: Page) =>
  page.evaluate(`[...document.querySelectorAll('input, select, textarea, button')]
    .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby') && !(el.tagName === 'BUTTON' && el.textContent.trim()))
    .map((el) => el.outerHTML.slice(0, 120))`);

/** Boxes inside the open dialog that are wider than it (waits for the dialog to be open). */
async function wideInDialog(page: Page): Promise<unknown> {
  await page.locator('dialog[open]').waitFor();
  return page.evaluate(`(() => { const d = document.querySelector('dialog[open]');
    const limit = d.getBoundingClientRect().right + 1;
    return [...d.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > limit && el.getClientRects().length).map((el) => el.outerHTML.slice(0, 80)); })()`);
}

describe('phone width pass', () => {
  let srv: TestServer;
  let good: FakeAddon;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  async function shot(name: string) {
    const height = (await page.evaluate('document.documentElement.scrollHeight')) as number;
    await page.setViewportSize({ width: WIDTH, height: Math.max(height, 740) });
    await page.screenshot({ path: artifact(`phone-${name}-${WIDTH}.png`) });
    await page.setViewportSize({ width: WIDTH, height: 740 });
  }

  beforeAll(async () => {
    ensureWebBuilt();
    [srv, good] = await Promise.all([
      startTestServer(),
      startSdkAddon({ id: 'test.phone', name: 'Phone Addon', catalogs: [{ type: 'movie', id: 'top', name: 'Top' }], handlers: { stream: () => ({ streams: [] }), catalog: () => ({ metas: [] }) } }),
    ]);
    const config = {
      ...MINIMAL_CONFIG,
      addonName: 'A configuration with a fairly long name to see how it wraps',
      services: [{ id: 'realdebrid', enabled: true, credentials: { apiKey: 'RDKEY' } }],
      presets: [
        { type: 'custom', instanceId: 'c', enabled: true, options: { name: 'Phone Addon', manifestUrl: good.manifestUrl } },
        { type: 'torrentio', instanceId: 't', enabled: true, options: { url: `${good.base}/tio` } },
        { type: 'custom', instanceId: 'd', enabled: true, options: { name: 'Gone', manifestUrl: 'http://127.0.0.1:9/manifest.json' } },
      ],
      excludedResolutions: ['720p'],
      preferredResolutions: ['2160p', '720p'],
      sortCriteria: { global: [{ key: 'cached', direction: 'desc' }, { key: 'releaseGroup', direction: 'desc' }] },
      formatter: { id: 'custom', definitions: { custom: { name: '{stream.resolution', description: '{stream.filename}' } } },
    };
    const { uuid, token } = await createUser(srv.url, PASSWORD, config);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: WIDTH, height: 740 } });
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${srv.url}/stremio/${uuid}/${token}/configure`);
    await page.getByRole('button', { name: 'Enter the password to show credentials' }).click();
    await page.getByLabel('Password of this configuration').fill(PASSWORD);
    await page.getByTestId('unlock-dialog').getByRole('button', { name: 'Show credentials' }).click();
    await page.getByTestId('unlock-dialog').waitFor({ state: 'detached' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([srv?.close(), good?.close()]);
  });

  it('every tab fits 360 px with every control labelled', async () => {
    await page.getByTestId('addon-dead').waitFor();
    for (const tab of TABS) {
      await page.getByTestId(`tab-${tab}`).click();
      if (tab === 'filters') for (const d of await page.locator('details.family summary').all()) await d.click();
      expect(await horizontalOverflow(page), tab).toBe(0);
      expect(await unlabelled(page), tab).toEqual([]);
      await shot(tab);
    }
  });

  it('the catalogue, a kind’s form and the delete dialog fit too', async () => {
    await page.getByTestId('tab-addons').click();
    await page.getByTestId('open-catalogue').click();
    await page.getByTestId('catalogue').waitFor();
    expect(await wideInDialog(page)).toEqual([]);
    expect(await unlabelled(page)).toEqual([]);
    await page.screenshot({ path: artifact(`phone-catalogue-${WIDTH}.png`) });
    await page.getByRole('button', { name: 'Add Torrentio', exact: true }).click();
    await page.getByTestId('preset-form').getByText('Advanced').click();
    expect(await wideInDialog(page)).toEqual([]);
    expect(await unlabelled(page)).toEqual([]);
    await page.screenshot({ path: artifact(`phone-preset-form-${WIDTH}.png`) });
    await page.evaluate(`(() => { const d = document.querySelector('dialog[open]'); d.scrollTop = d.scrollHeight; })()`);
    await page.screenshot({ path: artifact(`phone-preset-form-end-${WIDTH}.png`) });
    await page.getByTestId('addon-dialog').getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Edit Torrentio' }).click();
    await page.getByTestId('preset-form').waitFor();
    expect(await wideInDialog(page)).toEqual([]);
    await page.getByTestId('addon-dialog').getByRole('button', { name: 'Close' }).click();

    await page.getByTestId('tab-account').click();
    await page.getByTestId('install-panel').first().waitFor();
    await page.getByRole('button', { name: 'Delete configuration…' }).click();
    await page.getByTestId('delete-dialog').waitFor();
    expect(await wideInDialog(page)).toEqual([]);
    await page.screenshot({ path: artifact(`phone-delete-${WIDTH}.png`) });
    await page.getByTestId('delete-dialog').getByRole('button', { name: 'Keep it' }).click();
    expect(errors).toEqual([]);
  });
});
