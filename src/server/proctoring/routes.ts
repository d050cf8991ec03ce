import { z } from 'zod';
import {
  AttemptProctoring, ChatList, ChatMessage, EndRecordingBody, EndedRecording, HandoverBody, ProctorLive, ReadChatBody, RecordingChunkAck, RecordingChunkParams, SendChatBody,
  SessionRecordings, SignedQuery, StartRecordingBody, StartedRecording, Timeline,
} from '../../contracts/proctoring.ts';
import { Uuid } from '../../contracts/common.ts';
import type { Deps } from '../platform/deps.ts';
import { route, type AnyRoute } from '../platform/http/route.ts';
import { getAttemptProctoring } from './attempt-proctoring.ts';
import { listChat, readChat, sendChat } from './chat.ts';
import { getSnapshot, saveSnapshot, snapshotLimits } from './snapshots.ts';
import { endRecording, listRecordings, recordingFile, recordingLimits, startRecording, uploadRecordingChunk } from './recordings.ts';
import { getProctorConsole, getTimeline, handOverSession, proctorHeartbeat, setAccepting } from './console.ts';

const tags = ['proctoring'];
const IdParams = z.strictObject({ id: Uuid });
const signedIn = [] as const;
const RecordingParams = z.strictObject({ id: Uuid, recordingId: Uuid });

/** One `bytes=a-b` range of a file of `size` bytes (a single range: what video players ask for), or null for all of it. */
export function byteRange(header: string | undefined, size: number): { start: number; end: number } | null | 'unsatisfiable' {
  const m = header?.match(/^bytes=(\d*)-(\d*)$/);
  if (!m || (m[1] === '' && m[2] === '')) return null;
  const start = m[1] === '' ? Math.max(0, size - Number(m[2])) : Number(m[1]);
  const end = m[1] === '' || m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  return start > end || start >= size ? 'unsatisfiable' : { start, end };
}

/** Live proctoring: the proctor's console (presence, sessions, handover, timeline), chat, and the candidate's view. */
export function proctoringRoutes(deps: Deps): AnyRoute[] {
  return [
    route({ method: 'POST', url: '/api/v1/proctor/live/heartbeat', summary: "Proctor: the live console is open (every 10 s); returns the proctor's sessions", tags, access: ['proctor'], response: { status: 200, schema: ProctorLive },
      handler: async ({ principal }) => proctorHeartbeat(deps, principal) }),
    route({ method: 'GET', url: '/api/v1/proctor/live', summary: "Proctor: the proctor's sessions now", tags, access: ['proctor'], response: { status: 200, schema: ProctorLive },
      handler: async ({ principal }) => getProctorConsole(deps, principal) }),
    route({ method: 'POST', url: '/api/v1/proctor/live/sign-off', summary: 'Proctor: take no new sessions and hand the current ones to colleagues', tags, access: ['proctor'], response: { status: 200, schema: ProctorLive },
      handler: async ({ principal }) => setAccepting(deps, principal, false) }),
    route({ method: 'POST', url: '/api/v1/proctor/live/sign-on', summary: 'Proctor: take sessions again', tags, access: ['proctor'], response: { status: 200, schema: ProctorLive },
      handler: async ({ principal }) => setAccepting(deps, principal, true) }),
    route({ method: 'POST', url: '/api/v1/proctor/live/sessions/:id/handover', summary: 'Hand a session to a colleague, or to the pool (audited)', tags, access: ['proctor', 'admin'], params: IdParams, body: HandoverBody, response: { status: 204 },
      handler: async ({ principal, params, body }) => handOverSession(deps, principal, params.id, body) }),
    route({ method: 'GET', url: '/api/v1/proctor/live/sessions/:id/timeline', summary: "A session's timeline: lifecycle, lockdown events, disconnects, staff actions", tags, access: ['proctor', 'admin'], params: IdParams, response: { status: 200, schema: Timeline },
      handler: async ({ principal, params }) => getTimeline(deps, principal, params.id) }),
    route({ method: 'PUT', url: '/api/v1/attempts/:id/snapshot', summary: 'Candidate: a webcam photo while no live video path exists (snapshot mode; the newest is kept)', tags, access: signedIn, params: IdParams,
      rawBody: { contentType: 'image/jpeg', maxBytes: snapshotLimits.maxBytes, description: 'A webcam frame (JPEG, PNG or WebP; judged by content, re-encoded).' }, rateLimit: { max: 30, timeWindow: '1 minute' },
      response: { status: 200, schema: z.object({ takenAt: z.string() }) },
      handler: async ({ principal, params, body }) => saveSnapshot(deps, principal, params.id, body as unknown as Buffer) }),
    route({ method: 'GET', url: '/api/v1/proctor/live/sessions/:id/snapshot', summary: "The newest snapshot of a session's webcam", tags, access: ['proctor', 'admin'], params: IdParams, response: { status: 200, binary: 'image/jpeg', description: 'The newest webcam snapshot' },
      handler: async ({ principal, params, reply }) => {
        reply.header('cache-control', 'no-store');
        return getSnapshot(deps, principal, params.id);
      } }),
    route({ method: 'POST', url: '/api/v1/attempts/:id/recordings', summary: "Candidate: starts a session recording (webcam with sound, the shared screen, or a room re-scan)", tags, access: signedIn, params: IdParams, body: StartRecordingBody,
      rateLimit: { max: 60, timeWindow: '1 minute' }, response: { status: 201, schema: StartedRecording },
      handler: async ({ principal, params, body }) => startRecording(deps, principal, params.id, body.kind) }),
    route({ method: 'PUT', url: '/api/v1/attempts/:id/recordings/:recordingId/chunks/:seq', summary: 'Candidate: one part of a recording as the browser recorded it (WebM); a repeat changes nothing', tags, access: signedIn, params: RecordingChunkParams,
      rawBody: { contentType: 'video/webm', maxBytes: recordingLimits.maxChunkBytes, description: 'A MediaRecorder chunk (part 0 starts with the WebM header).' }, rateLimit: { max: 600, timeWindow: '1 minute' },
      response: { status: 200, schema: RecordingChunkAck },
      handler: async ({ principal, params, body }) => uploadRecordingChunk(deps, principal, params.id, params.recordingId, params.seq, body as unknown as Buffer) }),
    route({ method: 'POST', url: '/api/v1/attempts/:id/recordings/:recordingId/end', summary: 'Candidate: the recorder stopped after this many parts; returns the parts still missing', tags, access: signedIn, params: RecordingParams, body: EndRecordingBody,
      response: { status: 200, schema: EndedRecording },
      handler: async ({ principal, params, body }) => endRecording(deps, principal, params.id, params.recordingId, body.chunks) }),
    route({ method: 'GET', url: '/api/v1/proctor/live/sessions/:id/recordings', summary: "A session's recordings, each with a link that plays it for an hour (viewing is audited)", tags, access: ['proctor', 'admin'], params: IdParams,
      response: { status: 200, schema: SessionRecordings },
      handler: async ({ principal, params }) => listRecordings(deps, principal, params.id) }),
    route({ method: 'GET', url: '/api/v1/recordings/session/:id', summary: 'A session recording through a signed link (supports byte ranges, for seeking)', tags, access: 'public', params: IdParams, query: SignedQuery,
      response: { status: 200, binary: 'video/webm', description: 'The recording (WebM); 206 with a Range header' },
      handler: async ({ params, query, req, reply }) => {
        const file = await recordingFile(deps, params.id, query.exp, query.sig);
        reply.header('cache-control', 'private, no-store').header('content-disposition', 'inline').header('accept-ranges', 'bytes');
        const range = byteRange(req.headers.range, file.size);
        if (range === 'unsatisfiable') {
          reply.header('content-range', `bytes */${file.size}`).code(416);
          return Buffer.alloc(0);
        }
        if (!range) {
          reply.header('content-length', file.size);
          return file.read(0, file.size - 1);
        }
        reply.header('content-range', `bytes ${range.start}-${range.end}/${file.size}`).header('content-length', range.end - range.start + 1).code(206);
        return file.read(range.start, range.end);
      } }),
    route({ method: 'GET', url: '/api/v1/attempts/:id/proctoring', summary: 'Who proctors this attempt (first name), a warning to acknowledge, unread chat, ICE servers', tags, access: signedIn, params: IdParams, response: { status: 200, schema: AttemptProctoring },
      handler: async ({ principal, params }) => getAttemptProctoring(deps, principal, params.id) }),
    route({ method: 'GET', url: '/api/v1/attempts/:id/messages', summary: 'The chat between the candidate and the proctor', tags, access: signedIn, params: IdParams, response: { status: 200, schema: ChatList },
      handler: async ({ principal, params }) => listChat(deps, principal, params.id) }),
    route({ method: 'POST', url: '/api/v1/attempts/:id/messages', summary: 'Send a chat message (1–2,000 characters; the same id twice is stored once)', tags, access: signedIn, params: IdParams, body: SendChatBody, response: { status: 200, schema: ChatMessage },
      handler: async ({ principal, params, body }) => sendChat(deps, principal, params.id, body) }),
    route({ method: 'POST', url: '/api/v1/attempts/:id/messages/read', summary: 'Mark the chat read up to a message', tags, access: signedIn, params: IdParams, body: ReadChatBody, response: { status: 204 },
      handler: async ({ principal, params, body }) => readChat(deps, principal, params.id, body.upToSeq) }),
  ];
}
