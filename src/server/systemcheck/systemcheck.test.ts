import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, createUser, logInAs, type TestApp } from '../../../test/harness.ts';

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

  it("gives the default policy's minimum speeds and no ICE servers yet", async () => {
    const res = await call('GET', `${base}/requirements`);
    expect(res.json()).toEqual({ minUploadMbps: 1, minDownloadMbps: 1, maxRoundTripMs: 500, iceServers: [] });
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
});
