import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { APIRequestContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { expectAccessible, journeyEnvironment, logInThroughUi } from '../support/journey.ts';

const env = journeyEnvironment();

/** A POST/PUT/GET of the candidate's API session that must succeed; returns the JSON answer. */
async function call(request: APIRequestContext, method: 'GET' | 'POST' | 'PUT', path: string, options: { data?: unknown; body?: Buffer; headers?: Record<string, string> } = {}) {
  const response = await request.fetch(`${env.server.url}/api/v1${path}`, {
    method,
    headers: { Origin: env.server.url, ...options.headers },
    ...(options.body ? { data: options.body } : options.data !== undefined ? { data: options.data } : {}),
  });
  expect(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`).toBe(true);
  return response.json() as Promise<any>;
}

/** The candidate books CDE-P01 over the API; the appointment is then moved to start in 20 minutes (check-in open). */
async function bookAppointmentStartingSoon(request: APIRequestContext): Promise<string> {
  const from = DateTime.utc().plus({ days: 2 }).toISODate();
  const slots = await call(request, 'GET', `/exams/CDE-P01/slots?from=${from}`);
  const startsAt = slots.days.flatMap((d: { slots: { startsAt: string }[] }) => d.slots)[0]?.startsAt;
  expect(startsAt, JSON.stringify(slots.refusals)).toBeTruthy();
  const { hold } = await call(request, 'POST', '/holds', { data: { examCode: 'CDE-P01', startsAt, language: slots.language } });
  const { appointment } = await call(request, 'POST', '/appointments', { data: { holdId: hold.id, paymentMethod: 'invoice' }, headers: { 'Idempotency-Key': randomUUID() } });
  await env.server.deps.db.updateTable('appointments').set({ starts_at: new Date(Date.now() + 20 * 60_000) }).where('id', '=', appointment.id).execute();
  return appointment.id as string;
}

/** The greeter console's queue table. */
function queueTable(page: Page) {
  return page.getByRole('table', { name: /Waiting check-ins/ });
}

describe('a greeter reviews a check-in', () => {
  it('sees it waiting with a timer, asks for one retake, then approves the resubmitted check-in', async () => {
    // The candidate's side, over the API: book, open the check-in, accept the rules, upload every photo, submit.
    const candidate = await env.browser.newContext();
    await call(candidate.request, 'POST', '/auth/login', { data: { email: 'candidate@invigil.test', password: 'clark-demo-2026' } });
    const appointmentId = await bookAppointmentStartingSoon(candidate.request);
    const opened = await call(candidate.request, 'POST', `/appointments/${appointmentId}/checkin`);
    const checkInId: string = opened.checkIn.id;
    await call(candidate.request, 'POST', `/checkins/${checkInId}/rules`);
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#888' } }).jpeg().toBuffer();
    const kinds: string[] = opened.checkIn.photos.map((p: { kind: string }) => p.kind);
    expect(kinds).toEqual(expect.arrayContaining(['headshot', 'id_front', 'room_front', 'room_back', 'room_left', 'room_right']));
    for (const kind of kinds) await call(candidate.request, 'PUT', `/checkins/${checkInId}/photos/${kind}`, { body: photo, headers: { 'Content-Type': 'image/jpeg' } });
    expect((await call(candidate.request, 'POST', `/checkins/${checkInId}/submit`)).checkIn.status).toBe('submitted');
    // Sent six minutes ago: past the five-minute service target.
    await env.server.deps.db.updateTable('checkins').set({ submitted_at: new Date(Date.now() - 6 * 60_000) }).where('id', '=', checkInId).execute();

    // The greeter: the console's card counts the waiting candidate and leads to the check-ins.
    const page = await (await env.browser.newContext({ timezoneId: 'Asia/Kolkata' })).newPage();
    await logInThroughUi(page, env.server.url, 'proctor@invigil.test', 'priya-demo-2026', /\/proctor/);
    await expect.poll(() => page.getByText(/1 candidate waiting; longest wait 06:\d\d \(over target\)/).isVisible()).toBe(true);
    await expectAccessible(page, 'greeter-00-console');
    await page.getByRole('navigation', { name: 'Proctor area' }).getByRole('link', { name: 'Check-ins' }).click();
    await page.waitForURL(/\/proctor\/checkins$/);
    const row = queueTable(page).getByRole('row').filter({ hasText: 'Clark Candidate' });
    await expect.poll(() => row.filter({ hasText: 'CDE-P01' }).count()).toBe(1);
    const firstWait = await row.locator('.wait-time').textContent();
    expect(firstWait).toMatch(/^06:\d\d$/);
    expect(await row.getByText('over target').isVisible()).toBe(true);
    // The timer runs every second on its own.
    await expect.poll(() => row.locator('.wait-time').textContent(), { timeout: 4000 }).not.toBe(firstWait);
    await expectAccessible(page, 'greeter-01-queue');

    // Keyboard: focus "Review next" and press Enter.
    await page.getByRole('button', { name: 'Review next' }).focus();
    await page.keyboard.press('Enter');
    const review = page.getByRole('region', { name: 'Check-in of Clark Candidate' });
    await expect.poll(() => review.isVisible()).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Check-in of Clark Candidate');
    await expect.poll(() => review.getByText('Clark Candidate', { exact: true }).isVisible()).toBe(true);
    const headshot = review.getByRole('img', { name: 'Headshot of Clark Candidate' });
    const idFront = review.getByRole('img', { name: 'Front of the ID document uploaded by Clark Candidate' });
    await expect.poll(() => headshot.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await expect.poll(() => idFront.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    // Side by side: the headshot and the ID front share a row.
    const [a, b] = [await headshot.boundingBox(), await idFront.boundingBox()];
    expect(Math.abs(a!.y - b!.y)).toBeLessThan(5);
    expect(await review.getByRole('img', { name: /photographed by Clark Candidate/ }).count()).toBe(4);
    await expectAccessible(page, 'greeter-02-review');

    // Ask for a retake of the left room photo.
    await review.getByRole('button', { name: 'Ask for a retake' }).click();
    const retake = page.getByRole('dialog', { name: 'Ask for a retake' });
    await expect.poll(() => retake.isVisible()).toBe(true);
    // Sending without a choice and a reason is refused in the dialog.
    await retake.getByRole('button', { name: 'Ask for retake' }).click();
    await expect.poll(() => retake.getByText('Choose at least one photo.').isVisible()).toBe(true);
    await retake.getByRole('checkbox', { name: 'Room, to the left of the candidate' }).check({ force: true });
    await retake.getByRole('textbox', { name: 'Reason the candidate will see' }).fill('The left side of the desk is not in the picture.');
    await expectAccessible(page, 'greeter-03-retake-dialog');
    await retake.getByRole('button', { name: 'Ask for retake' }).click();
    await expect.poll(() => page.getByText('Asked Clark Candidate to take 1 photo again.').isVisible()).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Queue');

    const asked = (await call(candidate.request, 'GET', `/checkins/${checkInId}`)).checkIn;
    expect(asked.status).toBe('retake_requested');
    expect(asked.decisionReason).toBe('The left side of the desk is not in the picture.');
    expect(asked.photos.find((p: { kind: string }) => p.kind === 'room_left').retake).toBe(true);

    // The candidate retakes it and sends the check-in again; it comes back into the queue.
    await call(candidate.request, 'PUT', `/checkins/${checkInId}/photos/room_left`, { body: photo, headers: { 'Content-Type': 'image/jpeg' } });
    expect((await call(candidate.request, 'POST', `/checkins/${checkInId}/submit`)).checkIn.status).toBe('submitted');
    await expect.poll(() => row.count(), { timeout: 8000 }).toBe(1);
    await expect.poll(() => row.locator('.wait-time').textContent()).toMatch(/^00:\d\d$/);
    expect(await row.getByText('over target').count()).toBe(0);

    // The reject dialog offers the policy's reasons; the greeter cancels it and approves instead (two presses).
    await page.getByRole('button', { name: 'Review next' }).click();
    await expect.poll(() => review.isVisible()).toBe(true);
    await review.getByRole('button', { name: 'Reject' }).click();
    const reject = page.getByRole('alertdialog', { name: 'Reject this check-in?' });
    await expect.poll(() => reject.getByRole('radio', { name: 'The name on the ID does not match the name on the account.' }).isVisible()).toBe(true);
    await reject.getByRole('radio', { name: /Another reason/ }).check({ force: true });
    await expect.poll(() => reject.getByRole('textbox', { name: 'Reason the candidate will see' }).isVisible()).toBe(true);
    await expectAccessible(page, 'greeter-04-reject-dialog');
    await reject.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => reject.count()).toBe(0);

    // Keyboard: from the review heading, the next Tab stop is Approve.
    await review.getByRole('heading', { name: 'Check-in of Clark Candidate' }).focus();
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Approve');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('Approved: Clark Candidate records the room scan next, then starts CDE-P01.').isVisible()).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Queue');
    await expect.poll(() => page.getByText('Nobody is waiting.').isVisible()).toBe(true);
    await expectAccessible(page, 'greeter-05-after-approve');

    // The exam's policy asks for a room scan: approval leads the candidate to it, and the launch waits for it
    // (the check-in journey records one).
    const approved = (await call(candidate.request, 'GET', `/checkins/${checkInId}`)).checkIn;
    expect(approved).toMatchObject({ status: 'approved', canLaunch: false, roomScan: { required: true, take: 0 } });
    const appointment = await env.server.deps.db.selectFrom('appointments').select('launch_authorised_at').where('id', '=', appointmentId).executeTakeFirstOrThrow();
    expect(appointment.launch_authorised_at).toBeNull();

    // An empty queue: "Review next" says nobody is waiting.
    await page.getByRole('button', { name: 'Review next' }).click();
    await expect.poll(() => page.getByText('Nobody is waiting. New check-ins appear in the queue as they arrive.').isVisible()).toBe(true);
  });
});
