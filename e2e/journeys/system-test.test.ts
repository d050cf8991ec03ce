import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, type TestBrowser } from '../support/browser.ts';
import { expectAccessible, logInThroughUi } from '../support/journey.ts';
import { startE2eServer, type E2eServer } from '../support/server.ts';
import { projectRoot } from '../../test/processes.ts';

// This journey needs Chromium's fake camera and microphone, so it launches its own browser with `media`.
let server: E2eServer;
let chrome: TestBrowser | undefined;
let browser: Browser;
beforeAll(async () => {
  server = await startE2eServer();
  chrome = await launchBrowser({ media: true });
  browser = chrome.browser;
});
afterAll(async () => {
  await chrome?.close();
  await server?.close();
});

const candidateEmail = 'candidate@invigil.test';

describe('a candidate runs the system test', () => {
  it('passes every check with the fake camera and microphone, stores the result, and stops the devices', async () => {
    // A desktop-sized screen: the default headless screen is the 1280 × 720 viewport, below the 768 px height we recommend.
    const context = await browser.newContext({ timezoneId: 'Europe/Dublin', locale: 'en-IE', screen: { width: 1920, height: 1080 } });
    await context.grantPermissions(['camera', 'microphone'], { origin: server.url });
    const page = await context.newPage();
    await logInThroughUi(page, server.url, candidateEmail, 'clark-demo-2026', new RegExp(`^${server.url}/$`));
    await page.goto(`${server.url}/system-test`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('System test');
    await expectAccessible(page, 'system-test-before');

    await page.getByRole('button', { name: 'Start the system test' }).click();
    // While it runs: the live preview and the level meter (with its words) are there.
    await expect.poll(() => page.getByText('Live preview of your camera').isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.getByRole('meter', { name: 'Microphone level' }).isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.locator('.mic-meter-text').textContent(), { timeout: 15_000 }).toMatch(/sound heard/);
    await page.screenshot({ path: path.join(projectRoot, '.tmp', 'screens', 'system-test-running.png'), fullPage: true });

    const outcome = page.locator('.alert');
    await expect.poll(() => outcome.first().textContent(), { timeout: 60_000, interval: 500 }).toMatch(/Your computer (passed|did not pass)/);
    const rows = await page.locator('.system-check').evaluateAll((items) => items.map((li) => ({
      id: li.getAttribute('data-check'), status: li.querySelector('.system-check-status')?.textContent, detail: li.querySelector('.system-check-detail')?.textContent,
    })));
    const statuses = Object.fromEntries(rows.map((r) => [r.id, r.status]));
    expect(statuses, JSON.stringify(rows, null, 1)).toEqual({
      browser: 'Passed', camera: 'Passed', microphone: 'Passed', round_trip: 'Passed', download: 'Passed', upload: 'Passed',
      live_video: 'Passed', displays: 'Passed', screen_size: 'Passed', fullscreen: 'Passed', storage: 'Passed',
    });
    expect(await outcome.first().textContent()).toMatch(/Your computer passed the system test\. Valid until \d+ \w+ 20\d\d, \d\d:\d\d/);
    expect(await page.locator('.live-message').textContent()).toBe('Your computer passed the system test.');
    // The camera and microphone are released: the preview and the meter are gone.
    await expect.poll(() => page.locator('.camera-preview, .mic-meter').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Run again' }).isVisible()).toBe(true);
    await expectAccessible(page, 'system-test-after');

    const user = await server.deps.db.selectFrom('users').select('id').where('email', '=', candidateEmail).executeTakeFirstOrThrow();
    const stored = await server.deps.db.selectFrom('system_test_results').selectAll().where('user_id', '=', user.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.passed).toBe(true);
    expect((stored[0]!.checks as { id: string }[]).map((c) => c.id)).toEqual(Object.keys(statuses));
    expect(stored[0]!.user_agent).toMatch(/Chrome\//);
    await context.close();
  });
});
