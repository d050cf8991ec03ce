import { randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import { AppError } from '../../core/shared/app-error.ts';
import { appendAudit } from '../platform/audit.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Db } from '../platform/db/database.ts';
import { pgErrorCode } from '../platform/db/sql-helpers.ts';
import type { VouchersTable } from '../platform/db/schema.ts';
import type { Deps } from '../platform/deps.ts';
import { getExamByCode } from '../catalog/repository.ts';

type Row = Selectable<VouchersTable>;

async function present(db: Db, rows: Row[]) {
  const examIds = [...new Set(rows.map((r) => r.exam_id).filter((x): x is string => x !== null))];
  const exams = examIds.length ? await db.selectFrom('exams').select(['id', 'code']).where('id', 'in', examIds).execute() : [];
  const codeOf = new Map(exams.map((e) => [e.id, e.code]));
  return rows.map((r) => ({
    code: r.code, kind: r.kind, percentOff: r.percent_off, amountOffMinor: r.amount_off_minor === null ? null : Number(r.amount_off_minor), currency: r.currency,
    examCode: r.exam_id ? codeOf.get(r.exam_id) ?? null : null, maxUses: r.max_uses, uses: r.uses, validUntil: r.valid_until?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
  }));
}

// Unambiguous letters and digits (no 0/O, 1/I/L), in groups a person can read out.
const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const generateCode = () => {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
};

export interface VoucherInput {
  code?: string | undefined;
  count: number;
  kind: 'voucher' | 'discount';
  percentOff?: number | undefined;
  amountOffMinor?: number | undefined;
  currency?: string | undefined;
  examCode?: string | undefined;
  maxUses: number;
  validUntil?: string | undefined;
}

/** Admin: creates one named code or `count` generated ones (audited). */
export async function createVouchers(deps: Deps, principal: Principal | null, body: VoucherInput) {
  const actor = requireRole(principal, ['admin']);
  return deps.db.transaction().execute(async (trx) => {
    const examId = body.examCode ? (await getExamByCode(trx, body.examCode)).id : null;
    const codes = body.code ? [body.code] : Array.from({ length: body.count }, generateCode);
    const now = deps.clock.now();
    let rows: Row[];
    try {
      rows = await trx.insertInto('vouchers').values(codes.map((code) => ({
        code, kind: body.kind, percent_off: body.kind === 'discount' ? body.percentOff ?? null : null, amount_off_minor: body.kind === 'discount' ? body.amountOffMinor ?? null : null,
        currency: body.kind === 'discount' && body.amountOffMinor !== undefined ? body.currency ?? null : null, exam_id: examId, max_uses: body.maxUses,
        valid_until: body.validUntil ? new Date(body.validUntil) : null, created_by: actor.userId, created_at: now,
      }))).returningAll().execute();
    } catch (err) {
      if (pgErrorCode(err) === '23505') throw new AppError('Conflict', body.code ? `The code ${body.code} already exists.` : 'A generated code collided with an existing one; try again.');
      throw err;
    }
    await appendAudit(trx, deps.clock, { actorId: actor.userId, action: 'booking.codes_created', subjectType: 'voucher', data: { count: rows.length, kind: body.kind, examCode: body.examCode ?? null, first: rows[0]?.code } });
    return present(trx, rows);
  });
}

/** Admin: every code, newest first. */
export async function listVouchers(deps: Deps, principal: Principal | null) {
  requireRole(principal, ['admin']);
  return present(deps.db, await deps.db.selectFrom('vouchers').selectAll().orderBy('created_at', 'desc').limit(1000).execute());
}

/** Admin: a page of the fee ledger, newest first. */
export async function listLedger(deps: Deps, principal: Principal | null, q: { limit: number; before?: number | undefined }) {
  requireRole(principal, ['admin']);
  let query = deps.db.selectFrom('ledger_entries').innerJoin('users', 'users.id', 'ledger_entries.candidate_id').innerJoin('appointments', 'appointments.id', 'ledger_entries.appointment_id')
    .innerJoin('exams', 'exams.id', 'appointments.exam_id')
    .select(['ledger_entries.id', 'ledger_entries.created_at', 'ledger_entries.kind', 'ledger_entries.amount_minor', 'ledger_entries.currency', 'ledger_entries.provider', 'ledger_entries.reference', 'ledger_entries.appointment_id', 'users.email', 'exams.code']);
  if (q.before) query = query.where('ledger_entries.id', '<', String(q.before));
  const rows = await query.orderBy('ledger_entries.id', 'desc').limit(q.limit + 1).execute();
  const page = rows.slice(0, q.limit);
  return {
    entries: page.map((r) => ({
      id: Number(r.id), at: r.created_at.toISOString(), kind: r.kind, amountMinor: Number(r.amount_minor), currency: r.currency, provider: r.provider,
      reference: r.reference, appointmentId: r.appointment_id, candidateEmail: r.email, examCode: r.code,
    })),
    nextBefore: rows.length > q.limit ? Number(page[page.length - 1]!.id) : null,
  };
}
