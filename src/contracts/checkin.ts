import { z } from 'zod';
import { IsoDateTime, Uuid } from './common.ts';
import { SystemTestSummary } from './systemcheck.ts';

export const photoKindValues = ['headshot', 'id_front', 'id_back', 'room_front', 'room_back', 'room_left', 'room_right'] as const;
export const PhotoKind = z.enum(photoKindValues);
export const checkInStatusValues = ['in_progress', 'submitted', 'in_review', 'approved', 'retake_requested', 'rejected', 'room_scan', 'completed', 'expired'] as const;

export const CheckInPhoto = z.object({
  kind: PhotoKind,
  label: z.string(),
  uploaded: z.boolean(),
  url: z.string().nullable().meta({ description: 'A signed link valid for a few minutes.' }),
  retake: z.boolean().meta({ description: 'The greeter asked for this photo again.' }),
});

export const CheckInHelp = z.object({
  requestedAt: IsoDateTime,
  message: z.string(),
  reply: z.string().nullable(),
  repliedAt: IsoDateTime.nullable(),
});
export const HelpBody = z.strictObject({ message: z.string().trim().min(3, 'Say in a few words what the problem is.').max(500) });
export const HelpReplyBody = z.strictObject({ reply: z.string().trim().min(2).max(500) });

export const CheckIn = z.object({
  id: Uuid,
  appointmentId: Uuid,
  status: z.enum(checkInStatusValues),
  window: z.object({ state: z.enum(['not_yet', 'open', 'closed']), opensAt: IsoDateTime, closesAt: IsoDateTime, message: z.string() }),
  rules: z.array(z.object({ heading: z.string(), rules: z.array(z.string()) })),
  rulesAccepted: z.boolean(),
  photos: z.array(CheckInPhoto),
  canSubmit: z.boolean(),
  queue: z.object({ position: z.number().int(), etaMs: z.number().int(), etaLowMs: z.number().int(), etaHighMs: z.number().int() }).nullable(),
  decisionReason: z.string().nullable(),
  roomScan: z.object({
    required: z.boolean(),
    minSeconds: z.number().int(),
    take: z.number().int().meta({ description: 'The current take (0: not started); a reload starts a new one.' }),
    chunks: z.number().int().meta({ description: 'Chunks of the current take received so far.' }),
    startedAt: IsoDateTime.nullable(),
    completedAt: IsoDateTime.nullable(),
  }),
  canLaunch: z.boolean().meta({ description: 'Check-in is complete: the exam may start.' }),
  help: CheckInHelp.nullable().meta({ description: 'The last "ask for help" and the greeter\'s answer.' }),
}).meta({ id: 'CheckIn' });
export type CheckIn = z.infer<typeof CheckIn>;
export const CheckInResponse = z.object({ checkIn: CheckIn });

export const PhoneLink = z.object({ url: z.string(), expiresAt: IsoDateTime });
export const PhoneParams = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'Not a check-in link.') });
export const PhotoParams = z.strictObject({ id: Uuid, kind: PhotoKind });
export const PhonePhotoParams = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'Not a check-in link.'), kind: PhotoKind });
export const PhoneView = z.object({
  examCode: z.string(),
  candidateFirstName: z.string(),
  expiresAt: IsoDateTime,
  photos: z.array(z.object({ kind: PhotoKind, label: z.string(), uploaded: z.boolean(), retake: z.boolean() })),
});

export const QueueEntry = z.object({ id: Uuid, candidateName: z.string(), examCode: z.string(), submittedAt: IsoDateTime, waitingMs: z.number().int(), startsAt: IsoDateTime });
export const HelpRequest = z.object({
  id: Uuid, candidateName: z.string(), candidateEmail: z.string(), examCode: z.string(), status: z.enum(checkInStatusValues),
  message: z.string(), requestedAt: IsoDateTime, startsAt: IsoDateTime,
});
export const GreeterQueue = z.object({
  entries: z.array(QueueEntry),
  inReview: z.number().int(),
  helpRequests: z.array(HelpRequest).meta({ description: 'Candidates asking for help (not yet answered), oldest first.' }),
});
export const CheckInReview = z.object({
  id: Uuid,
  candidateLegalName: z.string(),
  candidateEmail: z.string(),
  examCode: z.string(),
  examTitle: z.string(),
  startsAt: IsoDateTime,
  submittedAt: IsoDateTime,
  photos: z.array(CheckInPhoto),
  rejectReasons: z.array(z.string()),
  systemTest: SystemTestSummary.nullable().meta({ description: "The candidate's newest system test (null: never run)." }),
}).meta({ id: 'CheckInReview' });
export const CheckInReviewResponse = z.object({ review: CheckInReview.nullable() });
export const DecisionResult = z.object({ status: z.enum(checkInStatusValues) });
export const DecisionBody = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('approve') }),
  z.strictObject({ decision: z.literal('retake'), photos: z.array(PhotoKind).min(1), reason: z.string().trim().min(3).max(500) }),
  z.strictObject({ decision: z.literal('reject'), reason: z.string().trim().min(3).max(500) }),
]);

export const ScanTakeParams = z.strictObject({ id: Uuid, take: z.coerce.number().int().min(1).max(1000) });
export const ScanChunkParams = z.strictObject({ id: Uuid, take: z.coerce.number().int().min(1).max(1000), seq: z.coerce.number().int().min(0).max(100_000) });
export const ScanChunkAck = z.object({ take: z.number().int(), seq: z.number().int(), chunks: z.number().int(), bytes: z.number().int() });
export const ScanCompleteBody = z.strictObject({ chunks: z.number().int().min(1).max(100_000) });
export const RoomScanTakes = z.object({
  mediaPurgedAt: IsoDateTime.nullable().meta({ description: 'When the recordings were deleted at the end of the retention period.' }),
  takes: z.array(z.object({
    take: z.number().int(), chunks: z.number().int(), bytes: z.number().int(), firstChunkAt: IsoDateTime, lastChunkAt: IsoDateTime,
    completed: z.boolean(), url: z.string().meta({ description: 'Plays the take (WebM); a signed link valid for 15 minutes.' }),
  })),
});
export const RecordingQuery = z.strictObject({ exp: z.coerce.number().int().positive(), sig: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'Not a signature.') });
