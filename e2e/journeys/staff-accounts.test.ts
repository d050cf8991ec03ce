import { describe, expect, it } from 'vitest';
import { expectAccessible, journeyEnvironment, logInThroughUi } from '../support/journey.ts';

const env = journeyEnvironment();

describe('an admin staffs the proctor team', () => {
  it('creates a proctor account, who signs in to the proctor console', async () => {
    const email = `pat.${Date.now().toString(36)}@example.org`;
    const admin = await (await env.browser.newContext()).newPage();
    await logInThroughUi(admin, env.server.url, 'admin@invigil.test', 'ada-demo-2026', /\/admin\/users/);
    await admin.getByRole('textbox', { name: 'Email', exact: true }).fill(email);
    await admin.getByLabel('Legal name').fill('Pat Proctor');
    await admin.getByLabel('Password (optional)').fill('watchful eyes 24');
    await admin.getByRole('button', { name: 'Create staff account' }).click();
    await expect.poll(() => admin.getByText(`Account created for ${email}.`).isVisible()).toBe(true);
    await expect.poll(() => admin.getByRole('cell', { name: email }).isVisible()).toBe(true);
    await expectAccessible(admin, '10-admin-created-proctor');

    await admin.goto(`${env.server.url}/admin/audit`);
    await expect.poll(() => admin.getByText('staff.account_created').first().isVisible()).toBe(true);
    await admin.getByRole('button', { name: 'Verify chain' }).click();
    await expect.poll(() => admin.getByText(/intact/i).first().isVisible()).toBe(true);
    await expectAccessible(admin, '11-admin-audit');

    await admin.goto(`${env.server.url}/admin/api-tokens`);
    await expect.poll(() => admin.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
    await expectAccessible(admin, '12-admin-api-tokens');

    const proctor = await (await env.browser.newContext({ timezoneId: 'Asia/Kolkata' })).newPage();
    await logInThroughUi(proctor, env.server.url, email, 'watchful eyes 24', /\/proctor/);
    await expect.poll(() => proctor.getByRole('heading', { level: 1 }).textContent()).toBeTruthy();
    await expectAccessible(proctor, '13-proctor-dashboard');

    // A proctor is not an admin.
    await proctor.goto(`${env.server.url}/admin/users`);
    await expect.poll(() => proctor.getByText("You don't have access to this area").isVisible()).toBe(true);
    await expectAccessible(proctor, '14-proctor-no-admin');
  });

  it('shows the phone hand-off page on a small screen', async () => {
    const phone = await (await env.browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true })).newPage();
    await phone.goto(`${env.server.url}/m`);
    await expect.poll(() => phone.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
    await expectAccessible(phone, '15-phone');
  });
});
