import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, logInAs, type TestApp } from '../../../test/harness.ts';
import { seedDemo } from '../../../demo/seed-demo.ts';

// The demo is seeded on a quarter hour, on the Saturday before Europe's clocks go forward (Sunday 2027-03-28, 01:00
// UTC), the way `npm start` seeds it on a first start; the clock then walks two days from there.
const seededAt = new Date('2027-03-27T10:00:00Z');
const minute = 60_000;

describe('the proctored demo exam CDE-PQ1', () => {
  let t: TestApp;
  let candidate: string;
  beforeAll(async () => {
    t = await createTestApp({ now: seededAt });
    await seedDemo(t.deps);
    candidate = await logInAs(t, { email: 'candidate@invigil.test', password: 'clark-demo-2026' });
  });
  afterAll(async () => { await t.close(); });

  /** The listed starts of CDE-PQ1 from now to an hour ahead, in minutes from now. */
  async function leadsInNextHour(): Promise<number[]> {
    const now = t.clock.now();
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/exams/CDE-PQ1/slots?from=${day(now)}&to=${day(new Date(now.getTime() + 60 * minute))}&tz=UTC`, headers: { cookie: candidate } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().refusals).toEqual([]);
    return res.json().days.flatMap((d: { slots: { startsAt: string }[] }) => d.slots.map((s) => (new Date(s.startsAt).getTime() - now.getTime()) / minute))
      .filter((lead: number) => lead >= 0 && lead <= 60);
  }

  it('offers a start 15 to 30 minutes ahead at every time of day, from the moment the demo is seeded', async () => {
    // Every 25 minutes for two days: each hour of the day, at every five-minute phase of the quarter hour.
    const missing: string[] = [];
    for (let m = 0; m <= 48 * 60; m += 25) {
      t.clock.set(new Date(seededAt.getTime() + m * minute));
      const leads = await leadsInNextHour();
      if (!leads.some((lead) => lead >= 15 && lead <= 30)) missing.push(`${t.clock.now().toISOString()}: ${leads.join(', ') || 'none'}`);
    }
    expect(missing).toEqual([]);
  });

  it('keeps Omar proctoring and greeting around the clock, so someone is always there to greet and watch', async () => {
    t.clock.set(seededAt);
    const omar = await logInAs(t, { email: 'omar.proctor@invigil.test', password: 'omar-demo-2026' });
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/proctor/shifts?from=2027-03-27&to=2027-04-02&tz=UTC', headers: { cookie: omar } });
    expect(res.statusCode, res.body).toBe(200);
    const shifts: { startsAt: string; endsAt: string; proctoring: boolean; greeting: boolean }[] = res.json().occurrences;
    expect(shifts.every((s) => s.proctoring && s.greeting)).toBe(true);
    // Each shift ends where the next begins: one unbroken span over the week.
    expect(shifts[0]!.startsAt).toBe('2027-03-27T00:00:00.000Z');
    expect(shifts.at(-1)!.endsAt).toBe('2027-04-03T00:00:00.000Z');
    shifts.slice(1).forEach((s, i) => expect(s.startsAt).toBe(shifts[i]!.endsAt));
  });

  it('books the next such slot for free and opens its check-in at once', async () => {
    t.clock.set(new Date('2027-03-28T03:07:00Z')); // night in Europe, after the clocks changed
    const lead = (await leadsInNextHour()).find((l) => l >= 15)!;
    expect(lead).toBe(23);
    const startsAt = new Date(t.clock.now().getTime() + lead * minute).toISOString();
    const hold = await t.app.inject({ method: 'POST', url: '/api/v1/holds', headers: { cookie: candidate }, payload: { examCode: 'CDE-PQ1', startsAt, language: 'en' } });
    expect(hold.statusCode, hold.body).toBe(201);
    const holdId = hold.json().hold.id;
    const quote = await t.app.inject({ method: 'POST', url: `/api/v1/holds/${holdId}/quote`, headers: { cookie: candidate }, payload: { code: null } });
    expect(quote.json()).toMatchObject({ dueMinor: 0, methods: [{ id: 'free' }] });
    const booked = await t.app.inject({ method: 'POST', url: '/api/v1/appointments', headers: { cookie: candidate, 'idempotency-key': 'demo-quick-check' }, payload: { holdId, paymentMethod: 'free' } });
    expect(booked.statusCode, booked.body).toBe(201);
    const checkIn = await t.app.inject({ method: 'POST', url: `/api/v1/appointments/${booked.json().appointment.id}/checkin`, headers: { cookie: candidate } });
    expect(checkIn.statusCode, checkIn.body).toBe(200);
    expect(checkIn.json().checkIn.status).toBe('in_progress');
  });
});
