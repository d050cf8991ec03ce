import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { APIRequestContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, journeyEnvironment, logInThroughUi } from '../support/journey.ts';

const env = journeyEnvironment();

/** A request of one browser context's API session; returns the status and the JSON answer. */
async function call(request: APIRequestContext, method: 'GET' | 'POST', path: string, data?: unknown, headers: Record<string, string> = {}) {
  const response = await request.fetch(`${env.server.url}/api/v1${path}`, { method, headers: { Origin: env.server.url, ...headers }, ...(data !== undefined ? { data } : {}) });
  return { status: response.status(), body: await response.json() as any };
}

/** Clark books CDE-P01 over the API; the appointment is then moved to start in 20 minutes (check-in open). */
async function bookAppointmentStartingSoon(request: APIRequestContext): Promise<string> {
  const from = DateTime.utc().plus({ days: 2 }).toISODate();
  const slots = (await call(request, 'GET', `/exams/CDE-P01/slots?from=${from}`)).body;
  const startsAt = slots.days.flatMap((d: { slots: { startsAt: string }[] }) => d.slots)[0]?.startsAt;
  expect(startsAt, JSON.stringify(slots.refusals)).toBeTruthy();
  const hold = (await call(request, 'POST', '/holds', { examCode: 'CDE-P01', startsAt, language: slots.language })).body.hold;
  const booked = await call(request, 'POST', '/appointments', { holdId: hold.id, paymentMethod: 'invoice' }, { 'Idempotency-Key': randomUUID() });
  expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  const id = booked.body.appointment.id as string;
  await env.server.deps.db.updateTable('appointments').set({ starts_at: new Date(Date.now() + 20 * 60_000) }).where('id', '=', id).execute();
  return id;
}

async function launchesPage(email: string, password: string, timezoneId: string): Promise<Page> {
  const page = await (await env.browser.newContext({ timezoneId })).newPage();
  await logInThroughUi(page, env.server.url, email, password, /\/proctor/);
  await page.getByRole('navigation', { name: 'Proctor area' }).getByRole('link', { name: 'Exam launches' }).click();
  await page.waitForURL(/\/proctor\/launches$/);
  return page;
}

describe('a launch without the usual check-in', () => {
  it('is requested by one proctor with a reason and a note, and authorised only when a second one approves it', async () => {
    const candidate = await env.browser.newContext();
    expect((await call(candidate.request, 'POST', '/auth/login', { email: 'candidate@invigil.test', password: 'clark-demo-2026' })).status).toBe(200);
    const appointmentId = await bookAppointmentStartingSoon(candidate.request);

    // Priya requests the exception, by keyboard alone.
    const priya = await launchesPage('proctor@invigil.test', 'priya-demo-2026', 'Asia/Kolkata');
    const request = priya.getByRole('button', { name: 'Request an exception for Clark Candidate, CDE-P01' });
    await request.focus();
    await priya.keyboard.press('Enter');
    const dialog = priya.getByRole('dialog', { name: 'Launch exception for Clark Candidate' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    // Sending without a reason or a note says what is missing (the browser's words), moves to it and sends nothing.
    await dialog.getByRole('button', { name: 'Request exception' }).press('Enter');
    await expect.poll(() => priya.evaluate(() => document.activeElement?.getAttribute('aria-haspopup'))).toBe('listbox');
    await expect.poll(() => dialog.getByText('Please select an item in the list.').isVisible()).toBe(true);
    expect(await env.server.deps.db.selectFrom('launch_exceptions').select('id').execute()).toEqual([]);
    await expectAccessible(priya, 'launch-exception-01-request-dialog');
    await dialog.getByRole('button', { name: /Reason/ }).focus();
    await priya.keyboard.press('ArrowDown');
    await priya.getByRole('option', { name: 'Check-in done by video call' }).press('Enter');
    await dialog.getByRole('textbox', { name: 'Note' }).fill('Photo ID and the room shown on a video call.');
    await dialog.getByRole('button', { name: 'Request exception' }).press('Enter');
    const requested = priya.getByText('Exception requested for Clark Candidate: a second staff member approves it next.');
    await expect.poll(() => requested.isVisible()).toBe(true);
    await expect.poll(() => priya.getByText('A second staff member must approve it.').isVisible()).toBe(true);
    // The requester cannot approve their own request: the page does not offer it.
    expect(await priya.getByRole('button', { name: /Approve exception/ }).count()).toBe(0);
    await expectAccessible(priya, 'launch-exception-02-requested');
    const waiting = await call(candidate.request, 'POST', `/appointments/${appointmentId}/attempt`);
    expect(waiting.body.error.code).toBe('LaunchNotAuthorised');

    // Omar approves it.
    const omar = await launchesPage('omar.proctor@invigil.test', 'omar-demo-2026', 'UTC');
    await expect.poll(() => omar.getByText(/Exception: Check-in done by video call\. “Photo ID and the room shown on a video call\.” Requested by Priya Proctor/).isVisible()).toBe(true);
    await omar.getByRole('button', { name: 'Approve exception for Clark Candidate, CDE-P01' }).press('Enter');
    await expect.poll(() => omar.getByText('Exception approved: Clark Candidate can start CDE-P01.').isVisible()).toBe(true);
    await expect.poll(() => omar.getByText('Authorised; waiting for the candidate to start').isVisible()).toBe(true);
    await expect.poll(() => omar.getByText(/approved by Omar Proctor/).isVisible()).toBe(true);
    await expectAccessible(omar, 'launch-exception-03-approved');

    // Clark can start now, and the session's timeline says how the launch was authorised.
    const opened = await call(candidate.request, 'POST', `/appointments/${appointmentId}/attempt`);
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const events = await env.server.deps.db.selectFrom('attempt_events').select(['kind', 'reason']).where('attempt_id', '=', opened.body.attempt.id).orderBy('at').execute();
    expect(events[0]).toEqual({ kind: 'launch_exception', reason: 'Check-in done by video call' });
    await Promise.all([candidate.close(), priya.context().close(), omar.context().close()]);
  }, 90_000);
});
