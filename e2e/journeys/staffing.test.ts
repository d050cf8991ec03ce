import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, journeyEnvironment, logInThroughUi } from '../support/journey.ts';

const env = journeyEnvironment();

const adminZone = 'Europe/London';
const proctorZone = 'Asia/Kolkata';

/** The first Saturday on or after `from` (a local date). */
function saturdayFrom(from: DateTime): DateTime {
  return from.plus({ days: (6 - from.weekday + 7) % 7 }).startOf('day');
}

/** `Saturday 2 May`, as the calendars head their days. */
function dayHeading(date: DateTime): string {
  return `${date.toFormat('cccc')} ${date.toFormat('d LLLL')}`;
}

/** The list item of one day in a shift calendar. */
function day(page: Page, heading: string) {
  return page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: heading, exact: true }) });
}

/** The admin area's section navigation. */
function adminNav(page: Page) {
  return page.getByRole('navigation', { name: 'Administration' });
}

describe('an admin staffs the program and handles booking requests; a proctor sees their shifts', () => {
  it('adds a weekly shift, time off, reads the capacity heat map, approves an accommodation, creates codes; the proctor sees the shift', async () => {
    const admin = await (await env.browser.newContext({ timezoneId: adminZone })).newPage();
    await logInThroughUi(admin, env.server.url, 'admin@invigil.test', 'ada-demo-2026', /\/admin/);

    // Staffing: a weekly Saturday morning shift for the demo proctor, in her own zone.
    await adminNav(admin).getByRole('link', { name: 'Staffing' }).click();
    await admin.waitForURL(/\/admin\/staffing/);
    await expect.poll(() => admin.getByRole('heading', { name: 'Priya Proctor', level: 2 }).isVisible()).toBe(true);
    await expectAccessible(admin, '40-admin-staffing');

    await admin.getByRole('button', { name: 'Add a weekly shift for Priya Proctor' }).click();
    const ruleForm = admin.locator('.inline-editor');
    // react-aria hides the native input under its drawn box: the click lands on the box, inside the same label.
    await ruleForm.getByRole('checkbox', { name: 'Saturday' }).check({ force: true });
    await ruleForm.getByRole('button', { name: /Starts at/ }).click();
    await admin.getByRole('option', { name: '08:00', exact: true }).click();
    await ruleForm.getByRole('button', { name: /Ends at/ }).click();
    await admin.getByRole('option', { name: '12:00', exact: true }).click();
    // From today in the admin's zone, so this week's Saturday is always part of the rule.
    const adminToday = DateTime.now().setZone(adminZone).startOf('day');
    await ruleForm.getByLabel('First day', { exact: true }).fill(adminToday.toISODate()!);
    await expect.poll(() => ruleForm.getByRole('combobox', { name: 'Time zone' }).inputValue()).toBe('Asia / Kolkata');
    await expectAccessible(admin, '41-admin-shift-form');
    await ruleForm.getByRole('button', { name: 'Add shift' }).click();
    await expect.poll(() => admin.getByText('The weekly shift was added.').isVisible()).toBe(true);
    const priyaRules = admin.getByRole('table', { name: 'Weekly shifts of Priya Proctor' });
    await expect.poll(() => priyaRules.getByRole('row').filter({ hasText: 'Saturday' }).filter({ hasText: '08:00–12:00' }).count()).toBe(1);

    // The calendar shows this week's Saturday shift at the admin's local times.
    const saturday = saturdayFrom(adminToday);
    const starts = DateTime.fromISO(`${saturday.toISODate()}T08:00`, { zone: proctorZone }).setZone(adminZone);
    const hours = `${starts.toFormat('HH:mm')}–${starts.plus({ hours: 4 }).toFormat('HH:mm')}`;
    const calendar = admin.getByRole('region', { name: 'Staffing calendar' });
    await expect.poll(() => day(admin, dayHeading(saturday)).getByRole('listitem').filter({ hasText: 'Priya Proctor' }).filter({ hasText: hours }).count()).toBe(1);
    await calendar.getByRole('button', { name: 'Next week of the staffing calendar' }).click();
    await expect.poll(() => day(admin, dayHeading(saturday.plus({ days: 7 }))).getByRole('listitem').filter({ hasText: hours }).count()).toBeGreaterThan(0);
    await calendar.getByRole('button', { name: 'Back to today' }).click();

    // Time off tomorrow mid-morning, typed in the admin's zone (it never touches the Saturday shift, 02:30–07:30 here).
    const off = adminToday.plus({ days: 1 }).set({ hour: 10 });
    await admin.getByRole('button', { name: 'Add time off or an extra shift for Priya Proctor' }).click();
    const offForm = admin.locator('.inline-editor');
    await offForm.getByLabel('From', { exact: true }).fill(off.toFormat("yyyy-MM-dd'T'HH:mm"));
    await offForm.getByLabel('Until', { exact: true }).fill(off.plus({ hours: 2 }).toFormat("yyyy-MM-dd'T'HH:mm"));
    await offForm.getByRole('textbox', { name: /Note/ }).fill('Dentist');
    await expectAccessible(admin, '42-admin-time-off-form');
    await offForm.getByRole('button', { name: 'Add time off' }).click();
    await expect.poll(() => admin.getByText('The time off was added.').isVisible()).toBe(true);
    const priyaOff = admin.getByRole('table', { name: 'Time off and extra shifts of Priya Proctor' });
    await expect.poll(() => priyaOff.getByRole('row').filter({ hasText: 'Dentist' }).count()).toBe(1);
    await expectAccessible(admin, '43-admin-staffing-after');

    // Capacity: the heat map names the proctors on duty in every covered hour.
    await adminNav(admin).getByRole('link', { name: 'Capacity' }).click();
    const heatMap = admin.getByRole('table', { name: /Proctors on duty and capacity used by hour/ });
    await expect.poll(() => heatMap.isVisible()).toBe(true);
    await expect.poll(() => heatMap.getByRole('cell', { name: /\d+ proctors?, \d+ greeters?, \d+% used/ }).count()).toBeGreaterThan(0);
    await expect.poll(() => heatMap.getByRole('rowheader').count()).toBe(7);
    await expectAccessible(admin, '44-admin-capacity');

    // A candidate asks for extra time (over the API); the admin approves it.
    const candidate = await env.browser.newContext();
    const login = await candidate.request.post(`${env.server.url}/api/v1/auth/login`, { data: { email: 'candidate@invigil.test', password: 'clark-demo-2026' } });
    expect(login.status(), await login.text()).toBe(200);
    const asked = await candidate.request.post(`${env.server.url}/api/v1/accommodations`, {
      data: { kind: 'extra_time_minutes', minutes: 30, note: 'English is my second language.' },
      headers: { Origin: env.server.url },
    });
    expect(asked.status(), await asked.text()).toBe(201);

    await adminNav(admin).getByRole('link', { name: 'Accommodations' }).click();
    await expect.poll(() => admin.getByRole('heading', { name: 'Clark Candidate: 30 minutes extra time' }).isVisible()).toBe(true);
    await expect.poll(() => admin.getByText('English is my second language.').isVisible()).toBe(true);
    await expectAccessible(admin, '45-admin-accommodations');
    // Declining asks for the reason in a dialog; the admin changes their mind.
    await admin.getByRole('button', { name: 'Decline the request of Clark Candidate' }).click();
    const decline = admin.getByRole('dialog', { name: 'Decline this request?' });
    await expect.poll(() => decline.getByRole('textbox', { name: 'Reason' }).isVisible()).toBe(true);
    await expectAccessible(admin, '45b-admin-decline-dialog');
    await decline.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => decline.count()).toBe(0);
    await admin.getByRole('button', { name: 'Approve the request of Clark Candidate' }).click();
    await expect.poll(() => admin.getByText('Approved: 30 minutes extra time for Clark Candidate.').isVisible()).toBe(true);
    await expect.poll(() => admin.getByText('No request is waiting for a decision.').isVisible()).toBe(true);
    await admin.getByRole('button', { name: /Show requests/ }).click();
    await admin.getByRole('option', { name: 'Approved', exact: true }).click();
    await expect.poll(() => admin.getByRole('heading', { name: 'Clark Candidate: 30 minutes extra time' }).isVisible()).toBe(true);

    // Vouchers: a shared discount code, then three generated vouchers.
    await adminNav(admin).getByRole('link', { name: 'Vouchers' }).click();
    await expect.poll(() => admin.getByRole('heading', { name: 'Create vouchers or a discount code' }).isVisible()).toBe(true);
    await admin.getByRole('textbox', { name: 'Percentage off' }).fill('15');
    await admin.getByRole('textbox', { name: 'Code', exact: true }).fill('SPRING-E2E');
    await expectAccessible(admin, '46-admin-vouchers-form');
    await admin.getByRole('button', { name: 'Create code' }).click();
    await expect.poll(() => admin.getByText('Created code SPRING-E2E.').isVisible()).toBe(true);
    const codes = admin.getByRole('table', { name: /Vouchers and discount codes/ });
    await expect.poll(() => codes.getByRole('row').filter({ hasText: 'SPRING-E2E' }).filter({ hasText: '15% off' }).count()).toBe(1);

    await admin.getByRole('radio', { name: /^Voucher/ }).check({ force: true });
    await admin.getByRole('radio', { name: /^Generate codes/ }).check({ force: true });
    await admin.getByRole('textbox', { name: 'How many codes' }).fill('3');
    // A number field takes its value when it loses focus.
    await admin.getByRole('textbox', { name: 'How many codes' }).press('Tab');
    await admin.getByRole('button', { name: 'Generate 3 codes' }).click();
    await expect.poll(() => admin.getByText('Created 3 codes.').isVisible()).toBe(true);
    await expect.poll(() => admin.getByRole('list', { name: 'New codes' }).getByRole('listitem').count()).toBe(3);
    for (const generated of await admin.getByRole('list', { name: 'New codes' }).getByRole('listitem').allTextContents()) {
      await expect.poll(() => codes.getByRole('row').filter({ hasText: generated }).filter({ hasText: 'Whole fee' }).count()).toBe(1);
    }
    await expectAccessible(admin, '47-admin-vouchers');

    await adminNav(admin).getByRole('link', { name: 'Fee ledger' }).click();
    await expect.poll(() => admin.getByRole('heading', { name: 'Fee ledger', level: 1 }).isVisible()).toBe(true);
    await expectAccessible(admin, '48-admin-ledger');

    // The proctor sees the new Saturday shift in her own zone.
    const proctor = await (await env.browser.newContext({ timezoneId: proctorZone })).newPage();
    await logInThroughUi(proctor, env.server.url, 'proctor@invigil.test', 'priya-demo-2026', /\/proctor/);
    await proctor.getByRole('link', { name: 'My shifts' }).first().click();
    await proctor.waitForURL(/\/proctor\/shifts/);
    await expect.poll(() => proctor.getByRole('heading', { name: 'My shifts', level: 1 }).isVisible()).toBe(true);
    await expect.poll(() => proctor.getByText('Asia / Kolkata').first().isVisible()).toBe(true);
    const proctorSaturday = saturdayFrom(DateTime.now().setZone(proctorZone).startOf('day'));
    const shiftOnSaturday = day(proctor, dayHeading(proctorSaturday)).getByRole('listitem').filter({ hasText: '08:00–12:00' });
    await expect.poll(() => shiftOnSaturday.count()).toBeGreaterThan(0);
    await expectAccessible(proctor, '49-proctor-my-shifts');
  });
});
