import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { approvedCheckIn, bookedCandidates, caller, insideWindow } from '../../../test/checkin-factories.ts';
import { runDueJobs } from '../platform/jobs.ts';
import { createSession, sessionCookieName } from '../platform/auth.ts';
import { checkInJobs, scheduleMediaRetention } from './retention.ts';

/** Stand-ins for MediaRecorder chunks: the first starts with the WebM (EBML) header, the rest continue the stream. */
const header = Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01]);
const chunk = (seq: number) => (seq === 0 ? Buffer.concat([header, Buffer.alloc(2000, 1)]) : Buffer.alloc(3000, seq));
const webm = { 'content-type': 'video/webm' };

describe('room scan', () => {
  let t: TestApp;
  beforeEach(async () => { t = await createTestApp(); });
  afterEach(async () => { await t.close(); });
  const call: ReturnType<typeof caller> = (...args) => caller(t)(...args);

  async function approved() {
    const { candidates, appts, proctor, second } = await bookedCandidates(t, 2, { proctoring: { roomScanSeconds: 20 } });
    t.clock.set(insideWindow);
    const [c, other] = candidates;
    const id = await approvedCheckIn(t, c!.cookie, appts[0].id, proctor.cookie);
    return { c: c!, other: other!, id, appt: appts[0], proctor, second };
  }

  it('records chunks as they come, completes after the minimum time, and only then lets the exam launch', async () => {
    const { c, other, id, appt, proctor } = await approved();
    const afterApproval = (await call(c.cookie, 'GET', `/api/v1/checkins/${id}`)).json().checkIn;
    expect(afterApproval).toMatchObject({ status: 'approved', canLaunch: false, roomScan: { required: true, minSeconds: 20, take: 0, chunks: 0 } });
    expect((await call(c.cookie, 'POST', `/api/v1/appointments/${appt.id}/attempt`)).json().error.code).toBe('LaunchNotAuthorised');
    expect((await call(other.cookie, 'POST', `/api/v1/checkins/${id}/room-scan`)).statusCode).toBe(404);

    const started = (await call(c.cookie, 'POST', `/api/v1/checkins/${id}/room-scan`)).json().checkIn;
    expect(started).toMatchObject({ status: 'room_scan', roomScan: { take: 1, chunks: 0 } });
    // The first chunk must be WebM; later ones continue the stream.
    expect((await call(c.cookie, 'PUT', `/api/v1/checkins/${id}/room-scan/1/chunks/0`, Buffer.from('<html>not a video</html>'), webm)).statusCode).toBe(415);
    for (let seq = 0; seq < 3; seq++) {
      const ack = await call(c.cookie, 'PUT', `/api/v1/checkins/${id}/room-scan/1/chunks/${seq}`, chunk(seq), webm);
      expect(ack.statusCode, ack.body).toBe(200);
      t.clock.advance(5000);
    }
    // A retried chunk changes nothing; another candidate cannot add to this recording.
    expect((await call(c.cookie, 'PUT', `/api/v1/checkins/${id}/room-scan/1/chunks/1`, Buffer.alloc(10, 9), webm)).json()).toMatchObject({ chunks: 3, bytes: 2009 + 6000 });
    expect((await call(other.cookie, 'PUT', `/api/v1/checkins/${id}/room-scan/1/chunks/3`, chunk(3), webm)).statusCode).toBe(404);

    const tooShort = await call(c.cookie, 'POST', `/api/v1/checkins/${id}/room-scan/1/complete`, { chunks: 3 });
    expect(tooShort.statusCode).toBe(409);
    expect(tooShort.json().error.message).toMatch(/at least 20 seconds/);
    t.clock.advance(6000);
    const gap = await call(c.cookie, 'POST', `/api/v1/checkins/${id}/room-scan/1/complete`, { chunks: 5 });
    expect(gap.json().error).toMatchObject({ code: 'Conflict', details: { missing: [3, 4] } });
    const done = (await call(c.cookie, 'POST', `/api/v1/checkins/${id}/room-scan/1/complete`, { chunks: 3 })).json().checkIn;
    expect(done).toMatchObject({ status: 'completed', canLaunch: true, roomScan: { take: 1, chunks: 3 } });
    expect((await call(c.cookie, 'PUT', `/api/v1/checkins/${id}/room-scan/1/chunks/3`, chunk(3), webm)).statusCode).toBe(409);
    const attempt = await call(c.cookie, 'POST', `/api/v1/appointments/${appt.id}/attempt`);
    expect(attempt.statusCode, attempt.body).toBe(201);

    // Staff play the recording through a signed link: the chunks in order, byte for byte; candidates cannot list it.
    expect((await call(c.cookie, 'GET', `/api/v1/checkins/${id}/room-scan`)).statusCode).toBe(403);
    const takes = (await call(proctor.cookie, 'GET', `/api/v1/checkins/${id}/room-scan`)).json().takes;
    expect(takes).toMatchObject([{ take: 1, chunks: 3, completed: true }]);
    const video = await t.app.inject({ method: 'GET', url: takes[0].url });
    expect(video.headers['content-type']).toBe('video/webm');
    expect(video.rawPayload.equals(Buffer.concat([chunk(0), chunk(1), chunk(2)]))).toBe(true);
    const forged = takes[0].url.replace('/1?', '/2?');
    expect((await t.app.inject({ method: 'GET', url: forged })).statusCode).toBe(403);
    t.clock.advance(16 * 60_000);
    expect((await t.app.inject({ method: 'GET', url: takes[0].url })).json().error.code).toBe('TokenExpired');
  });

  it('starts a new take after a reload and closes the old one', async () => {
    const { c, id, proctor } = await approved();
    await call(c.cookie, 'POST', `/api/v1/checkins/${id}/room-scan`);
    await call(c.cookie, 'PUT', `/api/v1/checkins/${id}/room-scan/1/chunks/0`, chunk(0), webm);
    const again = (await call(c.cookie, 'POST', `/api/v1/checkins/${id}/room-scan`)).json().checkIn;
    expect(again.roomScan).toMatchObject({ take: 2, chunks: 0 });
    const stale = await call(c.cookie, 'PUT', `/api/v1/checkins/${id}/room-scan/1/chunks/1`, chunk(1), webm);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toMatch(/newer recording/);
    await call(c.cookie, 'PUT', `/api/v1/checkins/${id}/room-scan/2/chunks/0`, chunk(0), webm);
    t.clock.advance(21_000);
    expect((await call(c.cookie, 'POST', `/api/v1/checkins/${id}/room-scan/2/complete`, { chunks: 1 })).json().checkIn.status).toBe('completed');
    const takes = (await call(proctor.cookie, 'GET', `/api/v1/checkins/${id}/room-scan`)).json().takes;
    expect(takes.map((x: { take: number; completed: boolean }) => [x.take, x.completed])).toEqual([[1, false], [2, true]]);
  });

  it('refuses a scan before approval and chunk numbers out of range', async () => {
    const { candidates, appts } = await bookedCandidates(t, 1);
    t.clock.set(insideWindow);
    const id = (await call(candidates[0]!.cookie, 'POST', `/api/v1/appointments/${appts[0].id}/checkin`)).json().checkIn.id;
    const early = await call(candidates[0]!.cookie, 'POST', `/api/v1/checkins/${id}/room-scan`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/cannot start the room scan/);
    expect((await call(candidates[0]!.cookie, 'PUT', `/api/v1/checkins/${id}/room-scan/0/chunks/0`, chunk(0), webm)).statusCode).toBe(400);
    expect((await call(candidates[0]!.cookie, 'PUT', `/api/v1/checkins/${id}/room-scan/1/chunks/-1`, chunk(0), webm)).statusCode).toBe(400);
  });

  it("deletes the photos and recordings once the policy's retention period after the exam has passed", async () => {
    const { c, id, proctor } = await approved();
    await call(c.cookie, 'POST', `/api/v1/checkins/${id}/room-scan`);
    for (let seq = 0; seq < 2; seq++) await call(c.cookie, 'PUT', `/api/v1/checkins/${id}/room-scan/1/chunks/${seq}`, chunk(seq), webm);
    t.clock.advance(21_000);
    await call(c.cookie, 'POST', `/api/v1/checkins/${id}/room-scan/1/complete`, { chunks: 2 });
    const keys = [
      ...(await t.db.selectFrom('checkin_photos').select('blob_key').where('checkin_id', '=', id).execute()),
      ...(await t.db.selectFrom('checkin_scan_chunks').select('blob_key').where('checkin_id', '=', id).execute()),
    ].map((r) => r.blob_key);
    expect(keys).toHaveLength(8);
    // 30 days (the default) after the exam ended (10:30 + 90 min): not a minute earlier.
    t.clock.set(new Date('2026-12-27T11:59:00Z'));
    await scheduleMediaRetention(t.deps);
    await runDueJobs(t.deps, checkInJobs);
    expect(await t.deps.blobs.get(keys[0]!)).not.toBeNull();
    t.clock.set(new Date('2026-12-28T03:00:00Z'));
    await runDueJobs(t.deps, checkInJobs);
    for (const key of keys) expect(await t.deps.blobs.get(key)).toBeNull();
    expect(await t.db.selectFrom('checkin_photos').select('kind').where('checkin_id', '=', id).execute()).toEqual([]);
    // A month on, the old sessions have lapsed: sign in again.
    const fresh = async (userId: string) => `${sessionCookieName}=${await createSession(t.deps, userId, {})}`;
    const scan = (await call(await fresh(proctor.id), 'GET', `/api/v1/checkins/${id}/room-scan`)).json();
    expect(scan).toEqual({ mediaPurgedAt: '2026-12-28T03:00:00.000Z', takes: [] });
    expect((await call(await fresh(c.id), 'GET', `/api/v1/checkins/${id}`)).json().checkIn.photos.every((p: { url: string | null }) => p.url === null)).toBe(true);
    const audit = await t.db.selectFrom('audit_log').select('data').where('action', '=', 'media.purged').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).toMatchObject({ checkins: [id], files: 8 });
  });
});
