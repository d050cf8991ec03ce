import { z } from 'zod';
import { AttemptStatus } from './delivery.ts';
import { IsoDateTime, Uuid } from './common.ts';
import { IceServer } from './systemcheck.ts';

/** A chat message between a candidate and their proctor. The sender picks the id, so a resend is stored once. */
export const ChatMessage = z.object({
  id: Uuid,
  seq: z.number().int(),
  from: z.enum(['candidate', 'proctor', 'system']),
  senderName: z.string().nullable().meta({ description: "The proctor's first name to a candidate; the candidate's name to staff." }),
  body: z.string(),
  at: IsoDateTime,
}).meta({ id: 'ChatMessage' });
export type ChatMessage = z.infer<typeof ChatMessage>;
export const ChatList = z.object({ messages: z.array(ChatMessage), unread: z.number().int() });
export type ChatList = z.infer<typeof ChatList>;
export const SendChatBody = z.strictObject({
  id: Uuid.meta({ description: 'Chosen by the sender (a random UUID); sending the same id again changes nothing.' }),
  body: z.string().trim().min(1, 'Write a message first.').max(2000, 'A message can be at most 2,000 characters.'),
});
export const ReadChatBody = z.strictObject({ upToSeq: z.number().int().min(0) });

/** What the candidate's exam screen shows about proctoring. */
export const AttemptProctoring = z.object({
  proctored: z.boolean(),
  proctor: z.object({ id: Uuid, firstName: z.string(), since: IsoDateTime }).nullable().meta({ description: 'Who watches now (first name only), or null while a proctor is being found.' }),
  warning: z.object({ reason: z.string(), note: z.string().nullable(), at: IsoDateTime }).nullable().meta({ description: 'A warning to acknowledge; the clock is stopped until then.' }),
  endReason: z.string().nullable().meta({ description: 'Why staff ended the exam.' }),
  unread: z.number().int(),
  iceServers: z.array(IceServer),
  recording: z.object({
    session: z.boolean().meta({ description: 'The whole session is recorded (webcam, sound, a shared screen); false: only room re-scans are.' }),
    videoKbps: z.number().int(), audioKbps: z.number().int(), chunkSeconds: z.number().int(),
  }).nullable().meta({ description: "How the candidate's browser records (null: not proctored, nothing is recorded)." }),
  rescan: z.object({ reason: z.string(), requestedAt: IsoDateTime, minSeconds: z.number().int() }).nullable()
    .meta({ description: 'A room re-scan the proctor asked for: the exam is paused until it is done.' }),
});
export type AttemptProctoring = z.infer<typeof AttemptProctoring>;

/** One candidate on a proctor's console. */
export const ProctorSession = z.object({
  attemptId: Uuid,
  candidateId: Uuid,
  candidateName: z.string(),
  examCode: z.string(),
  examTitle: z.string(),
  status: AttemptStatus,
  pausedReason: z.string().nullable(),
  pausedSince: IsoDateTime.nullable().meta({ description: 'When the current pause (a break, say) began.' }),
  timeLeftMs: z.number().int(),
  serverNow: IsoDateTime,
  assignedAt: IsoDateTime.nullable(),
  lastEvent: z.object({ kind: z.string(), at: IsoDateTime }).nullable(),
  unread: z.number().int(),
  attention: z.array(z.string()).meta({ description: 'Why this candidate needs a look now (e.g. fullscreen_exit, camera_lost, help, disconnect, warning_pending), most urgent first.' }),
  warningPending: z.boolean(),
  snapshotAt: IsoDateTime.nullable().meta({ description: 'The newest webcam snapshot (snapshot mode, when no live video path exists).' }),
  addedMinutes: z.number().int(),
  maxAddMinutes: z.number().int(),
  interventionReasons: z.array(z.string()),
  cannedMessages: z.array(z.string()),
});
export type ProctorSession = z.infer<typeof ProctorSession>;

export const ProctorLive = z.object({
  accepting: z.boolean().meta({ description: 'False after signing off: the console takes no new sessions.' }),
  shift: z.object({
    onShift: z.boolean().meta({ description: 'Inside one of this proctor\'s proctoring shifts now. New sessions go to proctors on shift first; one off shift still gets those nobody on shift has room for.' }),
    until: IsoDateTime.nullable().meta({ description: 'On shift: when this stretch of shifts ends (null: not within the coming week).' }),
    next: IsoDateTime.nullable().meta({ description: 'Off shift: when the next proctoring shift starts (null: none within the coming week).' }),
  }),
  sessions: z.array(ProctorSession),
  unassigned: z.number().int().meta({ description: 'Proctored exams running without a proctor right now (all proctors full or away).' }),
  colleagues: z.array(z.object({ id: Uuid, name: z.string(), load: z.number().int(), onShift: z.boolean() })).meta({ description: 'Other proctors with their console open (handover targets).' }),
  iceServers: z.array(IceServer),
});
export type ProctorLive = z.infer<typeof ProctorLive>;

export const HandoverBody = z.strictObject({
  toProctorId: Uuid.optional().meta({ description: 'A colleague with their console open; without it the session goes to whoever has room.' }),
  note: z.string().trim().max(1000).optional(),
});

export const TimelineEntry = z.object({ kind: z.string(), at: IsoDateTime, actor: z.string().nullable(), reason: z.string().nullable(), detail: z.string().nullable() });
export const Timeline = z.object({ events: z.array(TimelineEntry) });

/** What a session recording shows: the webcam with sound, the shared screen, or a room re-scan the proctor asked for. */
export const RecordingKind = z.enum(['camera', 'screen', 'room_scan']);
export type RecordingKind = z.infer<typeof RecordingKind>;
export const StartRecordingBody = z.strictObject({ kind: RecordingKind });
export const StartedRecording = z.object({ id: Uuid, startedAt: IsoDateTime });
export const RecordingChunkParams = z.strictObject({ id: Uuid, recordingId: Uuid, seq: z.coerce.number().int().min(0).max(1_000_000) });
export const RecordingChunkAck = z.object({ recordingId: Uuid, seq: z.number().int(), stored: z.boolean().meta({ description: 'False: this part had arrived before (a repeat changes nothing).' }) });
export const EndRecordingBody = z.strictObject({ chunks: z.number().int().min(0).max(1_000_000).meta({ description: 'How many parts the recorder made (0, 1, … chunks − 1).' }) });
export const EndedRecording = z.object({ missing: z.array(z.number().int()).meta({ description: 'Parts that have not arrived: send them again.' }) });
export const SessionRecording = z.object({
  id: Uuid,
  kind: RecordingKind,
  startedAt: IsoDateTime,
  endedAt: IsoDateTime.nullable(),
  lastChunkAt: IsoDateTime.nullable(),
  chunks: z.number().int(),
  bytes: z.number().int(),
  durationMs: z.number().int().nullable(),
  state: z.enum(['assembling', 'ready', 'empty', 'deleted']).meta({ description: 'assembling: still arriving or waiting to be joined (plays from the start); ready: one seekable file; deleted: past the retention period.' }),
  seekable: z.boolean(),
  assemblyError: z.string().nullable(),
  url: z.string().nullable().meta({ description: 'A link that plays it for an hour.' }),
}).meta({ id: 'SessionRecording' });
export type SessionRecording = z.infer<typeof SessionRecording>;
export const SessionRecordings = z.object({ recordings: z.array(SessionRecording) });
export type SessionRecordings = z.infer<typeof SessionRecordings>;
export const SignedQuery = z.strictObject({ exp: z.coerce.number().int().positive(), sig: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'Not a signature.') });
