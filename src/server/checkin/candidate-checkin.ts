import { AppError } from '../../core/shared/app-error.ts';
import { checkInTransition } from '../../core/checkin/checkin-state.ts';
import { requiredPhotos, missingPhotos, photoLabels, type PhotoKind } from '../../core/checkin/required-photos.ts';
import { checkInWindow, windowState } from '../../core/checkin/window.ts';
import type { CheckIn } from '../../contracts/checkin.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Deps } from '../platform/deps.ts';
import { reencodePhoto } from '../platform/images.ts';
import { hashSecret } from '../platform/secrets.ts';
import { publishCheckIn } from '../live/channels.ts';
import { appointmentContext, getOwnCheckIn, photosOf, presentCheckInRow, type CheckInRow } from './repository.ts';

const present = presentCheckInRow;

/**
 * Candidate: opens (or returns) the check-in of their appointment. Outside the window it says when check-in opens,
 * or that it closed; the check-in itself is created on the first visit inside the window.
 */
export async function startCheckIn(deps: Deps, principal: Principal | null, appointmentId: string): Promise<CheckIn> {
  const actor = requireRole(principal, []);
  return deps.db.transaction().execute(async (trx) => {
    const { appt, policy } = await appointmentContext(trx, appointmentId);
    if (appt.candidate_id !== actor.userId) throw new AppError('NotFound', 'No such appointment.');
    const existing = await trx.selectFrom('checkins').selectAll().where('appointment_id', '=', appointmentId).executeTakeFirst();
    if (existing) return present(deps, trx, existing);
    const now = deps.clock.now();
    const w = windowState(appt.starts_at, policy, now, appt.time_zone);
    if (w.state !== 'open') throw new AppError('Conflict', w.message, { window: { state: w.state, opensAt: w.opensAt.toISOString(), closesAt: w.closesAt.toISOString() } });
    if (appt.status !== 'booked') throw new AppError('Conflict', 'This appointment is not open for check-in.');
    const row = await trx.insertInto('checkins').values({
      id: deps.ids.uuid(), appointment_id: appointmentId, candidate_id: actor.userId, status: 'in_progress', required_photos: requiredPhotos(policy),
      rules_accepted_at: null, phone_token_hash: null, phone_token_expires_at: null, submitted_at: null, claimed_by: null, claimed_at: null,
      decided_by: null, decided_at: null, decision_reason: null, created_at: now, updated_at: now,
    }).onConflict((oc) => oc.column('appointment_id').doNothing()).returningAll().executeTakeFirst();
    return present(deps, trx, row ?? (await trx.selectFrom('checkins').selectAll().where('appointment_id', '=', appointmentId).executeTakeFirstOrThrow()));
  });
}

/** Candidate: their check-in as it is now (queue position and wait included). */
export async function getCheckIn(deps: Deps, principal: Principal | null, id: string): Promise<CheckIn> {
  const actor = requireRole(principal, []);
  return present(deps, deps.db, await getOwnCheckIn(deps.db, actor.userId, id));
}

/** Candidate: accepts the exam's rules (shown from the policy) before taking photos. */
export async function acceptRules(deps: Deps, principal: Principal | null, id: string): Promise<CheckIn> {
  const actor = requireRole(principal, []);
  const row = await deps.db.updateTable('checkins').set({ rules_accepted_at: deps.clock.now(), updated_at: deps.clock.now() })
    .where('id', '=', id).where('candidate_id', '=', actor.userId).where('rules_accepted_at', 'is', null).returningAll().executeTakeFirst();
  if (row) publishCheckIn(deps, row, { queueMoved: false });
  return present(deps, deps.db, row ?? (await getOwnCheckIn(deps.db, actor.userId, id)));
}

const phoneLinkMinutesAfterClose = 0;

/**
 * Candidate: a new single-purpose link for the phone (the old one stops working). The token is a 256-bit secret kept
 * only as a hash; it can upload photos to this check-in and read which are still needed, nothing else, and expires
 * when the check-in window closes.
 */
export async function newPhoneLink(deps: Deps, principal: Principal | null, id: string): Promise<{ url: string; expiresAt: string }> {
  const actor = requireRole(principal, []);
  const row = await getOwnCheckIn(deps.db, actor.userId, id);
  if (row.status !== 'in_progress' && row.status !== 'retake_requested') throw new AppError('Conflict', 'Photos can be taken only while the check-in is open for them.');
  const { appt, policy } = await appointmentContext(deps.db, row.appointment_id);
  const expiresAt = new Date(checkInWindow(appt.starts_at, policy).closesAt.getTime() + phoneLinkMinutesAfterClose * 60_000);
  const token = deps.ids.secret();
  await deps.db.updateTable('checkins').set({ phone_token_hash: hashSecret(token), phone_token_expires_at: expiresAt, updated_at: deps.clock.now() }).where('id', '=', id).execute();
  return { url: `${deps.config.publicUrl}/m/${token}`, expiresAt: expiresAt.toISOString() };
}

/** The check-in a phone link belongs to, if the link is still valid (TokenInvalid / TokenExpired otherwise). */
async function checkInByToken(deps: Deps, token: string): Promise<CheckInRow> {
  const row = await deps.db.selectFrom('checkins').selectAll().where('phone_token_hash', '=', hashSecret(token)).executeTakeFirst();
  if (!row) throw new AppError('TokenInvalid', 'This check-in link is not valid. Scan the new QR code on your computer.');
  if (!row.phone_token_expires_at || row.phone_token_expires_at <= deps.clock.now()) throw new AppError('TokenExpired', 'This check-in link has expired.');
  return row;
}

/** Phone: what the link's check-in still needs (no names beyond the first, no other data). */
export async function phoneView(deps: Deps, token: string) {
  const row = await checkInByToken(deps, token);
  const { appt } = await appointmentContext(deps.db, row.appointment_id);
  const uploaded = new Set((await photosOf(deps.db, row.id)).map((p) => p.kind));
  return {
    examCode: appt.code, candidateFirstName: appt.legal_name.split(/\s+/)[0] ?? '', expiresAt: row.phone_token_expires_at!.toISOString(),
    photos: (row.required_photos as PhotoKind[]).map((kind) => ({ kind, label: photoLabels[kind], uploaded: uploaded.has(kind) && !row.retake_photos.includes(kind), retake: row.retake_photos.includes(kind) })),
  };
}

async function storePhoto(deps: Deps, row: CheckInRow, kind: PhotoKind, bytes: Buffer, via: 'desktop' | 'phone'): Promise<void> {
  if (!(row.required_photos as string[]).includes(kind)) throw new AppError('ValidationFailed', `This check-in does not ask for a ${photoLabels[kind].toLowerCase()} photo.`, { in: 'params', issues: [{ path: ['kind'], message: 'Not required.' }] });
  if (row.status !== 'in_progress' && row.status !== 'retake_requested') throw new AppError('Conflict', 'Photos can no longer be changed: the check-in was sent for review.');
  const clean = await reencodePhoto(bytes);
  const key = await deps.blobs.put(clean.data, 'jpg');
  const old = await deps.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('checkins').select('status').where('id', '=', row.id).forUpdate().executeTakeFirstOrThrow();
    if (current.status !== 'in_progress' && current.status !== 'retake_requested') return key; // lost a race with submit: drop the new file
    const previous = await trx.selectFrom('checkin_photos').select('blob_key').where('checkin_id', '=', row.id).where('kind', '=', kind).executeTakeFirst();
    await trx.insertInto('checkin_photos').values({ checkin_id: row.id, kind, blob_key: key, width: clean.width, height: clean.height, via, uploaded_at: deps.clock.now() })
      .onConflict((oc) => oc.columns(['checkin_id', 'kind']).doUpdateSet({ blob_key: key, width: clean.width, height: clean.height, via, uploaded_at: deps.clock.now() })).execute();
    await trx.updateTable('checkins').set({ retake_photos: row.retake_photos.filter((k) => k !== kind), updated_at: deps.clock.now() }).where('id', '=', row.id).execute();
    return previous?.blob_key ?? null;
  });
  if (old !== key) publishCheckIn(deps, row, { queueMoved: false });
  // The replaced (or refused) file is deleted after the commit, so a failure never leaves a photo row without its file.
  if (old) await deps.blobs.delete(old);
}

/** Candidate (desktop camera): uploads or replaces one photo. */
export async function uploadPhoto(deps: Deps, principal: Principal | null, id: string, kind: PhotoKind, bytes: Buffer): Promise<CheckIn> {
  const actor = requireRole(principal, []);
  await storePhoto(deps, await getOwnCheckIn(deps.db, actor.userId, id), kind, bytes, 'desktop');
  return present(deps, deps.db, await getOwnCheckIn(deps.db, actor.userId, id));
}

/** Phone (capability link): uploads or replaces one photo. */
export async function uploadPhonePhoto(deps: Deps, token: string, kind: PhotoKind, bytes: Buffer) {
  await storePhoto(deps, await checkInByToken(deps, token), kind, bytes, 'phone');
  return phoneView(deps, token);
}

/** Candidate: sends the check-in to the greeter queue once the rules are accepted and every photo is there. */
export async function submitCheckIn(deps: Deps, principal: Principal | null, id: string): Promise<CheckIn> {
  const actor = requireRole(principal, []);
  const checkIn = await deps.db.transaction().execute(async (trx) => {
    const row = await getOwnCheckIn(trx, actor.userId, id, true);
    const { appt, policy } = await appointmentContext(trx, row.appointment_id);
    const now = deps.clock.now();
    const w = windowState(appt.starts_at, policy, now, appt.time_zone);
    if (w.state !== 'open') throw new AppError('Conflict', w.message);
    if (!row.rules_accepted_at) throw new AppError('Conflict', "Accept the exam's rules first.");
    const uploaded = (await photosOf(trx, id)).map((p) => p.kind as PhotoKind).filter((k) => !row.retake_photos.includes(k));
    const missing = missingPhotos(row.required_photos as PhotoKind[], uploaded);
    if (missing.length) throw new AppError('Conflict', `Still needed: ${missing.map((k) => photoLabels[k].toLowerCase()).join(', ')}.`, { missing });
    const from = row.status === 'retake_requested' ? checkInTransition(row.status, 'retake') : row.status;
    const status = checkInTransition(from, 'submit');
    const submitted = await trx.updateTable('checkins').set({ status, submitted_at: now, claimed_by: null, claimed_at: null, updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    return present(deps, trx, submitted);
  });
  publishCheckIn(deps, checkIn, { queueMoved: true });
  return checkIn;
}
