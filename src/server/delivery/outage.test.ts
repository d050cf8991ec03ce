import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { runningProctoredExams } from '../../../test/proctoring-factories.ts';
import { creditOutage, outageAfterMs } from './outage.ts';

let t: TestApp;
beforeEach(async () => { t = await createTestApp(); });
afterEach(async () => { await t.close(); });

describe('an outage of the whole service', () => {
  const leftOf = async (cookie: string, id: string) => (await t.app.inject({ method: 'GET', url: `/api/v1/attempts/${id}`, headers: { cookie } })).json().attempt.timeLeftMs as number;
  const heartbeat = (cookie: string, id: string) => t.app.inject({ method: 'POST', url: `/api/v1/attempts/${id}/journal`, headers: { cookie }, payload: { entries: [] } });

  it('gives running exams the time the service was down, once, before anything reads their clocks', async () => {
    const { candidates } = await runningProctoredExams(t, 3);
    const [a, b, gone] = candidates;
    expect(await creditOutage(t.deps)).toBeNull(); // the first start ever: nothing to credit
    t.clock.advance(outageAfterMs - 1000);
    expect(await creditOutage(t.deps)).toBeNull(); // a restart within a few seconds
    t.clock.advance(60_000);
    for (const c of [a!, b!]) expect((await heartbeat(c.cookie, c.attemptId)).statusCode).toBe(200);
    // `gone` went silent well before the outage: its own disconnect pause will cover it.
    await t.db.updateTable('attempts').set({ last_seen_at: new Date(t.clock.now().getTime() - 120_000) }).where('id', '=', gone!.attemptId).execute();
    const before = await leftOf(a!.cookie, a!.attemptId);

    // The service dies now and comes back 10 minutes later.
    const diedAt = t.clock.now();
    t.clock.advance(10 * 60_000);
    const outage = await creditOutage(t.deps);
    expect(outage).toEqual({ from: diedAt, to: t.clock.now(), attempts: 2 });
    expect(await leftOf(a!.cookie, a!.attemptId)).toBe(before);
    const pauses = await t.db.selectFrom('attempt_pauses').selectAll().where('reason', '=', 'outage').execute();
    expect(pauses.map((p) => p.attempt_id).sort()).toEqual([a!.attemptId, b!.attemptId].sort());
    expect((await t.db.selectFrom('attempt_events').select('kind').where('attempt_id', '=', a!.attemptId).where('kind', '=', 'outage').execute())).toHaveLength(1);

    // The candidate reconnects a little later: the gap since the service came back is theirs, the outage is not
    // counted twice, and a second start finds nothing more to credit.
    t.clock.advance(5_000);
    expect((await heartbeat(a!.cookie, a!.attemptId)).statusCode).toBe(200);
    expect(await leftOf(a!.cookie, a!.attemptId)).toBe(before - 5_000);
    expect(await creditOutage(t.deps)).toBeNull();
  });
});
