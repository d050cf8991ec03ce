import { z } from 'zod';
import { Uuid } from './common.ts';
import { JournalAck, JournalEntry } from './delivery.ts';

/**
 * The live WebSocket (`/api/v1/live`, one per browser tab). The client subscribes to topics; the server says when
 * something under a topic changed, and the client refetches it over HTTP (where authorization and presentation
 * live), so a message never carries personal data. On every (re)connect the client refetches too, since messages
 * sent while it was away are not replayed.
 */
export const LiveTopic = z.discriminatedUnion('kind', [
  /** The candidate's own check-in (photos arriving from the phone, the greeter's decision). */
  z.strictObject({ kind: z.literal('checkin'), id: Uuid }),
  /** The check-in behind a phone link (the link is the permission). */
  z.strictObject({ kind: z.literal('phone'), token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) }),
  /** Staff: the greeter queue (arrivals, claims, decisions). */
  z.strictObject({ kind: z.literal('greeter-queue') }),
  /** An exam attempt: its candidate, or staff (status, proctor, warning, chat). */
  z.strictObject({ kind: z.literal('attempt'), id: Uuid }),
  /** A proctor's console: their sessions (assigned, released, changed) and their chat. */
  z.strictObject({ kind: z.literal('proctor-live') }),
]);
export type LiveTopic = z.infer<typeof LiveTopic>;

/** A client-chosen reference that ties replies and events to one subscription. */
const Ref = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);

/**
 * WebRTC signalling between a candidate and the proctor assigned to their attempt. `request` (proctor → candidate)
 * asks for a fresh connection (the candidate then offers); `hangup` closes it. SDP and candidates are passed through.
 */
const LinkId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);

export const SignalData = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('request') }),
  // `link` names one peer connection (the candidate picks it with each offer): an answer or candidate meant for an
  // earlier connection is ignored instead of breaking the current one.
  z.strictObject({ kind: z.literal('offer'), link: LinkId, sdp: z.string().max(20_000) }),
  z.strictObject({ kind: z.literal('answer'), link: LinkId, sdp: z.string().max(20_000) }),
  z.strictObject({ kind: z.literal('ice'), link: LinkId, candidate: z.string().max(1000), sdpMid: z.string().max(64).nullable(), sdpMLineIndex: z.number().int().min(0).max(64).nullable() }),
  z.strictObject({ kind: z.literal('hangup') }),
]);
export type SignalData = z.infer<typeof SignalData>;

export const LiveClientMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('subscribe'), ref: Ref, topic: LiveTopic }),
  z.strictObject({ type: z.literal('unsubscribe'), ref: Ref }),
  z.strictObject({ type: z.literal('ping') }),
  /** To the other side of an attempt's video: the candidate to their proctor, the assigned proctor to the candidate. */
  z.strictObject({ type: z.literal('signal'), attemptId: Uuid, data: SignalData }),
  /**
   * The candidate saves journal entries over the socket, exactly as `POST /api/v1/attempts/{id}/journal` does (same
   * checks, same acknowledgement after the commit); the answer is `saved` or `error` with the same `ref`. One
   * long-lived connection per exam tab instead of a request per save; the HTTP route stays for every other client.
   */
  z.strictObject({ type: z.literal('save'), ref: Ref, attemptId: Uuid, entries: z.array(JournalEntry).max(500) }),
]);
export type LiveClientMessage = z.infer<typeof LiveClientMessage>;

/** What changed: enough to decide whether to refetch, nothing more. */
export const LiveEvent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('checkin.changed'), id: Uuid, status: z.string() }),
  z.object({ kind: z.literal('queue.changed') }),
  // `from`: who wrote a chat message (the candidate, or staff).
  z.object({ kind: z.literal('attempt.changed'), id: Uuid, what: z.enum(['status', 'proctor', 'warning', 'chat', 'event']), from: z.enum(['candidate', 'staff']).optional() }),
  z.object({ kind: z.literal('sessions.changed') }),
]);
export type LiveEvent = z.infer<typeof LiveEvent>;

export const LiveServerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('subscribed'), ref: Ref }),
  z.object({ type: z.literal('event'), ref: Ref, event: LiveEvent }),
  /** `status` and `details`: what the HTTP route would have answered (for a refused save). `retryOverHttp`: the socket
   * could not decide this save (e.g. Safe Exam Browser checks need the HTTP request); send it over HTTP instead. */
  z.object({ type: z.literal('error'), ref: Ref.nullable(), code: z.string(), message: z.string(), status: z.number().int().optional(), details: z.unknown().optional(), retryOverHttp: z.boolean().optional() }),
  z.object({ type: z.literal('saved'), ref: Ref, ack: JournalAck }),
  z.object({ type: z.literal('pong') }),
  z.object({ type: z.literal('signal'), attemptId: Uuid, from: z.enum(['candidate', 'proctor']), data: SignalData }),
]);
export type LiveServerMessage = z.infer<typeof LiveServerMessage>;
