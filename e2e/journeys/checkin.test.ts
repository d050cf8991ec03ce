import { DateTime } from 'luxon';
import type { APIRequestContext, BrowserContext, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../support/browser.ts';
import { expectAccessible, journeyEnvironment, logInThroughUi } from '../support/journey.ts';

const env = journeyEnvironment();
const zone = 'Europe/Dublin'; // the demo candidate's profile zone
const candidate = { email: 'candidate@invigil.test', password: 'clark-demo-2026' };
const greeter = { email: 'proctor@invigil.test', password: 'priya-demo-2026' };
const admin = { email: 'admin@invigil.test', password: 'ada-demo-2026' };
/** Well under the 15 s fallback poll: an update seen within this came over the live socket. */
const live = { timeout: 6_000 };

// The desktop camera fallback needs Chromium's fake camera, which is a launch flag: this file has its own browser.
let media: TestBrowser;
beforeAll(async () => { media = await launchBrowser({ media: true }); });
afterAll(async () => { await media?.close(); });

/** A small photo-like JPEG in a given colour. */
function photo(r: number, g: number, b: number): Promise<Buffer> {
  return sharp({ create: { width: 320, height: 240, channels: 3, background: { r, g, b } } }).jpeg().toBuffer();
}

/** Books CDE-P01 for the demo candidate through the API, three days ahead (the policy wants 24 hours' notice). */
async function bookAppointment(request: APIRequestContext): Promise<string> {
  const startsAt = DateTime.now().setZone(zone).startOf('day').plus({ days: 3 }).set({ hour: 10 }).toUTC().toISO();
  const hold = await request.post(`${env.server.url}/api/v1/holds`, { data: { examCode: 'CDE-P01', startsAt, language: 'en' } });
  expect(hold.status(), await hold.text()).toBe(201);
  const booked = await request.post(`${env.server.url}/api/v1/appointments`, { data: { holdId: (await hold.json()).hold.id, paymentMethod: 'invoice' } });
  expect(booked.status(), await booked.text()).toBe(201);
  return (await booked.json()).appointment.id as string;
}

/** Moves the appointment's start to 20 minutes from now, which no booking rule allows, so that its check-in window
 * (30 minutes before to 15 after, by default) is open. */
async function startSoon(appointmentId: string): Promise<void> {
  await env.server.deps.db.updateTable('appointments').set({ starts_at: new Date(Date.now() + 20 * 60_000) }).where('id', '=', appointmentId).execute();
}

/** Shortens the exam's room scan to the policy's minimum (5 s) through the admin API, so the journey stays fast. */
async function shortRoomScan(context: BrowserContext): Promise<number> {
  const login = await context.request.post(`${env.server.url}/api/v1/auth/login`, { data: admin });
  expect(login.status(), await login.text()).toBe(200);
  const current = await context.request.get(`${env.server.url}/api/v1/admin/exams/CDE-P01/policy`);
  expect(current.status(), await current.text()).toBe(200);
  const { version, policy } = await current.json();
  const saved = await context.request.put(`${env.server.url}/api/v1/admin/exams/CDE-P01/policy`, {
    data: { expectedVersion: version, policy: { ...policy, proctoring: { ...policy.proctoring, requireRoomScan: true, roomScanSeconds: 5 } } },
  });
  expect(saved.status(), await saved.text()).toBe(200);
  return 5;
}

/** Counts the greeter's clicks and the time from "Review next" to the decision click, and logs them. */
function greeterStopwatch(what: string) {
  let clicks = 0;
  let started = 0;
  return {
    async click(locator: Locator, options?: { force?: boolean }) {
      if (clicks === 0) started = performance.now();
      clicks += 1;
      await locator.click(options);
    },
    report() {
      const seconds = (performance.now() - started) / 1000;
      console.log(`greeter (${what}): ${clicks} clicks, ${seconds.toFixed(1)} s from claim to decision`);
      return { clicks, seconds };
    },
  };
}

/** The live sockets a page opened (the proof that updates are pushed, not polled). */
function liveSockets(page: Page): string[] {
  const urls: string[] = [];
  page.on('websocket', (ws) => urls.push(ws.url()));
  return urls;
}

/** The state text of one photo on the desktop page. */
function photoState(page: Page, label: string) {
  return page.locator('.photo-item', { has: page.getByRole('heading', { name: label, exact: true }) }).locator('.photo-state');
}

describe('a candidate checks in with a phone and the desktop camera', () => {
  it('accepts the rules, sends photos from the phone (seen live), retakes one, is approved, scans the room and starts the exam', async () => {
    const adminContext = await env.browser.newContext();
    const minSeconds = await shortRoomScan(adminContext);
    await adminContext.close();

    const desktop = await media.browser.newContext({ timezoneId: zone, locale: 'en-IE' });
    await desktop.grantPermissions(['camera', 'microphone'], { origin: env.server.url });
    const page = await desktop.newPage();
    const desktopSockets = liveSockets(page);
    await logInThroughUi(page, env.server.url, candidate.email, candidate.password, new RegExp(`^${env.server.url}/$`));
    const appointmentId = await bookAppointment(page.request);

    // The appointment page leads to check-in, which says when it opens.
    await page.goto(`${env.server.url}/appointments/${appointmentId}`);
    await page.getByRole('link', { name: 'Check in' }).click();
    await page.waitForURL(new RegExp(`/appointments/${appointmentId}/checkin$`));
    await expect.poll(() => page.getByText('Check-in is not open yet.').isVisible()).toBe(true);
    await expect.poll(() => page.getByText(/^Check-in opens at \d\d:\d\d \(Europe\/Dublin\)/).isVisible()).toBe(true);
    await expectAccessible(page, 'checkin-00-not-yet');

    // On the day: "Check again" opens it.
    await startSoon(appointmentId);
    await page.getByRole('button', { name: 'Check again' }).click();

    // Step 1: the rules. The policy asks for a room scan, so there are four steps.
    await expect.poll(() => page.getByRole('heading', { name: 'Step 1 of 4: The rules of this exam' }).isVisible()).toBe(true);
    expect(await page.getByRole('list', { name: 'Check-in steps' }).getByRole('listitem').allTextContents())
      .toEqual(['Accept the rules (now)', 'Take the photos ', 'Review by a greeter ', 'Room scan ']);
    expect(await page.locator('.checkin-rules li').count()).toBeGreaterThan(2);
    await expectAccessible(page, 'checkin-01-rules');
    await page.getByRole('button', { name: 'I accept these rules' }).click();

    // Step 2: the photos, with the phone link; the step heading takes focus.
    const photosHeading = page.getByRole('heading', { name: /^Step 2 of 4: Photos/ });
    await expect.poll(() => photosHeading.isVisible()).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('photos-heading');
    const qr = page.getByRole('img', { name: /QR code/ });
    await expect.poll(() => qr.isVisible()).toBe(true);
    const phoneUrl = await page.locator('.phone-link a').textContent();
    expect(phoneUrl).toMatch(new RegExp(`^${env.server.url}/m/[A-Za-z0-9_-]{43}$`));
    const checkInId = (await env.server.deps.db.selectFrom('checkins').select('id').where('appointment_id', '=', appointmentId).executeTakeFirstOrThrow()).id;
    expect(await photoState(page, 'Your face').textContent()).toBe('Waiting for this photo');
    expect(await page.getByRole('button', { name: 'Send for review' }).isDisabled()).toBe(true);
    await expectAccessible(page, 'checkin-02-photos');
    // One socket for the tab, opened by the check-in page.
    expect(desktopSockets).toEqual([`${env.server.url.replace('http:', 'ws:')}/api/v1/live`]);

    // The phone (a second context, small screen) opens the link and uploads every photo but the face.
    const phoneContext = await media.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, timezoneId: zone, locale: 'en-IE' });
    const phone = await phoneContext.newPage();
    const phoneSockets = liveSockets(phone);
    await phone.goto(phoneUrl!);
    await expect.poll(() => phone.getByRole('heading', { name: 'Check-in photos' }).isVisible()).toBe(true);
    await expect.poll(() => phone.getByText(/^Hello \S+\. Exam CDE-P01$/).isVisible()).toBe(true);
    expect(await phone.getByLabel('Your face').getAttribute('capture')).toBe('user');
    const labels = await phone.locator('.phone-photo-label').allTextContents();
    expect(labels).toEqual(['Your face', 'ID, front', 'Room, in front of you', 'Room, behind you', 'Room, to your left', 'Room, to your right']);
    await expectAccessible(phone, 'checkin-03-phone');
    expect(phoneSockets).toHaveLength(1);

    // Each photo appears on the desktop while the phone is still taking the next: pushed over the socket, well
    // within the 15 s fallback poll.
    for (const [i, label] of labels.slice(1).entries()) {
      const input = phone.getByLabel(label, { exact: true });
      expect(await input.getAttribute('capture')).toBe('environment');
      await input.setInputFiles({ name: `photo-${i}.jpg`, mimeType: 'image/jpeg', buffer: await photo(40 * i, 120, 200 - 30 * i) });
      await expect.poll(() => phone.locator('.phone-photo', { has: phone.getByText(label, { exact: true }) }).locator('.photo-state').textContent(), { timeout: 10_000 }).toBe('Uploaded ✓');
      await expect.poll(() => photoState(page, label).textContent(), live).toBe('Taken ✓');
    }
    await expectAccessible(phone, 'checkin-04-phone-uploaded');
    await expect.poll(() => page.locator('.live-message').textContent()).toMatch(/^Photo received from your phone: /);
    expect(await page.getByRole('img', { name: `Your photo: ${labels[1]}` }).isVisible()).toBe(true);

    // The face with this computer's (fake) camera; the phone sees it arrive.
    await page.getByRole('button', { name: "Use this computer's camera for: Your face" }).click();
    const take = page.getByRole('button', { name: 'Take photo' });
    await expect.poll(() => take.isEnabled(), { timeout: 10_000 }).toBe(true);
    await expectAccessible(page, 'checkin-05-desktop-camera');
    await take.click();
    await expect.poll(() => photoState(page, 'Your face').textContent(), { timeout: 10_000 }).toBe('Taken ✓');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Use this computer's camera/);
    await expect.poll(() => phone.getByText('6 of 6 photos taken.').isVisible(), live).toBe(true);
    const headshot = await env.server.deps.db.selectFrom('checkin_photos').select(['via', 'width']).where('checkin_id', '=', checkInId).where('kind', '=', 'headshot').executeTakeFirstOrThrow();
    expect(headshot.via).toBe('desktop');
    expect(headshot.width).toBeGreaterThanOrEqual(640); // a frame of the fake camera, not an empty canvas

    // The greeter (a third context) has the console open before the candidate sends.
    const greeterContext = await env.browser.newContext({ timezoneId: 'Asia/Kolkata' });
    const console_ = await greeterContext.newPage();
    await logInThroughUi(console_, env.server.url, greeter.email, greeter.password, /\/proctor/);
    await console_.goto(`${env.server.url}/proctor/checkins`);
    await expect.poll(() => console_.getByText('Nobody is waiting.').isVisible()).toBe(true);
    const waiting = console_.getByRole('table', { name: /Waiting check-ins/ }).getByRole('row').filter({ hasText: 'Clark Candidate' });

    // Step 3: send, then the queue; the greeter's queue shows the candidate without a reload.
    await page.getByRole('button', { name: 'Send for review' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Step 3 of 4: Waiting for a greeter' }).isVisible()).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('queue-heading');
    await expect.poll(() => page.locator('.queue-position').textContent()).toBe('You are 1st in line. You are next.');
    expect(await page.locator('.queue-wait').textContent()).toMatch(/^Expected wait: (about \d+( to \d+)? minutes?|less than a minute)\.$/);
    await expectAccessible(page, 'checkin-06-queue');
    await expect.poll(() => waiting.count(), live).toBe(1);

    // The candidate asks for help; the greeters see it live and answer; the answer appears on the candidate's page.
    await page.getByRole('button', { name: 'Ask the greeters for help' }).click();
    await page.getByRole('textbox', { name: 'What is the problem?' }).fill('How long does the review usually take?');
    await page.getByRole('button', { name: 'Send to the greeters' }).click();
    await expect.poll(() => page.getByText('A greeter will answer here; keep this page open.').isVisible()).toBe(true);
    const helpList = console_.getByRole('region', { name: 'Asking for help (1)' });
    await expect.poll(() => helpList.getByText('How long does the review usually take?').isVisible(), live).toBe(true);
    await expectAccessible(console_, 'checkin-06b-greeter-help');
    await helpList.getByRole('textbox', { name: 'Answer to Clark Candidate' }).fill('About two minutes; you are next.');
    await helpList.getByRole('button', { name: 'Send answer' }).click();
    await expect.poll(() => console_.getByText('Answer sent to Clark Candidate.').isVisible()).toBe(true);
    await expect.poll(() => page.locator('.help-answer').textContent(), live).toMatch(/^A greeter answered at \d\d:\d\d: About two minutes; you are next\.$/);
    await expectAccessible(page, 'checkin-06c-help-answered');

    // The greeter asks for the left wall again, in the console.
    const review = console_.getByRole('region', { name: 'Check-in of Clark Candidate' });
    const retakeWatch = greeterStopwatch('retake');
    await retakeWatch.click(console_.getByRole('button', { name: 'Review next' }));
    await expect.poll(() => review.isVisible()).toBe(true);
    // The candidate is told a greeter is looking (the claim moved the check-in), live.
    await expect.poll(() => page.locator('.queue-position').textContent(), live).toBe('A greeter is looking at your photos now.');
    await retakeWatch.click(review.getByRole('button', { name: 'Ask for a retake' }));
    const retake = console_.getByRole('dialog', { name: 'Ask for a retake' });
    await expect.poll(() => retake.isVisible()).toBe(true);
    // The styled box covers the native checkbox (as in the greeter journey).
    await retakeWatch.click(retake.getByRole('checkbox', { name: 'Room, to the left of the candidate' }), { force: true });
    await retake.getByRole('textbox', { name: 'Reason the candidate will see' }).fill('Too dark');
    await retakeWatch.click(retake.getByRole('button', { name: 'Ask for retake' }));
    await expect.poll(() => console_.getByText('Asked Clark Candidate to take 1 photo again.').isVisible()).toBe(true);
    retakeWatch.report();

    // The candidate is back at the photos with the reason, live.
    await expect.poll(() => photosHeading.isVisible(), live).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('photos-heading');
    await expect.poll(() => page.getByText('Reason: Too dark').isVisible()).toBe(true);
    expect(await photoState(page, 'Room, to your left').textContent()).toBe('Retake requested');
    expect(await page.getByRole('button', { name: 'Send for review' }).isDisabled()).toBe(true);
    await expectAccessible(page, 'checkin-07-retake');

    // The same phone link still works: the phone shows the retake (live) and uploads the new photo.
    const left = phone.locator('.phone-photo', { has: phone.getByText('Room, to your left', { exact: true }) }).locator('.photo-state');
    await expect.poll(() => left.textContent(), live).toBe('Take this photo again: the greeter asked for a new one.');
    await phone.getByLabel('Room, to your left', { exact: true }).setInputFiles({ name: 'left.jpg', mimeType: 'image/jpeg', buffer: await photo(230, 230, 230) });
    await expect.poll(() => left.textContent(), { timeout: 10_000 }).toBe('Uploaded ✓');
    await expect.poll(() => photoState(page, 'Room, to your left').textContent(), live).toBe('Taken ✓');
    await expect.poll(() => page.locator('.live-message').textContent()).toBe('Photo received from your phone: Room, to your left.');
    await page.getByRole('button', { name: 'Send for review' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Step 3 of 4: Waiting for a greeter' }).isVisible()).toBe(true);

    // Approved in the console: "Review next", then "Approve".
    await expect.poll(() => waiting.count(), live).toBe(1);
    const approveWatch = greeterStopwatch('approve');
    await approveWatch.click(console_.getByRole('button', { name: 'Review next' }));
    await expect.poll(() => review.getByRole('img', { name: /^Headshot of Clark Candidate/ }).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await approveWatch.click(review.getByRole('button', { name: 'Approve' }));
    await expect.poll(() => console_.getByText('Approved: Clark Candidate records the room scan next, then starts CDE-P01.').isVisible()).toBe(true);
    const approval = approveWatch.report();
    expect(approval.clicks).toBe(2);
    expect(approval.seconds).toBeLessThan(60);

    // Step 4: the room scan, live after the approval.
    const scanHeading = page.getByRole('heading', { name: 'Step 4 of 4: Room scan' });
    await expect.poll(() => scanHeading.isVisible(), live).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('scan-heading');
    expect(await page.getByText(`Keep recording for at least ${minSeconds} seconds, then press "Finish scan".`).isVisible()).toBe(true);
    const startRecording = page.getByRole('button', { name: 'Start recording' });
    await expect.poll(() => startRecording.isEnabled(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.locator('.room-scan video').evaluate((v: HTMLVideoElement) => v.readyState >= 2)).toBe(true);
    await expectAccessible(page, 'checkin-08-room-scan');

    // Keyboard: start recording with Enter.
    await startRecording.focus();
    await page.keyboard.press('Enter');
    const progress = page.getByRole('progressbar', { name: /^Recorded \d:\d\d of at least 0:05/ });
    await expect.poll(() => progress.isVisible()).toBe(true);
    const finishScan = page.getByRole('button', { name: 'Finish scan' });
    expect(await finishScan.isDisabled()).toBe(true);
    await expect.poll(() => page.getByText(/^Uploaded [1-9]\d* parts?/).isVisible(), { timeout: 5_000 }).toBe(true);
    await expect.poll(() => page.locator('.live-message').textContent(), { timeout: 5_000 }).toMatch(/^Half-way: \d of at least 5 seconds recorded/);
    await expectAccessible(page, 'checkin-09-room-scan-recording');
    await expect.poll(() => finishScan.isEnabled(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.locator('.live-message').textContent()).toMatch(/^The room scan is long enough/);
    expect(await progress.getAttribute('value')).toBe(String(minSeconds));
    await finishScan.click();

    // Complete: the decision step launches the exam.
    const complete = page.getByRole('heading', { name: 'Check-in complete — start your exam' });
    await expect.poll(() => complete.isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('decision-heading');
    expect(await page.getByRole('list', { name: 'Check-in steps' }).getByRole('listitem').allTextContents())
      .toEqual(['Accept the rules (done)', 'Take the photos (done)', 'Review by a greeter (done)', 'Room scan (done)']);
    await expectAccessible(page, 'checkin-10-complete');

    // The server stored the take in several chunks; staff can list it.
    const takes = await greeterContext.request.get(`${env.server.url}/api/v1/checkins/${checkInId}/room-scan`);
    expect(takes.status(), await takes.text()).toBe(200);
    const [scan] = (await takes.json()).takes;
    expect(scan).toMatchObject({ take: 1, completed: true });
    expect(scan.chunks).toBeGreaterThanOrEqual(2);
    expect(scan.bytes).toBeGreaterThan(10_000);
    const chunks = await env.server.deps.db.selectFrom('checkin_scan_chunks').select('seq').where('checkin_id', '=', checkInId).orderBy('seq').execute();
    expect(chunks.map((c) => c.seq)).toEqual(Array.from({ length: scan.chunks }, (_, i) => i));

    await page.getByRole('button', { name: 'Start exam' }).click();
    await page.waitForURL(/\/attempts\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.locator('h1').first().textContent()).toMatch(/^CDE-P01 /);
    await expect.poll(() => page.getByText('A proctored exam.').isVisible()).toBe(true);
    await expectAccessible(page, 'checkin-11-exam-start');

    // Staff play the recording from Proctor → Exam launches.
    await console_.goto(`${env.server.url}/proctor/launches`);
    await console_.getByRole('button', { name: 'Room scan' }).click();
    const video = console_.getByRole('dialog').locator('video');
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState >= 1 && v.videoWidth > 0), { timeout: 10_000 }).toBe(true);
    expect(await console_.getByRole('dialog').getByText(/^Take 1 \(completed\): \d+ parts/).isVisible()).toBe(true);
    await expectAccessible(console_, 'checkin-13-staff-room-scan', { networkIdle: false });
    await console_.keyboard.press('Escape');

    // An unknown or replaced phone link says what to do.
    await phone.goto(`${env.server.url}/m/${'x'.repeat(43)}`);
    await expect.poll(() => phone.getByText('Scan the new QR code on your computer.').isVisible()).toBe(true);
    await expectAccessible(phone, 'checkin-12-phone-invalid');
    await Promise.all([desktop.close(), phoneContext.close(), greeterContext.close()]);
  }, 150_000);
});
