import { z } from 'zod';
import type { ExamPolicy } from '../../core/catalog/policy.ts';
import type { Db } from '../platform/db/database.ts';
import type { Deps } from '../platform/deps.ts';
import { defineJob, enqueueJob, enqueueJobs, type JobDefinition } from '../platform/jobs.ts';
import { recomputeCapacity } from '../scheduling/recompute-capacity.ts';
import { publishCheckIn } from '../live/channels.ts';
import { noShowEmail, reminderEmail, type ReminderKind } from './emails.ts';
import { holdExpiryJob } from './hold-seat.ts';
import { appointmentMail } from './notify.ts';
import { enqueueEmail } from '../platform/mail.ts';
import { getExamById, latestSystemTestOf, recordAppointmentEvent, type AppointmentRow } from './repository.ts';
import { builtInPayments } from './payments.ts';

const hour = 3_600_000;

// Each appointment job carries the start it was scheduled for: after a reschedule the old jobs find a different
// start and do nothing, and the new ones (with new unique keys) take over. That makes every job idempotent.
const AppointmentJob = z.object({ appointmentId: z.uuid(), startsAt: z.iso.datetime() });

async function stillDue(trx: Db, payload: z.infer<typeof AppointmentJob>): Promise<AppointmentRow | undefined> {
  const row = await trx.selectFrom('appointments').selectAll().where('id', '=', payload.appointmentId).forUpdate().executeTakeFirst();
  if (!row || row.status !== 'booked' || row.starts_at.getTime() !== Date.parse(payload.startsAt)) return undefined;
  return row;
}

function reminderJob(kind: ReminderKind): JobDefinition {
  return defineJob({
    name: `booking.reminder.${kind}`,
    version: 1,
    schema: AppointmentJob,
    async handler(deps, trx, payload) {
      const row = await stillDue(trx, payload);
      if (!row) return;
      const [m, test, { policy }] = await Promise.all([appointmentMail(deps, trx, row), latestSystemTestOf(trx, row.candidate_id), getExamById(trx, row.exam_id)]);
      const mailTest = test ? { ...test, validUntil: new Date(test.createdAt.getTime() + policy.systemTest.validDays * 86_400_000) } : null;
      await enqueueEmail(trx, deps, reminderEmail(kind, m.to, m.name, m.zone, m.appointment, mailTest));
      await recordAppointmentEvent(trx, deps.clock.now(), { appointmentId: row.id, actorId: null, kind: `reminder.${kind}` });
      deps.mailPoke();
    },
  });
}

export const systemTestReminderJob = reminderJob('system-test');
export const dayBeforeReminderJob = reminderJob('day-before');
export const checkInReminderJob = reminderJob('check-in');

/** Job: when check-in closes and the candidate never checked in, the appointment is a no-show and the fee is forfeited. */
export const noShowJob = defineJob({
  name: 'booking.no-show',
  version: 1,
  schema: AppointmentJob,
  async handler(deps, trx, payload, afterCommit) {
    const row = await stillDue(trx, payload);
    if (!row) return;
    // A candidate whose check-in reached the greeters in time is not a no-show, however long the queue took.
    const checkin = await trx.selectFrom('checkins').select(['id', 'status']).where('appointment_id', '=', row.id).executeTakeFirst();
    if (checkin && checkin.status !== 'in_progress' && checkin.status !== 'expired') return;
    const now = deps.clock.now();
    // A check-in still being put together when the window closes ends with the appointment.
    if (checkin?.status === 'in_progress') {
      await trx.updateTable('checkins').set({ status: 'expired', phone_token_hash: null, updated_at: now }).where('appointment_id', '=', row.id).execute();
      afterCommit(() => publishCheckIn(deps, { id: checkin.id, status: 'expired' }, { queueMoved: false }));
    }
    const forfeit = Number(row.paid_minor) - Number(row.refunded_minor);
    await trx.updateTable('appointments').set({ status: 'no_show', forfeited_minor: forfeit, updated_at: now }).where('id', '=', row.id).execute();
    if (forfeit > 0) {
      await trx.insertInto('ledger_entries').values({ appointment_id: row.id, candidate_id: row.candidate_id, kind: 'forfeit', amount_minor: forfeit, currency: row.currency, provider: builtInPayments.id, reference: 'no-show', created_at: now }).execute();
    }
    await recordAppointmentEvent(trx, now, { appointmentId: row.id, actorId: null, kind: 'no_show' });
    const m = await appointmentMail(deps, trx, { ...row, status: 'no_show' });
    await enqueueEmail(trx, deps, noShowEmail(m.to, m.name, m.zone, m.appointment, forfeit));
    deps.mailPoke();
  },
});

/** Job: once a day, recompute every program's capacity so the horizon moves forward; schedules the next run. */
export const extendCapacityJob = defineJob({
  name: 'scheduling.extend-capacity',
  version: 1,
  schema: z.object({ day: z.iso.date() }),
  async handler(deps, trx, { day }) {
    const programs = await trx.selectFrom('shift_rules').select('program_id').distinct().execute();
    for (const p of programs) await recomputeCapacity(deps, trx, p.program_id);
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + 24 * hour);
    await enqueueJob(trx, deps, extendCapacityJob, { day: next.toISOString().slice(0, 10) }, { runAt: new Date(next.getTime() + 30 * 60_000), uniqueKey: `extend-capacity:${next.toISOString().slice(0, 10)}` });
  },
});

/** Makes sure today's capacity extension is scheduled (called when the job runner starts). */
export async function scheduleRecurringJobs(deps: Deps): Promise<void> {
  const today = deps.clock.now().toISOString().slice(0, 10);
  await enqueueJob(deps.db, deps, extendCapacityJob, { day: today }, { runAt: deps.clock.now(), uniqueKey: `extend-capacity:${today}` });
}

/** Schedules the reminders (48 h, 24 h, check-in opening) and the no-show check of a booked appointment. */
export async function scheduleAppointmentJobs(trx: Db, deps: Pick<Deps, 'ids' | 'clock'>, row: AppointmentRow, policy: ExamPolicy): Promise<void> {
  const start = row.starts_at.getTime();
  const payload = { appointmentId: row.id, startsAt: row.starts_at.toISOString() };
  const now = deps.clock.now().getTime();
  const plan: [JobDefinition, number][] = [
    [systemTestReminderJob, start - 48 * hour],
    [dayBeforeReminderJob, start - 24 * hour],
    [checkInReminderJob, start - policy.checkIn.opensMinutesBefore * 60_000],
    [noShowJob, start + policy.checkIn.closesMinutesAfter * 60_000],
  ];
  // A reminder whose moment has passed (a late booking) is skipped rather than sent late.
  await enqueueJobs(trx, deps, plan.filter(([job, at]) => job === noShowJob || at > now)
    .map(([job, at]) => ({ job, payload, runAt: new Date(at), uniqueKey: `${job.name}:${row.id}:${payload.startsAt}` })));
}

/** Every job kind the booking and scheduling capabilities define. */
export const bookingJobs: JobDefinition[] = [holdExpiryJob, systemTestReminderJob, dayBeforeReminderJob, checkInReminderJob, noShowJob, extendCapacityJob];
