import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { openLive } from '../../../test/live-client.ts';
import { createLogger } from '../platform/logger.ts';
import { bookedCandidates, caller, insideWindow, jpegWithGps, readyToSubmit } from '../../../test/checkin-factories.ts';
import { busReady, redisBus } from '../platform/bus.ts';

describe('live WebSocket', () => {
  let t: TestApp;
  beforeEach(async () => { t = await createTestApp(); });
  afterEach(async () => { await t.close(); });
  const call: ReturnType<typeof caller> = (...args) => caller(t)(...args);

  it("tells a candidate's desktop when the phone uploads, and no one else", async () => {
    const { candidates, appts } = await bookedCandidates(t, 2);
    t.clock.set(insideWindow);
    const [a, b] = candidates;
    const id = (await call(a!.cookie, 'POST', `/api/v1/appointments/${appts[0].id}/checkin`)).json().checkIn.id;
    const desktop = await openLive(t, a!.cookie);
    expect(await desktop.subscribe('mine', { kind: 'checkin', id })).toEqual({ type: 'subscribed', ref: 'mine' });
    const other = await openLive(t, b!.cookie);
    expect(await other.subscribe('theirs', { kind: 'checkin', id })).toMatchObject({ type: 'error', code: 'NotFound' });
    const anonymous = await openLive(t);
    expect(await anonymous.subscribe('x', { kind: 'checkin', id })).toMatchObject({ type: 'error', code: 'NotAuthenticated' });

    const token = (await call(a!.cookie, 'POST', `/api/v1/checkins/${id}/phone-link`)).json().url.split('/m/')[1];
    const phone = await openLive(t);
    expect(await phone.subscribe('p', { kind: 'phone', token })).toEqual({ type: 'subscribed', ref: 'p' });
    expect(await phone.subscribe('bad', { kind: 'phone', token: 'A'.repeat(43) })).toMatchObject({ type: 'error', code: 'TokenInvalid' });

    const up = await t.app.inject({ method: 'PUT', url: `/api/v1/phone/${token}/photos/headshot`, payload: await jpegWithGps(), headers: { 'content-type': 'image/jpeg' } });
    expect(up.statusCode).toBe(200);
    expect(await desktop.next((m) => m.type === 'event')).toEqual({ type: 'event', ref: 'mine', event: { kind: 'checkin.changed', id, status: 'in_progress' } });
    expect(await phone.next((m) => m.type === 'event')).toMatchObject({ ref: 'p', event: { kind: 'checkin.changed', id } });
    // After unsubscribing, nothing more arrives.
    desktop.send({ type: 'unsubscribe', ref: 'mine' });
    desktop.send({ type: 'ping' });
    await desktop.next((m) => m.type === 'pong');
    await call(a!.cookie, 'POST', `/api/v1/checkins/${id}/rules`);
    await phone.next((m) => m.type === 'event');
    expect(desktop.received.filter((m) => m.type === 'event')).toEqual([]);
    expect(other.received.filter((m) => m.type === 'event')).toEqual([]);
    for (const s of [desktop, other, anonymous, phone]) s.ws.terminate();
  });

  it('moves the greeter queue and the waiting candidates live, and only staff may watch the queue', async () => {
    const { candidates, appts, proctor, second } = await bookedCandidates(t, 2);
    t.clock.set(insideWindow);
    const [a, b] = candidates;
    const idA = await readyToSubmit(t, a!.cookie, appts[0].id);
    const idB = await readyToSubmit(t, b!.cookie, appts[1].id);
    const candidateSocket = await openLive(t, b!.cookie);
    expect(await candidateSocket.subscribe('q', { kind: 'greeter-queue' })).toMatchObject({ type: 'error', code: 'Forbidden' });
    await candidateSocket.subscribe('mine', { kind: 'checkin', id: idB });
    const greeter = await openLive(t, proctor.cookie);
    expect(await greeter.subscribe('q', { kind: 'greeter-queue' })).toEqual({ type: 'subscribed', ref: 'q' });

    await call(a!.cookie, 'POST', `/api/v1/checkins/${idA}/submit`);
    await greeter.next((m) => m.type === 'event');
    // B is not in the queue yet, so A's arrival means nothing to B.
    expect(candidateSocket.received.filter((m) => m.type === 'event')).toEqual([]);
    await call(b!.cookie, 'POST', `/api/v1/checkins/${idB}/submit`);
    expect(await candidateSocket.next((m) => m.type === 'event')).toMatchObject({ event: { kind: 'checkin.changed', id: idB, status: 'submitted' } });
    await greeter.next((m) => m.type === 'event');
    await candidateSocket.next((m) => m.type === 'event' && (m.event as { kind: string }).kind === 'queue.changed');

    // A greeter takes A: B moves up (queue.changed), the greeters see the queue change.
    const claimed = (await call(second.cookie, 'POST', '/api/v1/greeter/claim')).json().review;
    expect(claimed.id).toBe(idA);
    expect(await candidateSocket.next((m) => m.type === 'event')).toMatchObject({ event: { kind: 'queue.changed' } });
    expect(await greeter.next((m) => m.type === 'event')).toMatchObject({ ref: 'q', event: { kind: 'queue.changed' } });
    candidateSocket.ws.terminate();
    greeter.ws.terminate();
  });

  it('refuses cross-site connections, bad messages and too many subscriptions', async () => {
    const { candidates, appts } = await bookedCandidates(t, 1);
    t.clock.set(insideWindow);
    const id = (await call(candidates[0]!.cookie, 'POST', `/api/v1/appointments/${appts[0].id}/checkin`)).json().checkIn.id;
    const evil = await openLive(t, candidates[0]!.cookie, 'https://evil.example');
    const closed = await new Promise<number>((resolve) => evil.ws.on('close', (code) => resolve(code)));
    expect(closed).toBe(1008);

    const s = await openLive(t, candidates[0]!.cookie, 'http://invigil.test');
    s.send('not json');
    expect(await s.next((m) => m.type === 'error')).toMatchObject({ code: 'ValidationFailed' });
    s.send({ type: 'subscribe', ref: 'x', topic: { kind: 'everything' } });
    expect(await s.next((m) => m.type === 'error')).toMatchObject({ code: 'ValidationFailed' });
    for (let i = 0; i < 20; i++) expect(await s.subscribe(`r${i}`, { kind: 'checkin', id })).toMatchObject({ type: 'subscribed' });
    expect(await s.subscribe('r20', { kind: 'checkin', id })).toMatchObject({ type: 'error', code: 'Conflict' });
    // Re-subscribing under a ref already used replaces that subscription rather than adding one.
    expect(await s.subscribe('r3', { kind: 'checkin', id })).toMatchObject({ type: 'subscribed' });
    s.ws.terminate();
  });
});

describe.runIf(process.env.REDIS_URL)('Redis bus', () => {
  it('carries a message from one app instance to another, and stops after unsubscribe', async () => {
    const log = createLogger('silent');
    const prefix = `test-${Math.random().toString(36).slice(2)}:`;
    const a = redisBus(process.env.REDIS_URL!, log, prefix);
    const b = redisBus(process.env.REDIS_URL!, log, prefix);
    try {
      const got: unknown[] = [];
      const stop = b.subscribe('checkin:1', (m) => got.push(m));
      expect(await busReady(b)).toBe(true);
      a.publish('checkin:1', { id: '1', status: 'submitted' });
      await expect.poll(() => got).toEqual([{ id: '1', status: 'submitted' }]);
      stop();
      a.publish('checkin:1', { id: '1', status: 'in_review' });
      expect(await busReady(a)).toBe(true);
      await new Promise((r) => setTimeout(r, 50));
      expect(got).toHaveLength(1);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
