/**
 * The formatter preview renders exactly what the server renders: the page runs the server's own
 * formatting stage (src/addon/pipeline/format.ts → src/formatter) on its sample streams; here the
 * text read from the page in Chromium is compared with the same code run in Node, for every
 * built-in formatter and for a custom template typed into the page.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFormat } from '../../src/addon/pipeline/format.js';
import type { UserConfig } from '../../src/config/schema.js';
import { PREVIEW_SAMPLES } from '../../web/src/lib/samples.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { ensureWebBuilt, launchBrowser } from './helpers.js';

function serverRender(config: Record<string, unknown>, addonName = 'AIOStreams') {
  const format = compileFormat(config as UserConfig, { addonName });
  return PREVIEW_SAMPLES.map((s) => {
    const out = format(s.stream);
    return { name: out.name ?? '', description: out.description ?? '' };
  });
}

async function pagePreview(page: Page) {
  const names = await page.getByTestId('preview-name').allTextContents();
  const descriptions = await page.getByTestId('preview-description').allTextContents();
  return names.map((name, i) => ({ name, description: descriptions[i] }));
}

const BUILTINS = ['Prism', 'Google Drive', 'Light Google Drive', 'Minimalistic', 'Torrentio', 'Torbox', 'Tamtaro'];
const IDS: Record<string, string> = {
  Prism: 'prism',
  'Google Drive': 'gdrive',
  'Light Google Drive': 'lightgdrive',
  Minimalistic: 'minimalisticgdrive',
  Torrentio: 'torrentio',
  Torbox: 'torbox',
  Tamtaro: 'tamtaro',
};

describe('formatter preview = server rendering', () => {
  let srv: TestServer;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    ensureWebBuilt();
    srv = await startTestServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${srv.url}/stremio/configure`);
    await page.getByTestId('tab-formatter').click();
    await page.getByTestId('preview').waitFor();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  for (const label of BUILTINS) {
    it(`built-in ${label}`, async () => {
      await page.getByRole('radio', { name: label, exact: true }).check();
      const expected = serverRender({ presets: [], formatter: { id: IDS[label] }, sortCriteria: { global: [] } });
      await expect.poll(() => pagePreview(page)).toEqual(expected);
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.every((e) => e.name.length > 0)).toBe(true);
    });
  }

  it('a custom template typed into the page, with the branding name and preferred languages', async () => {
    await page.getByTestId('tab-branding').click();
    await page.getByLabel('Addon name').fill('Home Streams');
    // A preferred language reorders the languages the formatter sees (server and page alike).
    await page.getByTestId('tab-filters').click();
    const languages = page.getByTestId('family-Languages');
    await languages.locator('summary').click();
    await languages.getByLabel('Add a preferred value').selectOption('French');
    await languages.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByTestId('tab-formatter').click();
    await page.getByRole('radio', { name: 'Custom', exact: true }).check();
    const name = '{config.addonName} {service.shortName::exists["[{service.shortName}{service.cached["⚡"||"⏳"]}] "||""]}{stream.resolution::default(\'?\')}';
    const description =
      '{?{stream.filename}?}\n{stream.size::>0["💾 {stream.size::sbytes} "||""]}{?👤 {stream.seeders} ?}{?⚙️ {stream.indexer}?}\n{stream.languages::join(" · ")}\n{?{stream.visualTags::join(\' | \')}?}';
    await page.getByLabel('Name template').fill(name);
    await page.getByLabel('Description template').fill(description);
    const config = {
      presets: [],
      addonName: 'Home Streams',
      formatter: { id: 'custom', definitions: { custom: { name, description } } },
      sortCriteria: { global: [] },
      preferredLanguages: ['French'],
    };
    const expected = serverRender(config, 'Home Streams');
    await expect.poll(() => pagePreview(page)).toEqual(expected);
    expect(expected[0]!.name).toBe('Home Streams [RD⚡] 2160p');
    expect(expected[2]!.description).toContain('👤 211');
    expect(expected[0]!.description).toContain('French · English');
  });
});
