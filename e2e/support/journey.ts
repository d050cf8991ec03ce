/** Shared steps of the browser journeys: sign in through the UI, check accessibility, keep screenshots. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { projectRoot } from '../../test/processes.ts';
import { axeViolations, describeViolations, launchBrowser, type TestBrowser } from './browser.ts';
import { startE2eServer, type E2eServer } from './server.ts';

/** Registers the hooks of a journey file: one app with the demo data and one Chromium, for all its tests. */
export function journeyEnvironment(): { server: E2eServer; browser: Browser } {
  const env = {} as { server: E2eServer; browser: Browser };
  let chrome: TestBrowser | undefined;
  beforeAll(async () => {
    env.server = await startE2eServer();
    chrome = await launchBrowser();
    env.browser = chrome.browser;
  });
  afterAll(async () => {
    await chrome?.close();
    await env.server?.close();
  });
  return env;
}

const shotsDir = path.join(projectRoot, '.tmp', 'screens');

/** Asserts axe-core finds no WCAG 2.2 A/AA violation on the page, and keeps a screenshot to look at. A page playing
 * media never goes network-idle (the player keeps its request open): pass `{ networkIdle: false }` and wait for the
 * player instead. */
export async function expectAccessible(page: Page, name: string, opts: { networkIdle?: boolean } = {}): Promise<void> {
  if (opts.networkIdle !== false) await page.waitForLoadState('networkidle');
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
  const violations = await axeViolations(page);
  expect(violations, `${name} (${page.url()}):\n${describeViolations(violations)}`).toEqual([]);
}

/** Signs in through the login form and waits for the landing area. */
export async function logInThroughUi(page: Page, baseUrl: string, email: string, password: string, lands: RegExp): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(lands);
}
