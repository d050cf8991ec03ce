import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findUnstorableText } from '../../core/shared/text.ts';
import fastifyWebsocket from '@fastify/websocket';
import type { WebSocket } from 'ws';
import { LiveClientMessage, type LiveEvent, type LiveServerMessage, type LiveTopic } from '../../contracts/live.ts';
import { AppError } from '../../core/shared/app-error.ts';
import { hasAnyRole } from '../../core/accounts/roles.ts';
import type { Principal } from '../platform/auth.ts';
import type { BusMessage } from '../platform/bus.ts';
import type { Deps } from '../platform/deps.ts';
import { hashSecret } from '../platform/secrets.ts';
import { checkInChannel, greeterQueueChannel } from './channels.ts';

/** Limits per socket: a tab needs a handful of topics; anything far beyond is a bug or abuse. */
const maxSubscriptions = 20;
const maxMessagesPerMinute = 120;
const heartbeatMs = 30_000;

interface Subscription {
  stops: (() => void)[];
}

/** What a subscription listens to, once the topic is authorised: bus channels and how to turn messages into events. */
interface Plan {
  channels: { channel: string; toEvent: (m: BusMessage) => LiveEvent | null }[];
}

const staffRoles = ['proctor', 'admin'] as const;

const checkInEvent = (m: BusMessage): LiveEvent | null =>
  typeof m.id === 'string' && typeof m.status === 'string' ? { kind: 'checkin.changed', id: m.id, status: m.status } : null;

/**
 * Authorises a topic for this socket. A candidate hears only their own check-in (staff any); a phone link hears the
 * check-in it belongs to while it is valid; the greeter queue is for staff. A waiting candidate also hears queue
 * movements (their position changes), but only while their check-in is in the queue.
 */
async function plan(deps: Deps, principal: Principal | null, topic: LiveTopic): Promise<Plan> {
  if (topic.kind === 'greeter-queue') {
    if (!principal) throw new AppError('NotAuthenticated', 'Sign in to continue.');
    if (!hasAnyRole(principal.roles, staffRoles)) throw new AppError('Forbidden', 'You do not have access to this.');
    return { channels: [{ channel: greeterQueueChannel, toEvent: () => ({ kind: 'queue.changed' }) }] };
  }
  let row: { id: string; status: string } | undefined;
  if (topic.kind === 'checkin') {
    if (!principal) throw new AppError('NotAuthenticated', 'Sign in to continue.');
    let q = deps.db.selectFrom('checkins').select(['id', 'status']).where('id', '=', topic.id);
    if (!hasAnyRole(principal.roles, staffRoles)) q = q.where('candidate_id', '=', principal.userId);
    row = await q.executeTakeFirst();
    if (!row) throw new AppError('NotFound', 'No such check-in.');
  } else {
    const found = await deps.db.selectFrom('checkins').select(['id', 'status', 'phone_token_expires_at']).where('phone_token_hash', '=', hashSecret(topic.token)).executeTakeFirst();
    if (!found) throw new AppError('TokenInvalid', 'This check-in link is not valid.');
    if (!found.phone_token_expires_at || found.phone_token_expires_at <= deps.clock.now()) throw new AppError('TokenExpired', 'This check-in link has expired.');
    row = found;
  }
  let status = row.status;
  const id = row.id;
  return {
    channels: [
      { channel: checkInChannel(id), toEvent: (m) => {
        const e = checkInEvent(m);
        if (e?.kind === 'checkin.changed') status = e.status;
        return e;
      } },
      ...(topic.kind === 'checkin' ? [{ channel: greeterQueueChannel, toEvent: (): LiveEvent | null => (status === 'submitted' ? { kind: 'queue.changed' } : null) }] : []),
    ],
  };
}

function send(socket: WebSocket, message: LiveServerMessage) {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

/** Cross-site WebSocket hijacking: a browser sends its Origin, which must be ours (non-browser clients send none). */
function originAllowed(deps: Deps, req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  return !origin || origin === deps.config.publicUrl || origin === `${req.protocol}://${req.host}`;
}

/** The live WebSocket, `/api/v1/live` (see src/contracts/live.ts for the messages). */
export async function registerLiveSocket(app: FastifyInstance, deps: Deps) {
  await app.register(fastifyWebsocket, { options: { maxPayload: 4096 } });
  app.get('/api/v1/live', { websocket: true }, (socket, req) => {
    if (!originAllowed(deps, req)) {
      socket.close(1008, 'Cross-site connection refused.');
      return;
    }
    const principal = req.principal;
    const subs = new Map<string, Subscription>();
    let budget = maxMessagesPerMinute;
    const refill = setInterval(() => (budget = maxMessagesPerMinute), 60_000);
    let alive = true;
    const heartbeat = setInterval(() => {
      if (!alive) return socket.terminate();
      alive = false;
      socket.ping();
    }, heartbeatMs);
    socket.on('pong', () => (alive = true));

    const unsubscribe = (ref: string) => {
      for (const stop of subs.get(ref)?.stops ?? []) stop();
      subs.delete(ref);
    };

    socket.on('message', async (raw, isBinary) => {
      alive = true;
      if (--budget < 0) return socket.close(1008, 'Too many messages.');
      let parsed: unknown;
      try {
        parsed = isBinary ? undefined : JSON.parse(raw.toString());
      } catch {
        parsed = undefined;
      }
      if (findUnstorableText(parsed)) return send(socket, { type: 'error', ref: null, code: 'ValidationFailed', message: 'The message holds a NUL or a broken character.' });
      const msg = LiveClientMessage.safeParse(parsed);
      if (!msg.success) return send(socket, { type: 'error', ref: null, code: 'ValidationFailed', message: 'Not a message this socket understands.' });
      const m = msg.data;
      if (m.type === 'ping') return send(socket, { type: 'pong' });
      if (m.type === 'unsubscribe') return unsubscribe(m.ref);
      if (!subs.has(m.ref) && subs.size >= maxSubscriptions) {
        return send(socket, { type: 'error', ref: m.ref, code: 'Conflict', message: `At most ${maxSubscriptions} subscriptions per connection.` });
      }
      try {
        const p = await plan(deps, principal, m.topic);
        unsubscribe(m.ref);
        if (socket.readyState !== socket.OPEN) return;
        subs.set(m.ref, {
          stops: p.channels.map(({ channel, toEvent }) => deps.bus.subscribe(channel, (bm) => {
            const event = toEvent(bm);
            if (event) send(socket, { type: 'event', ref: m.ref, event });
          })),
        });
        send(socket, { type: 'subscribed', ref: m.ref });
      } catch (err) {
        const known = err instanceof AppError;
        if (!known) deps.log.error({ err }, 'live.subscribe_failed');
        send(socket, { type: 'error', ref: m.ref, code: known ? err.code : 'Internal', message: known ? err.message : 'Something went wrong.' });
      }
    });

    socket.on('close', () => {
      clearInterval(refill);
      clearInterval(heartbeat);
      for (const ref of [...subs.keys()]) unsubscribe(ref);
    });
  });
}
