import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, journeyEnvironment, logInThroughUi } from '../support/journey.ts';

const env = journeyEnvironment();

const zone = 'Europe/Dublin'; // the demo candidate's profile zone
const candidateEmail = 'candidate@invigil.test';

/** How the date strip names a day, e.g. `Thu 15 Jan`. */
function stripLabel(date: DateTime): string {
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' })
    .format(new Date(Date.UTC(date.year, date.month - 1, date.day)));
}

/** The slot button starting at `time` (`HH:MM`) in the list of the chosen day. */
function slotButton(page: Page, time: string) {
  return page.locator('.slot-list').getByRole('button', { name: new RegExp(`^${time} to \\d\\d:\\d\\d$`) });
}

/** The start instant of a slot button, from its `<time datetime>`. */
async function slotStart(page: Page, time: string): Promise<string> {
  const iso = await slotButton(page, time).locator('time').getAttribute('datetime');
  expect(iso).toBeTruthy();
  return iso!;
}

/** `DTSTART:20260115T100000Z` for an instant. */
function icsStart(iso: string): string {
  return `DTSTART:${DateTime.fromISO(iso).toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'")}`;
}

async function candidateId(): Promise<string> {
  const row = await env.server.deps.db.selectFrom('users').select('id').where('email', '=', candidateEmail).executeTakeFirstOrThrow();
  return row.id;
}

describe('a candidate books, reschedules and cancels an exam', () => {
  it('says plainly when the seat hold ends, announcing the last minutes, and leads back to the times', async () => {
    const context = await env.browser.newContext({ timezoneId: zone, locale: 'en-IE' });
    const page = await context.newPage();
    // The page's clock is ours to move; the server's hold lapses on its own clock later, which this test does not need.
    await page.clock.install();
    await logInThroughUi(page, env.server.url, candidateEmail, 'clark-demo-2026', new RegExp(`^${env.server.url}/$`));
    const day = DateTime.now().setZone(zone).startOf('day').plus({ days: 4 });
    await page.goto(`${env.server.url}/exams/CDE-P01/book?date=${day.toISODate()}`);
    await expect.poll(() => slotButton(page, '07:00').isVisible()).toBe(true);
    await slotButton(page, '07:00').click();
    await page.waitForURL(/\/exams\/CDE-P01\/book\/[0-9a-f-]{36}/);
    const holdId = page.url().match(/book\/([0-9a-f-]{36})/)![1]!;
    const timer = page.getByRole('timer');
    await expect.poll(() => timer.textContent()).toMatch(/^(09|10):\d\d$/);
    const status = page.locator('.countdown [role=status]');
    expect(await status.textContent()).toBe('');

    await page.clock.fastForward('05:30');
    await expect.poll(() => status.textContent()).toBe('Five minutes left to confirm your booking.');
    await page.clock.fastForward('04:00');
    await expect.poll(() => status.textContent()).toBe('One minute left to confirm your booking.');
    await page.clock.fastForward('01:10');
    const ended = page.getByRole('heading', { name: 'Your hold ended' });
    await expect.poll(() => ended.isVisible()).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Your hold ended');
    await expect.poll(() => page.getByText('Your hold ended and the seat was released. Pick a time again.').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Confirm booking' }).count()).toBe(0);
    await expectAccessible(page, 'booking-08-hold-ended');
    await page.getByRole('link', { name: 'Pick a time again' }).click();
    await page.waitForURL(new RegExp(`/exams/CDE-P01/book\\?date=${day.toISODate()}`));
    await expect.poll(() => page.getByRole('heading', { name: `Free times on ${day.toFormat('cccc d LLLL')}` }).isVisible()).toBe(true);
    // Only this page's clock moved: give the seat back on the server too, so the next journey starts clean.
    expect((await page.request.delete(`${env.server.url}/api/v1/holds/${holdId}`)).status()).toBe(204);
  });

  it('books CDE-P01 with a discount code by invoice, gets the invite, moves it once and cancels it with a refund', async () => {
    const context = await env.browser.newContext({ timezoneId: zone, locale: 'en-IE' });
    const page = await context.newPage();
    await logInThroughUi(page, env.server.url, candidateEmail, 'clark-demo-2026', new RegExp(`^${env.server.url}/$`));

    // The exam page leads to booking.
    await page.goto(`${env.server.url}/exams/CDE-P01`);
    await page.getByRole('link', { name: 'Book this exam' }).click();
    await page.waitForURL(/\/exams\/CDE-P01\/book/);
    await expect.poll(() => page.getByRole('heading', { name: /^Free times on / }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText(/Times in Europe\/Dublin \(UTC\+[01]\)/).isVisible()).toBe(true);

    // A day at least two days ahead in the candidate's zone; the strip starts at the earliest bookable day.
    const day = DateTime.now().setZone(zone).startOf('day').plus({ days: 3 });
    const dayButton = page.getByRole('button', { name: new RegExp(`^${stripLabel(day)} `) });
    await expect.poll(() => page.getByRole('button', { name: 'Next week' }).isVisible()).toBe(true);
    // With a long minimum lead time the day can fall in the second week of the strip.
    if ((await dayButton.count()) === 0) await page.getByRole('button', { name: 'Next week' }).click();
    await dayButton.click();
    await expect.poll(() => page.getByRole('heading', { name: `Free times on ${day.toFormat('cccc d LLLL')}` }).isVisible()).toBe(true);
    await expect.poll(() => slotButton(page, '10:00').isVisible()).toBe(true);
    await expectAccessible(page, 'booking-01-slots');

    // Picking a time holds it; "Change time" gives the seat back and returns to the same day.
    await slotButton(page, '09:00').click();
    await page.waitForURL(/\/exams\/CDE-P01\/book\/[0-9a-f-]{36}/);
    const firstHold = page.url().match(/book\/([0-9a-f-]{36})/)![1]!;
    await expect.poll(() => page.getByRole('button', { name: 'Change time' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Change time' }).click();
    await page.waitForURL(new RegExp(`/exams/CDE-P01/book\\?date=${day.toISODate()}`));
    await expect.poll(async () => (await env.server.deps.db.selectFrom('seat_holds').select('status').where('id', '=', firstHold).executeTakeFirstOrThrow()).status).toBe('released');

    // Hold 10:00 and check out.
    await expect.poll(() => slotButton(page, '10:00').isVisible()).toBe(true);
    const startsAt = await slotStart(page, '10:00');
    await slotButton(page, '10:00').click();
    await page.waitForURL(/\/exams\/CDE-P01\/book\/[0-9a-f-]{36}/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Confirm your booking');
    const timer = page.getByRole('timer');
    await expect.poll(() => timer.textContent()).toMatch(/^\d\d:\d\d$/);
    const before = await timer.textContent();
    await expect.poll(() => timer.textContent(), { timeout: 5_000 }).not.toBe(before);
    await expect.poll(() => page.getByText('To pay').isVisible()).toBe(true);
    await expect.poll(() => page.locator('.price-due dd').textContent()).toBe('US$300.00');
    await expectAccessible(page, 'booking-02-checkout');

    await page.getByLabel(/Voucher or discount code/).fill('DEMO-HALF');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.getByText('Code DEMO-HALF applied.').isVisible()).toBe(true);
    await expect.poll(() => page.locator('.price-due dd').textContent()).toBe('US$150.00');
    await page.getByRole('radio', { name: /invoice/i }).check();
    await page.getByLabel(/Purchase order number/).fill('PO-4711');
    await expectAccessible(page, 'booking-02b-checkout-invoice');

    // A double click books once: the Idempotency-Key and the re-entry guard see to it.
    await page.getByRole('button', { name: 'Confirm booking' }).dblclick();
    await page.waitForURL(/\/appointments\/[0-9a-f-]{36}$/);
    const appointmentId = page.url().match(/appointments\/([0-9a-f-]{36})$/)![1]!;
    await expect.poll(() => page.getByText('Your exam is booked.').isVisible()).toBe(true);
    await expect.poll(() => page.getByText(day.toFormat('cccc d LLLL yyyy')).isVisible()).toBe(true);
    await expect.poll(() => page.getByText(/^10:00 to \d\d:\d\d, Europe\/Dublin/).isVisible()).toBe(true);
    await expectAccessible(page, 'booking-03-appointment');

    const appointments = await env.server.deps.db.selectFrom('appointments').select(['id', 'payment_method', 'code', 'invoice_reference'])
      .where('candidate_id', '=', await candidateId()).execute();
    expect(appointments).toHaveLength(1);
    expect(appointments[0]).toMatchObject({ id: appointmentId, payment_method: 'invoice', code: 'DEMO-HALF' });
    expect(appointments[0]!.invoice_reference).toContain('PO-4711');

    // The confirmation mail carries the invite; the page's calendar link downloads the same event.
    const mail = await env.server.deps.db.selectFrom('outbox_emails').select(['subject', 'attachments'])
      .where('to_address', '=', candidateEmail).where('subject', 'like', 'Booked: CDE-P01%').executeTakeFirst();
    expect(mail).toBeDefined();
    expect(mail!.attachments.some((a) => a.filename.endsWith('.ics') && a.content.includes(icsStart(startsAt)))).toBe(true);
    const calendarLink = page.getByRole('link', { name: 'Add to calendar (.ics)' });
    expect(await calendarLink.getAttribute('href')).toBe(`/api/v1/appointments/${appointmentId}/calendar.ics`);
    const ics = await page.request.get(`${env.server.url}/api/v1/appointments/${appointmentId}/calendar.ics`);
    expect(ics.status()).toBe(200);
    expect(ics.headers()['content-type']).toContain('text/calendar');
    expect(await ics.text()).toContain(icsStart(startsAt));
    expect(await page.getByRole('link', { name: 'Run the system test' }).getAttribute('href')).toBe('/system-test');

    // Reschedule to 14:00 the same day: the dialog says which free reschedule this is.
    await page.getByRole('button', { name: 'Reschedule' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Choose a new time' }).isVisible()).toBe(true);
    await expect.poll(() => slotButton(page, '14:00').isVisible()).toBe(true);
    await expectAccessible(page, 'booking-04-reschedule-picker');
    const movedTo = await slotStart(page, '14:00');
    await slotButton(page, '14:00').click();
    const moveDialog = page.getByRole('alertdialog', { name: 'Move your exam?' });
    await expect.poll(() => moveDialog.getByText(/1st of 2 free reschedules/).isVisible()).toBe(true);
    await expectAccessible(page, 'booking-04b-reschedule-dialog');
    await moveDialog.getByRole('button', { name: 'Move my exam' }).click();
    await expect.poll(() => page.getByText(/Your exam is moved to /).isVisible()).toBe(true);
    await expect.poll(() => page.getByText(/^14:00 to \d\d:\d\d, Europe\/Dublin/).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('1 of 2', { exact: true }).isVisible()).toBe(true);
    const moved = await page.request.get(`${env.server.url}/api/v1/appointments/${appointmentId}/calendar.ics`);
    expect(await moved.text()).toContain(icsStart(movedTo));

    // Cancel before the cutoff: the dialog states the refund before anything happens.
    await page.getByRole('button', { name: 'Cancel appointment' }).click();
    const cancelDialog = page.getByRole('alertdialog', { name: 'Cancel this appointment?' });
    await expect.poll(() => cancelDialog.getByText('You get US$150.00 back.').isVisible()).toBe(true);
    await expectAccessible(page, 'booking-05-cancel-dialog');
    await cancelDialog.getByLabel(/Reason/).fill('My plans changed.');
    await cancelDialog.getByRole('button', { name: 'Cancel appointment' }).click();
    await expect.poll(() => page.getByText(/Your appointment is cancelled\./).isVisible()).toBe(true);
    await expect.poll(() => page.locator('.summary dd .tag').textContent()).toBe('Cancelled');
    const cancelled = await env.server.deps.db.selectFrom('appointments').select(['status', 'refunded_minor']).where('id', '=', appointmentId).executeTakeFirstOrThrow();
    expect(cancelled.status).toBe('cancelled');
    expect(Number(cancelled.refunded_minor)).toBe(15000);

    // My appointments lists it among past and cancelled ones.
    await page.goto(`${env.server.url}/appointments`);
    const past = page.getByRole('region', { name: 'Past and cancelled' });
    await expect.poll(() => past.getByRole('link', { name: /CDE-P01/ }).count()).toBe(1);
    await expectAccessible(page, 'booking-06-my-appointments');
  });

  it('asks for extra time from the profile and withdraws the request', async () => {
    const page = await (await env.browser.newContext({ timezoneId: zone, locale: 'en-IE' })).newPage();
    await logInThroughUi(page, env.server.url, candidateEmail, 'clark-demo-2026', new RegExp(`^${env.server.url}/$`));
    await page.goto(`${env.server.url}/profile`);
    await page.getByRole('link', { name: /Ask for an accommodation/ }).click();
    await page.waitForURL(/\/profile\/accommodations$/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Accommodations');

    await page.getByRole('radio', { name: /^Extra minutes/ }).check();
    await page.getByLabel('Extra minutes', { exact: true }).fill('30');
    await page.getByLabel('Note for the reviewer').fill('English is not my first language.');
    await page.getByRole('button', { name: 'Send request' }).click();
    const requests = page.getByRole('table', { name: 'Your accommodation requests' });
    const row = requests.getByRole('row').filter({ hasText: '30 minutes of extra time' });
    await expect.poll(() => row.getByText('Waiting for a decision').isVisible()).toBe(true);
    await expectAccessible(page, 'booking-07-accommodations');

    await row.getByRole('button', { name: 'Withdraw request: 30 minutes of extra time' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Withdraw request' }).click();
    await expect.poll(() => row.getByText('Withdrawn').isVisible()).toBe(true);
    const stored = await env.server.deps.db.selectFrom('accommodations').select(['status', 'minutes']).where('candidate_id', '=', await candidateId()).execute();
    expect(stored).toEqual([{ status: 'withdrawn', minutes: 30 }]);
  });
});
