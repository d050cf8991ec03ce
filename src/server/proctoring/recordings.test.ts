import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { quickUsers } from '../../../test/booking-factories.ts';
import { runningProctoredExams } from '../../../test/proctoring-factories.ts';
import { runDueJobs } from '../platform/jobs.ts';
import { probeDurationMs } from '../platform/media-tools.ts';
import { purgeExpiredRecordings, recordingJobs } from './recordings.ts';
import { breakRescanReason } from '../delivery/pause-resume.ts';

/** A 6-second WebM (VP8 + Opus, as Chromium's MediaRecorder writes) cut into byte chunks, the way MediaRecorder hands them out. */
let dir: string;
let webm: Buffer;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'invigil-rec-test-'));
  const file = path.join(dir, 'cam.webm');
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=15', '-f', 'lavfi', '-i', 'sine=frequency=440',
    '-t', '6', '-c:v', 'libvpx', '-b:v', '200k', '-c:a', 'libopus', '-b:a', '32k', '-f', 'webm', '-live', '1', '-y', file]);
  webm = readFileSync(file);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const chunksOf = (buf: Buffer, n: number) => Array.from({ length: n }, (_, i) => buf.subarray(Math.floor((i * buf.length) / n), Math.floor(((i + 1) * buf.length) / n)));

describe('session recordings', () => {
  let t: TestApp;
  beforeEach(async () => { t = await createTestApp(); });
  afterEach(async () => { await t.close(); });

  const put = (cookie: string, url: string, body: Buffer, type = 'video/webm') => t.app.inject({ method: 'PUT', url, headers: { cookie, 'content-type': type }, payload: body });

  it('stores the parts as they come, once each, joins them into one seekable file when the recorder stops, and plays it by byte ranges', async () => {
    const { candidates, proctors, call } = await runningProctoredExams(t, 1, { proctors: 2 });
    const c = candidates[0]!;
    await call(proctors[0]!.cookie, 'POST', '/api/v1/proctor/live/heartbeat');
    const view = (await call(c.cookie, 'GET', `/api/v1/attempts/${c.attemptId}/proctoring`)).json();
    expect(view.recording).toEqual({ session: true, videoKbps: 250, audioKbps: 32, chunkSeconds: 5 });
    const started = await call(c.cookie, 'POST', `/api/v1/attempts/${c.attemptId}/recordings`, { kind: 'camera' });
    expect(started.statusCode).toBe(201);
    const rec = started.json().id as string;
    const base = `/api/v1/attempts/${c.attemptId}/recordings/${rec}`;
    const parts = chunksOf(webm, 4);

    // Part 0 must be WebM; anything else is refused and nothing is kept.
    const junk = await put(c.cookie, `${base}/chunks/0`, Buffer.from('not a video at all'));
    expect(junk.statusCode).toBe(415);
    // Parts may arrive out of order and twice (a retry after a lost answer).
    for (const i of [0, 2, 1]) expect((await put(c.cookie, `${base}/chunks/${i}`, parts[i]!)).json()).toMatchObject({ seq: i, stored: true });
    expect((await put(c.cookie, `${base}/chunks/1`, parts[1]!)).json()).toMatchObject({ seq: 1, stored: false });
    // Another candidate can neither add to it nor learn that it exists.
    const [stranger] = await quickUsers(t, 1);
    expect((await put(stranger!.cookie, `${base}/chunks/3`, parts[3]!)).statusCode).toBe(404);
    // The recorder stops after 4 parts: the missing one is named, then sent.
    expect((await call(c.cookie, 'POST', `${base}/end`, { chunks: 4 })).json()).toEqual({ missing: [3] });
    expect((await call(c.cookie, 'POST', `${base}/end`, { chunks: 2 })).statusCode).toBe(400);
    await put(c.cookie, `${base}/chunks/3`, parts[3]!);
    expect((await call(c.cookie, 'POST', `${base}/end`, { chunks: 4 })).json()).toEqual({ missing: [] });

    // Staff: another proctor is refused; the assigned one sees it, and viewing is audited.
    const list = `/api/v1/proctor/live/sessions/${c.attemptId}/recordings`;
    expect((await call(proctors[1]!.cookie, 'GET', list)).statusCode).toBe(403);
    expect((await call(c.cookie, 'GET', list)).statusCode).toBe(403);
    const before = (await call(proctors[0]!.cookie, 'GET', list)).json().recordings[0];
    expect(before).toMatchObject({ kind: 'camera', chunks: 4, bytes: webm.length, state: 'assembling', seekable: false });
    // While it is still in parts it plays from the start.
    const raw = await t.app.inject({ method: 'GET', url: before.url });
    expect(raw.statusCode).toBe(200);
    expect(raw.rawPayload.equals(webm)).toBe(true);

    expect(await runDueJobs(t.deps, recordingJobs)).toBeGreaterThan(0);
    const after = (await call(proctors[0]!.cookie, 'GET', list)).json().recordings[0];
    expect(after).toMatchObject({ state: 'ready', seekable: true, assemblyError: null });
    expect(Math.abs(after.durationMs - 6000)).toBeLessThan(600);
    expect(await t.db.selectFrom('session_recording_chunks').select('seq').where('recording_id', '=', rec).execute()).toEqual([]);
    expect(await t.db.selectFrom('audit_log').select('action').where('subject_id', '=', c.attemptId).where('action', '=', 'attempt.recordings_viewed').execute()).toHaveLength(2);

    const whole = await t.app.inject({ method: 'GET', url: after.url });
    expect(whole.headers['accept-ranges']).toBe('bytes');
    const file = path.join(dir, 'assembled.webm');
    writeFileSync(file, whole.rawPayload);
    expect(Math.abs((await probeDurationMs({ ffmpegPath: 'ffmpeg', ffprobePath: 'ffprobe' }, file)) - 6000)).toBeLessThan(600);
    const part = await t.app.inject({ method: 'GET', url: after.url, headers: { range: 'bytes=100-199' } });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${whole.rawPayload.length}`);
    expect(part.rawPayload.equals(whole.rawPayload.subarray(100, 200))).toBe(true);
    const tail = await t.app.inject({ method: 'GET', url: after.url, headers: { range: 'bytes=-10' } });
    expect(tail.rawPayload.equals(whole.rawPayload.subarray(-10))).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: after.url, headers: { range: `bytes=${whole.rawPayload.length + 5}-` } })).statusCode).toBe(416);
    // A forged or altered link plays nothing.
    expect((await t.app.inject({ method: 'GET', url: after.url.replace(/sig=./, 'sig=A') })).statusCode).toBe(403);
    // A complete recording takes no more parts.
    expect((await put(c.cookie, `${base}/chunks/4`, parts[3]!)).statusCode).toBe(409);
  });

  it('assembles a recording nobody ended (a crash) once the exam is over, and deletes it after the retention period', async () => {
    const { candidates, call } = await runningProctoredExams(t, 1);
    const c = candidates[0]!;
    const rec = (await call(c.cookie, 'POST', `/api/v1/attempts/${c.attemptId}/recordings`, { kind: 'camera' })).json().id as string;
    for (const [i, p] of chunksOf(webm, 3).entries()) await put(c.cookie, `/api/v1/attempts/${c.attemptId}/recordings/${rec}/chunks/${i}`, p);
    // Still running and recently heard from: it waits.
    t.clock.advance(10 * 60_000 + 1000);
    await runDueJobs(t.deps, recordingJobs);
    expect((await t.db.selectFrom('session_recordings').select('assembled_at').where('id', '=', rec).executeTakeFirstOrThrow()).assembled_at).toBeNull();
    expect((await call(c.cookie, 'POST', `/api/v1/attempts/${c.attemptId}/submit`, { entries: [] })).statusCode).toBe(200);
    t.clock.advance(10 * 60_000 + 1000);
    await runDueJobs(t.deps, recordingJobs);
    const row = await t.db.selectFrom('session_recordings').selectAll().where('id', '=', rec).executeTakeFirstOrThrow();
    expect(row.assembled_at).not.toBeNull();
    expect(Math.abs(row.duration_ms! - 6000)).toBeLessThan(600);
    // Not before the policy's retention period (30 days by default) …
    t.clock.advance(5 * 86_400_000);
    expect(await t.db.transaction().execute((trx) => purgeExpiredRecordings(t.deps, trx))).toEqual({ purged: 0, more: false });
    // … then the file goes, and the row says a recording existed.
    t.clock.advance(40 * 86_400_000);
    expect(await t.db.transaction().execute((trx) => purgeExpiredRecordings(t.deps, trx))).toEqual({ purged: 1, more: false });
    const purged = await t.db.selectFrom('session_recordings').selectAll().where('id', '=', rec).executeTakeFirstOrThrow();
    expect(purged).toMatchObject({ assembled_key: null });
    expect(purged.purged_at).not.toBeNull();
    expect(await t.deps.blobs.get(row.assembled_key!)).toBeNull();
  });

  it('records only room re-scans when the policy does not record sessions', async () => {
    const { candidates, proctors, call } = await runningProctoredExams(t, 1, { policy: { proctoring: { recordSessions: false } } });
    const c = candidates[0]!;
    await call(proctors[0]!.cookie, 'POST', '/api/v1/proctor/live/heartbeat');
    expect((await call(c.cookie, 'GET', `/api/v1/attempts/${c.attemptId}/proctoring`)).json().recording).toMatchObject({ session: false });
    expect((await call(c.cookie, 'POST', `/api/v1/attempts/${c.attemptId}/recordings`, { kind: 'camera' })).statusCode).toBe(409);
    await call(proctors[0]!.cookie, 'POST', `/api/v1/staff/attempts/${c.attemptId}/rescan`, { reason: 'Show the desk' });
    expect((await call(c.cookie, 'POST', `/api/v1/attempts/${c.attemptId}/recordings`, { kind: 'room_scan' })).statusCode).toBe(201);
  });

  it('pauses the exam for a room re-scan the proctor asks for, and continues only once a long enough scan has arrived', async () => {
    const { candidates, proctors, call } = await runningProctoredExams(t, 1, { policy: { proctoring: { roomScanSeconds: 10 } } });
    const c = candidates[0]!;
    const p = proctors[0]!;
    await call(p.cookie, 'POST', '/api/v1/proctor/live/heartbeat');
    const attempt = () => call(c.cookie, 'GET', `/api/v1/attempts/${c.attemptId}`).then((r) => r.json().attempt);
    // A room scan cannot be recorded before anyone asks for one.
    expect((await call(c.cookie, 'POST', `/api/v1/attempts/${c.attemptId}/recordings`, { kind: 'room_scan' })).statusCode).toBe(409);
    expect((await call(p.cookie, 'POST', `/api/v1/staff/attempts/${c.attemptId}/rescan`, { reason: 'Something moved behind you' })).statusCode).toBe(200);
    expect(await attempt()).toMatchObject({ status: 'paused', pausedReason: 'rescan' });
    expect((await call(c.cookie, 'GET', `/api/v1/attempts/${c.attemptId}/proctoring`)).json().rescan).toMatchObject({ reason: 'Something moved behind you', minSeconds: 10 });
    // The candidate cannot just continue.
    expect((await call(c.cookie, 'POST', `/api/v1/attempts/${c.attemptId}/resume`)).statusCode).toBe(403);

    const film = async (seconds: number) => {
      const id = (await call(c.cookie, 'POST', `/api/v1/attempts/${c.attemptId}/recordings`, { kind: 'room_scan' })).json().id as string;
      const parts = chunksOf(webm, 2);
      await put(c.cookie, `/api/v1/attempts/${c.attemptId}/recordings/${id}/chunks/0`, parts[0]!);
      t.clock.advance(seconds * 1000);
      await call(c.cookie, 'POST', `/api/v1/attempts/${c.attemptId}/recordings/${id}/end`, { chunks: 2 });
      return { id, last: () => put(c.cookie, `/api/v1/attempts/${c.attemptId}/recordings/${id}/chunks/1`, parts[1]!) };
    };
    const complete = (recordingId: string) => call(c.cookie, 'POST', `/api/v1/attempts/${c.attemptId}/rescan/complete`, { recordingId });
    const short = await film(4);
    await short.last();
    const tooShort = await complete(short.id);
    expect(tooShort.statusCode).toBe(409);
    expect(tooShort.json().error.message).toContain('at least 10 seconds');
    const good = await film(11);
    expect((await complete(good.id)).statusCode).toBe(409); // a part is still on its way
    await good.last();
    const done = await complete(good.id);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'in_progress' });
    expect((await call(c.cookie, 'GET', `/api/v1/attempts/${c.attemptId}/proctoring`)).json().rescan).toBeNull();
    // The clock stood still for the whole re-scan.
    expect((await attempt()).timeLeftMs).toBe(90 * 60_000);
    const timeline = (await call(p.cookie, 'GET', `/api/v1/proctor/live/sessions/${c.attemptId}/timeline`)).json().events.map((e: { kind: string }) => e.kind);
    expect(timeline).toEqual(expect.arrayContaining(['staff_rescan', 'rescan_completed']));
    // Done once: a second completion is refused.
    expect((await complete(good.id)).statusCode).toBe(409);
  });

  it('asks for a re-scan after a break, then the proctor continues; a break is not interrupted for one; a resume ends a request', async () => {
    const { candidates, proctors, call } = await runningProctoredExams(t, 1, { policy: { delivery: { breaksAllowed: true, maxBreaks: 2, maxBreakMinutes: 10 }, proctoring: { roomScanSeconds: 5 } } });
    const c = candidates[0]!;
    const p = proctors[0]!;
    await call(p.cookie, 'POST', '/api/v1/proctor/live/heartbeat');
    expect((await call(c.cookie, 'POST', `/api/v1/attempts/${c.attemptId}/break`)).statusCode).toBe(200);
    const onBreak = await call(p.cookie, 'POST', `/api/v1/staff/attempts/${c.attemptId}/rescan`, { reason: 'Show the desk' });
    expect(onBreak.statusCode).toBe(409);
    expect(onBreak.json().error.message).toContain('on a break');
    // Back from the break: the room is filmed again, then the exam waits for the proctor, who has watched it.
    expect((await call(c.cookie, 'POST', `/api/v1/attempts/${c.attemptId}/break/end`)).json()).toMatchObject({ status: 'paused', pausedReason: 'rescan' });
    expect((await call(c.cookie, 'GET', `/api/v1/attempts/${c.attemptId}/proctoring`)).json().rescan).toMatchObject({ reason: breakRescanReason, minSeconds: 5 });
    const id = (await call(c.cookie, 'POST', `/api/v1/attempts/${c.attemptId}/recordings`, { kind: 'room_scan' })).json().id as string;
    await put(c.cookie, `/api/v1/attempts/${c.attemptId}/recordings/${id}/chunks/0`, webm);
    t.clock.advance(6_000);
    await call(c.cookie, 'POST', `/api/v1/attempts/${c.attemptId}/recordings/${id}/end`, { chunks: 1 });
    expect((await call(c.cookie, 'POST', `/api/v1/attempts/${c.attemptId}/rescan/complete`, { recordingId: id })).json()).toMatchObject({ status: 'paused', pausedReason: 'break_return' });
    expect((await call(p.cookie, 'GET', '/api/v1/proctor/live')).json().sessions[0].attention[0]).toBe('break_return');
    expect((await call(p.cookie, 'POST', `/api/v1/staff/attempts/${c.attemptId}/resume`, { reason: 'Room checked after the break' })).json()).toMatchObject({ status: 'in_progress' });

    // The second break: the proctor continues without waiting for the re-scan (they saw enough live).
    await call(c.cookie, 'POST', `/api/v1/attempts/${c.attemptId}/break`);
    await call(c.cookie, 'POST', `/api/v1/attempts/${c.attemptId}/break/end`);
    expect((await call(p.cookie, 'POST', `/api/v1/staff/attempts/${c.attemptId}/resume`, { reason: 'Saw enough on the live video' })).json()).toMatchObject({ status: 'in_progress' });
    expect((await call(c.cookie, 'GET', `/api/v1/attempts/${c.attemptId}/proctoring`)).json().rescan).toBeNull();
  });
});
