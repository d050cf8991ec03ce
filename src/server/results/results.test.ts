import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { quickUsers } from '../../../test/booking-factories.ts';
import { runningProctoredExams } from '../../../test/proctoring-factories.ts';
import { runDueJobs } from '../platform/jobs.ts';
import { resultJobs } from './release.ts';
import { pdfText } from '../../../test/pdf-text.ts';
import { PDFDocument } from 'pdf-lib';

describe('official results', () => {
  let t: TestApp;
  beforeEach(async () => { t = await createTestApp(); });
  afterEach(async () => { await t.close(); });

  const form = async (attemptId: string) => (await t.db.selectFrom('attempts').select('form').where('id', '=', attemptId).executeTakeFirstOrThrow()).form as {
    items: { key: string; scored: boolean; content: { correct: string[]; options: { id: string }[] } }[];
  };
  const mails = (to: string) => t.db.selectFrom('outbox_emails').select(['subject', 'text_body']).where('to_address', '=', to).orderBy('created_at').execute();
  const result = (attemptId: string) => t.db.selectFrom('results').selectAll().where('attempt_id', '=', attemptId).executeTakeFirstOrThrow();

  it('enters validation at submit, is released by the job after the policy delay, and mails the report; the candidate sees the score only then', async () => {
    const { candidates, call } = await runningProctoredExams(t, 1, { policy: { results: { releaseDelayHours: 48 } } });
    const c = candidates[0]!;
    expect((await call(c.cookie, 'POST', `/api/v1/attempts/${c.attemptId}/submit`, { entries: [] })).statusCode).toBe(200);
    const mine = (await call(c.cookie, 'GET', '/api/v1/me/results')).json().results;
    expect(mine).toEqual([expect.objectContaining({ attemptId: c.attemptId, state: 'validating', provisional: 'fail', passed: null, releaseAt: expect.any(String) })]);
    expect((await call(c.cookie, 'GET', `/api/v1/results/${c.attemptId}`)).json()).toMatchObject({ scaledScore: null, domains: [] });
    expect((await call(c.cookie, 'GET', `/api/v1/results/${c.attemptId}/report.pdf`)).statusCode).toBe(409);
    const appointment = await t.db.selectFrom('appointments').select(['outcome']).where('candidate_id', '=', c.id).executeTakeFirstOrThrow();
    expect(appointment.outcome).toBe('fail');

    t.clock.advance(47 * 3_600_000);
    await runDueJobs(t.deps, resultJobs);
    expect((await result(c.attemptId)).state).toBe('validating');
    t.clock.advance(2 * 3_600_000);
    await runDueJobs(t.deps, resultJobs);
    const report = (await call(c.cookie, 'GET', `/api/v1/results/${c.attemptId}`)).json();
    expect(report).toMatchObject({ state: 'released', passed: false, scaledScore: expect.any(Number), passingScore: expect.any(Number) });
    expect(report.domains.length).toBeGreaterThan(0);
    expect(report.domains[0]).toMatchObject({ verdict: 'needs_improvement', title: expect.any(String) });
    // The candidate's own session record, with the proctor named by first name only.
    expect(report.session.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['started', 'submitted']));
    // The PDF: a valid document whose text carries the same figures.
    const pdf = await call(c.cookie, 'GET', `/api/v1/results/${c.attemptId}/report.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/^attachment; filename="score-report-.*\.pdf"$/);
    expect((await PDFDocument.load(pdf.rawPayload)).getPageCount()).toBe(1);
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain(`${report.scaledScore} (scale`);
    expect(text).toContain('Not passed');
    expect(text).toContain(report.domains[0].title);
    expect(text).toContain(`/results/${c.attemptId}`);
    const sent = await mails(c.email);
    expect(sent.at(-1)!.subject).toMatch(/^Your official result for .*: not passed$/);
    expect(sent.at(-1)!.text_body).toContain(`/results/${c.attemptId}`);

    // Nobody else sees it; candidates have no queue.
    const [stranger] = await quickUsers(t, 1);
    expect((await call(stranger!.cookie, 'GET', `/api/v1/results/${c.attemptId}`)).statusCode).toBe(404);
    expect((await call(c.cookie, 'GET', '/api/v1/staff/results')).statusCode).toBe(403);
  });

  it("holds a result with a proctor's warning or a termination, with the evidence, until staff release it", async () => {
    const { candidates, proctors, call } = await runningProctoredExams(t, 2, { policy: { results: { releaseDelayHours: 0 } } });
    const [a, b] = candidates;
    const [admin] = await quickUsers(t, 1, 'admin');
    await call(proctors[0]!.cookie, 'POST', '/api/v1/proctor/live/heartbeat');
    await call(proctors[0]!.cookie, 'POST', `/api/v1/staff/attempts/${a!.attemptId}/warn`, { reason: 'Looked away for a long time' });
    await call(a!.cookie, 'POST', `/api/v1/attempts/${a!.attemptId}/acknowledge-warning`);
    await call(a!.cookie, 'POST', `/api/v1/attempts/${a!.attemptId}/submit`, { entries: [] });
    await call(proctors[0]!.cookie, 'POST', `/api/v1/staff/attempts/${b!.attemptId}/terminate`, { reason: 'A second person in the room', note: 'Seen at 10:40' });

    const queue = (await call(admin!.cookie, 'GET', '/api/v1/staff/results')).json().results;
    expect(queue).toHaveLength(2);
    expect(queue.find((r: { attemptId: string }) => r.attemptId === a!.attemptId)).toMatchObject({ state: 'held', holds: [{ reason: 'proctor_incident', evidence: expect.stringContaining('Looked away for a long time') }] });
    expect(queue.find((r: { attemptId: string }) => r.attemptId === b!.attemptId)).toMatchObject({ state: 'held', holds: [{ reason: 'terminated', evidence: expect.stringContaining('A second person in the room') }] });
    // The delay (0) is over, yet held results wait.
    await runDueJobs(t.deps, resultJobs);
    expect((await result(a!.attemptId)).state).toBe('held');
    expect((await call(a!.cookie, 'GET', '/api/v1/me/results')).json().results[0]).toMatchObject({ state: 'held', passed: null });

    const released = await call(admin!.cookie, 'POST', `/api/v1/staff/results/${a!.attemptId}/release`, { note: 'Reviewed the recording: a glance at the clock' });
    expect(released.json()).toEqual({ state: 'released', waitingForSecondStaff: false });
    expect((await call(admin!.cookie, 'POST', `/api/v1/staff/results/${a!.attemptId}/hold`, { note: 'Again' })).statusCode).toBe(409);
    expect(await t.db.selectFrom('audit_log').select('action').where('subject_id', '=', a!.attemptId).where('action', 'like', 'results.%').execute()).toEqual([{ action: 'results.released' }]);
  });

  it('invalidates only when a second, different staff member confirms; the result then counts as a fail', async () => {
    const { candidates, call } = await runningProctoredExams(t, 1, { policy: { results: { releaseDelayHours: 0 }, retakes: { waitDaysAfterFail: 14 } } });
    const c = candidates[0]!;
    const [first, second] = await quickUsers(t, 2, 'admin');
    // Everything right, and in no time: a pass, held as implausibly fast.
    const items = (await form(c.attemptId)).items;
    const entries = items.map((i, n) => ({ key: `answer:${i.key}`, value: i.content.correct, seq: n + 1 }));
    expect((await call(c.cookie, 'POST', `/api/v1/attempts/${c.attemptId}/submit`, { entries })).json().attempt.result).toMatchObject({ passed: true });
    expect(await result(c.attemptId)).toMatchObject({ state: 'held', passed: true });
    expect((await result(c.attemptId)).holds).toEqual([expect.objectContaining({ reason: 'fast_answering' })]);

    const asked = await call(first!.cookie, 'POST', `/api/v1/staff/results/${c.attemptId}/invalidate`, { note: 'Answers match a leaked key' });
    expect(asked.json()).toEqual({ state: 'held', waitingForSecondStaff: true });
    const self = await call(first!.cookie, 'POST', `/api/v1/staff/results/${c.attemptId}/invalidate`, { note: 'Confirming myself' });
    expect(self.statusCode).toBe(409);
    expect(self.json().error.message).toMatch(/second staff member/);
    expect((await call(second!.cookie, 'GET', '/api/v1/staff/results')).json().results[0].invalidationRequest).toMatchObject({ byId: first!.id, note: 'Answers match a leaked key' });
    expect((await call(second!.cookie, 'POST', `/api/v1/staff/results/${c.attemptId}/invalidate`, { note: 'Agreed after review' })).json()).toEqual({ state: 'invalidated', waitingForSecondStaff: false });
    expect(await t.db.selectFrom('appointments').select('outcome').where('candidate_id', '=', c.id).executeTakeFirstOrThrow()).toEqual({ outcome: 'fail' });
    const report = (await call(c.cookie, 'GET', `/api/v1/results/${c.attemptId}`)).json();
    expect(report).toMatchObject({ state: 'invalidated', passed: false, decisionNote: 'Answers match a leaked key' });
    expect((await mails(c.email)).at(-1)!.subject).toMatch(/has been invalidated$/);
    expect((await call(second!.cookie, 'POST', `/api/v1/staff/results/${c.attemptId}/release`, {})).statusCode).toBe(409);
  });

  it('holds two results with many identical wrong answers, each naming the other', async () => {
    const { candidates, call } = await runningProctoredExams(t, 2, { policy: { results: { releaseDelayHours: 24, holdSimilarWrongAnswers: 3 } } });
    for (const c of candidates) {
      const items = (await form(c.attemptId)).items;
      const entries = items.map((i, n) => ({ key: `answer:${i.key}`, value: [i.content.options.find((o) => !i.content.correct.includes(o.id))!.id], seq: n + 1 }));
      await call(c.cookie, 'POST', `/api/v1/attempts/${c.attemptId}/submit`, { entries });
    }
    const [a, b] = await Promise.all(candidates.map((c) => result(c.attemptId)));
    expect(a).toMatchObject({ state: 'held', holds: [expect.objectContaining({ reason: 'answer_similarity', evidence: expect.stringContaining(candidates[1]!.attemptId) })] });
    expect(b).toMatchObject({ state: 'held', holds: [expect.objectContaining({ reason: 'answer_similarity', evidence: expect.stringContaining(candidates[0]!.attemptId) })] });
  });

  it("scores a fixed form through the program's equating table it was given, the form's cut where the table reaches the passing score", async () => {
    const { candidates, call } = await runningProctoredExams(t, 1, { policy: { results: { releaseDelayHours: 0, holdMinSecondsPerItem: 0 } } });
    const c = candidates[0]!;
    const items = (await form(c.attemptId)).items;
    const maxRaw = items.filter((i) => i.scored).length;
    const exam = await t.db.selectFrom('attempts').innerJoin('exams', 'exams.id', 'attempts.exam_id').select(['exams.scale_min', 'exams.passing_score']).where('attempts.id', '=', c.attemptId).executeTakeFirstOrThrow();
    // A table that passes only a perfect sheet, at passing + 7 (what the two-line conversion would never give).
    const table = Array.from({ length: maxRaw + 1 }, (_, raw) => (raw === maxRaw ? exam.passing_score + 7 : exam.scale_min + raw));
    await t.db.updateTable('attempts').set({ equating: table }).where('id', '=', c.attemptId).execute();
    const entries = items.map((i, n) => ({ key: `answer:${i.key}`, value: i.content.correct, seq: n + 1 }));
    expect((await call(c.cookie, 'POST', `/api/v1/attempts/${c.attemptId}/submit`, { entries })).statusCode).toBe(200);
    expect(await t.db.selectFrom('attempts').select(['raw_score', 'raw_cut', 'scaled_score', 'passed']).where('id', '=', c.attemptId).executeTakeFirstOrThrow())
      .toEqual({ raw_score: maxRaw, raw_cut: maxRaw, scaled_score: exam.passing_score + 7, passed: true });
    expect(await result(c.attemptId)).toMatchObject({ scaled_score: exam.passing_score + 7, passed: true });
  });
});
