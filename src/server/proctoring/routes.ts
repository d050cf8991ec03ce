import { z } from 'zod';
import { ChatList, ChatMessage, HandoverBody, ProctorLive, ReadChatBody, SendChatBody, AttemptProctoring, Timeline } from '../../contracts/proctoring.ts';
import { Uuid } from '../../contracts/common.ts';
import type { Deps } from '../platform/deps.ts';
import { route, type AnyRoute } from '../platform/http/route.ts';
import { getAttemptProctoring } from './attempt-proctoring.ts';
import { listChat, readChat, sendChat } from './chat.ts';
import { getSnapshot, saveSnapshot, snapshotLimits } from './snapshots.ts';
import { getProctorConsole, getTimeline, handOverSession, proctorHeartbeat, setAccepting } from './console.ts';

const tags = ['proctoring'];
const IdParams = z.strictObject({ id: Uuid });
const signedIn = [] as const;

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
