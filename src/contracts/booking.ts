import { z } from 'zod';
import { IsoDateTime, PageQuery, Uuid } from './common.ts';
import { Language, TimeZone } from './accounts.ts';
import { CodeParams, Currency, ExamCode } from './catalog.ts';
import { LocalDate } from './scheduling.ts';

/** Why a booking or a change is refused; `message` is plain words for the candidate. */
export const Refusal = z.object({
  code: z.enum(['ActiveAppointment', 'RetakeWait', 'InvalidationBan', 'PassLockout', 'NotPublished', 'PracticeExam', 'LanguageUnavailable', 'EmailNotVerified']),
  message: z.string(),
  until: IsoDateTime.nullable().meta({ description: 'When the refusal ends, if it does.' }),
});

export const SlotsQuery = z.strictObject({
  from: LocalDate,
  to: LocalDate.optional().meta({ description: 'Inclusive; defaults to `from`; at most 14 days after it.' }),
  tz: TimeZone.optional().meta({ description: "Zone the dates and times are read in; defaults to the candidate's profile zone." }),
  language: Language.optional().meta({ description: "Defaults to the candidate's language when the exam offers it, else the exam's first." }),
  reschedule: Uuid.optional().meta({ description: "One of the candidate's appointments being moved: its exam's rules then ignore it (it does not count as another active appointment)." }),
}).refine((q) => !q.to || q.to >= q.from, { message: '`to` is before `from`.', path: ['to'] });

export const Slot = z.object({
  startsAt: IsoDateTime,
  localTime: z.string().meta({ description: 'Start in the requested zone, `HH:MM`.' }),
  endsAt: IsoDateTime.meta({ description: 'End of the exam time, including approved extra time.' }),
});
export const SlotsResponse = z.object({
  examCode: z.string(),
  timeZone: z.string(),
  language: Language,
  durationMinutes: z.number().int(),
  extraMinutes: z.number().int().meta({ description: 'Approved extra time added to this candidate\'s appointments.' }),
  earliest: IsoDateTime.meta({ description: 'The earliest start the policy allows now.' }),
  latest: IsoDateTime.meta({ description: 'The latest start the policy allows now.' }),
  refusals: z.array(Refusal).meta({ description: 'Why this candidate cannot book now (empty: they can).' }),
  notes: z.array(z.string()).meta({ description: 'Plain-words notes, e.g. why the earliest time is later than usual (a retake wait).' }),
  days: z.array(z.object({ date: LocalDate, slots: z.array(Slot) })),
});

export const Price = z.object({ amountMinor: z.number().int(), currency: Currency });

export const HoldBody = z.strictObject({ examCode: ExamCode, startsAt: IsoDateTime, language: Language });
export const Hold = z.object({
  id: Uuid,
  examCode: z.string(),
  examTitle: z.string(),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  language: Language,
  extraMinutes: z.number().int(),
  expiresAt: IsoDateTime,
  secondsLeft: z.number().int().meta({ description: 'Seconds until the hold lapses, by the server clock.' }),
  status: z.enum(['active', 'released', 'expired', 'booked']),
  price: Price,
}).meta({ id: 'Hold' });
export type Hold = z.infer<typeof Hold>;
export const HoldResponse = z.object({ hold: Hold });

export const paymentMethods = ['free', 'voucher', 'invoice'] as const;
export const PaymentMethod = z.enum(paymentMethods);
export type PaymentMethod = z.infer<typeof PaymentMethod>;

export const QuoteBody = z.strictObject({ code: z.string().trim().max(40).nullable().optional() });
export const Quote = z.object({
  priceMinor: z.number().int(),
  discountMinor: z.number().int(),
  voucherMinor: z.number().int(),
  dueMinor: z.number().int(),
  currency: Currency,
  code: z.object({ code: z.string(), kind: z.enum(['voucher', 'discount']), description: z.string() }).nullable(),
  methods: z.array(z.object({ id: PaymentMethod, label: z.string() })).meta({ description: 'How the amount due can be paid.' }),
}).meta({ id: 'Quote' });

export const AppointmentBody = z.strictObject({
  holdId: Uuid,
  code: z.string().trim().max(40).nullable().optional().meta({ description: 'A voucher or discount code.' }),
  paymentMethod: PaymentMethod.meta({ description: 'Must be one the quote offers.' }),
  invoiceReference: z.string().trim().max(100).nullable().optional().meta({ description: 'A purchase-order number printed on the invoice.' }),
});
export const IdempotencyHeader = z.string().min(8).max(100).regex(/^[A-Za-z0-9_.:-]+$/, 'Letters, digits and _ . : - only.');
export const BookingHeaders = z.object({
  'idempotency-key': IdempotencyHeader.optional().meta({ description: 'A unique key per checkout (e.g. a UUID). A retry with the same key returns the first answer instead of booking again.' }),
});

export const appointmentStatuses = ['booked', 'checked_in', 'completed', 'cancelled', 'no_show'] as const;
export const Fee = z.object({
  priceMinor: z.number().int(),
  discountMinor: z.number().int(),
  voucherMinor: z.number().int(),
  paidMinor: z.number().int().meta({ description: 'Paid or invoiced.' }),
  refundedMinor: z.number().int(),
  forfeitedMinor: z.number().int(),
  currency: Currency,
  method: PaymentMethod,
  code: z.string().nullable(),
});
export const Appointment = z.object({
  id: Uuid,
  examCode: z.string(),
  examTitle: z.string(),
  programName: z.string(),
  language: Language,
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  durationMinutes: z.number().int(),
  extraMinutes: z.number().int(),
  status: z.enum(appointmentStatuses),
  checkInOpensAt: IsoDateTime,
  checkInClosesAt: IsoDateTime,
  changeCutoff: IsoDateTime.meta({ description: 'Free rescheduling and a full refund end here.' }),
  rescheduleCount: z.number().int(),
  reschedulesLeft: z.number().int(),
  canReschedule: z.boolean(),
  canCancel: z.boolean(),
  cancelRefund: Price.meta({ description: 'What cancelling now would refund.' }),
  changeRefusal: z.string().nullable().meta({ description: 'Why it cannot be rescheduled now, in plain words.' }),
  rescheduleViaSystemTest: z.boolean().meta({ description: 'A system test failed within 48 hours of the start: one free move is allowed now, past the cutoff and the count.' }),
  fee: Fee,
  cancelledAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
}).meta({ id: 'Appointment' });
export type Appointment = z.infer<typeof Appointment>;
export const AppointmentResponse = z.object({ appointment: Appointment });
export const AppointmentList = z.object({ appointments: z.array(Appointment) });
export const RescheduleBody = z.strictObject({ startsAt: IsoDateTime, language: Language.optional() });
export const CancelBody = z.strictObject({ reason: z.string().trim().max(500).optional() });

export const accommodationKinds = ['extra_time_minutes', 'extra_time_percent', 'screen_reader', 'other'] as const;
export const Accommodation = z.object({
  id: Uuid,
  candidateId: Uuid,
  candidateName: z.string(),
  candidateEmail: z.string(),
  kind: z.enum(accommodationKinds),
  minutes: z.number().int().nullable(),
  percent: z.number().int().nullable(),
  note: z.string(),
  status: z.enum(['requested', 'approved', 'declined', 'withdrawn']),
  decisionReason: z.string().nullable(),
  decidedAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
}).meta({ id: 'Accommodation' });
export const AccommodationList = z.object({ accommodations: z.array(Accommodation) });
export const AccommodationResponse = z.object({ accommodation: Accommodation });
export const AccommodationBody = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('extra_time_minutes'), minutes: z.number().int().min(5).max(240), note: z.string().trim().min(3).max(2000) }),
  z.strictObject({ kind: z.literal('extra_time_percent'), percent: z.number().int().min(5).max(200), note: z.string().trim().min(3).max(2000) }),
  z.strictObject({ kind: z.literal('screen_reader'), note: z.string().trim().min(3).max(2000) }),
  z.strictObject({ kind: z.literal('other'), note: z.string().trim().min(3).max(2000) }),
]);
export const AccommodationQuery = z.strictObject({ status: z.enum(['requested', 'approved', 'declined', 'withdrawn']).optional() });
export const AccommodationDecisionBody = z.strictObject({
  decision: z.enum(['approve', 'decline']),
  reason: z.string().trim().max(1000).optional(),
}).refine((b) => b.decision === 'approve' || (b.reason?.length ?? 0) >= 3, { message: 'Say why when declining.', path: ['reason'] });

export const Voucher = z.object({
  code: z.string(),
  kind: z.enum(['voucher', 'discount']).meta({ description: '`voucher`: pays the whole fee; `discount`: takes a percentage or an amount off.' }),
  percentOff: z.number().int().nullable(),
  amountOffMinor: z.number().int().nullable(),
  currency: Currency.nullable(),
  examCode: z.string().nullable().meta({ description: 'Only for this exam (null: any exam).' }),
  maxUses: z.number().int(),
  uses: z.number().int(),
  validUntil: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
}).meta({ id: 'Voucher' });
export const VoucherBody = z.strictObject({
  code: z.string().trim().toUpperCase().regex(/^[A-Z0-9-]{4,40}$/, '4–40 letters, digits or dashes.').optional().meta({ description: 'Omit to generate codes.' }),
  count: z.number().int().min(1).max(500).default(1).meta({ description: 'How many single codes to generate (when `code` is omitted).' }),
  kind: z.enum(['voucher', 'discount']),
  percentOff: z.number().int().min(1).max(100).optional(),
  amountOffMinor: z.number().int().min(1).max(100_000_000).optional(),
  currency: Currency.optional(),
  examCode: ExamCode.optional(),
  maxUses: z.number().int().min(1).max(100_000).default(1),
  validUntil: IsoDateTime.optional(),
}).refine((b) => b.kind === 'voucher' || (b.percentOff !== undefined) !== (b.amountOffMinor !== undefined), { message: 'A discount takes either a percentage or an amount off.', path: ['percentOff'] })
  .refine((b) => b.amountOffMinor === undefined || b.currency !== undefined, { message: 'Give the currency of the amount.', path: ['currency'] })
  .refine((b) => b.code === undefined || b.count === 1, { message: 'Give either one code or a count to generate.', path: ['count'] });
export const VoucherList = z.object({ vouchers: z.array(Voucher) });

export const LedgerEntry = z.object({
  id: z.number().int(),
  at: IsoDateTime,
  kind: z.enum(['fee', 'discount', 'voucher', 'payment', 'refund', 'forfeit']),
  amountMinor: z.number().int().meta({ description: 'Always positive; the kind says which way it goes.' }),
  currency: Currency,
  provider: z.string(),
  reference: z.string().nullable(),
  appointmentId: Uuid,
  candidateEmail: z.string(),
  examCode: z.string(),
}).meta({ id: 'LedgerEntry' });
export const LedgerQuery = PageQuery;
export const LedgerPage = z.object({ entries: z.array(LedgerEntry), nextBefore: z.number().int().nullable() });

export { CodeParams };
