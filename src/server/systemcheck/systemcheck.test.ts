import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { createTestApp, createUser, logInAs, type TestApp } from '../../../test/harness.ts';
import { bookedCandidates, caller } from '../../../test/checkin-factories.ts';
import { parseIceServers } from '../config.ts';
import { systemTestRequirements } from './system-test-requirements.ts';

const base = '/api/v1/system-test';
const allPass = [
  { id: 'browser', status: 'pass', detail: 'Chromium 156' },
  { id: 'camera', status: 'pass', detail: '640 × 480, frames arriving' },
  { id: 'displays', status: 'warn', detail: 'This browser cannot tell how many displays are connected.' },
];

describe('system test', () => {
  let t: TestApp;
  let cookie: string;
  beforeEach(async () => {
    t = await createTestApp();
    cookie = await logInAs(t, await createUser(t));
  });
  afterEach(async () => { await t.close(); });

  const call = (method: 'GET' | 'POST', url: string, opts: { payload?: unknown; headers?: Record<string, string>; as?: string } = {}) =>
    t.app.inject({ method, url, headers: { cookie: opts.as ?? cookie, ...opts.headers }, ...(opts.payload === undefined ? {} : { payload: opts.payload as never }) });

  it('is for signed-in users only', async () => {
    for (const url of ['/ping', '/requirements', '/results/latest', '/download?bytes=10']) {
      expect((await t.app.inject({ method: 'GET', url: `${base}${url}` })).statusCode, url).toBe(401);
    }
    expect((await t.app.inject({ method: 'POST', url: `${base}/results`, payload: { checks: allPass } })).statusCode).toBe(401);
  });

  it("answers a ping with the server's time, never cached", async () => {
    const res = await call('GET', `${base}/ping`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ serverTime: '2026-11-26T09:00:00.000Z' });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it("gives the default policy's minimum speeds and no ICE servers unless configured", async () => {
    const res = await call('GET', `${base}/requirements`);
    expect(res.json()).toEqual({ minUploadMbps: 1, minDownloadMbps: 1, maxRoundTripMs: 500, iceServers: [] });
  });

  it('gives the configured STUN/TURN servers, minting short-lived TURN credentials per user (coturn REST scheme)', async () => {
    const secret = 'a-turn-static-auth-secret';
    const config = { iceServers: parseIceServers('stun:turn.example.org:3478,turns:turn.example.org:5349'), turnSecret: secret };
    const user = { userId: '5d0c6c2e-1111-4222-8333-944455556666', roles: ['candidate' as const], via: 'session' as const };
    const [stun, turn] = systemTestRequirements({ config: { ...t.deps.config, ...config }, clock: t.clock }, user).iceServers;
    expect(stun).toEqual({ urls: ['stun:turn.example.org:3478'] });
    const expiry = Math.floor(t.clock.now().getTime() / 1000) + 12 * 3600;
    expect(turn).toEqual({ urls: ['turns:turn.example.org:5349'], username: `${expiry}:${user.userId}`, credential: createHmac('sha1', secret).update(`${expiry}:${user.userId}`).digest('base64') });
    expect(parseIceServers('[{"urls":"turn:t.example.org","username":"u","credential":"p"}]')).toEqual([{ urls: ['turn:t.example.org'], username: 'u', credential: 'p' }]);
    expect(() => parseIceServers('http://example.org')).toThrow(/ICE_SERVERS/);
    expect(() => parseIceServers('[{"urls":"turn:x", "password":"p"}]')).toThrow(/ICE_SERVERS/);
  });

  it('sends the requested number of random, uncached bytes to download', async () => {
    const res = await call('GET', `${base}/download?bytes=200000`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.rawPayload.length).toBe(200_000);
    const again = await call('GET', `${base}/download?bytes=200000`);
    expect(again.rawPayload.equals(res.rawPayload)).toBe(false);
  });

  it('refuses downloads over 5 MB and nonsense sizes', async () => {
    for (const bytes of [5 * 1024 * 1024 + 1, 0, -5, 1.5]) {
      const res = await call('GET', `${base}/download?bytes=${bytes}`);
      expect(res.statusCode, String(bytes)).toBe(400);
      expect(res.json().error.code).toBe('ValidationFailed');
    }
    expect((await call('GET', `${base}/download?bytes=${5 * 1024 * 1024}`)).rawPayload.length).toBe(5 * 1024 * 1024);
  });

  it('counts uploaded bytes and refuses more than 5 MB or a body that is not octet-stream', async () => {
    const ok = await call('POST', `${base}/upload`, { payload: Buffer.alloc(300_000, 7), headers: { 'content-type': 'application/octet-stream' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ bytes: 300_000, receivedAt: '2026-11-26T09:00:00.000Z' });
    const big = await call('POST', `${base}/upload`, { payload: Buffer.alloc(5 * 1024 * 1024 + 1), headers: { 'content-type': 'application/octet-stream' } });
    expect(big.statusCode).toBe(413);
    const json = await call('POST', `${base}/upload`, { payload: { bytes: 'x' } });
    expect(json.statusCode).toBe(415);
  });

  it('stores a result: passed with warnings, valid for the policy days, and shows it as the latest', async () => {
    expect((await call('GET', `${base}/results/latest`)).json()).toEqual({ result: null });
    const res = await call('POST', `${base}/results`, { payload: { checks: allPass }, headers: { 'user-agent': 'TestBrowser/1.0' } });
    expect(res.statusCode, res.body).toBe(201);
    const { result } = res.json();
    expect(result).toMatchObject({ passed: true, createdAt: '2026-11-26T09:00:00.000Z', validUntil: '2026-12-10T09:00:00.000Z', checks: allPass });
    const row = await t.db.selectFrom('system_test_results').selectAll().where('id', '=', result.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ passed: true, user_agent: 'TestBrowser/1.0', checks: allPass });
    expect((await call('GET', `${base}/results/latest`)).json()).toEqual({ result });
  });

  it('records a test with any failed check as not passed, and the newest one as latest', async () => {
    await call('POST', `${base}/results`, { payload: { checks: allPass } });
    t.clock.set(new Date('2026-11-27T08:00:00Z'));
    const failed = [...allPass, { id: 'upload', status: 'fail', detail: '0.4 Mbps; at least 1 Mbps is needed.' }];
    const res = await call('POST', `${base}/results`, { payload: { checks: failed } });
    expect(res.json().result).toMatchObject({ passed: false, createdAt: '2026-11-27T08:00:00.000Z' });
    expect((await call('GET', `${base}/results/latest`)).json().result.id).toBe(res.json().result.id);
  });

  it('refuses unknown check ids, statuses, duplicates, long details, too many checks and extra fields (such as images)', async () => {
    const bad = [
      [{ id: 'telepathy', status: 'pass', detail: '' }],
      [{ id: 'camera', status: 'great', detail: '' }],
      [{ id: 'camera', status: 'pass', detail: 'x'.repeat(301) }],
      [{ id: 'camera', status: 'pass', detail: '' }, { id: 'camera', status: 'fail', detail: '' }],
      Array.from({ length: 21 }, () => ({ id: 'camera', status: 'pass', detail: '' })),
      [{ id: 'camera', status: 'pass', detail: '', image: 'data:image/png;base64,AAAA' }],
      [],
    ];
    for (const checks of bad) {
      const res = await call('POST', `${base}/results`, { payload: { checks } });
      expect(res.statusCode, JSON.stringify(checks).slice(0, 80)).toBe(400);
      expect(res.json().error.code).toBe('ValidationFailed');
    }
    expect(await t.db.selectFrom('system_test_results').selectAll().execute()).toEqual([]);
  });

  it("never shows a user another user's result", async () => {
    await call('POST', `${base}/results`, { payload: { checks: allPass } });
    const other = await logInAs(t, await createUser(t));
    expect((await call('GET', `${base}/results/latest`, { as: other })).json()).toEqual({ result: null });
  });

  it('offers one free move, past the cutoff, when the system test fails within 48 hours of the start', async () => {
    const { candidates, appts, proctor } = await bookedCandidates(t, 1);
    const c = candidates[0]!;
    const api = caller(t);
    t.clock.set(new Date('2026-11-26T11:00:00Z')); // 23.5 h before Friday 10:30: past the 24 h cutoff
    const before = (await api(c.cookie, 'GET', `/api/v1/appointments/${appts[0].id}`)).json().appointment;
    expect(before).toMatchObject({ canReschedule: false, rescheduleViaSystemTest: false });
    const failing = [...allPass.slice(0, 2), { id: 'upload', status: 'fail', detail: '0.2 Mbps up (1 Mbps needed)' }];
    expect((await api(c.cookie, 'POST', `${base}/results`, { checks: failing })).json().result.passed).toBe(false);
    // Staff see the failed test next to the appointment: when, and what failed.
    const staffView = (await api(proctor.cookie, 'GET', '/api/v1/staff/appointments')).json().appointments.find((x: { id: string }) => x.id === appts[0].id);
    expect(staffView.systemTest).toMatchObject({ passed: false, countsForExam: false, createdAt: '2026-11-26T11:00:00.000Z', problems: [{ id: 'upload', status: 'fail', detail: '0.2 Mbps up (1 Mbps needed)' }] });
    expect((await api(c.cookie, 'GET', '/api/v1/staff/appointments')).statusCode).toBe(403);
    const offered = (await api(c.cookie, 'GET', `/api/v1/appointments/${appts[0].id}`)).json().appointment;
    expect(offered).toMatchObject({ canReschedule: true, rescheduleViaSystemTest: true, changeRefusal: null });
    const moved = await api(c.cookie, 'POST', `/api/v1/appointments/${appts[0].id}/reschedule`, { startsAt: '2026-11-27T12:00:00Z' });
    expect(moved.statusCode, moved.body).toBe(200);
    // Not counted: the new time (cutoff Thursday 12:00) may still be moved the ordinary way for another hour.
    expect(moved.json().appointment).toMatchObject({ startsAt: '2026-11-27T12:00:00.000Z', rescheduleCount: 0, reschedulesLeft: 2, rescheduleViaSystemTest: false });
    const row = await t.db.selectFrom('appointments').select(['system_test_reschedule_at', 'reschedule_count']).where('id', '=', appts[0].id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ system_test_reschedule_at: new Date('2026-11-26T11:00:00Z'), reschedule_count: 0 });
    // Used once: past the new cutoff, another fail does not grant a second free move.
    t.clock.set(new Date('2026-11-26T12:30:00Z'));
    await api(c.cookie, 'POST', `${base}/results`, { checks: failing });
    expect((await api(c.cookie, 'POST', `/api/v1/appointments/${appts[0].id}/reschedule`, { startsAt: '2026-11-27T13:00:00Z' })).json().error.code).toBe('ChangeNotAllowed');
  });
});
