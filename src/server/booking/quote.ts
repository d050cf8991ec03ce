import { AppError } from '../../core/shared/app-error.ts';
import { applyCode, codeRefusal, type PriceBreakdown } from '../../core/booking/rules.ts';
import type { ExamPolicy } from '../../core/catalog/policy.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Db } from '../platform/db/database.ts';
import type { Deps } from '../platform/deps.ts';
import { builtInPayments, type PaymentMethodOffer } from './payments.ts';
import { getExamById, getOwnHold, type ExamRow, type HoldRow } from './repository.ts';

export interface Priced extends PriceBreakdown {
  currency: string;
  code: { code: string; kind: 'voucher' | 'discount'; description: string } | null;
  methods: PaymentMethodOffer[];
}

const normalizeCode = (code: string) => code.trim().toUpperCase();

/**
 * The price of this exam with an optional voucher or discount code, and how the rest can be paid. With `lock` the
 * code's row stays locked for the rest of the transaction (booking), so two bookings cannot both take its last use.
 */
export async function priceWith(trx: Db, exam: ExamRow, policy: ExamPolicy, code: string | null | undefined, now: Date, lock = false): Promise<Priced> {
  const price = Number(exam.price_minor);
  let terms = null;
  let described: Priced['code'] = null;
  if (code && code.trim()) {
    let q = trx.selectFrom('vouchers').selectAll().where('code', '=', normalizeCode(code));
    if (lock) q = q.forUpdate();
    const row = await q.executeTakeFirst();
    if (!row) throw new AppError('CodeInvalid', 'We do not know this code. Check it for typos.');
    terms = { kind: row.kind, percentOff: row.percent_off, amountOffMinor: row.amount_off_minor === null ? null : Number(row.amount_off_minor), currency: row.currency };
    const refusal = codeRefusal({ ...terms, examId: row.exam_id, uses: row.uses, maxUses: row.max_uses, validUntil: row.valid_until }, { id: exam.id, currency: exam.currency }, now);
    if (refusal) throw new AppError('CodeInvalid', refusal);
    const what = row.kind === 'voucher' ? 'Voucher: pays the whole fee' : row.percent_off !== null ? `${row.percent_off}% off` : `${new Intl.NumberFormat('en', { style: 'currency', currency: row.currency! }).format(Number(row.amount_off_minor) / 100)} off`;
    described = { code: row.code, kind: row.kind, description: what };
  }
  const breakdown = applyCode(price, terms);
  return {
    ...breakdown, currency: exam.currency, code: described,
    methods: builtInPayments.methods({ amountMinor: breakdown.dueMinor, currency: exam.currency, coveredByVoucher: breakdown.voucherMinor > 0 }, policy),
  };
}

/** A hold that can still be booked: active and within its time; otherwise HoldExpired in plain words. */
export function requireLiveHold(hold: HoldRow, now: Date): void {
  if (hold.status === 'active' && hold.expires_at > now) return;
  if (hold.status === 'released') throw new AppError('HoldExpired', 'This hold was released. Pick a time again.');
  if (hold.status === 'booked') throw new AppError('Conflict', 'This hold is already booked.');
  throw new AppError('HoldExpired', 'Your hold ended and the seat was released. Pick a time again.');
}

/** Candidate: the checkout quote for a held seat with an optional code. */
export async function quoteHold(deps: Deps, principal: Principal | null, holdId: string, code: string | null | undefined) {
  const actor = requireRole(principal, []);
  const hold = await getOwnHold(deps.db, actor.userId, holdId);
  const now = deps.clock.now();
  requireLiveHold(hold, now);
  const { exam, policy } = await getExamById(deps.db, hold.exam_id);
  return priceWith(deps.db, exam, policy, code, now);
}
