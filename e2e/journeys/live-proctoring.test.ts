import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/server/accounts/create-account.ts';
import { currentPolicy, getExamByCode } from '../../src/server/catalog/repository.ts';
import { savePolicy } from '../../src/server/catalog/save-policy.ts';
import { runDueJobs } from '../../src/server/platform/jobs.ts';
import { recordingJobs } from '../../src/server/proctoring/recordings.ts';
import { launchBrowser, type TestBrowser } from '../support/browser.ts';
import { expectAccessible, journeyEnvironment, logInThroughUi } from '../support/journey.ts';

const env = journeyEnvironment();
const candidate = { email: 'candidate@invigil.test', password: 'clark-demo-2026' };
const omar = { email: 'omar.proctor@invigil.test', password: 'omar-demo-2026' };
const lena = { email: 'lena.proctor@invigil.test', password: 'lena-demo-2026' };
/** Well under the console's 10 s heartbeat: a change seen within this came over the live socket. */
const live = { timeout: 8_000 };

// The candidate's webcam shows a solid green picture (a launch flag, so the candidate has a browser of its own).
let folder: string;
let camera: TestBrowser;
let moving: TestBrowser;
beforeAll(async () => {
  folder = mkdtempSync(path.join(os.tmpdir(), 'invigil-live-'));
  const y4m = path.join(folder, 'green.y4m');
  execFileSync('ffmpeg', ['-loglevel', 'error', '-f', 'lavfi', '-i', 'color=c=0x00c000:s=640x480:r=15', '-t', '2', '-pix_fmt', 'yuv420p', '-f', 'yuv4mpegpipe', y4m]);
  camera = await launchBrowser({ videoFile: y4m });
  // Chromium's own fake camera: a moving picture and a tone (what a recording's size should be measured on).
  moving = await launchBrowser({ media: true });
});
afterAll(async () => {
  await camera?.close();
  await moving?.close();
  rmSync(folder, { recursive: true, force: true });
});

/** Books CDE-PQ1 through the API, moves its start 20 minutes ahead (check-in open) and authorises the launch as an
 * approved check-in and room scan do (the check-in journey covers those steps). */
async function readyAppointment(context: BrowserContext): Promise<string> {
  const startsAt = DateTime.now().setZone('Europe/Dublin').startOf('day').plus({ days: 3 }).set({ hour: 10 }).toUTC().toISO();
  const hold = await context.request.post(`${env.server.url}/api/v1/holds`, { data: { examCode: 'CDE-PQ1', startsAt, language: 'en' } });
  expect(hold.status(), await hold.text()).toBe(201);
  const booked = await context.request.post(`${env.server.url}/api/v1/appointments`, { data: { holdId: (await hold.json()).hold.id, paymentMethod: 'free' } });
  expect(booked.status(), await booked.text()).toBe(201);
  const id = (await booked.json()).appointment.id as string;
  await env.server.deps.db.updateTable('appointments').set({ starts_at: new Date(Date.now() + 20 * 60_000), launch_authorised_at: new Date() }).where('id', '=', id).execute();
  return id;
}

/** The centre pixel of the first playing video inside `selector` on the page, and how many frames it has shown. */
async function videoSample(page: Page, selector: string) {
  return page.evaluate((sel) => {
    const video = document.querySelector<HTMLVideoElement>(sel);
    if (!video || video.videoWidth === 0) return null;
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(video, 0, 0);
    const [r, g, b] = ctx.getImageData(canvas.width >> 1, canvas.height >> 1, 1, 1).data;
    return { r, g, b, frames: video.getVideoPlaybackQuality().totalVideoFrames };
  }, selector);
}

const timeLeftSeconds = async (page: Page) => {
  const text = (await page.locator('.exam-timer-time').textContent()) ?? '';
  return text.split(':').map(Number).reduce((acc, n) => acc * 60 + n, 0);
};

/** A proctor's live console, open and on duty. */
async function openConsole(who: { email: string; password: string }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await logInThroughUi(page, env.server.url, who.email, who.password, /\/proctor/);
  await page.goto(`${env.server.url}/proctor/live`);
  // The line on duty: on shift (the demo proctors' shifts) or off shift, taking candidates either way.
  await expect.poll(async () => /^(On shift|Off shift)/.test((await page.locator('.live-summary').textContent()) ?? '')).toBe(true);
  return { context, page };
}

/** A new candidate account signed in on `page`, with CDE-PQ1 started; returns the attempt id. */
async function startAsNewCandidate(context: BrowserContext, page: Page, name: string): Promise<string> {
  const user = { email: `${name.toLowerCase()}.candidate@example.org`, password: `${name.toLowerCase()}-demo-2026-long` };
  await createAccount(env.server.deps, 'system', { email: user.email, legalName: `${name} Candidate`, roles: ['candidate'], password: user.password });
  await logInThroughUi(page, env.server.url, user.email, user.password, new RegExp(`^${env.server.url}/$`));
  const appointmentId = await readyAppointment(context);
  const opened = await page.evaluate(async (id) => (await fetch(`/api/v1/appointments/${id}/attempt`, { method: 'POST', headers: { accept: 'application/json' } })).json(), appointmentId);
  await page.goto(`${env.server.url}/attempts/${opened.attempt.id}`);
  await page.getByRole('button', { name: 'Start exam' }).click();
  await expect.poll(() => page.locator('h1').first().textContent()).toMatch(/^Question 1 of 10$/);
  return opened.attempt.id as string;
}

describe('a proctor watches a candidate live', () => {
  it('shows the webcam, carries chat across a dropped connection, warns, adds time, and hands the candidate over when the console closes', async () => {
    // The proctor opens the console first: on duty from then on.
    const { context: omarContext, page: console1 } = await openConsole(omar);
    await expectAccessible(console1, 'live-01-console-empty');

    const candidateContext = await camera.browser.newContext({ timezoneId: 'Europe/Dublin' });
    const page = await candidateContext.newPage();
    await logInThroughUi(page, env.server.url, candidate.email, candidate.password, new RegExp(`^${env.server.url}/$`));
    const appointmentId = await readyAppointment(candidateContext);
    const opened = await page.evaluate(async (id) => (await fetch(`/api/v1/appointments/${id}/attempt`, { method: 'POST', headers: { accept: 'application/json' } })).json(), appointmentId);
    const attemptId = opened.attempt.id as string;
    await page.goto(`${env.server.url}/attempts/${attemptId}`);
    await page.getByRole('button', { name: 'Start exam' }).click();
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('Question 1 of 10');

    // The candidate is told who watches (first name only); the proctor's tile shows the green webcam.
    await expect.poll(() => page.locator('.proctor-status').textContent(), live).toMatch(/Proctor: Omar is watching your exam/);
    const tile = `.session-tile[data-attempt="${attemptId}"] video`;
    await expect.poll(async () => {
      const s = await videoSample(console1, tile);
      return s !== null && s.frames > 0 && s.g! > 150 && s.r! < 90 && s.b! < 90;
    }, { timeout: 20_000, interval: 500 }).toBe(true);
    console.log('proctor tile:', await videoSample(console1, tile));
    await expectAccessible(page, 'live-02-candidate-watched');
    await expectAccessible(console1, 'live-03-console-tile', { networkIdle: false });

    // Chat: the candidate writes while offline; it arrives once when the connection is back, and the proctor answers.
    await page.getByRole('button', { name: /^Chat with the proctor/ }).click();
    await candidateContext.setOffline(true);
    await page.getByRole('textbox', { name: 'Write a message' }).fill('Is it fine that my webcam light blinks?');
    await page.getByRole('textbox', { name: 'Write a message' }).press('Enter');
    await expect.poll(() => page.locator('.chat-pending').count()).toBe(1);
    await new Promise((r) => setTimeout(r, 1500));
    await candidateContext.setOffline(false);
    await expect.poll(() => console1.locator(`.session-tile[data-attempt="${attemptId}"] .tag-attention`).textContent(), { timeout: 15_000 }).toMatch(/1 new message/);
    await console1.locator(`.session-tile[data-attempt="${attemptId}"]`).getByRole('button', { name: /^Open / }).click();
    await expect.poll(() => console1.locator('.session-panel .chat-theirs').count()).toBe(1);
    await console1.locator('.session-panel').getByRole('button', { name: 'Thank you, you may continue.' }).click();
    await expect.poll(() => page.locator('.chat-theirs .chat-body').last().textContent(), live).toBe('Thank you, you may continue.');
    expect(await env.server.deps.db.selectFrom('attempt_messages').select('body').where('attempt_id', '=', attemptId).execute()).toHaveLength(2);
    await expectAccessible(console1, 'live-04-session-panel', { networkIdle: false });

    // Warn: the candidate must acknowledge; the clock stands still until then.
    await console1.getByRole('button', { name: 'Warn', exact: true }).click();
    const dialog = console1.getByRole('dialog');
    await dialog.getByRole('button', { name: /Reason/ }).click();
    await console1.getByRole('option', { name: 'You looked away from the screen for a long time.' }).click();
    await dialog.getByLabel(/Message to the candidate/).fill('Please keep your eyes on the screen.');
    await dialog.getByRole('button', { name: 'Send warning' }).click();
    const warning = page.getByRole('alertdialog');
    await expect.poll(() => warning.isVisible(), live).toBe(true);
    expect(await warning.textContent()).toContain('Please keep your eyes on the screen.');
    await expectAccessible(page, 'live-05-candidate-warning');
    const frozen = await timeLeftSeconds(page);
    await new Promise((r) => setTimeout(r, 2500));
    expect(await timeLeftSeconds(page)).toBe(frozen);
    await warning.getByRole('button', { name: 'I understand, continue the exam' }).click();
    await expect.poll(() => page.locator('h1').first().textContent(), live).toMatch(/^Question \d+ of 10$/);

    // Add time: the candidate's countdown shows it.
    const before = await timeLeftSeconds(page);
    await console1.getByRole('button', { name: 'Add time' }).click();
    const add = console1.getByRole('dialog');
    await add.getByRole('button', { name: /Reason/ }).click();
    await console1.getByRole('option', { name: 'A technical problem needs sorting out.' }).click();
    await add.getByLabel('Minutes to add').fill('5');
    await add.getByRole('button', { name: 'Add time' }).click();
    await expect.poll(async () => (await timeLeftSeconds(page)) - before, { timeout: 15_000 }).toBeGreaterThan(4 * 60);
    await expect.poll(() => console1.locator('.timeline-list').textContent(), live).toMatch(/Time added: A technical problem needs sorting out\. \(5 min\)/);
    expect(await console1.locator('.timeline-list').textContent()).toContain('Warned: You looked away');

    // The proctor's browser goes away: a second proctor on the console gets the candidate within 30 s or so.
    const { context: lenaContext, page: console2 } = await openConsole(lena);
    const closedAt = Date.now();
    await omarContext.close();
    await expect.poll(() => console2.locator(`.session-tile[data-attempt="${attemptId}"]`).count(), { timeout: 50_000, interval: 1000 }).toBe(1);
    console.log(`handover after the console closed: ${((Date.now() - closedAt) / 1000).toFixed(1)} s`);
    await expect.poll(() => page.locator('.proctor-status').textContent(), live).toMatch(/Proctor: Lena/);
    await expect.poll(async () => {
      const s = await videoSample(console2, `.session-tile[data-attempt="${attemptId}"] video`);
      return s !== null && s.frames > 0 && s.g! > 150;
    }, { timeout: 25_000, interval: 500 }).toBe(true);
    expect((await env.server.deps.db.selectFrom('attempts').select('status').where('id', '=', attemptId).executeTakeFirstOrThrow()).status).toBe('in_progress');

    await lenaContext.close();
    await candidateContext.close();
  }, 180_000);

  it('falls back to a webcam photo every 10 s when no video path can be found, and the proctor sees it marked as snapshots', async () => {
    const { context: proctorContext, page: console1 } = await openConsole(omar);

    // A network that lets no WebRTC through: the candidate's browser cannot make a peer connection at all.
    const candidateContext = await camera.browser.newContext({ timezoneId: 'Europe/Dublin' });
    await candidateContext.addInitScript(() => {
      (window as unknown as { RTCPeerConnection: unknown }).RTCPeerConnection = function blocked() { throw new Error('WebRTC blocked by this network'); };
    });
    const page = await candidateContext.newPage();
    // A second candidate (the demo candidate has an appointment for this exam already).
    const attemptId = await startAsNewCandidate(candidateContext, page, 'Dana');
    await expect.poll(() => page.locator('.proctor-status').textContent(), live).toMatch(/Proctor: Omar/);

    const snapshot = console1.locator(`.session-tile[data-attempt="${attemptId}"] img`);
    await expect.poll(() => snapshot.count(), { timeout: 45_000, interval: 1000 }).toBe(1);
    expect(await console1.locator(`.session-tile[data-attempt="${attemptId}"] .snapshot-note`).textContent()).toMatch(/^Snapshots every 10 s \(no live video\)/);
    await expect.poll(() => page.locator('.dock-camera-state').textContent()).toMatch(/a photo goes to your proctor every 10 seconds/);
    // The photo is the candidate's green camera.
    const pixel = await snapshot.evaluate(async (img: HTMLImageElement) => {
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      return Array.from(ctx.getImageData(c.width >> 1, c.height >> 1, 1, 1).data);
    });
    expect(pixel[1]).toBeGreaterThan(150);
    expect(pixel[0]).toBeLessThan(90);
    await expectAccessible(console1, 'live-06-snapshot-tile', { networkIdle: false });
    await proctorContext.close();
    await candidateContext.close();
  }, 120_000);

  it('gives a break: the questions hide, the proctor sees who is away and for how long, and continues the exam after a re-scan of the room', async () => {
    const exam = await getExamByCode(env.server.deps.db, 'CDE-PQ1');
    const { version, policy } = await currentPolicy(env.server.deps.db, exam.id);
    await savePolicy(env.server.deps, 'system', 'CDE-PQ1', { policy: { ...policy, delivery: { ...policy.delivery, breaksAllowed: true, maxBreakMinutes: 5, maxBreaks: 1 }, proctoring: { ...policy.proctoring, roomScanSeconds: 5 } }, expectedVersion: version });
    const { context: proctorContext, page: console1 } = await openConsole(omar);
    const candidateContext = await camera.browser.newContext({ timezoneId: 'Europe/Dublin' });
    const page = await candidateContext.newPage();
    const attemptId = await startAsNewCandidate(candidateContext, page, 'Bea');

    await page.getByRole('button', { name: 'Take a break' }).click();
    expect(await page.getByRole('dialog').textContent()).toContain('Your exam clock stops for up to 5 minutes.');
    await page.getByRole('button', { name: 'Start the break' }).click();
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('You are on a break');
    await expect.poll(() => page.locator('.break-left').textContent()).toMatch(/Break time left: 4:5\d/);
    await expectAccessible(page, 'live-07-candidate-break', { networkIdle: false });
    const tile = console1.locator(`.session-tile[data-attempt="${attemptId}"]`);
    await expect.poll(() => tile.locator('.session-meta').first().textContent(), live).toMatch(/On a break for \d+:\d\d/);

    // Back at the desk: the room is filmed again (recorded), then the proctor continues the exam.
    await page.getByRole('button', { name: 'I am back' }).click();
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('Show your room again');
    expect(await page.locator('.rescan-reason').textContent()).toContain('back from a break');
    await page.getByRole('button', { name: 'Start the re-scan' }).click();
    const shown = page.getByRole('button', { name: 'I have shown the room' });
    await expect.poll(() => shown.isEnabled(), { timeout: 15_000, interval: 250 }).toBe(true);
    await shown.click();
    await expect.poll(() => page.locator('h1').first().textContent(), { timeout: 15_000 }).toBe('Welcome back');
    expect(await page.locator('.paused-panel').textContent()).toContain('Your proctor checks your room and continues your exam here');
    await expect.poll(() => tile.locator('.tag-attention').first().textContent(), live).toBe('Back from break: check the room, then resume');
    await tile.getByRole('button', { name: /^Open / }).click();
    await console1.locator('.session-panel').getByRole('button', { name: 'Resume' }).click();
    await console1.getByRole('dialog').getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => page.locator('h1').first().textContent(), live).toMatch(/^Question \d+ of 10$/);
    await expect.poll(() => console1.locator('.timeline-list').textContent(), live).toContain('Room re-scanned');
    await proctorContext.close();
    await candidateContext.close();
  }, 120_000);

  it('sends the entire screen when the exam requires it, and pauses while it is not shared', async () => {
    const exam = await getExamByCode(env.server.deps.db, 'CDE-PQ1');
    const { version, policy } = await currentPolicy(env.server.deps.db, exam.id);
    await savePolicy(env.server.deps, 'system', 'CDE-PQ1', { policy: { ...policy, proctoring: { ...policy.proctoring, requireScreenShare: true } }, expectedVersion: version });
    const { context: proctorContext, page: console1 } = await openConsole(omar);
    const candidateContext = await camera.browser.newContext({ timezoneId: 'Europe/Dublin' });
    const page = await candidateContext.newPage();
    const attemptId = await startAsNewCandidate(candidateContext, page, 'Cy');

    await console1.locator(`.session-tile[data-attempt="${attemptId}"]`).getByRole('button', { name: /^Open / }).click();
    const screen = console1.locator('.session-panel video.screen-video');
    await expect.poll(() => screen.count(), { timeout: 20_000, interval: 500 }).toBe(1);
    await expect.poll(() => screen.evaluate((v: HTMLVideoElement) => v.getVideoPlaybackQuality().totalVideoFrames), { timeout: 20_000, interval: 500 }).toBeGreaterThan(0);

    // A reload ends the share (browsers do): the exam pauses until the screen is shared again.
    await page.reload();
    await page.getByRole('button', { name: 'Return to full screen' }).click();
    await expect.poll(() => page.locator('.paused-panel').textContent(), live).toContain('Your screen is not shared');
    expect(await page.locator('.paused-panel').textContent()).toContain('Your screen is not shared');
    await expectAccessible(page, 'live-08-candidate-screen-paused', { networkIdle: false });
    await page.getByRole('button', { name: 'Share your entire screen' }).click();
    await expect.poll(() => page.locator('h1').first().textContent(), live).toMatch(/^Question \d+ of 10$/);
    await expect.poll(() => console1.locator('.timeline-list').textContent(), live).toContain('Screen sharing stopped');
    await proctorContext.close();
    await candidateContext.close();
  }, 120_000);
  it('records the session and plays it back to the proctor; a re-scan pauses the exam until the room has been shown again', async () => {
    const exam = await getExamByCode(env.server.deps.db, 'CDE-PQ1');
    const { version, policy } = await currentPolicy(env.server.deps.db, exam.id);
    await savePolicy(env.server.deps, 'system', 'CDE-PQ1', { policy: { ...policy, proctoring: { ...policy.proctoring, requireScreenShare: false, roomScanSeconds: 6 } }, expectedVersion: version });
    const { context: proctorContext, page: console1 } = await openConsole(omar);
    // Chromium's own fake camera (a moving picture and a tone), so the recording's size means something.
    const candidateContext = await moving.browser.newContext({ timezoneId: 'Europe/Dublin' });
    const page = await candidateContext.newPage();
    const attemptId = await startAsNewCandidate(candidateContext, page, 'Dee');
    const db = env.server.deps.db;
    const recordings = () => db.selectFrom('session_recordings').selectAll().where('attempt_id', '=', attemptId).orderBy('started_at').execute();
    await expect.poll(async () => (await recordings()).filter((r) => r.kind === 'camera' && r.chunks > 0).length, { timeout: 20_000, interval: 500 }).toBe(1);
    await expect.poll(() => page.locator('.dock-recording').isVisible()).toBe(true);

    // The proctor asks for a re-scan: the exam pauses and the candidate films the room for at least 6 s.
    await console1.locator(`.session-tile[data-attempt="${attemptId}"]`).getByRole('button', { name: /^Open / }).click();
    await console1.locator('.session-panel').getByRole('button', { name: 'Re-scan', exact: true }).click();
    const ask = console1.getByRole('dialog');
    await ask.getByRole('button', { name: /Reason/ }).click();
    await console1.getByRole('option', { name: 'Something moved or was heard off camera' }).click();
    await ask.getByRole('button', { name: 'Ask for a re-scan' }).click();
    await expect.poll(() => page.locator('h1').first().textContent(), live).toBe('Show your room again');
    expect(await page.locator('.rescan-reason').textContent()).toContain('Something moved or was heard off camera');
    const frozen = await timeLeftSeconds(page);
    await page.getByRole('button', { name: 'Start the re-scan' }).click();
    await expect.poll(() => page.locator('.room-scan-recording').isVisible()).toBe(true);
    await expectAccessible(page, 'live-09-candidate-rescan', { networkIdle: false });
    const done = page.getByRole('button', { name: 'I have shown the room' });
    await expect.poll(() => done.isEnabled(), { timeout: 15_000, interval: 250 }).toBe(true);
    await done.click();
    await expect.poll(() => page.locator('h1').first().textContent(), { timeout: 20_000 }).toMatch(/^Question \d+ of 10$/);
    expect(await timeLeftSeconds(page)).toBeGreaterThanOrEqual(frozen - 1);
    await expect.poll(() => console1.locator('.timeline-list').textContent(), live).toContain('Room re-scanned');

    // The proctor plays the recordings: the re-scan is joined into one seekable file at once.
    await runDueJobs(env.server.deps, recordingJobs);
    const panel = console1.locator('.session-panel');
    await panel.getByRole('button', { name: 'Show the recordings' }).click();
    const scanVideo = panel.getByRole('region', { name: 'Recordings' }).getByLabel(/^Room re-scan recording/);
    await expect.poll(() => scanVideo.count(), live).toBe(1);
    const scanSeconds = await scanVideo.evaluate(async (v: HTMLVideoElement) => {
      if (v.readyState < 1) await new Promise((r) => v.addEventListener('loadedmetadata', r, { once: true }));
      const duration = v.duration;
      v.currentTime = duration / 2;
      await new Promise((r) => v.addEventListener('seeked', r, { once: true }));
      return { duration, at: v.currentTime };
    });
    expect(scanSeconds.duration).toBeGreaterThanOrEqual(5);
    expect(scanSeconds.at).toBeGreaterThan(1);
    await expect.poll(() => panel.getByLabel(/^Webcam and microphone recording/).count()).toBe(1);
    await expectAccessible(console1, 'live-10-console-recordings', { networkIdle: false });

    // The candidate submits: the recording's last part goes first, and the whole session is joined into one file.
    await page.keyboard.press('Alt+KeyR');
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('Review your answers');
    await page.getByRole('button', { name: 'Submit exam' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Submit exam' }).click();
    await expect.poll(() => page.locator('h1').first().textContent(), { timeout: 20_000 }).toMatch(/^Provisional result/);
    await expect.poll(async () => {
      await runDueJobs(env.server.deps, recordingJobs);
      return (await recordings()).find((r) => r.kind === 'camera')?.assembled_at ?? null;
    }, { timeout: 20_000, interval: 500 }).not.toBeNull();
    const cam = (await recordings()).find((r) => r.kind === 'camera')!;
    const recordedMs = cam.ended_at!.getTime() - cam.started_at.getTime();
    // The file lasts as long as the candidate was recorded (within 10 %), and its size stays within the 150 MB an hour budget.
    expect(Math.abs(cam.duration_ms! - recordedMs) / recordedMs).toBeLessThan(0.1);
    const mbPerHour = Number(cam.assembled_bytes) / 1e6 / (cam.duration_ms! / 3_600_000);
    console.info(`session recording: ${(cam.duration_ms! / 1000).toFixed(1)} s recorded over ${(recordedMs / 1000).toFixed(1)} s, ${cam.chunks} parts, ${(Number(cam.assembled_bytes) / 1e6).toFixed(2)} MB = ${mbPerHour.toFixed(0)} MB/hour`);
    expect(mbPerHour).toBeLessThan(150);
    await proctorContext.close();
    await candidateContext.close();
  }, 150_000);
});
