import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const WEB_DIST = path.join(ROOT, 'dist/web');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');

/** Builds the page once when dist/web is missing (a fresh checkout without `npm run build`). */
export function ensureWebBuilt(): void {
  if (existsSync(path.join(WEB_DIST, 'index.html'))) return;
  const r = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`vite build failed:\n${r.stdout}\n${r.stderr}`);
}

/**
 * Debian's Chromium, headless; never a downloaded browser. `extraArgs`: more switches, e.g. a
 * host-resolver rule giving the test server a name that is not a secure origin (as a LAN address).
 */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: install Debian's chromium package or set CHROMIUM_PATH`);
  }
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--disable-sync', '--no-first-run', ...extraArgs],
  });
}

/** Save & Install from the page with `password`; returns the new config's UUID and install token. */
export async function saveNewConfig(page: Page, password: string): Promise<{ uuid: string; token: string }> {
  await page.getByTestId('save').click();
  const create = page.getByTestId('create-dialog');
  await create.waitFor();
  await page.locator('#create-pw').fill(password);
  await page.locator('#create-pw2').fill(password);
  await create.getByRole('button', { name: 'Save & Install' }).click();
  const installed = page.getByTestId('installed-dialog');
  await installed.waitFor();
  const uuid = ((await installed.getByTestId('uuid').textContent()) ?? '').trim();
  const manifestUrl = await installed.getByTestId('manifest-url').inputValue();
  const token = /\/stremio\/[^/]+\/([^/]+)\/manifest\.json$/.exec(manifestUrl)![1]!;
  await installed.getByRole('button', { name: 'Done' }).click();
  return { uuid, token };
}

/** Width of the page beyond the window: 0 when nothing scrolls sideways. */
export const horizontalOverflow = (page: Page): Promise<number> =>
  page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth') as Promise<number>;

export function artifact(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}

/** The envelope every /api answer has. */
export function isEnvelope(body: unknown): boolean {
  if (!body || typeof body !== 'object') return false;
  const b = body as Record<string, unknown>;
  return typeof b.success === 'boolean' && typeof b.detail === 'string' && 'error' in b && 'data' in b;
}
