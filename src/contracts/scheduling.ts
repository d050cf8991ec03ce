import { z } from 'zod';
import { IsoDateTime, Uuid } from './common.ts';
import { TimeZone } from './accounts.ts';

/** A local calendar date, `YYYY-MM-DD`. */
export const LocalDate = z.iso.date();
/** A local wall-clock time on a quarter hour, `HH:MM` (00:00–23:45; `24:00` only as an end). */
export const QuarterTime = z.string().regex(/^(?:[01]\d|2[0-3]):(?:00|15|30|45)$|^24:00$/, 'A time on the quarter hour, e.g. 08:00 or 17:45.');
/** ISO weekday, 1 = Monday … 7 = Sunday. */
export const Weekday = z.number().int().min(1).max(7);

/** What a shift's proctor does: watch running exams, review check-ins, or both. */
const shiftDuties = {
  proctoring: z.boolean().meta({ description: 'Watches running exams (adds one proctor to the seat capacity).' }),
  greeting: z.boolean().meta({ description: 'Reviews check-ins (adds one greeter to the check-in capacity).' }),
};

export const ShiftRule = z.object({
  id: Uuid,
  proctorId: Uuid,
  proctorName: z.string(),
  proctorEmail: z.string(),
  programId: Uuid,
  weekdays: z.array(Weekday).meta({ description: 'ISO weekdays the shift starts on (1 = Monday).' }),
  startTime: QuarterTime,
  endTime: QuarterTime.meta({ description: 'Local end time; at or before the start time means the shift ends the next day.' }),
  timeZone: TimeZone.meta({ description: "The proctor's time zone; the shift keeps its local times across DST changes." }),
  validFrom: LocalDate,
  validUntil: LocalDate.nullable(),
  ...shiftDuties,
}).meta({ id: 'ShiftRule' });
export type ShiftRule = z.infer<typeof ShiftRule>;

export const ShiftRuleBody = z.strictObject({
  proctorId: Uuid,
  programId: Uuid,
  weekdays: z.array(Weekday).min(1).max(7).refine((w) => new Set(w).size === w.length, 'Weekdays must not repeat.'),
  startTime: QuarterTime.refine((t) => t !== '24:00', 'A shift cannot start at 24:00; use 00:00.'),
  endTime: QuarterTime,
  timeZone: TimeZone.optional().meta({ description: "Defaults to the proctor's profile time zone." }),
  validFrom: LocalDate,
  validUntil: LocalDate.nullable().optional(),
  ...shiftDuties,
}).refine((b) => b.proctoring || b.greeting, { message: 'A shift proctors, greets, or both.', path: ['proctoring'] })
  .refine((b) => !b.validUntil || b.validUntil >= b.validFrom, { message: 'The end date is before the start date.', path: ['validUntil'] });
export type ShiftRuleBody = z.infer<typeof ShiftRuleBody>;

export const ShiftException = z.object({
  id: Uuid,
  proctorId: Uuid,
  proctorName: z.string(),
  programId: Uuid,
  kind: z.enum(['add', 'cancel']).meta({ description: '`add`: an extra shift; `cancel`: time off (removes this proctor from any shift in the span).' }),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  ...shiftDuties,
  note: z.string(),
}).meta({ id: 'ShiftException' });
export type ShiftException = z.infer<typeof ShiftException>;

export const ShiftExceptionBody = z.strictObject({
  proctorId: Uuid,
  programId: Uuid,
  kind: z.enum(['add', 'cancel']),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  proctoring: z.boolean().default(true),
  greeting: z.boolean().default(true),
  note: z.string().trim().max(500).default(''),
}).refine((b) => Date.parse(b.endsAt) > Date.parse(b.startsAt), { message: 'The end is not after the start.', path: ['endsAt'] })
  .refine((b) => Date.parse(b.endsAt) - Date.parse(b.startsAt) <= 7 * 86_400_000, { message: 'One exception spans at most 7 days.', path: ['endsAt'] })
  .refine((b) => b.kind === 'cancel' || b.proctoring || b.greeting, { message: 'An extra shift proctors, greets, or both.', path: ['proctoring'] });
export type ShiftExceptionBody = z.infer<typeof ShiftExceptionBody>;

export const Proctor = z.object({ id: Uuid, name: z.string(), email: z.string(), timeZone: z.string() });

export const ShiftsQuery = z.strictObject({ programId: Uuid, proctorId: Uuid.optional() });
export const ShiftsResponse = z.object({
  proctors: z.array(Proctor).meta({ description: 'Every account with the proctor role, for the shift editor.' }),
  rules: z.array(ShiftRule),
  exceptions: z.array(ShiftException).meta({ description: 'Exceptions that end in the future.' }),
});

/** One concrete shift: a rule's occurrence or an added shift, with time off already cut out. */
export const ShiftOccurrence = z.object({
  proctorId: Uuid,
  proctorName: z.string(),
  programId: Uuid,
  programName: z.string(),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  source: z.enum(['rule', 'added']),
  ...shiftDuties,
}).meta({ id: 'ShiftOccurrence' });

export const RangeQuery = z.strictObject({
  from: LocalDate,
  to: LocalDate.meta({ description: 'Inclusive; at most 42 days after `from`.' }),
  tz: TimeZone.optional().meta({ description: "Zone the dates are read in; defaults to the user's profile zone." }),
}).refine((q) => q.to >= q.from, { message: '`to` is before `from`.', path: ['to'] });

export const OccurrencesQuery = z.strictObject({
  programId: Uuid.optional(),
  from: LocalDate,
  to: LocalDate,
  tz: TimeZone.optional(),
}).refine((q) => q.to >= q.from, { message: '`to` is before `from`.', path: ['to'] });
export const OccurrencesResponse = z.object({ timeZone: z.string(), occurrences: z.array(ShiftOccurrence) });

export const CapacityQuery = z.strictObject({
  programId: Uuid,
  from: LocalDate,
  to: LocalDate,
  tz: TimeZone.optional(),
}).refine((q) => q.to >= q.from, { message: '`to` is before `from`.', path: ['to'] });

/** One hour of the heat map. */
export const CapacityCell = z.object({
  startsAt: IsoDateTime,
  proctors: z.number().meta({ description: 'Proctors on duty for the whole hour (the fewest in any quarter hour).' }),
  greeters: z.number().meta({ description: 'Greeters on duty for the whole hour.' }),
  usedPercent: z.number().int().min(0).max(100).meta({ description: 'Share of proctor capacity booked or held, at the busiest quarter hour.' }),
  appointments: z.number().int().meta({ description: 'Booked appointments starting in this hour.' }),
});
export const CapacityResponse = z.object({
  timeZone: z.string(),
  days: z.array(z.object({ date: LocalDate, hours: z.array(CapacityCell) })),
});
export const ShiftRuleResponse = z.object({ rule: ShiftRule });
export const ShiftExceptionResponse = z.object({ exception: ShiftException });
