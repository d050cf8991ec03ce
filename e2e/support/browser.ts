/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), with its own HOME and TMPDIR under a
 * throw-away folder, and axe-core for accessibility checks.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const baseArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

export interface TestBrowser { browser: Browser; close(): Promise<void> }

/** Launches Chromium; `media` adds the fake camera and microphone, `videoFile` (a .y4m) chooses the camera's picture. */
export async function launchBrowser(opts: { media?: boolean; videoFile?: string } = {}): Promise<TestBrowser> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'invigil-chromium-'));
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      ...baseArgs,
      ...(opts.media || opts.videoFile ? ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--allow-loopback-in-peer-connection', '--disable-features=WebRtcHideLocalIpsWithMdns'] : []),
      ...(opts.videoFile ? [`--use-file-for-fake-video-capture=${opts.videoFile}`] : []),
    ],
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), TMPDIR: home },
    timeout: 30_000,
  });
  return {
    browser,
    async close() {
      await browser.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] }

/** Runs axe-core (WCAG 2.0–2.2 A and AA rules) on the page as it is now; returns the violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, not a <script> tag, so the page keeps its real CSP (no inline scripts).
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
}

/** Readable summary of violations for an assertion message. */
export function describeViolations(v: AxeViolation[]): string {
  return v.map((x) => `${x.id} (${x.impact}): ${x.help}\n  ${x.nodes.map((n) => n.target.join(' ')).join('\n  ')}`).join('\n');
}
