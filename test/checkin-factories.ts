/** Factories for check-in tests: booked candidates inside a check-in window, photos, a check-in ready to submit. */
import { expect } from 'vitest';
import sharp from 'sharp';
import type { Response as LightMyRequestResponse } from 'light-my-request';
import type { ExamPolicyInput } from '../src/core/catalog/policy.ts';
import { addShift, bookableExam, quickUsers } from './booking-factories.ts';
import type { TestApp } from './harness.ts';

// The test clock starts Thursday 2026-11-26 09:00 UTC; appointments are booked for Friday 10:30, whose check-in
// window (default policy) is 10:00–10:45.
export const checkInStartsAt = '2026-11-27T10:30:00Z';
export const insideWindow = new Date('2026-11-27T10:05:00Z');
/** The photos the default policy asks for. */
export const defaultPhotoKinds = ['headshot', 'id_front', 'room_front', 'room_back', 'room_left', 'room_right'];

export type Call = (cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;

/** `app.inject` with a session cookie. */
export const caller = (t: TestApp): Call => (cookie, method, url, payload, headers = {}) =>
  t.app.inject({ method, url, headers: { cookie, ...headers }, ...(payload === undefined ? {} : { payload: payload as never }) });

/** A small JPEG carrying camera and GPS EXIF (which re-encoding must strip). */
export const jpegWithGps = () => sharp({ create: { width: 120, height: 90, channels: 3, background: { r: 20, g: 120, b: 200 } } }).jpeg()
  .withExifMerge({ IFD0: { Make: 'PhoneCo' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 8/1 0/1' } }).toBuffer();

/** `n` candidates booked for Friday 10:30 UTC, and two proctors (greeters) on shift. */
export async function bookedCandidates(t: TestApp, n: number, policy: ExamPolicyInput = {}) {
  const call = caller(t);
  const { code, programId } = await bookableExam(t, { ...policy, proctoring: { candidatesPerProctor: 10, checkInsPerGreeter: 10, ...policy.proctoring } });
  const [proctor, second] = await quickUsers(t, 2, 'proctor');
  await addShift(t, programId, proctor!.id, { weekdays: [5], start: '08:00', end: '14:00' });
  const candidates = await quickUsers(t, n);
  const appts = [];
  for (const c of candidates) {
    const h = (await call(c.cookie, 'POST', '/api/v1/holds', { examCode: code, startsAt: checkInStartsAt, language: 'en' })).json().hold;
    appts.push((await call(c.cookie, 'POST', '/api/v1/appointments', { holdId: h.id, paymentMethod: 'invoice' })).json().appointment);
  }
  return { candidates, appts, proctor: proctor!, second: second! };
}

/** Opens the check-in (the clock must be inside the window), accepts the rules and uploads every photo. */
export async function readyToSubmit(t: TestApp, cookie: string, apptId: string, kinds = defaultPhotoKinds) {
  const call = caller(t);
  const started = await call(cookie, 'POST', `/api/v1/appointments/${apptId}/checkin`);
  expect(started.statusCode, started.body).toBe(200);
  const id = started.json().checkIn.id as string;
  await call(cookie, 'POST', `/api/v1/checkins/${id}/rules`);
  const photo = await jpegWithGps();
  for (const kind of kinds) {
    const up = await call(cookie, 'PUT', `/api/v1/checkins/${id}/photos/${kind}`, photo, { 'content-type': 'image/jpeg' });
    expect(up.statusCode, up.body).toBe(200);
  }
  return id;
}

/** A check-in submitted, claimed and approved by `greeterCookie`; returns its id. */
export async function approvedCheckIn(t: TestApp, cookie: string, apptId: string, greeterCookie: string) {
  const call = caller(t);
  const id = await readyToSubmit(t, cookie, apptId);
  await call(cookie, 'POST', `/api/v1/checkins/${id}/submit`);
  const claimed = (await call(greeterCookie, 'POST', '/api/v1/greeter/claim')).json().review;
  expect(claimed.id).toBe(id);
  const decided = await call(greeterCookie, 'POST', `/api/v1/greeter/checkins/${id}/decision`, { decision: 'approve' });
  expect(decided.statusCode, decided.body).toBe(200);
  return id;
}
