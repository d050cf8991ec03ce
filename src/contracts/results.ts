import { z } from 'zod';
import { IsoDateTime, Uuid } from './common.ts';
import { PhotoKind } from './checkin.ts';
import { SessionRecording, TimelineEntry } from './proctoring.ts';

export const ResultState = z.enum(['validating', 'held', 'released', 'invalidated']);
export const DomainFeedback = z.object({ domain: z.string(), title: z.string(), percent: z.number().int(), verdict: z.enum(['meets', 'needs_improvement']) });
export const Hold = z.object({ reason: z.enum(['terminated', 'proctor_incident', 'fast_answering', 'score_jump', 'answer_similarity', 'staff']), evidence: z.string(), at: IsoDateTime });

export const AppealState = z.enum(['open', 'upheld', 'reinstated', 'retake']);
export const AppealOutcome = z.enum(['upheld', 'reinstated', 'retake']);

/** Appealing, as the candidate's score report shows it: until when they may, or their appeal and its outcome. */
export const AppealView = z.object({
  canAppealUntil: IsoDateTime.nullable().meta({ description: 'The result may be appealed until then (null: not now).' }),
  windowDays: z.number().int(),
  appeal: z.object({
    state: AppealState, statement: z.string(), filedAt: IsoDateTime, dueAt: IsoDateTime.meta({ description: 'The decision is due by then.' }),
    decidedAt: IsoDateTime.nullable(), decisionNote: z.string().nullable(), voucherCode: z.string().nullable().meta({ description: 'The free retake, as a voucher code.' }),
  }).nullable(),
});

/** A candidate's past exam, as the dashboard lists it. */
export const MyResult = z.object({
  attemptId: Uuid,
  examCode: z.string(),
  examTitle: z.string(),
  takenAt: IsoDateTime,
  state: ResultState.meta({ description: 'validating and held both read "under validation" to the candidate, who is told when it is held.' }),
  provisional: z.enum(['pass', 'fail']).nullable().meta({ description: 'The provisional result shown at the end of the exam (when the policy shows one).' }),
  passed: z.boolean().nullable().meta({ description: 'The official result, once released.' }),
  releaseAt: IsoDateTime.nullable().meta({ description: 'When it is due, while in validation and not held.' }),
  appeal: AppealState.nullable().meta({ description: 'The appeal of this result, if one was filed: open, or its outcome.' }),
}).meta({ id: 'MyResult' });
export const MyResults = z.object({ results: z.array(MyResult) });

/** The candidate's score report: the official figures once released, and everything recorded about their session. */
export const ScoreReport = MyResult.extend({
  scaledScore: z.number().int().nullable(),
  passingScore: z.number().int(),
  scale: z.object({ min: z.number().int(), max: z.number().int() }),
  domains: z.array(DomainFeedback).meta({ description: 'Feedback by domain (released results only).' }),
  candidateName: z.string(),
  releasedAt: IsoDateTime.nullable(),
  decisionNote: z.string().nullable().meta({ description: "Staff's note when a result was held, or the reason it was invalidated." }),
  session: z.array(TimelineEntry).meta({ description: 'Everything recorded about the session: lifecycle, lockdown events, disconnects, breaks, proctor actions with their reasons.' }),
  appeals: AppealView,
  mediaDays: z.number().int().nullable().meta({ description: 'Check-in photos and recordings are kept this many days after the exam (null: a session without proctoring keeps none).' }),
}).meta({ id: 'ScoreReport' });
export type ScoreReport = z.infer<typeof ScoreReport>;

/** A result in the staff validation queue, with why it is held. */
export const QueuedResult = z.object({
  attemptId: Uuid,
  candidateName: z.string(),
  candidateEmail: z.string(),
  examCode: z.string(),
  takenAt: IsoDateTime,
  state: ResultState,
  scaledScore: z.number().int(),
  passingScore: z.number().int(),
  passed: z.boolean(),
  holds: z.array(Hold),
  releaseAt: IsoDateTime,
  decisionNote: z.string().nullable(),
  invalidationRequest: z.object({ by: z.string(), byId: Uuid, at: IsoDateTime, note: z.string() }).nullable().meta({ description: 'A pending request to invalidate: a different staff member confirms it.' }),
}).meta({ id: 'QueuedResult' });
export const ResultQueue = z.object({ results: z.array(QueuedResult) });
export const ResultQueueQuery = z.strictObject({ state: z.enum(['open', 'validating', 'held', 'released', 'invalidated']).default('open').meta({ description: 'open: validating and held.' }) });
export const DecisionBody = z.strictObject({ note: z.string().trim().min(3, 'Say why (at least 3 characters).').max(2000) });
export const ReleaseBody = z.strictObject({ note: z.string().trim().max(2000).optional() });

export const AppealBody = z.strictObject({ statement: z.string().trim().min(20, 'Say what you contest and why (at least 20 characters).').max(5000) });
export const AppealFiled = z.object({ id: Uuid, dueAt: IsoDateTime });
export const AppealDecisionBody = z.strictObject({ outcome: AppealOutcome, note: z.string().trim().min(3, 'Say why (at least 3 characters).').max(2000) });
export const AppealDecided = z.object({ state: AppealOutcome, voucherCode: z.string().nullable() });

/** An appeal in the staff list. */
export const StaffAppeal = z.object({
  id: Uuid, attemptId: Uuid, state: AppealState, statement: z.string(), filedAt: IsoDateTime, dueAt: IsoDateTime, overdue: z.boolean(),
  decidedAt: IsoDateTime.nullable(), decisionNote: z.string().nullable(), voucherCode: z.string().nullable(),
  reviewer: z.object({ id: Uuid, name: z.string() }).nullable().meta({ description: 'Who reviews it (null: any admin who had no part in the session).' }),
  yours: z.boolean(),
  candidateName: z.string(), examCode: z.string(), takenAt: IsoDateTime, resultState: ResultState, scaledScore: z.number().int(), passingScore: z.number().int(), passed: z.boolean(),
}).meta({ id: 'StaffAppeal' });
export const StaffAppeals = z.object({ appeals: z.array(StaffAppeal) });

/** What was kept of the candidate's own session: check-in photos and recordings, through short-lived links. */
export const OwnMedia = z.object({
  photos: z.array(z.object({ kind: PhotoKind, url: z.string() })),
  photosDeleted: z.boolean().meta({ description: 'The check-in photos were deleted after the retention period.' }),
  recordings: z.array(SessionRecording),
}).meta({ id: 'OwnMedia' });
export type OwnMedia = z.infer<typeof OwnMedia>;
