import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, journeyEnvironment, logInThroughUi } from '../support/journey.ts';

const env = journeyEnvironment();

const candidateEmail = 'candidate@invigil.test';
const candidatePassword = 'clark-demo-2026';

interface FormItem { key: string; optionOrder: string[]; content: { correct: string[]; options: { id: string }[] } }

/** Presses Tab until `target` has the focus (keyboard only: no clicks). */
async function tabTo(page: Page, target: Locator, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

const heading = (page: Page) => page.locator('h1').first();
const saveStatus = (page: Page) => page.locator('.save-status-text');

async function attemptRow(id: string) {
  return env.server.deps.db.selectFrom('attempts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function journal(id: string): Promise<Map<string, unknown>> {
  const rows = await env.server.deps.db.selectFrom('attempt_journal').select(['key', 'value']).where('attempt_id', '=', id).execute();
  return new Map(rows.map((r) => [r.key, r.value]));
}

async function eventKinds(id: string): Promise<string[]> {
  const rows = await env.server.deps.db.selectFrom('attempt_events').select('kind').where('attempt_id', '=', id).orderBy('at').execute();
  return rows.map((r) => r.kind);
}

/** Opens the practice test CDE-PR1 from its exam page and returns the attempt id (the start screen is showing). */
async function openPracticeTest(page: Page): Promise<string> {
  await page.goto(`${env.server.url}/exams/CDE-PR1`);
  const start = page.getByRole('button', { name: 'Start practice test' });
  await expect.poll(() => start.isVisible()).toBe(true);
  await tabTo(page, start);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/attempts\/[0-9a-f-]{36}$/);
  return page.url().match(/attempts\/([0-9a-f-]{36})$/)![1]!;
}

describe('a candidate takes an exam in the browser', () => {
  it('takes the demo practice test by keyboard only, from the exam page to a provisional result', async () => {
    const context = await env.browser.newContext({ timezoneId: 'Europe/Dublin', locale: 'en-IE' });
    const page = await context.newPage();
    await logInThroughUi(page, env.server.url, candidateEmail, candidatePassword, new RegExp(`^${env.server.url}/$`));
    const id = await openPracticeTest(page);

    await expect.poll(() => page.getByText('40 minutes').isVisible()).toBe(true);
    await expect.poll(() => page.locator('.summary').getByText('20', { exact: true }).isVisible()).toBe(true);
    await expectAccessible(page, 'delivery-01-start');
    await tabTo(page, page.getByRole('button', { name: 'Start exam' }));
    await page.keyboard.press('Enter');
    await expect.poll(() => heading(page).textContent()).toBe('Question 1 of 20');
    expect(await page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
    // Focus lands on the question heading, so a screen reader starts there.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Question 1 of 20');
    expect(await saveStatus(page).textContent()).toBe('All answers saved');
    await expectAccessible(page, 'delivery-02-question');

    // The key, read from the attempt's form: each correct option's letter on this candidate's screen.
    const form = (await attemptRow(id)).form as { items: FormItem[] };
    expect(form.items).toHaveLength(20);
    for (const [index, item] of form.items.entries()) {
      for (const correct of item.content.correct) await page.keyboard.press(String.fromCharCode(97 + item.optionOrder.indexOf(correct)));
      if (index === 2) {
        // Flag it, strike out a wrong option with Tab + Space, and jot a note.
        await page.keyboard.press('Alt+KeyF');
        await expect.poll(() => page.locator('.question-head .tag-flag').textContent()).toBe('⚑ Flagged for review');
        const wrong = item.optionOrder.findIndex((o) => !item.content.correct.includes(o));
        const strike = page.getByRole('button', { name: `Strike out option ${String.fromCharCode(65 + wrong)}` });
        await tabTo(page, strike);
        await page.keyboard.press('Space');
        await expect.poll(() => strike.getAttribute('aria-pressed')).toBe('true');
        await tabTo(page, page.getByRole('button', { name: 'Notepad' }));
        await page.keyboard.press('Enter');
        await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
        // Letters typed in the notepad are notes, not choices.
        await page.keyboard.type('b then c');
        await expectAccessible(page, 'delivery-03-flag-strike-notepad');
      }
      await page.keyboard.press('Alt+KeyN');
      if (index < 19) await expect.poll(() => heading(page).textContent()).toBe(`Question ${index + 2} of 20`);
    }

    await expect.poll(() => heading(page).textContent()).toBe('Review your answers');
    await expect.poll(() => page.getByText('20 of 20 answered, 0 not answered, 1 flagged for review.', { exact: false }).isVisible()).toBe(true);
    await expect.poll(() => saveStatus(page).textContent()).toBe('All answers saved');
    const saved = await journal(id);
    expect(saved.get('notes')).toBe('b then c');
    expect(saved.get(`flag:${form.items[2]!.key}`)).toBe(true);
    await expectAccessible(page, 'delivery-04-review');

    // Help and Display are fetched once the runner is idle; each opens from the keyboard and gives the focus back.
    await tabTo(page, page.getByRole('button', { name: 'Help' }));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('dialog', { name: 'Help and keyboard shortcuts' }).isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Help');
    const display = page.getByRole('button', { name: /^Display/ });
    await tabTo(page, display);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('dialog', { name: 'Display' }).isVisible()).toBe(true);
    await expectAccessible(page, 'delivery-04-display');
    // Arrow keys move through the zoom levels, and the change applies at once.
    await tabTo(page, page.getByRole('radio', { name: '100 %' }));
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => display.textContent()).toContain('125 %');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => display.textContent()).toContain('100 %');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toContain('Display');

    await tabTo(page, page.getByRole('button', { name: 'Submit exam' }));
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.textContent()).toContain('You have answered every question.');
    // "Keep working" has the focus: a stray Enter does not end the exam.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Keep working');
    await expectAccessible(page, 'delivery-05-submit-dialog');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    await expect.poll(() => heading(page).textContent()).toBe('Provisional result: Pass');
    await expect.poll(() => page.getByText('A practice test: this result is for your own preparation').isVisible()).toBe(true);
    expect(await page.locator('.exam-result-scores').textContent()).toContain('Passing score750');
    expect(await page.evaluate(() => document.fullscreenElement)).toBe(null);
    expect((await attemptRow(id)).status).toBe('submitted');
    await expectAccessible(page, 'delivery-06-result');

    // The dashboard lists it.
    await tabTo(page, page.getByRole('link', { name: 'Go to your dashboard' }));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { name: 'My exams' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Provisional result: pass').isVisible()).toBe(true);
    await context.close();
  });

  it('keeps answers given offline, resumes exactly after a reload, and pauses when full screen is left', async () => {
    const context = await env.browser.newContext({ timezoneId: 'Europe/Dublin', locale: 'en-IE' });
    const page = await context.newPage();
    await logInThroughUi(page, env.server.url, candidateEmail, candidatePassword, new RegExp(`^${env.server.url}/$`));
    const id = await openPracticeTest(page);
    await page.getByRole('button', { name: 'Start exam' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Question 1 of 20');
    const form = (await attemptRow(id)).form as { items: FormItem[] };

    await page.keyboard.press('a');
    await page.keyboard.press('Alt+KeyF');
    await page.getByRole('button', { name: 'Notepad' }).click();
    await page.keyboard.type('Come back to question 1');
    await expect.poll(() => saveStatus(page).textContent()).toBe('All answers saved');
    await expect.poll(async () => (await journal(id)).get('notes')).toBe('Come back to question 1');

    // Offline: five answers stay on this device, and the status line says so.
    await context.setOffline(true);
    for (let n = 2; n <= 6; n++) {
      await page.keyboard.press('Alt+KeyN');
      await expect.poll(() => heading(page).textContent()).toBe(`Question ${n} of 20`);
      await page.keyboard.press('b');
    }
    await expect.poll(() => saveStatus(page).textContent()).toBe('Offline — your answers are kept on this device');
    await expect.poll(() => page.locator('.save-status [role=status]').textContent()).toBe('Offline — your answers are kept on this device');
    await expectAccessible(page, 'delivery-07-offline');
    const offline = await journal(id);
    for (const item of form.items.slice(1, 6)) expect(offline.has(`answer:${item.key}`)).toBe(false);

    // Back online: everything reaches the server.
    await context.setOffline(false);
    await expect.poll(() => saveStatus(page).textContent(), { timeout: 15_000 }).toBe('All answers saved');
    const online = await journal(id);
    for (const item of form.items.slice(1, 6)) expect(online.get(`answer:${item.key}`)).toEqual([item.optionOrder[1]]);
    expect(online.get('position')).toBe(5);

    // A reload opens out of full screen: the exam is covered (and paused) until the candidate returns.
    await page.reload();
    const back = page.getByRole('button', { name: 'Return to full screen' });
    await expect.poll(() => back.isVisible()).toBe(true);
    await expect.poll(async () => (await attemptRow(id)).paused_reason).toBe('fullscreen');
    expect(await page.locator('.item-view').count()).toBe(0);
    await expectAccessible(page, 'delivery-08-paused');
    await back.click();
    await expect.poll(() => heading(page).textContent()).toBe('Question 6 of 20');
    expect((await attemptRow(id)).status).toBe('in_progress');
    // The form is random per attempt: question 6 may be single response (radios) or "choose two" (checkboxes).
    const sixth = form.items[5] as FormItem & { content: { interaction?: string } };
    const role = sixth.content.interaction === 'multiple' ? 'checkbox' : 'radio';
    expect(await page.getByRole(role, { name: /^B\b/ }).isChecked()).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: 'Question 1, answered, flagged for review' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: 'Question 7, not answered' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Notepad' }).click();
    expect(await page.getByLabel('Your notes').inputValue()).toBe('Come back to question 1');

    // Copying item text is blocked and recorded (focus first leaves the notepad, whose own clipboard works).
    await page.locator('.item-stem').click();
    await page.locator('.item-stem').selectText();
    await page.keyboard.press('Control+KeyC');
    await expect.poll(() => eventKinds(id)).toContain('copy');

    // Leaving full screen pauses the exam on the server and hides it here.
    await page.evaluate(() => document.exitFullscreen());
    await expect.poll(() => page.getByRole('heading', { name: 'Your exam is paused' }).isVisible()).toBe(true);
    await expect.poll(async () => (await attemptRow(id)).status).toBe('paused');
    expect(await eventKinds(id)).toContain('fullscreen_exit');
    expect(await page.locator('.item-view').count()).toBe(0);
    await page.getByRole('button', { name: 'Return to full screen' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Question 6 of 20');
    await expect.poll(async () => (await attemptRow(id)).status).toBe('in_progress');
    expect(await eventKinds(id)).toEqual(expect.arrayContaining(['fullscreen_enter', 'resumed']));
    await context.close();
  });

  it('warns at 15 and at 5 minutes left, assertively and once each, and counts down from the server\'s time', async () => {
    const context = await env.browser.newContext({ timezoneId: 'Europe/Dublin', locale: 'en-IE' });
    const page = await context.newPage();
    // The page's clock is ours to move; the server's figure comes back with each heartbeat.
    await page.clock.install();
    await logInThroughUi(page, env.server.url, candidateEmail, candidatePassword, new RegExp(`^${env.server.url}/$`));
    await openPracticeTest(page);
    // The previous journey left this practice test running: it opens paused, out of full screen.
    await page.getByRole('button', { name: 'Return to full screen' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Question 6 of 20');
    const timer = page.getByRole('timer');
    await expect.poll(() => timer.textContent()).toMatch(/^(39|40):\d\d$/);
    const warning = page.locator('.exam-timer [aria-live=assertive]');
    expect(await warning.textContent()).toBe('');

    // Offline, no heartbeat brings the server's time back, so the page's own countdown shows.
    await context.setOffline(true);
    await page.clock.fastForward('25:30');
    await expect.poll(() => warning.textContent()).toBe('15 minutes left.');
    await expect.poll(() => page.locator('.exam-timer').textContent()).toContain('Under 15 minutes');
    // Online again, the next heartbeat brings the server's time: the display follows the server, not this computer.
    await context.setOffline(false);
    await page.clock.fastForward('00:16');
    await expect.poll(() => timer.textContent()).toMatch(/^(38|39|40):\d\d$/);

    await context.setOffline(true);
    await page.clock.fastForward('35:00');
    await expect.poll(() => warning.textContent()).toMatch(/^(Less than )?5 minutes left\.$/);
    await expect.poll(() => page.locator('.exam-timer').textContent()).toContain('Under 5 minutes');
    await expectAccessible(page, 'delivery-09-time-warning');
    await context.setOffline(false);
    await context.close();
  });
  it('continues with nothing lost when the server restarts mid-exam', async () => {
    const context = await env.browser.newContext({ timezoneId: 'Europe/Dublin', locale: 'en-IE' });
    const page = await context.newPage();
    await logInThroughUi(page, env.server.url, candidateEmail, candidatePassword, new RegExp(`^${env.server.url}/$`));
    // The earlier journeys left a practice sitting running; staff end it so this one starts afresh.
    const candidate = await env.server.deps.db.selectFrom('users').select('id').where('email', '=', candidateEmail).executeTakeFirstOrThrow();
    await env.server.deps.db.updateTable('attempts').set({ status: 'terminated', ended_at: new Date() }).where('candidate_id', '=', candidate.id).where('status', 'in', ['authorised', 'in_progress', 'paused']).execute();
    const id = await openPracticeTest(page);
    await page.getByRole('button', { name: 'Start exam' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Question 1 of 20');
    const form = (await attemptRow(id)).form as { items: FormItem[] };
    await page.keyboard.press('a');
    await expect.poll(() => saveStatus(page).textContent()).toBe('All answers saved');

    // The server goes away; the candidate keeps answering; the answers wait on this device.
    await env.server.restart(async () => {
      for (let n = 2; n <= 4; n++) {
        await page.keyboard.press('Alt+KeyN');
        await expect.poll(() => heading(page).textContent()).toBe(`Question ${n} of 20`);
        await page.keyboard.press('c');
      }
      await expect.poll(() => saveStatus(page).textContent(), { timeout: 15_000 }).not.toBe('All answers saved');
      const during = await journal(id);
      for (const item of form.items.slice(1, 4)) expect(during.has(`answer:${item.key}`)).toBe(false);
    });

    // A new server process: the browser replays its journal and carries on where it was.
    await expect.poll(() => saveStatus(page).textContent(), { timeout: 30_000 }).toBe('All answers saved');
    const after = await journal(id);
    expect(after.get(`answer:${form.items[0]!.key}`)).toEqual([form.items[0]!.optionOrder[0]]);
    for (const item of form.items.slice(1, 4)) expect(after.get(`answer:${item.key}`)).toEqual([item.optionOrder[2]]);
    await expect.poll(() => heading(page).textContent()).toBe('Question 4 of 20');
    expect((await attemptRow(id)).status).toBe('in_progress');
    await page.keyboard.press('Alt+KeyN');
    await expect.poll(() => heading(page).textContent()).toBe('Question 5 of 20');
    await context.close();
  });
});
