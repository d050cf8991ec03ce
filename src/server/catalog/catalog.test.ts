import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, logInAs, type TestApp } from '../../../test/harness.ts';
import { examInput, examWithBank, item, uniqueCode } from '../../../test/catalog-factories.ts';

let t: TestApp;
let admin: string;
let candidate: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await logInAs(t, await createUser(t, ['admin']));
  candidate = await logInAs(t, await createUser(t, ['candidate']));
});
afterAll(async () => { await t.close(); });

const api = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, cookie?: string, payload?: unknown) =>
  t.app.inject({ method, url, ...(cookie ? { headers: { cookie } } : {}), ...(payload !== undefined ? { payload: payload as object } : {}) });

describe('exams', () => {
  it('lets an admin create a draft exam, which stays out of the public catalog', async () => {
    await examWithBank(t); // ensures a program exists
    const code = uniqueCode('NEW');
    const res = await api('POST', '/api/v1/admin/exams', admin, examInput(code.toLowerCase()));
    expect(res.statusCode).toBe(201);
    expect(res.json().exam).toMatchObject({ code, status: 'draft', policyVersion: 0, domains: [], activeItemCount: 0 });
    expect((await api('GET', `/api/v1/exams/${code}`)).statusCode).toBe(404);
    const dup = await api('POST', '/api/v1/admin/exams', admin, examInput(code));
    expect(dup.statusCode).toBe(409);
  });

  it('refuses candidates and bad input, writing nothing', async () => {
    const code = uniqueCode('BAD');
    expect((await api('POST', '/api/v1/admin/exams', candidate, examInput(code))).statusCode).toBe(403);
    const bad = await api('POST', '/api/v1/admin/exams', admin, { ...examInput(code), passingScore: 5000 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].path).toEqual(['passingScore']);
    expect((await api('POST', '/api/v1/admin/exams', admin, { ...examInput(code), extra: 1 })).statusCode).toBe(400);
    expect((await api('GET', `/api/v1/admin/exams/${code}`, admin)).statusCode).toBe(404);
  });

  it('publishes only when the bank meets the blueprint, then shows the exam publicly without item content', async () => {
    const code = await examWithBank(t, { extra: 0 });
    const short = await api('POST', `/api/v1/admin/exams/${code}/items`, admin, { ...item('x', 'D1'), identifier: undefined, status: 'retired' });
    expect(short.statusCode).toBe(201);
    const ok = await api('PATCH', `/api/v1/admin/exams/${code}`, admin, { status: 'published' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().exam.activeItemCount).toBe(13);
    const page = await api('GET', `/api/v1/exams/${code}`);
    expect(page.statusCode).toBe(200);
    const body = page.json();
    expect(body.exam).toMatchObject({ code, passingScore: 700, scaleMax: 1000 });
    expect(body.questionCount).toBe(12);
    expect(body.domains).toEqual([{ name: 'Domain one', weight: 60 }, { name: 'Domain two', weight: 40 }]);
    expect(body.rules.map((s: { heading: string }) => s.heading)).toContain('Check-in');
    expect(page.body).not.toContain('Bravo');
    expect(page.body).not.toContain('correct');
    const list = await api('GET', '/api/v1/exams?level=associate&language=en');
    expect(list.json().exams.map((e: { code: string }) => e.code)).toContain(code);
    expect((await api('GET', '/api/v1/exams?level=professional')).json().exams.map((e: { code: string }) => e.code)).not.toContain(code);
  });

  it('refuses to publish an exam whose bank is short, naming the domain', async () => {
    const code = uniqueCode('SHT');
    await api('POST', '/api/v1/admin/exams', admin, examInput(code));
    await api('PUT', `/api/v1/admin/exams/${code}/blueprint`, admin, { domains: [{ code: 'D1', name: 'One', weight: 100 }] });
    const res = await api('PATCH', `/api/v1/admin/exams/${code}`, admin, { status: 'published' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('D1 needs 10 active scored items and has 0');
    expect((await api('GET', `/api/v1/admin/exams/${code}`, admin)).json().exam.status).toBe('draft');
  });
});

describe('policy', () => {
  it('saves versions with optimistic concurrency and renders the rules from them', async () => {
    const code = await examWithBank(t);
    const current = (await api('GET', `/api/v1/admin/exams/${code}/policy`, admin)).json();
    expect(current.version).toBe(0);
    const policy = { ...current.policy, checkIn: { opensMinutesBefore: 45, closesMinutesAfter: 10 } };
    const saved = await api('PUT', `/api/v1/admin/exams/${code}/policy`, admin, { policy, expectedVersion: 0 });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().version).toBe(1);
    expect(JSON.stringify(saved.json().rules)).toContain('Check-in opens 45 minutes before');
    const stale = await api('PUT', `/api/v1/admin/exams/${code}/policy`, admin, { policy, expectedVersion: 0 });
    expect(stale.statusCode).toBe(409);
    const crossField = await api('PUT', `/api/v1/admin/exams/${code}/policy`, admin, { policy: { ...policy, delivery: { ...policy.delivery, breaksAllowed: true, maxBreakMinutes: 0 } }, expectedVersion: 1 });
    expect(crossField.statusCode).toBe(400);
    expect(crossField.json().error.details.issues[0].path).toEqual(['policy', 'delivery', 'maxBreakMinutes']);
    const unknown = await api('PUT', `/api/v1/admin/exams/${code}/policy`, admin, { policy: { ...policy, surprise: 1 }, expectedVersion: 1 });
    expect(unknown.statusCode).toBe(400);
    expect((await api('GET', `/api/v1/admin/exams/${code}/policy`, admin)).json().version).toBe(1);
  });
});

describe('blueprint and forms', () => {
  it('reports per-domain shortfalls and assembles seeded forms that meet the blueprint', async () => {
    const code = await examWithBank(t, { extra: 3 });
    const status = (await api('GET', `/api/v1/admin/exams/${code}/blueprint-status`, admin)).json();
    expect(status).toMatchObject({ ready: true, unscoredAvailable: 3, unscoredShortfall: 0 });
    expect(status.domains).toEqual([
      { code: 'D1', name: 'Domain one', weight: 60, needed: 6, available: 9, shortfall: 0 },
      { code: 'D2', name: 'Domain two', weight: 40, needed: 4, available: 7, shortfall: 0 },
    ]);
    const a = (await api('POST', `/api/v1/admin/exams/${code}/form-preview`, admin, { seed: 'candidate-1' })).json();
    const again = (await api('POST', `/api/v1/admin/exams/${code}/form-preview`, admin, { seed: 'candidate-1' })).json();
    expect(a).toEqual(again);
    expect(a.items).toHaveLength(12);
    expect(a.items.filter((i: { domain: string; scored: boolean }) => i.scored && i.domain === 'D1')).toHaveLength(6);
    const weights = await api('PUT', `/api/v1/admin/exams/${code}/blueprint`, admin, { domains: [{ code: 'D1', name: 'x', weight: 50 }, { code: 'D2', name: 'y', weight: 40 }] });
    expect(weights.statusCode).toBe(400);
    const orphan = await api('PUT', `/api/v1/admin/exams/${code}/blueprint`, admin, { domains: [{ code: 'D1', name: 'x', weight: 100 }] });
    expect(orphan.statusCode).toBe(409);
    expect(orphan.json().error.message).toContain('D2');
  });

  it('creates a fixed form only from active items matching the blueprint', async () => {
    const code = await examWithBank(t, { extra: 0 });
    const ids = (await api('GET', `/api/v1/admin/exams/${code}/items?pageSize=100`, admin)).json().items.map((i: { identifier: string }) => i.identifier) as string[];
    const scored = ids.filter((i) => !i.includes('-P'));
    const pretest = ids.filter((i) => i.includes('-P')).slice(0, 2);
    const ok = await api('POST', `/api/v1/admin/exams/${code}/forms`, admin, { name: 'Form A', itemIdentifiers: [...scored, ...pretest] });
    expect(ok.statusCode).toBe(201);
    const wrong = await api('POST', `/api/v1/admin/exams/${code}/forms`, admin, { name: 'Form B', itemIdentifiers: scored.slice(1) });
    expect(wrong.statusCode).toBe(400);
    expect((await api('GET', `/api/v1/admin/exams/${code}/forms`, admin)).json().forms.map((f: { name: string }) => f.name)).toEqual(['Form A']);

    // The program's equating table for the form: one scaled score per raw score 0..10, checked, audited, removable.
    const formId = ok.json().form.id as string;
    const equate = (table: number[] | null) => api('PUT', `/api/v1/admin/exams/${code}/forms/${formId}/equating`, admin, { table });
    const short = await equate([100, 700]);
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toBe('The table needs one scaled score for each raw score from 0 to 10: 11 values, not 2.');
    expect((await equate([100, 180, 260, 340, 420, 500, 580, 660, 650, 800, 1000])).json().error.message).toMatch(/^Raw 8 scores 650, below raw 7/);
    const table = [100, 180, 260, 340, 420, 500, 580, 690, 705, 820, 1000];
    expect((await equate(table)).json().form).toMatchObject({ name: 'Form A', equating: table });
    expect((await api('GET', `/api/v1/admin/exams/${code}/forms`, admin)).json().forms[0].equating).toEqual(table);
    expect((await equate(null)).json().form.equating).toBeNull();
    expect((await api('PUT', `/api/v1/admin/exams/${code}/forms/00000000-0000-4000-8000-000000000000/equating`, admin, { table })).statusCode).toBe(404);
  });
});

describe('items', () => {
  it('creates, searches, pages and edits items; a delivered item gets a new version instead', async () => {
    const code = await examWithBank(t);
    const created = await api('POST', `/api/v1/admin/exams/${code}/items`, admin, { ...item('ignored', 'D2'), identifier: undefined, title: 'Canary releases' });
    expect(created.statusCode).toBe(201);
    const it1 = created.json().item;
    expect(it1.identifier).toMatch(new RegExp(`^${code}-\\d{4}$`));
    const found = (await api('GET', `/api/v1/admin/exams/${code}/items?q=canary`, admin)).json();
    expect(found.total).toBe(1);
    const paged = (await api('GET', `/api/v1/admin/exams/${code}/items?pageSize=5&page=2&domain=D1`, admin)).json();
    expect(paged.items).toHaveLength(5);
    expect(paged.total).toBe(11);

    const body = { title: 'Canary releases', domain: 'D2', status: 'active', scored: true, content: { ...it1.content, stem: '<p>Edited</p>' } };
    const edited = (await api('PUT', `/api/v1/admin/items/${it1.id}`, admin, body)).json().item;
    expect(edited.version).toBe(1);
    await t.db.updateTable('items').set({ delivered_at: new Date() }).where('id', '=', it1.id).execute();
    const versioned = (await api('PUT', `/api/v1/admin/items/${it1.id}`, admin, { ...body, content: { ...body.content, stem: '<p>Edited again</p>' } })).json().item;
    expect(versioned.version).toBe(2);
    const history = (await api('GET', `/api/v1/admin/items/${it1.id}/history`, admin)).json().versions;
    expect(history.map((v: { version: number; content: { stem: string } }) => [v.version, v.content.stem])).toEqual([[2, '<p>Edited again</p>'], [1, '<p>Edited</p>']]);
  });

  it('sanitizes item HTML and refuses invalid content or unknown domains', async () => {
    const code = await examWithBank(t);
    const base = item('h', 'D1');
    const res = await api('POST', `/api/v1/admin/exams/${code}/items`, admin, { ...base, identifier: undefined, content: { ...base.content, stem: '<p onclick="steal()">Hi<script>alert(1)</script></p><img src="javascript:alert(1)">' } });
    expect(res.statusCode).toBe(201);
    expect(res.json().item.content.stem).toBe('<p>Hi</p>');
    const noKey = await api('POST', `/api/v1/admin/exams/${code}/items`, admin, { ...base, identifier: undefined, content: { ...base.content, correct: ['Z'] } });
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json().error.message).toContain('The key Z is not one of the options.');
    const domain = await api('POST', `/api/v1/admin/exams/${code}/items`, admin, { ...base, identifier: undefined, domain: 'D9' });
    expect(domain.statusCode).toBe(400);
    expect((await api('GET', `/api/v1/admin/exams/${code}/items?pageSize=1`, candidate)).statusCode).toBe(403);
  });
});
