import { describe, expect, it } from 'vitest';
import { expectAccessible, journeyEnvironment, logInThroughUi } from '../support/journey.ts';

const env = journeyEnvironment();

describe('an admin authors an exam; a visitor reads it in the catalog', () => {
  it('edits the policy and an item of the demo exam, creates a new exam, and the public exam page shows the new rules', async () => {
    const admin = await (await env.browser.newContext()).newPage();
    await logInThroughUi(admin, env.server.url, 'admin@invigil.test', 'ada-demo-2026', /\/admin/);
    await admin.goto(`${env.server.url}/admin/exams`);
    await expect.poll(() => admin.getByRole('link', { name: /CDE-P01/ }).first().isVisible()).toBe(true);
    await expectAccessible(admin, '20-admin-exams');

    // The program behind the exams: its badge issuer can be edited.
    await admin.goto(`${env.server.url}/admin/programs`);
    await admin.getByRole('button', { name: 'Edit Invigil Demo Certification Board' }).click();
    await admin.getByRole('textbox', { name: /Issuer web address/ }).first().fill('https://certification.invigil.test');
    await expectAccessible(admin, '19-admin-programs');
    await admin.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(async () => (await env.server.deps.db.selectFrom('programs').select('issuer_url').executeTakeFirst())?.issuer_url).toBe('https://certification.invigil.test');

    // Policy: check-in opens 45 minutes before; the candidate preview follows as you type.
    await admin.goto(`${env.server.url}/admin/exams/CDE-P01/policy`);
    const opens = admin.getByRole('textbox', { name: 'Opens before the start (minutes)' });
    await expect.poll(() => opens.isVisible()).toBe(true);
    await expectAccessible(admin, '21-admin-policy');
    await opens.fill('45');
    await opens.blur();
    await expect.poll(() => admin.getByText('Check-in opens 45 minutes before your start time').first().isVisible()).toBe(true);
    await admin.getByRole('button', { name: 'Save policy' }).click();
    await expect.poll(async () => (await env.server.deps.db.selectFrom('exam_policies').select('version').innerJoin('exams', 'exams.id', 'exam_policies.exam_id').where('exams.code', '=', 'CDE-P01').orderBy('version', 'desc').executeTakeFirst())?.version).toBe(2);

    // Blueprint: every domain met by the demo bank.
    await admin.goto(`${env.server.url}/admin/exams/CDE-P01/blueprint`);
    await expect.poll(() => admin.getByRole('cell', { name: 'SDLC automation and CI/CD' }).first().isVisible()).toBe(true);
    await expectAccessible(admin, '22-admin-blueprint');

    // Fixed forms: start from a random form, name it, save.
    await admin.goto(`${env.server.url}/admin/exams/CDE-P01/forms`);
    await admin.getByRole('button', { name: 'Start from a random form' }).click();
    await admin.getByRole('textbox', { name: 'Name' }).fill('Form A');
    await expectAccessible(admin, '29-admin-fixed-forms');
    await admin.getByRole('button', { name: 'Save fixed form' }).click();
    await expect.poll(async () => (await env.server.deps.db.selectFrom('fixed_forms').select('item_identifiers').where('name', '=', 'Form A').executeTakeFirst())?.item_identifiers.length).toBe(85);

    // Items: search, open one, edit its question, save.
    await admin.goto(`${env.server.url}/admin/exams/CDE-P01/items`);
    const first = await env.server.deps.db.selectFrom('items').select('title').where('identifier', '=', 'CDE-P01-0001').executeTakeFirstOrThrow();
    await expect.poll(() => admin.getByRole('link', { name: first.title, exact: true }).first().isVisible()).toBe(true);
    await expectAccessible(admin, '23-admin-items');
    await admin.getByRole('link', { name: first.title, exact: true }).first().click();
    const stem = admin.getByRole('textbox', { name: 'Question (stem)' });
    await expect.poll(() => stem.isVisible()).toBe(true);
    await expectAccessible(admin, '24-admin-item-editor');
    await stem.fill('<p>Edited in the browser journey: which pipeline change is safest?</p>');
    await expect.poll(() => admin.getByText('Edited in the browser journey: which pipeline change is safest?').first().isVisible()).toBe(true);
    await admin.getByRole('button', { name: 'Save item' }).click();
    await expect.poll(async () => {
      const row = await env.server.deps.db.selectFrom('items').select('content').where('identifier', '=', 'CDE-P01-0001').executeTakeFirst();
      return (row?.content as { stem: string } | undefined)?.stem;
    }).toBe('<p>Edited in the browser journey: which pipeline change is safest?</p>');

    // A new exam.
    await admin.goto(`${env.server.url}/admin/exams/new`);
    await admin.getByRole('textbox', { name: 'Exam code' }).fill('SRE-A01');
    await admin.getByRole('textbox', { name: 'Title' }).fill('Site Reliability Associate');
    await expectAccessible(admin, '25-admin-new-exam');
    await admin.getByRole('button', { name: 'Create exam' }).click();
    await admin.waitForURL(/\/admin\/exams\/SRE-A01/);
    await expect.poll(async () => (await env.server.deps.db.selectFrom('exams').select('status').where('code', '=', 'SRE-A01').executeTakeFirst())?.status).toBe('draft');
    await expectAccessible(admin, '26-admin-exam-details');

    // A visitor browses the catalog and reads the exam page with its rules.
    const visitor = await (await env.browser.newContext()).newPage();
    await visitor.goto(`${env.server.url}/exams`);
    await expect.poll(() => visitor.getByRole('link', { name: /Cloud DevOps Engineer — Professional/ }).first().isVisible()).toBe(true);
    await expect.poll(() => visitor.getByText('Site Reliability Associate').count()).toBe(0);
    await expectAccessible(visitor, '27-catalog');
    await visitor.getByRole('link', { name: /Cloud DevOps Engineer — Professional/ }).first().click();
    await visitor.waitForURL(/\/exams\/CDE-P01/);
    await expect.poll(() => visitor.getByText('Check-in opens 45 minutes before your start time').first().isVisible()).toBe(true);
    await expect.poll(() => visitor.getByRole('link', { name: 'Book this exam' }).isVisible()).toBe(true);
    await expectAccessible(visitor, '28-catalog-exam-page');
    const html = await visitor.content();
    expect(html).not.toContain('Edited in the browser journey');
  });
});
