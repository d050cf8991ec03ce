import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findUnstorableText, toStorableValue } from '../../core/shared/text.ts';
import fastifyWebsocket from '@fastify/websocket';
import type { WebSocket } from 'ws';
import { LiveClientMessage, type LiveEvent, type LiveServerMessage, type LiveTopic } from '../../contracts/live.ts';
import { AppError } from '../../core/shared/app-error.ts';
import { hasAnyRole } from '../../core/accounts/roles.ts';
import { principalFromApiToken, principalFromSession, sessionCookieName, type Principal } from '../platform/auth.ts';
import { statusByCode } from '../platform/http/errors.ts';
import { saveJournal } from '../delivery/save-journal.ts';
import type { JournalEntry } from '../../contracts/delivery.ts';
import type { BusMessage } from '../platform/bus.ts';
import type { Deps } from '../platform/deps.ts';
import { hashSecret } from '../platform/secrets.ts';
import { attemptChannel, checkInChannel, greeterQueueChannel, proctorChannel, signalChannel } from './channels.ts';
import { proctoredSql, requireParty } from '../proctoring/repository.ts';
import { SignalData } from '../../contracts/live.ts';

/** Limits per socket: a tab needs a handful of topics; anything far beyond is a bug or abuse. */
const maxSubscriptions = 20;
// A proctor's console negotiates video with each of its candidates (an offer, an answer and a few ICE candidates each).
const maxMessagesPerMinute = 600;
// SDP offers with audio and video run to 4–8 KB.
const maxPayloadBytes = 32 * 1024;
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
  if (topic.kind === 'attempt') {
    if (!principal) throw new AppError('NotAuthenticated', 'Sign in to continue.');
    await requireParty(deps.db, principal, topic.id, ['candidate', 'proctor', 'admin']);
    return { channels: [{ channel: attemptChannel(topic.id), toEvent: attemptEvent }] };
  }
  if (topic.kind === 'proctor-live') {
    if (!principal) throw new AppError('NotAuthenticated', 'Sign in to continue.');
    if (!hasAnyRole(principal.roles, ['proctor'])) throw new AppError('Forbidden', 'The live console is for proctors.');
    return { channels: [{ channel: proctorChannel(principal.userId), toEvent: (m) => (m.sessions ? { kind: 'sessions.changed' } : attemptEvent(m)) }] };
  }
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

const attemptChanges = new Set(['status', 'proctor', 'warning', 'chat', 'event']);
const attemptEvent = (m: BusMessage): LiveEvent | null => {
  if (typeof m.id !== 'string' || typeof m.what !== 'string' || !attemptChanges.has(m.what)) return null;
  const event: LiveEvent = { kind: 'attempt.changed', id: m.id, what: m.what as 'status' };
  return m.from === 'candidate' || m.from === 'staff' ? { ...event, from: m.from } : event;
};

/**
 * Where a socket's signals for one attempt go; kept a few seconds, dropped as soon as the socket hears of a change. The
 * lookup itself is kept while it runs, so a burst (an offer and its ICE candidates arrive together) reads the attempt
 * once, and its signals leave in the order they came.
 */
interface SignalRoute {
  to: string;
  from: 'candidate' | 'proctor';
}
interface KnownRoute {
  route: Promise<SignalRoute>;
  at: number;
}
const signalRouteMs = 3_000;

async function lookUpSignalRoute(deps: Deps, principal: Principal, attemptId: string): Promise<SignalRoute> {
  const a = await deps.db.selectFrom('attempts').select(['candidate_id', 'proctor_id', 'status']).select(proctoredSql.as('proctored')).where('id', '=', attemptId).executeTakeFirst();
  const live = a && a.proctored && ['authorised', 'in_progress', 'paused'].includes(a.status);
  if (live && a.candidate_id === principal.userId && a.proctor_id) return { to: a.proctor_id, from: 'candidate' };
  if (live && a.proctor_id === principal.userId) return { to: a.candidate_id, from: 'proctor' };
  const waiting = live && a.candidate_id === principal.userId;
  throw new AppError(waiting ? 'Conflict' : 'Forbidden', waiting ? 'No proctor is with you yet.' : 'You may not signal for this attempt.');
}

/**
 * Passes a WebRTC signal to the other side of an attempt: from its candidate to the assigned proctor, from the assigned
 * proctor to its candidate. Anyone else (another candidate, an unassigned proctor, an admin) is refused and logged.
 */
async function relaySignal(deps: Deps, principal: Principal | null, attemptId: string, data: SignalData, routes: Map<string, KnownRoute>): Promise<void> {
  if (!principal) throw new AppError('NotAuthenticated', 'Sign in to continue.');
  const now = Date.now();
  let known = routes.get(attemptId);
  if (!known || now - known.at > signalRouteMs) {
    if (routes.size >= maxSubscriptions * 4) routes.clear();
    const route = lookUpSignalRoute(deps, principal, attemptId);
    known = { route, at: now };
    routes.set(attemptId, known);
    route.catch((err: unknown) => {
      if (routes.get(attemptId)?.route === route) routes.delete(attemptId);
      if (err instanceof AppError) deps.log.warn({ event: 'live.signal_refused', userId: principal.userId, attemptId, kind: data.kind }, 'live.signal_refused');
    });
  }
  const route = await known.route;
  deps.bus.publish(signalChannel(route.to), { attemptId, from: route.from, data: JSON.stringify(data) });
}

/**
 * A journal save over the socket: the same use case as the HTTP route, for the principal as it is now (the session
 * is looked up again, through the principal cache, so a sign-out elsewhere ends saves here too). Refusals carry the
 * status the route would have answered, so the browser treats both alike; what only the HTTP request can decide
 * (Safe Exam Browser's per-URL key) and unexpected failures are handed back to HTTP.
 */
async function saveOverSocket(deps: Deps, req: FastifyRequest, socket: WebSocket, ref: string, attemptId: string, entries: JournalEntry[]): Promise<void> {
  try {
    const principal = await currentPrincipal(deps, req);
    const seb = { absoluteUrl: `${deps.config.publicUrl}${req.url}`, configKeyHash: req.headers['x-safeexambrowser-configkeyhash'] as string | undefined };
    const ack = await saveJournal(deps, principal, attemptId, entries, seb);
    send(socket, { type: 'saved', ref, ack });
  } catch (err) {
    const known = err instanceof AppError && err.code !== 'Internal';
    if (!known) deps.log.error({ err, event: 'live.save_failed' }, 'live.save_failed');
    if (!known || err.code === 'SafeExamBrowserRequired') {
      return send(socket, { type: 'error', ref, code: known ? err.code : 'Internal', message: known ? err.message : 'Something went wrong.', retryOverHttp: true });
    }
    send(socket, { type: 'error', ref, code: err.code, message: err.message, status: statusByCode[err.code], ...(err.details === undefined ? {} : { details: err.details }) });
  }
}

/** The socket's principal now: its session (or API token) looked up again. */
async function currentPrincipal(deps: Deps, req: FastifyRequest): Promise<Principal | null> {
  const connected = req.principal;
  if (!connected) return null;
  if (connected.via === 'token') {
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    return m ? principalFromApiToken(deps, m[1]!) : null;
  }
  const secret = req.cookies[sessionCookieName];
  return secret ? principalFromSession(deps, secret) : null;
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
  await app.register(fastifyWebsocket, { options: { maxPayload: maxPayloadBytes } });
  app.get('/api/v1/live', { websocket: true }, (socket, req) => {
    if (!originAllowed(deps, req)) {
      socket.close(1008, 'Cross-site connection refused.');
      return;
    }
    const principal = req.principal;
    const subs = new Map<string, Subscription>();
    const routes = new Map<string, KnownRoute>();
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
      // A save's text is the candidate's own writing (notes): repaired as the HTTP route does, never refused.
      if (typeof parsed === 'object' && parsed !== null && (parsed as { type?: unknown }).type === 'save') parsed = toStorableValue(parsed);
      else if (findUnstorableText(parsed)) return send(socket, { type: 'error', ref: null, code: 'ValidationFailed', message: 'The message holds a NUL or a broken character.' });
      const msg = LiveClientMessage.safeParse(parsed);
      if (!msg.success) return send(socket, { type: 'error', ref: null, code: 'ValidationFailed', message: 'Not a message this socket understands.' });
      const m = msg.data;
      if (m.type === 'ping') return send(socket, { type: 'pong' });
      if (m.type === 'save') return saveOverSocket(deps, req, socket, m.ref, m.attemptId, m.entries);
      if (m.type === 'signal') {
        return relaySignal(deps, principal, m.attemptId, m.data, routes).catch((err) => {
          const known = err instanceof AppError;
          if (!known) deps.log.error({ err }, 'live.signal_failed');
          send(socket, { type: 'error', ref: null, code: known ? err.code : 'Internal', message: known ? err.message : 'Something went wrong.' });
        });
      }
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
            // Who watches whom may have changed: signals look their way up again.
            if (event?.kind === 'sessions.changed') routes.clear();
            else if (event?.kind === 'attempt.changed' && (event.what === 'proctor' || event.what === 'status')) routes.delete(event.id);
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

    // Signals addressed to this user reach every socket of theirs; each page keeps those of the attempt it shows.
    const stopSignals = principal ? deps.bus.subscribe(signalChannel(principal.userId), (bm) => {
      if (typeof bm.attemptId !== 'string' || typeof bm.data !== 'string' || (bm.from !== 'candidate' && bm.from !== 'proctor')) return;
      const data = SignalData.safeParse(JSON.parse(bm.data));
      if (data.success) send(socket, { type: 'signal', attemptId: bm.attemptId, from: bm.from, data: data.data });
    }) : () => undefined;

    socket.on('close', () => {
      stopSignals();
      clearInterval(refill);
      clearInterval(heartbeat);
      for (const ref of [...subs.keys()]) unsubscribe(ref);
    });
  });
}
