import type { ExamPolicy } from '../../core/catalog/policy.ts';
import type { PaymentMethod } from '../../contracts/booking.ts';
import type { Db } from '../platform/db/database.ts';
import type { Deps } from '../platform/deps.ts';

export interface PaymentMethodOffer {
  id: PaymentMethod;
  label: string;
}

/**
 * Where the money for a booking comes from. A provider offers methods for an amount due and collects or refunds it
 * inside the booking transaction; what it did is written to the fee ledger by the caller. Card providers (Stripe,
 * Adyen…) implement the same interface: `collect` then confirms a payment intent created at checkout.
 */
export interface PaymentProvider {
  id: string;
  methods(due: { amountMinor: number; currency: string; coveredByVoucher: boolean }, policy: ExamPolicy): PaymentMethodOffer[];
  collect(trx: Db, deps: Pick<Deps, 'clock' | 'ids'>, req: { appointmentId: string; method: PaymentMethod; amountMinor: number; currency: string; reference: string | null }): Promise<{ reference: string | null }>;
  refund(trx: Db, deps: Pick<Deps, 'clock' | 'ids'>, req: { appointmentId: string; amountMinor: number; currency: string }): Promise<{ reference: string | null }>;
}

const invoiceNumber = (now: Date, id: string) => `INV-${now.toISOString().slice(0, 10).replace(/-/g, '')}-${id.slice(0, 8).toUpperCase()}`;

/**
 * The built-in provider: free exams, vouchers that pay the whole fee, and invoices (the candidate or their employer is
 * billed; the invoice number is the ledger reference). It moves no money itself, so collecting cannot fail.
 */
export const builtInPayments: PaymentProvider = {
  id: 'invigil',
  methods(due, policy) {
    if (due.amountMinor === 0) return [due.coveredByVoucher ? { id: 'voucher', label: 'Paid by your voucher' } : { id: 'free', label: 'Nothing to pay' }];
    return policy.booking.allowInvoice ? [{ id: 'invoice', label: 'Invoice (pay by bank transfer within 30 days)' }] : [];
  },
  async collect(_trx, deps, req) {
    if (req.method !== 'invoice') return { reference: null };
    const number = invoiceNumber(deps.clock.now(), req.appointmentId);
    return { reference: req.reference ? `${number} (PO ${req.reference})` : number };
  },
  async refund(_trx, deps, req) {
    return { reference: `CN-${deps.clock.now().toISOString().slice(0, 10).replace(/-/g, '')}-${req.appointmentId.slice(0, 8).toUpperCase()}` };
  },
};
