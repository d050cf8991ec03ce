import { z } from 'zod';
import { Uuid } from './common.ts';

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
]);
export type LiveTopic = z.infer<typeof LiveTopic>;

/** A client-chosen reference that ties replies and events to one subscription. */
const Ref = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);

export const LiveClientMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('subscribe'), ref: Ref, topic: LiveTopic }),
  z.strictObject({ type: z.literal('unsubscribe'), ref: Ref }),
  z.strictObject({ type: z.literal('ping') }),
]);
export type LiveClientMessage = z.infer<typeof LiveClientMessage>;

/** What changed: enough to decide whether to refetch, nothing more. */
export const LiveEvent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('checkin.changed'), id: Uuid, status: z.string() }),
  z.object({ kind: z.literal('queue.changed') }),
]);
export type LiveEvent = z.infer<typeof LiveEvent>;

export const LiveServerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('subscribed'), ref: Ref }),
  z.object({ type: z.literal('event'), ref: Ref, event: LiveEvent }),
  z.object({ type: z.literal('error'), ref: Ref.nullable(), code: z.string(), message: z.string() }),
  z.object({ type: z.literal('pong') }),
]);
export type LiveServerMessage = z.infer<typeof LiveServerMessage>;
