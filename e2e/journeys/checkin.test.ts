import { DateTime } from 'luxon';
import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../support/browser.ts';
import { expectAccessible, journeyEnvironment, logInThroughUi } from '../support/journey.ts';

const env = journeyEnvironment();
const zone = 'Europe/Dublin'; // the demo candidate's profile zone
const candidate = { email: 'candidate@invigil.test', password: 'clark-demo-2026' };
const greeter = { email: 'proctor@invigil.test', password: 'priya-demo-2026' };

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

/** A greeter's API session (the greeter console is another journey). */
async function greeterSession(context: BrowserContext): Promise<APIRequestContext> {
  const login = await context.request.post(`${env.server.url}/api/v1/auth/login`, { data: greeter });
  expect(login.status(), await login.text()).toBe(200);
  return context.request;
}

async function decide(request: APIRequestContext, checkInId: string, decision: Record<string, unknown>): Promise<void> {
  const claim = await request.post(`${env.server.url}/api/v1/greeter/claim`);
  expect(claim.status(), await claim.text()).toBe(200);
  expect((await claim.json()).review?.id).toBe(checkInId);
  const decided = await request.post(`${env.server.url}/api/v1/greeter/checkins/${checkInId}/decision`, { data: decision });
  expect(decided.status(), await decided.text()).toBe(200);
}

/** The state text of one photo on the desktop page. */
function photoState(page: Page, label: string) {
  return page.locator('.photo-item', { has: page.getByRole('heading', { name: label, exact: true }) }).locator('.photo-state');
}

describe('a candidate checks in with a phone and the desktop camera', () => {
  it('accepts the rules, takes photos on the phone and the webcam, waits in line, retakes one photo and is approved', async () => {
    const desktop = await media.browser.newContext({ timezoneId: zone, locale: 'en-IE' });
    await desktop.grantPermissions(['camera'], { origin: env.server.url });
    const page = await desktop.newPage();
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

    // Step 1: the rules.
    await expect.poll(() => page.getByRole('heading', { name: 'Step 1 of 3: The rules of this exam' }).isVisible()).toBe(true);
    expect(await page.locator('.checkin-rules li').count()).toBeGreaterThan(2);
    await expectAccessible(page, 'checkin-01-rules');
    await page.getByRole('button', { name: 'I accept these rules' }).click();

    // Step 2: the photos, with the phone link; the step heading takes focus.
    const photosHeading = page.getByRole('heading', { name: /^Step 2 of 3: Photos/ });
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

    // The phone (a second context, small screen) opens the link and uploads every photo but the face.
    const phoneContext = await media.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, timezoneId: zone, locale: 'en-IE' });
    const phone = await phoneContext.newPage();
    await phone.goto(phoneUrl!);
    await expect.poll(() => phone.getByRole('heading', { name: 'Check-in photos' }).isVisible()).toBe(true);
    await expect.poll(() => phone.getByText(/^Hello \S+\. Exam CDE-P01$/).isVisible()).toBe(true);
    expect(await phone.getByLabel('Your face').getAttribute('capture')).toBe('user');
    const phoneKinds = ['Your ID, front', 'Room: in front of you', 'Room: behind you', 'Room, to your left', 'Room: to your right'];
    const labels = await phone.locator('.phone-photo-label').allTextContents();
    expect(labels[0]).toBe('Your face');
    await expectAccessible(phone, 'checkin-03-phone');
    for (const [i, label] of labels.slice(1).entries()) {
      const input = phone.getByLabel(label, { exact: true });
      expect(await input.getAttribute('capture')).toBe('environment');
      await input.setInputFiles({ name: `photo-${i}.jpg`, mimeType: 'image/jpeg', buffer: await photo(40 * i, 120, 200 - 30 * i) });
      await expect.poll(() => phone.locator('.phone-photo', { has: phone.getByText(label, { exact: true }) }).locator('.photo-state').textContent(), { timeout: 10_000 }).toBe('Uploaded ✓');
    }
    expect(labels).toEqual(['Your face', 'ID, front', 'Room, in front of you', 'Room, behind you', 'Room, to your left', 'Room, to your right']);
    await expectAccessible(phone, 'checkin-04-phone-uploaded');

    // The desktop sees them arrive (polling every 3 s), with an announcement.
    for (const label of labels.slice(1)) await expect.poll(() => photoState(page, label).textContent(), { timeout: 10_000 }).toBe('Taken ✓');
    await expect.poll(() => page.locator('.live-message').textContent()).toMatch(/^Photo received from your phone: /);
    expect(await page.getByRole('img', { name: `Your photo: ${labels[1]}` }).isVisible()).toBe(true);

    // The face with this computer's (fake) camera.
    await page.getByRole('button', { name: "Use this computer's camera for: Your face" }).click();
    const take = page.getByRole('button', { name: 'Take photo' });
    await expect.poll(() => take.isEnabled(), { timeout: 10_000 }).toBe(true);
    await expectAccessible(page, 'checkin-05-desktop-camera');
    await take.click();
    await expect.poll(() => photoState(page, 'Your face').textContent(), { timeout: 10_000 }).toBe('Taken ✓');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Use this computer's camera/);
    const headshot = await env.server.deps.db.selectFrom('checkin_photos').select(['via', 'width']).where('checkin_id', '=', checkInId).where('kind', '=', 'headshot').executeTakeFirstOrThrow();
    expect(headshot.via).toBe('desktop');
    expect(headshot.width).toBeGreaterThanOrEqual(640); // a frame of the fake camera, not an empty canvas

    // Step 3: send, then the queue.
    await page.getByRole('button', { name: 'Send for review' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Step 3 of 3: Waiting for a greeter' }).isVisible()).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('queue-heading');
    await expect.poll(() => page.locator('.queue-position').textContent()).toBe('You are 1st in line. You are next.');
    expect(await page.locator('.queue-wait').textContent()).toMatch(/^Expected wait: (about \d+( to \d+)? minutes?|less than a minute)\.$/);
    await expectAccessible(page, 'checkin-06-queue');

    // The greeter asks for the left wall again: the candidate is back at the photos with the reason.
    const greeterContext = await env.browser.newContext();
    const greeterApi = await greeterSession(greeterContext);
    await decide(greeterApi, checkInId, { decision: 'retake', photos: ['room_left'], reason: 'Too dark' });
    await expect.poll(() => photosHeading.isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('photos-heading');
    await expect.poll(() => page.getByText('Reason: Too dark').isVisible()).toBe(true);
    expect(await photoState(page, 'Room, to your left').textContent()).toBe('Retake requested');
    expect(await page.getByRole('button', { name: 'Send for review' }).isDisabled()).toBe(true);
    await expectAccessible(page, 'checkin-07-retake');

    // The same phone link still works: the phone shows the retake and uploads the new photo.
    const left = phone.locator('.phone-photo', { has: phone.getByText('Room, to your left', { exact: true }) }).locator('.photo-state');
    await expect.poll(() => left.textContent(), { timeout: 10_000 }).toBe('Take this photo again: the greeter asked for a new one.');
    await phone.getByLabel('Room, to your left', { exact: true }).setInputFiles({ name: 'left.jpg', mimeType: 'image/jpeg', buffer: await photo(230, 230, 230) });
    await expect.poll(() => left.textContent(), { timeout: 10_000 }).toBe('Uploaded ✓');
    await expect.poll(() => photoState(page, 'Room, to your left').textContent(), { timeout: 10_000 }).toBe('Taken ✓');
    await expect.poll(() => page.locator('.live-message').textContent()).toBe('Photo received from your phone: Room, to your left.');
    await page.getByRole('button', { name: 'Send for review' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Step 3 of 3: Waiting for a greeter' }).isVisible()).toBe(true);

    // Approved: on to the exam.
    await decide(greeterApi, checkInId, { decision: 'approve' });
    const approved = page.getByRole('heading', { name: 'Approved — you can start your exam' });
    await expect.poll(() => approved.isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('decision-heading');
    await expectAccessible(page, 'checkin-08-approved');
    await page.getByRole('link', { name: 'Go to your appointment to start the exam' }).click();
    await page.waitForURL(new RegExp(`/appointments/${appointmentId}$`));
    await expect.poll(() => page.getByRole('button', { name: 'Start exam' }).isVisible()).toBe(true);

    // An unknown or replaced phone link says what to do.
    await phone.goto(`${env.server.url}/m/${'x'.repeat(43)}`);
    await expect.poll(() => phone.getByText('Scan the new QR code on your computer.').isVisible()).toBe(true);
    await expectAccessible(phone, 'checkin-09-phone-invalid');
    await Promise.all([desktop.close(), phoneContext.close(), greeterContext.close()]);
  });
});
