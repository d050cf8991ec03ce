import { readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { pdfText } from '../../test/pdf-text.ts';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { createAccount } from '../../src/server/accounts/create-account.ts';
import { currentPolicy, getExamByCode } from '../../src/server/catalog/repository.ts';
import { savePolicy } from '../../src/server/catalog/save-policy.ts';
import { expectAccessible, journeyEnvironment, logInThroughUi } from '../support/journey.ts';

const env = journeyEnvironment();
const admin = { email: 'admin@invigil.test', password: 'ada-demo-2026' };

describe('official results', () => {
  it('a finished exam waits in validation, staff release it, the candidate reads the score report and shares the credential of the pass, which anyone can verify; an appeal is filed and decided', async () => {
    const deps = env.server.deps;
    // Results of the quick check wait two days for validation here (the demo releases them at once); answering it all
    // right in a second must not hold the pass here (the validation journey is staff releasing it).
    const exam = await getExamByCode(deps.db, 'CDE-PQ1');
    const { version, policy } = await currentPolicy(deps.db, exam.id);
    await savePolicy(deps, 'system', 'CDE-PQ1', { policy: { ...policy, results: { ...policy.results, releaseDelayHours: 48, holdMinSecondsPerItem: 0 } }, expectedVersion: version });

    const user = { email: 'rhea.results@example.org', password: 'rhea-demo-2026-long' };
    await createAccount(deps, 'system', { email: user.email, legalName: 'Rhea Results', roles: ['candidate'], password: user.password, timeZone: 'Europe/Dublin' });
    const candidate = await env.browser.newContext({ timezoneId: 'Europe/Dublin' });
    const page = await candidate.newPage();
    await logInThroughUi(page, env.server.url, user.email, user.password, new RegExp(`^${env.server.url}/$`));
    // Booked, checked in and taken through the API (other journeys walk those pages); every answer right, then submitted.
    const startsAt = DateTime.now().setZone('Europe/Dublin').startOf('day').plus({ days: 3 }).set({ hour: 11 }).toUTC().toISO();
    const hold = await (await candidate.request.post(`${env.server.url}/api/v1/holds`, { data: { examCode: 'CDE-PQ1', startsAt, language: 'en' } })).json();
    const booked = await (await candidate.request.post(`${env.server.url}/api/v1/appointments`, { data: { holdId: hold.hold.id, paymentMethod: 'free' } })).json();
    await deps.db.updateTable('appointments').set({ starts_at: new Date(Date.now() + 20 * 60_000), launch_authorised_at: new Date() }).where('id', '=', booked.appointment.id).execute();
    const opened = await (await candidate.request.post(`${env.server.url}/api/v1/appointments/${booked.appointment.id}/attempt`)).json();
    const attemptId = opened.attempt.id as string;
    expect((await candidate.request.post(`${env.server.url}/api/v1/attempts/${attemptId}/start`)).status()).toBe(200);
    const { form } = await deps.db.selectFrom('attempts').select('form').where('id', '=', attemptId).executeTakeFirstOrThrow();
    const entries = (form as { items: { key: string; content: { correct: string[] } }[] }).items.map((i, n) => ({ key: `answer:${i.key}`, value: i.content.correct, seq: n + 1 }));
    const submitted = await candidate.request.post(`${env.server.url}/api/v1/attempts/${attemptId}/submit`, { data: { entries } });
    expect(submitted.status(), await submitted.text()).toBe(200);

    // The dashboard lists it as under validation, with its score report.
    await page.goto(`${env.server.url}/`);
    const row = page.locator('.attempt-list li', { hasText: 'CDE-PQ1' });
    await expect.poll(() => row.locator('.tag').first().textContent()).toBe('Provisional: pass, under validation');
    await row.getByRole('link', { name: /Score report/ }).click();
    await expect.poll(() => page.getByText('Your result is being validated.').isVisible()).toBe(true);
    expect(await page.locator('.score-report').textContent()).not.toContain('Scaled score');
    await expectAccessible(page, 'results-01-report-validating');

    // Staff release it from the queue.
    const staff = await env.browser.newContext();
    const console1 = await staff.newPage();
    await logInThroughUi(console1, env.server.url, admin.email, admin.password, /\/admin|\/$/);
    await console1.goto(`${env.server.url}/admin/results`);
    const card = console1.locator('.result-queue li', { hasText: 'Rhea Results' });
    await expect.poll(() => card.count()).toBe(1);
    await expectAccessible(console1, 'results-02-staff-queue');
    await card.getByRole('button', { name: 'Release', exact: true }).click();
    await console1.getByRole('dialog').getByRole('button', { name: 'Release' }).click();
    await expect.poll(() => console1.locator('.alert-success').textContent()).toContain('released');

    // The candidate reads the official report: score, feedback by domain, and what was recorded about the session.
    await page.reload();
    await expect.poll(() => page.getByText('Official result: pass').isVisible()).toBe(true);
    expect(await page.locator('.report-score').textContent()).toMatch(/^\d+ \(scale \d+–\d+\)$/);
    expect(await page.getByRole('region', { name: /Your share of the points/ }).locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('.timeline-list').textContent()).toContain('Submitted');
    await expectAccessible(page, 'results-03-report-released');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the score report (PDF)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^score-report-CDE-PQ1-\d{4}-\d\d-\d\d\.pdf$/);
    const file = await download.path();
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const mail = await deps.db.selectFrom('outbox_emails').select('subject').where('to_address', '=', user.email).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(mail.subject).toBe('Your official result for CDE-PQ1: pass');

    // The pass earned a credential: from the score report to the credentials page.
    await page.getByRole('link', { name: 'Your credentials' }).click();
    await page.waitForURL(`${env.server.url}/credentials`);
    const badge = page.locator('.credential-card', { hasText: 'CDE-PQ1' });
    await expect.poll(() => badge.locator('.tag').textContent()).toBe('Valid');
    expect(await badge.textContent()).toContain('Valid until');
    const share = await badge.getByLabel('Share link for CDE-PQ1').inputValue();
    expect(share).toMatch(new RegExp(`^${env.server.url}/verify/[0-9a-f-]{36}$`));
    const linkedIn = new URL((await badge.getByRole('link', { name: /Add to LinkedIn profile/ }).getAttribute('href'))!);
    expect(linkedIn.searchParams.get('certUrl')).toBe(share);
    expect(linkedIn.searchParams.get('name')).toMatch(/^CDE-PQ1 /);
    await expectAccessible(page, 'results-04-credentials');
    const [certificate] = await Promise.all([page.waitForEvent('download'), badge.getByRole('link', { name: /Download the certificate \(PDF\)/ }).click()]);
    expect(certificate.suggestedFilename()).toMatch(/^certificate-CDE-PQ1-\d{4}-\d\d-\d\d\.pdf$/);
    const pdf = readFileSync(await certificate.path());
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1);
    expect(pdfText(pdf)).toContain('Rhea Results');
    expect(pdfText(pdf)).toContain(share);
    const [signed] = await Promise.all([page.waitForEvent('download'), badge.getByRole('link', { name: /Download the signed credential/ }).click()]);
    expect(readFileSync(await signed.path(), 'utf8')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

    // Anyone, signed out, checks it on the verification page.
    const stranger = await env.browser.newContext();
    const verifier = await stranger.newPage();
    await verifier.goto(share);
    await expect.poll(() => verifier.locator('.verify-status').textContent()).toBe('valid');
    expect(await verifier.locator('.verify-holder').textContent()).toBe('Rhea Results');
    expect(await verifier.locator('.check-list li').allTextContents()).toEqual([
      expect.stringMatching(/^Passed: Signature by the issuer\./), expect.stringMatching(/^Passed: Validity dates\./),
      expect.stringMatching(/^Passed: Revocation list\./), expect.stringMatching(/^Passed: Exam result behind it\./),
    ]);
    await expectAccessible(verifier, 'results-05-verify');
    await verifier.goto(`${env.server.url}/verify/00000000-0000-4000-8000-000000000000`);
    await expect.poll(() => verifier.getByText('No credential with this address was issued here.').isVisible()).toBe(true);
    await expectAccessible(verifier, 'results-06-verify-unknown');
    await stranger.close();

    // What was kept of the session is the candidate's to see (here, taken through the API: no photos, no recording).
    await page.goto(`${env.server.url}/results/${attemptId}`);
    const own = page.getByRole('region', { name: 'Your photos and recordings' });
    await own.getByRole('button', { name: 'Show my photos and recordings' }).click();
    await expect.poll(() => own.getByText('Nothing was recorded.').isVisible()).toBe(true);
    expect(await own.textContent()).toContain('No check-in photos were kept.');

    // The candidate appeals (contesting an entry of the session record); an admin who had no part in it decides.
    const reviewer = { email: 'rory.review@invigil.test', password: 'rory-demo-2026-long' };
    await createAccount(deps, 'system', { email: reviewer.email, legalName: 'Rory Review', roles: ['admin'], password: reviewer.password, timeZone: 'Europe/Dublin' });
    await page.goto(`${env.server.url}/results/${attemptId}`);
    const appeal = page.getByRole('region', { name: 'Appeal' });
    await expect.poll(() => appeal.getByText(/you can appeal it until/).isVisible()).toBe(true);
    await appeal.getByLabel('Your statement').fill('My domain feedback says "needs improvement" in a domain I answered fully; please check the scoring of my answers.');
    await appeal.getByRole('button', { name: 'Send the appeal' }).click();
    await expect.poll(() => appeal.getByText('Your appeal is being reviewed.').isVisible()).toBe(true);
    expect(await appeal.textContent()).toMatch(/The decision is due by/);
    await expectAccessible(page, 'results-07-appeal-filed');
    const reviewContext = await env.browser.newContext({ timezoneId: 'Europe/Dublin' });
    const review = await reviewContext.newPage();
    await logInThroughUi(review, env.server.url, reviewer.email, reviewer.password, /\/admin|\/$/);
    await review.goto(`${env.server.url}/admin/appeals`);
    const item = review.locator('.result-queue li', { hasText: 'Rhea Results' });
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.textContent()).toContain('Reviewer: you');
    await expectAccessible(review, 'results-08-staff-appeals');
    await item.getByRole('button', { name: 'Uphold the decision' }).click();
    const dialog = review.getByRole('dialog');
    await dialog.getByLabel(/^Why/).fill('Every answer was scored against the published key; the feedback is per domain share.');
    await dialog.getByRole('button', { name: 'Uphold', exact: true }).click();
    await expect.poll(() => review.locator('.alert-success').textContent()).toContain('decision upheld');
    await page.reload();
    await expect.poll(() => page.getByText('Your appeal was reviewed: the decision on your result stands.').isVisible()).toBe(true);
    expect(await page.locator('.appeal-statement').textContent()).toContain('needs improvement');
    await expectAccessible(page, 'results-09-appeal-decided');
    const decidedMail = await deps.db.selectFrom('outbox_emails').select('subject').where('to_address', '=', user.email).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(decidedMail.subject).toBe('The decision on your appeal for CDE-PQ1');
    await reviewContext.close();
    await staff.close();
    await candidate.close();
  }, 150_000);
});
