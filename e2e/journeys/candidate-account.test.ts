import { describe, expect, it } from 'vitest';
import { expectAccessible, journeyEnvironment, logInThroughUi } from '../support/journey.ts';

const env = journeyEnvironment();

describe('a candidate creates an account', () => {
  it('signs up, confirms the email from the outbox, and reaches the dashboard', async () => {
    const email = `clark.${Date.now().toString(36)}@example.org`;
    const candidate = await env.browser.newContext({ timezoneId: 'Europe/Dublin', locale: 'en-IE' });
    const page = await candidate.newPage();

    await page.goto(`${env.server.url}/`);
    await expect.poll(() => page.getByRole('link', { name: 'Sign up' }).first().isVisible()).toBe(true);
    await expectAccessible(page, '01-landing');

    await page.goto(`${env.server.url}/signup`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Create your account');
    await expectAccessible(page, '02-signup');
    await page.getByLabel('Legal name').fill('Clark Joseph Kent');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill('daily planet 1938');
    // The time zone is detected from the env.browser.
    await expect.poll(() => page.getByRole('combobox', { name: 'Time zone' }).inputValue()).toContain('Dublin');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Check your email');
    await expectAccessible(page, '03-check-your-email');

    // Before confirming, the dashboard says the address is not confirmed yet.
    await page.goto(`${env.server.url}/`);
    await expect.poll(() => page.getByText('not confirmed yet').isVisible()).toBe(true);

    // An admin opens the outbox (demo mode) and follows the link, the way a tester would.
    const admin = await (await env.browser.newContext()).newPage();
    await logInThroughUi(admin, env.server.url, 'admin@invigil.test', 'ada-demo-2026', /\/admin/);
    await expectAccessible(admin, '04-admin-users');
    await admin.goto(`${env.server.url}/admin/outbox`);
    await admin.getByRole('searchbox', { name: 'Recipient' }).fill(email);
    const mail = admin.getByRole('button', { name: /Confirm your email address for Invigil/ });
    await mail.click();
    const link = admin.getByRole('link', { name: /verify-email\?token=/ });
    await expect.poll(() => link.isVisible()).toBe(true);
    await expectAccessible(admin, '05-admin-outbox');
    const href = await link.getAttribute('href');
    expect(href).toMatch(new RegExp(`^${env.server.url}/verify-email\\?token=`));

    await page.goto(href!);
    await expect.poll(() => page.getByText('Your email address is confirmed.').isVisible()).toBe(true);
    await expectAccessible(page, '06-email-confirmed');

    // Sign out and in again: the dashboard greets them by their legal name, address confirmed.
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Log in' }).first().isVisible()).toBe(true);
    await logInThroughUi(page, env.server.url, email, 'daily planet 1938', new RegExp(`^${env.server.url}/$`));
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Clark Joseph Kent');
    await expect.poll(() => page.getByText('(confirmed)').isVisible()).toBe(true);
    await expectAccessible(page, '07-candidate-dashboard');

    await page.goto(`${env.server.url}/profile`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
    await expectAccessible(page, '08-profile');

    const user = await env.server.deps.db.selectFrom('users').select(['email_verified_at', 'time_zone']).where('email', '=', email).executeTakeFirstOrThrow();
    expect(user.email_verified_at).not.toBeNull();
    expect(user.time_zone).toBe('Europe/Dublin');
  });

  it('keeps signed-out visitors out of the staff areas', async () => {
    const page = await (await env.browser.newContext()).newPage();
    await page.goto(`${env.server.url}/admin/users`);
    await page.waitForURL(/\/login\?next=/);
    await expectAccessible(page, '09-login-with-next');
  });
});
