import type { Selectable } from 'kysely';
import { AppError } from '../../core/shared/app-error.ts';
import type { accommodationKinds } from '../../contracts/booking.ts';
import { appendAudit } from '../platform/audit.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Db } from '../platform/db/database.ts';
import type { AccommodationsTable } from '../platform/db/schema.ts';
import type { Deps } from '../platform/deps.ts';

type Row = Selectable<AccommodationsTable>;
type Kind = (typeof accommodationKinds)[number];

async function present(db: Db, rows: Row[]) {
  const ids = [...new Set(rows.map((r) => r.candidate_id))];
  const users = ids.length ? await db.selectFrom('users').select(['id', 'legal_name', 'email']).where('id', 'in', ids).execute() : [];
  const byId = new Map(users.map((u) => [u.id, u]));
  return rows.map((r) => ({
    id: r.id, candidateId: r.candidate_id, candidateName: byId.get(r.candidate_id)?.legal_name ?? '', candidateEmail: byId.get(r.candidate_id)?.email ?? '',
    kind: r.kind, minutes: r.minutes, percent: r.percent, note: r.note, status: r.status, decisionReason: r.decision_reason,
    decidedAt: r.decided_at?.toISOString() ?? null, createdAt: r.created_at.toISOString(),
  }));
}

/** Candidate: their accommodation requests and decisions. */
export async function listMyAccommodations(deps: Deps, principal: Principal | null) {
  const actor = requireRole(principal, []);
  return present(deps.db, await deps.db.selectFrom('accommodations').selectAll().where('candidate_id', '=', actor.userId).orderBy('created_at', 'desc').execute());
}

/** Candidate: asks for an accommodation; an admin decides. Approved ones apply to every later booking. */
export async function requestAccommodation(deps: Deps, principal: Principal | null, body: { kind: Kind; minutes?: number; percent?: number; note: string }) {
  const actor = requireRole(principal, []);
  const open = await deps.db.selectFrom('accommodations').select('id').where('candidate_id', '=', actor.userId).where('kind', '=', body.kind).where('status', '=', 'requested').executeTakeFirst();
  if (open) throw new AppError('Conflict', 'You already have a pending request of this kind. Withdraw it first to change it.');
  const row = await deps.db.insertInto('accommodations').values({
    id: deps.ids.uuid(), candidate_id: actor.userId, kind: body.kind, minutes: body.minutes ?? null, percent: body.percent ?? null, note: body.note,
    status: 'requested', created_at: deps.clock.now(),
  }).returningAll().executeTakeFirstOrThrow();
  return (await present(deps.db, [row]))[0]!;
}

/** Candidate: withdraws a request (pending or approved; later bookings then get no extra time from it). */
export async function withdrawAccommodation(deps: Deps, principal: Principal | null, id: string) {
  const actor = requireRole(principal, []);
  const row = await deps.db.updateTable('accommodations').set({ status: 'withdrawn' }).where('id', '=', id).where('candidate_id', '=', actor.userId)
    .where('status', 'in', ['requested', 'approved']).returningAll().executeTakeFirst();
  if (!row) {
    const exists = await deps.db.selectFrom('accommodations').select('status').where('id', '=', id).where('candidate_id', '=', actor.userId).executeTakeFirst();
    if (!exists) throw new AppError('NotFound', 'No such accommodation request.');
    throw new AppError('Conflict', `This request is already ${exists.status}.`);
  }
  return (await present(deps.db, [row]))[0]!;
}

/** Admin: the accommodation queue (default: waiting for a decision), oldest first. */
export async function listAccommodations(deps: Deps, principal: Principal | null, q: { status?: Row['status'] | undefined }) {
  requireRole(principal, ['admin']);
  return present(deps.db, await deps.db.selectFrom('accommodations').selectAll().where('status', '=', q.status ?? 'requested').orderBy('created_at').limit(500).execute());
}

/** Admin: approves or declines a pending request (audited). */
export async function decideAccommodation(deps: Deps, principal: Principal | null, id: string, body: { decision: 'approve' | 'decline'; reason?: string | undefined }) {
  const actor = requireRole(principal, ['admin']);
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const row = await trx.updateTable('accommodations').set({
      status: body.decision === 'approve' ? 'approved' : 'declined', decision_reason: body.reason ?? null, decided_by: actor.userId, decided_at: now,
    }).where('id', '=', id).where('status', '=', 'requested').returningAll().executeTakeFirst();
    if (!row) {
      const exists = await trx.selectFrom('accommodations').select('status').where('id', '=', id).executeTakeFirst();
      if (!exists) throw new AppError('NotFound', 'No such accommodation request.');
      throw new AppError('Conflict', `This request was already ${exists.status}.`);
    }
    await appendAudit(trx, deps.clock, { actorId: actor.userId, action: `booking.accommodation_${row.status}`, subjectType: 'accommodation', subjectId: id, data: { candidateId: row.candidate_id, kind: row.kind, minutes: row.minutes, percent: row.percent } });
    return (await present(trx, [row]))[0]!;
  });
}
