import { z } from 'zod';
import { SystemTestSummary } from './systemcheck.ts';
import { IsoDateTime, Uuid } from './common.ts';
import { launchExceptionReasonCodes } from '../core/delivery/launch-exception.ts';

export const attemptStatuses = ['authorised', 'in_progress', 'paused', 'submitted', 'expired', 'terminated'] as const;
export const AttemptStatus = z.enum(attemptStatuses);
export type AttemptStatus = z.infer<typeof AttemptStatus>;

/**
 * Journal keys: `answer:<itemKey>` (value: chosen option ids), `flag:<itemKey>` (boolean), `strike:<itemKey>` (struck
 * option ids), `notes` (the notepad text), `position` (the item index on screen). Every change has a per-key `seq`
 * that only grows; the server keeps the highest, so replays and reordering are harmless.
 */
export const JournalKey = z.string().regex(/^(answer|flag|strike):[A-Za-z0-9_.-]{1,64}$|^(notes|position)$/, 'Not a journal key.');
export const JournalEntry = z.strictObject({
  key: JournalKey,
  value: z.union([z.array(z.string().max(64)).max(26), z.boolean(), z.string().max(20_000), z.number().int().min(0).max(1000)]),
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
});
export type JournalEntry = z.infer<typeof JournalEntry>;
export const JournalBody = z.strictObject({ entries: z.array(JournalEntry).max(500) });

/** An item as the candidate's browser receives it: no key, no rationale, no scoring. */
export const DeliveredItem = z.object({
  key: z.string().meta({ description: 'The item identifier, used in journal keys.' }),
  interaction: z.enum(['single', 'multiple']),
  stem: z.string(),
  options: z.array(z.object({ id: z.string(), html: z.string(), fixed: z.boolean().optional() })),
  optionOrder: z.array(z.string()),
  maxChoices: z.number().int(),
});

export const ProvisionalResult = z.object({
  passed: z.boolean(),
  scaledScore: z.number().int().nullable().meta({ description: 'Shown only when the policy shows provisional results.' }),
  passingScore: z.number().int(),
  note: z.string(),
}).meta({ id: 'ProvisionalResult' });
export type ProvisionalResult = z.infer<typeof ProvisionalResult>;

export const AttemptClock = z.object({
  status: AttemptStatus,
  timeLeftMs: z.number().int().meta({ description: 'Derived on the server from the start, the budget and the pauses; the browser only displays it.' }),
  serverNow: IsoDateTime,
  pausedSince: IsoDateTime.nullable().optional().meta({ description: 'When the current pause began (e.g. a break).' }),
  pausedReason: z.enum(['fullscreen', 'proctor', 'disconnect', 'warning', 'no_proctor', 'break', 'break_return', 'camera', 'screen', 'rescan']).nullable().meta({ description: 'Why a paused exam is paused: the candidate left full screen, a proctor paused it, a disconnect outlasted the grace, a proctor warning waits to be acknowledged, no proctor could watch, the candidate is on a break, back from one and waiting for the proctor, the camera or a required screen share is off, or the proctor asked for a room re-scan.' }),
});

export const Attempt = AttemptClock.extend({
  id: Uuid,
  examCode: z.string(),
  examTitle: z.string(),
  practice: z.boolean(),
  proctored: z.boolean(),
  requireFullscreen: z.boolean(),
  requireScreenShare: z.boolean().meta({ description: 'The whole screen is shared with the proctor for the whole exam.' }),
  breaks: z.object({ left: z.number().int(), maxMinutes: z.number().int(), stopsClock: z.boolean(), overrun: z.enum(['deduct', 'proctor']), locksAnswers: z.boolean() }).nullable().meta({ description: 'Breaks the candidate may still take, or null when the exam has none.' }),
  budgetMinutes: z.number().int(),
  itemCount: z.number().int().meta({ description: 'Questions in the form (the items themselves arrive only while the clock runs).' }),
  lockedItems: z.array(z.string()).meta({ description: 'Questions whose answers were locked at a break (the policy locks answered questions then).' }),
  startedAt: IsoDateTime.nullable(),
  items: z.array(DeliveredItem),
  journal: z.array(JournalEntry).meta({ description: 'Everything saved so far (answers, flags, strike-outs, notes, position).' }),
  result: ProvisionalResult.nullable(),
}).meta({ id: 'Attempt' });
export type Attempt = z.infer<typeof Attempt>;
export type DeliveredItem = z.infer<typeof DeliveredItem>;
export type AttemptClock = z.infer<typeof AttemptClock>;
export const AttemptResponse = z.object({ attempt: Attempt });

export const AttemptSummary = z.object({ id: Uuid, examCode: z.string(), examTitle: z.string(), practice: z.boolean(), status: AttemptStatus, startedAt: IsoDateTime.nullable(), endedAt: IsoDateTime.nullable(), result: ProvisionalResult.nullable() });
export type AttemptSummary = z.infer<typeof AttemptSummary>;
export const AttemptList = z.object({ attempts: z.array(AttemptSummary) });

export const JournalAck = AttemptClock.extend({
  acked: z.array(z.object({ key: z.string(), seq: z.number().int() })).meta({ description: 'Each saved (key, seq); the server holds that seq or a higher one for the key (a repeat is acknowledged too).' }),
});
export type JournalAck = z.infer<typeof JournalAck>;

export const lockdownEventKinds = ['fullscreen_exit', 'fullscreen_enter', 'visibility_hidden', 'visibility_visible', 'window_blur', 'window_focus', 'copy', 'cut', 'paste', 'context_menu', 'print', 'drag_out', 'extended_display', 'shortcut_blocked', 'camera_lost', 'camera_restored', 'screen_share_started', 'screen_share_stopped'] as const;
export const LockdownEvent = z.strictObject({
  kind: z.enum(lockdownEventKinds),
  at: IsoDateTime.meta({ description: "The browser's clock, for the timeline; the server also records when it arrived." }),
  detail: z.string().max(200).optional(),
});
export type LockdownEvent = z.infer<typeof LockdownEvent>;
export const EventsBody = z.strictObject({ events: z.array(LockdownEvent).min(1).max(100) });

export const SubmitBody = z.strictObject({ entries: z.array(JournalEntry).max(2000).default([]).meta({ description: 'Unacknowledged journal entries, saved before the submit.' }) });

export const StaffActionBody = z.strictObject({
  reason: z.string().trim().min(3).max(500).meta({ description: "One of the policy's intervention reasons (the console offers them), or the staff member's own words." }),
  note: z.string().trim().max(1000).optional().meta({ description: 'More detail for the candidate (warnings) or the reviewers (termination).' }),
  minutes: z.number().int().min(1).max(240).optional().meta({ description: 'For add-time.' }),
});

export const RescanCompleteBody = z.strictObject({ recordingId: Uuid.meta({ description: 'The room_scan recording that films the room again.' }) });

export const CodeParamsForPractice = z.strictObject({ code: z.string().trim().toUpperCase().regex(/^[A-Z0-9-]{2,26}$/) });

/** Staff: asks for a launch without the usual check-in; a second staff member must approve it. */
export const LaunchExceptionBody = z.strictObject({
  reasonCode: z.enum(launchExceptionReasonCodes).meta({ description: 'video_checkin (check-in done by video call), technical_failure (the check-in tools failed; identity checked another way) or accommodation (an approved accommodation needs another check-in).' }),
  note: z.string().trim().min(3).max(1000).meta({ description: 'What was checked and how, for the approver, the audit log and the session timeline.' }),
});

/** A launch exception: who asked and why, and who approved it (null while it waits). */
export const LaunchException = z.object({
  id: Uuid,
  appointmentId: Uuid,
  reasonCode: z.string().meta({ description: 'One of the codes LaunchExceptionBody accepts.' }),
  reason: z.string().meta({ description: 'The reason in words.' }),
  note: z.string(),
  requestedBy: z.object({ id: Uuid, name: z.string() }),
  requestedAt: IsoDateTime,
  approvedBy: z.object({ id: Uuid, name: z.string() }).nullable(),
  approvedAt: IsoDateTime.nullable(),
}).meta({ id: 'LaunchException' });
export type LaunchException = z.infer<typeof LaunchException>;
export const LaunchExceptionResponse = z.object({ exception: LaunchException });

/** An appointment as staff see it around its start: who, what, when, and whether its exam may launch. */
export const StaffAppointment = z.object({
  id: Uuid,
  candidateName: z.string(),
  candidateEmail: z.string(),
  examCode: z.string(),
  examTitle: z.string(),
  startsAt: IsoDateTime,
  checkInOpensAt: IsoDateTime,
  checkInClosesAt: IsoDateTime,
  status: z.string(),
  launchAuthorisedAt: IsoDateTime.nullable(),
  launchException: LaunchException.nullable().meta({ description: 'The newest launch exception of this appointment (waiting for a second staff member, or approved), if any.' }),
  attemptStatus: AttemptStatus.nullable(),
  systemTest: SystemTestSummary.nullable().meta({ description: "The candidate's newest system test (null: never run)." }),
  checkIn: z.object({ id: Uuid, status: z.string(), roomScanTakes: z.number().int() }).nullable().meta({ description: 'The check-in, once started; room-scan recordings are listed at /api/v1/checkins/{id}/room-scan.' }),
}).meta({ id: 'StaffAppointment' });
export const StaffAppointmentList = z.object({ appointments: z.array(StaffAppointment) });
