/**
 * Live proctoring on one instance: N candidates in a running proctored exam (CDE-P01 of the demo program), each with
 * their own session and live WebSocket subscribed to their attempt, watched by ceil(N / ratio) proctors whose consoles
 * POST the heartbeat every 10 s and listen on their proctor-live topic, against `invigil serve` running as its own
 * process on 127.0.0.1. Candidates are seeded in the database (users, sessions, booked appointments with the launch
 * authorised, as an approved check-in leaves them); the first BENCH_HTTP_STARTS (default 200) attempts are opened and
 * started over HTTP, as the exam page does, while the proctors are on duty, so the sweep hands them out (that start
 * wave is timed, and bounded by BENCH_START_BUDGET_S, default 60: starts not done by then are given up and those
 * candidates sit out); the rest are copies of a started attempt made in SQL, since a wave of thousands through the start
 * path takes minutes here (every open and start runs a sweep, one at a time).
 *
 * Steady state, per candidate (open loop, staggered): a chat message every 5 s (POST /attempts/:id/messages), the exam
 * page's journal heartbeat every 15 s, and a video renegotiation about once a minute (request → request → offer + 3 ICE
 * → answer + 3 ICE, relayed by the socket); each console answers its candidates' signals and, on assignment, asks
 * each candidate for video. What the pages do on events is copied too (BENCH_REFETCH=0 leaves it out): the console
 * refetches GET /proctor/live 250 ms after an event other than a candidate's chat message (which its tile counts) and reloads chat and timeline of the one session it has open;
 * the candidate's page reloads its chat on every chat event but its own.
 *
 * Measured in `windows` windows of `seconds / windows` each (after a 5 s warm-up), and their median reported: the chat
 * delivery latency (the candidate's POST sent → the proctor's socket receiving `attempt.changed`/`chat`; goal p99 <
 * 100 ms), the POST's own latency, the candidate's own event, signal relay (offer/answer/ICE, sender → receiver),
 * heartbeat and journal latencies, the server's CPU (% of one core, /proc) and event-loop delay (its /metrics), the
 * CPU of the server's PostgreSQL backends, peak RSS, and the load generator's own CPU (it shares the machine).
 * Uses DATABASE_URL's server (a role that may create databases) or an embedded PostgreSQL.
 * Usage: npx tsx bench/proctoring-live.ts [sessions=2000] [seconds=60] [ratio=8] [windows=3]
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { sql } from 'kysely';
import WebSocket from 'ws';
import { currentPolicy, getExamByCode } from '../src/server/catalog/repository.ts';
import { savePolicy } from '../src/server/catalog/save-policy.ts';
import { createSession, sessionCookieName } from '../src/server/platform/auth.ts';
import { migrateToLatest, openDatabase } from '../src/server/platform/db/database.ts';
import type { Deps } from '../src/server/platform/deps.ts';
import { cryptoIds } from '../src/server/platform/secrets.ts';
import { loadDemoProgram } from '../demo/load-demo-program.ts';
import { benchDeps, benchPostgres, cpuMs, createDatabase, dropDatabase, freePort, jsonClient, memorySampler, mulberry32, pct, pool, seedBookedCandidates, startServe, stopServe } from './support.ts';

const sessions = Math.max(8, Math.min(5000, Number(process.argv[2] ?? 2000)));
const seconds = Math.max(9, Math.min(300, Number(process.argv[3] ?? 60)));
const ratio = Math.max(1, Math.min(50, Number(process.argv[4] ?? 8)));
const windows = Math.max(1, Math.min(10, Number(process.argv[5] ?? 3)));
const refetch = process.env.BENCH_REFETCH !== '0';
const httpStarts = Math.max(1, Math.min(sessions, Number(process.env.BENCH_HTTP_STARTS ?? Math.min(sessions, 200))));
const proctors = Math.ceil(sessions / ratio);
const startBudgetMs = Math.max(5, Number(process.env.BENCH_START_BUDGET_S ?? 60)) * 1000;
const exam = 'CDE-P01';
const chatEveryMs = 5_000;
const journalEveryMs = 15_000;
const consoleHeartbeatMs = 10_000;
const renegotiateEveryMs = 60_000;
const warmupMs = 5_000;
const windowMs = (seconds * 1000) / windows;
const rnd = mulberry32(7);

/** A plausible SDP of about 5 KB (audio + video, as a browser's offer), with an id in its o= line to time its relay. */
function sdp(id: number): string {
  const lines = ['v=0', `o=- ${id} 2 IN IP4 127.0.0.1`, 's=-', 't=0 0', 'a=group:BUNDLE 0 1', 'a=extmap-allow-mixed', 'a=msid-semantic: WMS bench'];
  for (const [mid, kind] of [[0, 'audio'], [1, 'video']] as const) {
    lines.push(`m=${kind} 9 UDP/TLS/RTP/SAVPF 96 97 98 99 100 101 102 103 104 105 106 107`, 'c=IN IP4 0.0.0.0', 'a=rtcp:9 IN IP4 0.0.0.0',
      'a=ice-ufrag:abcd', 'a=ice-pwd:abcdefghijklmnopqrstuvwx', 'a=ice-options:trickle', `a=fingerprint:sha-256 ${Array.from({ length: 32 }, () => 'AB').join(':')}`,
      'a=setup:actpass', `a=mid:${mid}`, 'a=sendrecv', 'a=rtcp-mux', 'a=rtcp-rsize');
    for (let pt = 96; pt < 108; pt++) lines.push(`a=rtpmap:${pt} ${kind === 'audio' ? 'opus/48000/2' : 'VP8/90000'}`, `a=rtcp-fb:${pt} nack`, `a=rtcp-fb:${pt} nack pli`, `a=rtcp-fb:${pt} goog-remb`, `a=fmtp:${pt} minptime=10;useinbandfec=1`);
    lines.push(`a=ssrc:${1000 + mid} cname:bench`, `a=ssrc:${1000 + mid} msid:bench ${kind}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}
const ice = (id: number) => ({ kind: 'ice' as const, link: `b${id}`, candidate: `candidate:${id} 1 udp 2122260223 192.168.${id & 255}.${(id >> 8) & 255} ${50000 + (id % 10000)} typ host generation 0`, sdpMid: '0', sdpMLineIndex: 0 });
const signalId = (data: { kind: string; sdp?: string; candidate?: string }) => {
  const m = data.kind === 'ice' ? /^candidate:(\d+) /.exec(data.candidate ?? '') : /\no=- (\d+) /.exec(data.sdp ?? '');
  return m ? Number(m[1]) : null;
};

async function seed(deps: Deps) {
  await loadDemoProgram(deps);
  const row = await getExamByCode(deps.db, exam);
  const { policy, version } = await currentPolicy(deps.db, row.id);
  await savePolicy(deps, 'system', exam, { policy: { ...policy, proctoring: { ...policy.proctoring, candidatesPerProctor: ratio } }, expectedVersion: version });
  const { people, staff, appointments } = await seedBookedCandidates(deps, row, { candidates: sessions, proctors, ratio });
  const cookieOf = async (id: string) => `${sessionCookieName}=${await createSession(deps, id, {})}`;
  return {
    candidates: await pool(people.length, 16, async (i) => ({ cookie: await cookieOf(people[i]!.id), appointmentId: appointments[i]! })),
    proctorCookies: await pool(staff.length, 16, (i) => cookieOf(staff[i]!.id)),
  };
}

/** What one window collects. */
function newWindow() {
  return {
    delivery: [] as number[], own: [] as number[], post: [] as number[], signal: [] as number[], heartbeat: [] as number[], journal: [] as number[], consoleGet: [] as number[], chatGet: [] as number[],
    failures: new Map<string, number>(), sent: 0, lost: 0,
    cpu0: 0, cpu1: 0, pg0: 0, pg1: 0, self0: 0, self1: 0, t0: 0, t1: 0, loopP99: NaN, loopMax: NaN, peakRss: 0,
  };
}
type Window = ReturnType<typeof newWindow>;

const server = await benchPostgres();
const adminUrl = server.adminUrl;
const name = `invigil_bench_live_${process.pid}`;
const dbUrl = await createDatabase(adminUrl, name);
const db = openDatabase(dbUrl, { max: 8, applicationName: 'invigil-bench' });
let child: ChildProcess | undefined;
let client: ReturnType<typeof jsonClient> | undefined;
const sockets: WebSocket[] = [];
const timers = new Set<ReturnType<typeof setTimeout>>();
let stopping = false;
try {
  await migrateToLatest(db);
  const tSeed = performance.now();
  const seeded = await seed(benchDeps(db));
  console.log(`seeded ${sessions} candidates and ${proctors} proctors (ratio ${ratio}) in ${((performance.now() - tSeed) / 1000).toFixed(1)} s`);
  const port = await freePort();
  child = await startServe(dbUrl, port);
  const pid = child.pid!;
  client = jsonClient(port, 16_384);
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const pending = await db.selectFrom('jobs').select('id').where('done_at', 'is', null).where('run_at', '<=', new Date()).executeTakeFirst();
    if (!pending) break;
    await new Promise((r) => setTimeout(r, 100));
  }

  // Where samples go: the window the action started in (-1: warm-up or setup, not kept).
  const wins: Window[] = Array.from({ length: windows }, newWindow);
  let current = -1;
  const record = (w: number, key: 'delivery' | 'own' | 'post' | 'signal' | 'heartbeat' | 'journal' | 'consoleGet' | 'chatGet', ms: number) => { if (w >= 0) wins[w]![key].push(ms); };
  const setupFailures = new Map<string, number>();
  const fail = (w: number, what: string) => { const m = w >= 0 ? wins[w]!.failures : setupFailures; m.set(what, (m.get(what) ?? 0) + 1); };
  const request = async (w: number, what: string, method: string, url: string, cookie: string, body?: unknown) => {
    try {
      const res = await client!.request(method, url, cookie, body);
      if (res.status >= 400) fail(w, `${what} ${res.status} ${res.json?.error?.code ?? ''}`.trim());
      return res;
    } catch (err) {
      fail(w, `${what} ${(err as Error).message}`);
      return { status: 0, json: null, ms: NaN };
    }
  };
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => { timers.delete(t); if (!stopping) fn(); }, ms);
    timers.add(t);
    return t;
  };
  const every = (first: number, period: number, fn: () => void) => {
    const tick = (at: number) => later(Math.max(0, at - performance.now()), () => { fn(); tick(at + period); });
    tick(performance.now() + first);
  };
  const openSocket = (cookie: string) => new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/v1/live`, { headers: { cookie, origin } });
    ws.once('open', () => { sockets.push(ws); resolve(ws); });
    ws.once('error', reject);
  });
  const sendSignal = (ws: WebSocket, attemptId: string, data: unknown) => { if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'signal', attemptId, data })); };
  let nextSignal = 1;
  const signalsSent = new Map<number, { at: number; w: number }>();
  const stamped = (make: (id: number) => unknown) => { const id = nextSignal++; signalsSent.set(id, { at: performance.now(), w: current }); return make(id); };
  const received = (data: { kind: string; sdp?: string; candidate?: string }) => {
    const id = signalId(data);
    const s = id === null ? undefined : signalsSent.get(id);
    if (s) { signalsSent.delete(id!); record(s.w, 'signal', performance.now() - s.at); }
  };
  const socketErrors = new Map<string, number>();
  const onError = (m: { code?: string; message?: string }) => socketErrors.set(`${m.code}: ${m.message}`, (socketErrors.get(`${m.code}: ${m.message}`) ?? 0) + 1);

  interface Candidate { cookie: string; appointmentId: string; attemptId: string; ws: WebSocket | null; chats: { at: number; w: number }[]; ownChats: { at: number; w: number }[]; linked: boolean; out: boolean }
  const candidates: Candidate[] = seeded.candidates.map((c) => ({ ...c, attemptId: '', ws: null, chats: [], ownChats: [], linked: false, out: false }));
  const byAttempt = new Map<string, Candidate>();

  // Proctors: the console's socket, then its heartbeat every 10 s (staggered), as /proctor/live does.
  interface Proctor { cookie: string; ws: WebSocket; sessions: string[]; soonAt: number | null; timer: ReturnType<typeof setTimeout> | undefined; lastFetch: number }
  const consoles: Proctor[] = [];
  const applySessions = (p: Proctor, json: { sessions?: { attemptId: string }[] } | null) => {
    if (!json?.sessions) return;
    const next = json.sessions.map((s) => s.attemptId);
    for (const id of next) if (!p.sessions.includes(id)) sendSignal(p.ws, id, { kind: 'request' });
    for (const id of p.sessions) if (!next.includes(id)) sendSignal(p.ws, id, { kind: 'hangup' });
    p.sessions = next;
  };
  // As LivePage: one refetch 250 ms after an event, at most every 2 s while only chat messages arrive.
  const consoleGet = (p: Proctor, chatOnly: boolean) => {
    const at = Math.max(performance.now() + 250, chatOnly ? p.lastFetch + 2000 : 0);
    if (p.soonAt !== null && p.soonAt <= at) return;
    if (p.timer) { clearTimeout(p.timer); timers.delete(p.timer); }
    p.soonAt = at;
    const w = current;
    p.timer = later(Math.max(0, at - performance.now()), async () => {
      p.soonAt = null;
      p.timer = undefined;
      p.lastFetch = performance.now();
      const res = await request(w, 'GET /proctor/live', 'GET', '/api/v1/proctor/live', p.cookie);
      record(w, 'consoleGet', res.ms);
      applySessions(p, res.json);
    });
  };
  const connectConsole = async (cookie: string) => {
    const ws = await openSocket(cookie);
    const p: Proctor = { cookie, ws, sessions: [], soonAt: null, timer: undefined, lastFetch: 0 };
    consoles.push(p);
    ws.on('message', (raw) => {
      const m = JSON.parse(raw.toString());
      if (m.type === 'error') return onError(m);
      if (m.type === 'signal') {
        received(m.data);
        if (m.data.kind === 'request') sendSignal(ws, m.attemptId, { kind: 'request' });
        else if (m.data.kind === 'offer') {
          sendSignal(ws, m.attemptId, stamped((id) => ({ kind: 'answer', link: `b${id}`, sdp: sdp(id) })));
          for (let k = 0; k < 3; k++) sendSignal(ws, m.attemptId, stamped(ice));
        }
        return;
      }
      if (m.type !== 'event') return;
      if (m.event.kind === 'attempt.changed' && m.event.what === 'chat') {
        const c = byAttempt.get(m.event.id);
        const sent = c?.chats.shift();
        if (sent) record(sent.w, 'delivery', performance.now() - sent.at);
      }
      // The console refetches its sessions after any event; 'sessions.changed' is how it learns of new candidates.
      // As LivePage: a candidate's chat message is counted on its tile without a refetch.
      const candidateChat = m.event.kind === 'attempt.changed' && m.event.what === 'chat' && m.event.from === 'candidate';
      if (m.event.kind === 'sessions.changed' || (refetch && !candidateChat)) consoleGet(p, m.event.kind === 'attempt.changed' && m.event.what === 'chat');
      // The one session open in the large view reloads its chat and timeline.
      if (refetch && m.event.kind === 'attempt.changed' && m.event.id === p.sessions[0]) {
        const w = current;
        void request(w, 'GET messages (proctor)', 'GET', `/api/v1/attempts/${m.event.id}/messages`, cookie).then((r) => record(w, 'chatGet', r.ms));
        void request(w, 'GET timeline', 'GET', `/api/v1/proctor/live/sessions/${m.event.id}/timeline`, cookie);
      }
    });
    await new Promise<void>((resolve) => {
      ws.on('message', function ok(raw) { if (JSON.parse(raw.toString()).type === 'subscribed') { ws.off('message', ok); resolve(); } });
      ws.send(JSON.stringify({ type: 'subscribe', ref: 'console', topic: { kind: 'proctor-live' } }));
    });
    every(rnd() * consoleHeartbeatMs, consoleHeartbeatMs, async () => {
      const w = current;
      const res = await request(w, 'POST heartbeat', 'POST', '/api/v1/proctor/live/heartbeat', cookie);
      record(w, 'heartbeat', res.ms);
      applySessions(p, res.json);
    });
  };

  /** The candidate's exam page: its socket on the attempt topic, the journal heartbeat every 15 s. */
  const connectCandidate = async (c: Candidate) => {
    byAttempt.set(c.attemptId, c);
    const ws = await openSocket(c.cookie);
    c.ws = ws;
    ws.on('message', (raw) => {
      const m = JSON.parse(raw.toString());
      if (m.type === 'error') return onError(m);
      if (m.type === 'signal') {
        received(m.data);
        if (m.data.kind === 'request') {
          sendSignal(ws, c.attemptId, stamped((id) => ({ kind: 'offer', link: `b${id}`, sdp: sdp(id) })));
          for (let k = 0; k < 3; k++) sendSignal(ws, c.attemptId, stamped(ice));
        } else if (m.data.kind === 'answer') c.linked = true;
        return;
      }
      if (m.type !== 'event' || m.event.kind !== 'attempt.changed') return;
      if (m.event.what === 'chat') {
        const sent = c.ownChats.shift();
        if (sent) record(sent.w, 'own', performance.now() - sent.at);
        // As the exam page: a message of one's own is not reloaded.
        if (refetch && m.event.from !== 'candidate') { const w = current; void request(w, 'GET messages (candidate)', 'GET', `/api/v1/attempts/${c.attemptId}/messages`, c.cookie).then((r) => record(w, 'chatGet', r.ms)); }
      } else if (refetch) {
        void request(current, 'GET proctoring', 'GET', `/api/v1/attempts/${c.attemptId}/proctoring`, c.cookie);
      }
    });
    await new Promise<void>((resolve) => {
      ws.on('message', function ok(raw) { if (JSON.parse(raw.toString()).type === 'subscribed') { ws.off('message', ok); resolve(); } });
      ws.send(JSON.stringify({ type: 'subscribe', ref: 'attempt', topic: { kind: 'attempt', id: c.attemptId } }));
    });
    every(rnd() * journalEveryMs, journalEveryMs, async () => {
      if (c.out) return;
      const w = current;
      const res = await request(w, 'POST journal', 'POST', `/api/v1/attempts/${c.attemptId}/journal`, c.cookie, { entries: [] });
      record(w, 'journal', res.ms);
    });
  };

  /** Opens and starts one attempt as the exam page does; false when the server refused or did not answer in time
   * (the candidate then sits out the steady state), or when the wave was over before it got there. */
  let waveOver = false;
  const openAndStart = async (c: Candidate, connect: boolean, times: number[] = []) => {
    const opened = await request(-1, 'open attempt', 'POST', `/api/v1/appointments/${c.appointmentId}/attempt`, c.cookie);
    if (opened.status !== 201 || waveOver) return false;
    c.attemptId = opened.json.attempt.id;
    if (connect) await connectCandidate(c);
    const started = await request(-1, 'start attempt', 'POST', `/api/v1/attempts/${c.attemptId}/start`, c.cookie);
    if (started.status !== 200 || waveOver) return false;
    times.push(opened.ms, started.ms);
    return true;
  };
  // One attempt started through HTTP first: the others beyond `httpStarts` are copies of it made in SQL (form, policy
  // and all, each for its own appointment, running and waiting for a proctor). A start wave of thousands through the
  // start path takes minutes here (every open and every start runs a proctoring sweep, and sweeps run one at a time).
  if (!(await openAndStart(candidates[0]!, false))) throw new Error(`the first attempt did not start: ${JSON.stringify(Object.fromEntries(setupFailures))}`);
  const tClone = performance.now();
  const copies = candidates.slice(httpStarts);
  if (copies.length) {
    const columns = (await sql<{ name: string }>`select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = 'attempts' order by ordinal_position`.execute(db)).rows.map((r) => r.name);
    const overrides: Record<string, string> = {
      id: 'x.id', candidate_id: 'x.candidate_id', appointment_id: 'x.appointment_id', seed: 'md5(random()::text)', status: `'in_progress'`, started_at: 'now()', last_seen_at: 'now()',
      ended_at: 'null', paused_reason: 'null', proctor_id: 'null', proctor_assigned_at: 'null', unwatched_since: 'now()', warning: 'null', created_at: 'now()', updated_at: 'now()',
    };
    const list = columns.map((col) => `"${col}"`).join(', ');
    const values = columns.map((col) => overrides[col] ?? `t."${col}"`).join(', ');
    const owner = new Map((await db.selectFrom('appointments').select(['id', 'candidate_id']).execute()).map((r) => [r.id, r.candidate_id]));
    for (let b = 0; b < copies.length; b += 500) {
      const part = copies.slice(b, b + 500);
      for (const c of part) c.attemptId = cryptoIds.uuid();
      const ids = part.map((c) => c.attemptId);
      await db.transaction().execute(async (trx) => {
        await sql`insert into attempts (${sql.raw(list)}) select ${sql.raw(values)} from attempts t,
          unnest(${ids}::uuid[], ${part.map((c) => owner.get(c.appointmentId)!)}::uuid[], ${part.map((c) => c.appointmentId)}::uuid[]) as x(id, candidate_id, appointment_id)
          where t.id = ${candidates[0]!.attemptId}`.execute(trx);
        await sql`insert into attempt_events (attempt_id, kind, actor_id, data, at) select a.id, k.kind, a.candidate_id, '{}'::jsonb, now()
          from attempts a, (values ('created'), ('started')) as k(kind) where a.id = any(${ids}::uuid[])`.execute(trx);
        await trx.updateTable('appointments').set({ status: 'checked_in', updated_at: new Date() }).where('id', 'in', part.map((c) => c.appointmentId)).execute();
      });
    }
    await pool(copies.length, 64, (i) => connectCandidate(copies[i]!));
    console.log(`copied ${copies.length} running attempts in SQL and connected their pages in ${((performance.now() - tClone) / 1000).toFixed(1)} s`);
  }
  await connectCandidate(candidates[0]!);

  // The consoles open (socket, then the heartbeat every 10 s, staggered), as /proctor/live does.
  const tConsoles = performance.now();
  await pool(seeded.proctorCookies.length, 32, (i) => connectConsole(seeded.proctorCookies[i]!));
  console.log(`${proctors} consoles connected in ${((performance.now() - tConsoles) / 1000).toFixed(1)} s`);

  // The start wave: the other candidates below `httpStarts` open and start their attempts over HTTP (as the exam page
  // does) while the consoles are on duty. Bounded: after `startBudgetMs` no new start begins and those still waiting
  // for the server are given up (an overloaded server answers starts in minutes, or never).
  const startMs: number[] = [];
  const tStart = performance.now();
  const started = new Set<Candidate>([candidates[0]!, ...copies]);
  let tried = 0;
  const wave = pool(httpStarts - 1, 32, async (i) => {
    if (performance.now() - tStart > startBudgetMs) return;
    tried++;
    const c = candidates[i + 1]!;
    if (await openAndStart(c, true, startMs)) started.add(c);
  });
  let budgetTimer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([wave, new Promise((r) => (budgetTimer = setTimeout(r, startBudgetMs + 5_000)))]);
  clearTimeout(budgetTimer);
  waveOver = true;
  const startSeconds = (performance.now() - tStart) / 1000;
  if (httpStarts > 1) {
    console.log(`start wave: ${started.size - 1 - copies.length} of ${httpStarts - 1} attempts opened and started over HTTP in ${startSeconds.toFixed(1)} s (32 at a time, ${tried} tried within ${startBudgetMs / 1000} s; `
      + `open/start p50 ${pct(startMs, 50).toFixed(0)} ms, p99 ${pct(startMs, 99).toFixed(0)} ms)${setupFailures.size ? `; failures ${JSON.stringify(Object.fromEntries(setupFailures))}` : ''}`);
  }
  // Only the candidates whose exam runs take part from here on (all of them unless the wave ran out of time).
  const live = candidates.filter((c) => started.has(c));
  for (const c of candidates) if (!started.has(c)) { c.out = true; c.ws?.close(); }

  // Every session watched and its video negotiated, before the clock starts.
  const tAssign = performance.now();
  let watched = 0;
  let linked = 0;
  // Bounded: an overloaded server may never get there; the steady state then shows what it does instead.
  for (let i = 0; i < 150; i++) {
    watched = Number((await db.selectFrom('attempts').select((eb) => eb.fn.countAll<string>().as('n')).where('proctor_id', 'is not', null).where('status', '=', 'in_progress').executeTakeFirstOrThrow()).n);
    linked = live.filter((c) => c.linked).length;
    if (watched >= live.length && linked === live.length) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  console.log(`assigned: ${watched}/${live.length} watched and running, ${linked}/${live.length} video links negotiated, ${((performance.now() - tAssign) / 1000).toFixed(1)} s after the wave${setupFailures.size ? `; setup failures ${JSON.stringify(Object.fromEntries(setupFailures))}` : ''}`);

  // Steady state: chat every 5 s per candidate (staggered evenly), a renegotiation about once a minute each.
  live.forEach((c, i) => {
    every((i / live.length) * chatEveryMs, chatEveryMs, async () => {
      const w = current;
      const at = performance.now();
      const sent = { at, w };
      const own = { at, w };
      c.chats.push(sent);
      c.ownChats.push(own);
      if (w >= 0) wins[w]!.sent++;
      const res = await request(w, 'POST message', 'POST', `/api/v1/attempts/${c.attemptId}/messages`, c.cookie, { id: randomUUID(), body: `Bench question ${Math.floor(at)}: may I use the scratch paper?` });
      record(w, 'post', res.ms);
      // A refused message is never announced: forget this one (a later one may be queued behind it when POSTs are slow).
      if (res.status !== 200) {
        const drop = <T>(xs: T[], x: T) => { const k = xs.indexOf(x); if (k >= 0) xs.splice(k, 1); };
        drop(c.chats, sent);
        drop(c.ownChats, own);
        if (w >= 0) wins[w]!.sent--;
      }
    });
    every(rnd() * renegotiateEveryMs, renegotiateEveryMs, () => sendSignal(c.ws!, c.attemptId, { kind: 'request' }));
  });

  const pgCpu = async () => {
    // The server's pool connections (the bench's own handle has another application_name).
    const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = ${name} and application_name = 'invigil'`.execute(db);
    return new Map(rows.map((r) => [r.pid, cpuMs(r.pid)]));
  };
  /** The server's /metrics: event-loop delay since the last read (prom-client resets it), and per route the requests
   * and their summed time in the server (`method route` → [count, seconds]). */
  const serverMetrics = () => new Promise<{ p99: number; max: number; routes: Map<string, [number, number]> }>((resolve) => {
    http.get({ host: '127.0.0.1', port, path: '/metrics' }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => {
        const read = (metric: string) => Number(new RegExp(`^invigil_nodejs_eventloop_lag_${metric}_seconds (\\S+)`, 'm').exec(text)?.[1]) * 1000;
        const routes = new Map<string, [number, number]>();
        for (const m of text.matchAll(/^invigil_http_request_duration_seconds_(sum|count)\{method="(\w+)",route="([^"]*)"\} (\S+)$/gm)) {
          const key = `${m[2]} ${m[3]}`;
          const r = routes.get(key) ?? [0, 0];
          r[m[1] === 'count' ? 0 : 1] = Number(m[4]);
          routes.set(key, r);
        }
        resolve({ p99: read('p99'), max: read('max'), routes });
      });
    }).on('error', () => resolve({ p99: NaN, max: NaN, routes: new Map() }));
  });

  await new Promise((r) => setTimeout(r, warmupMs));
  const memory = memorySampler(pid, 50);
  const routes0 = (await serverMetrics()).routes; // the read also resets the server's event-loop delay histogram
  for (let w = 0; w < windows; w++) {
    const win = wins[w]!;
    const pg0 = await pgCpu();
    const u0 = process.cpuUsage();
    win.cpu0 = cpuMs(pid); win.self0 = u0.user / 1000 + u0.system / 1000; win.t0 = performance.now();
    const rss0 = memory.rss();
    win.peakRss = rss0;
    const rssTimer = setInterval(() => { win.peakRss = Math.max(win.peakRss, memory.rss()); }, 50);
    current = w;
    await new Promise((r) => setTimeout(r, windowMs));
    current = -1;
    clearInterval(rssTimer);
    win.t1 = performance.now(); win.cpu1 = cpuMs(pid);
    const u = process.cpuUsage(); win.self1 = u.user / 1000 + u.system / 1000;
    const pg1 = await pgCpu();
    for (const [p, v] of pg1) if (pg0.has(p)) { win.pg0 += pg0.get(p)!; win.pg1 += v; }
    const loop = await serverMetrics();
    win.loopP99 = loop.p99; win.loopMax = loop.max;
  }
  const routes1 = (await serverMetrics()).routes;
  // Let what was sent in the last window arrive (or count as lost).
  stopping = true;
  for (const t of timers) clearTimeout(t);
  await new Promise((r) => setTimeout(r, 3000));
  const { peakRss, hwm } = memory.stop();
  for (const c of live) for (const s of c.chats) if (s.w >= 0) wins[s.w]!.lost++;

  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
  const rows = wins.map((win, w) => {
    const wall = win.t1 - win.t0;
    const r = {
      deliveryP50: pct(win.delivery, 50), deliveryP99: pct(win.delivery, 99), deliveryMax: pct(win.delivery, 100), ownP99: pct(win.own, 99),
      postP50: pct(win.post, 50), postP99: pct(win.post, 99), signalP50: pct(win.signal, 50), signalP99: pct(win.signal, 99),
      heartbeatP99: pct(win.heartbeat, 99), journalP99: pct(win.journal, 99), consoleGetP99: pct(win.consoleGet, 99),
      serverCpu: ((win.cpu1 - win.cpu0) / wall) * 100, pgCpu: ((win.pg1 - win.pg0) / wall) * 100, selfCpu: ((win.self1 - win.self0) / wall) * 100,
      rssMb: win.peakRss / 2 ** 20, chatsPerSecond: win.delivery.length / (wall / 1000), signalsPerSecond: win.signal.length / (wall / 1000),
    };
    console.log(`window ${w + 1} (${(wall / 1000).toFixed(0)} s): chat delivery p50 ${f(r.deliveryP50)} ms, p99 ${f(r.deliveryP99)} ms, max ${f(r.deliveryMax)} ms over ${win.delivery.length} messages (${win.lost} of ${win.sent} not delivered), ${r.chatsPerSecond.toFixed(0)}/s; `
      + `POST p50 ${f(r.postP50)} / p99 ${f(r.postP99)} ms; candidate's own event p99 ${f(r.ownP99)} ms; signals ${r.signalsPerSecond.toFixed(0)}/s relayed p50 ${f(r.signalP50)} / p99 ${f(r.signalP99)} ms; `
      + `console heartbeat p99 ${f(r.heartbeatP99)} ms, journal p99 ${f(r.journalP99)} ms${refetch ? `, console refetch p99 ${f(r.consoleGetP99)} ms (${win.consoleGet.length})` : ''}; `
      + `server CPU ${r.serverCpu.toFixed(0)} % of one core, its PostgreSQL backends ${r.pgCpu.toFixed(0)} %, load generator ${r.selfCpu.toFixed(0)} %; event-loop delay p99 ${f(win.loopP99)} ms, max ${f(win.loopMax)} ms; peak RSS ${r.rssMb.toFixed(0)} MB`
      + `${win.failures.size ? `; failures ${JSON.stringify(Object.fromEntries(win.failures))}` : ''}`);
    return r;
  });
  const byRoute = [...routes1].map(([k, [n, sec]]) => ({ k, n: n - (routes0.get(k)?.[0] ?? 0), sec: sec - (routes0.get(k)?.[1] ?? 0) })).filter((r) => r.n > 0 && r.k !== 'GET /metrics').sort((x, y) => y.sec - x.sec);
  const measuredSeconds = (wins.at(-1)!.t1 - wins[0]!.t0) / 1000;
  console.log(`server time by route over the ${measuredSeconds.toFixed(0)} s measured (requests/s, mean ms in the server): ${byRoute.map((r) => `${r.k} ${(r.n / measuredSeconds).toFixed(0)}/s ${((r.sec / r.n) * 1000).toFixed(1)} ms`).join('; ')}`);
  if (socketErrors.size) console.log(`socket errors: ${JSON.stringify(Object.fromEntries(socketErrors))}`);
  // The median of the windows (the mean of the middle two for an even count).
  const med = (k: keyof (typeof rows)[number]) => {
    const xs = rows.map((r) => r[k]).sort((a, b) => a - b);
    const m = xs.length / 2;
    return xs.length % 2 ? xs[Math.floor(m)]! : (xs[m - 1]! + xs[m]!) / 2;
  };
  const p99 = med('deliveryP99');
  console.log(`median of ${windows} windows (${live.length} sessions${live.length < sessions ? ` of ${sessions}` : ''}, ${proctors} proctors at ${ratio} each, ${refetch ? 'pages refetch on events' : 'no refetches'}, ${server.external ? 'DATABASE_URL' : 'embedded PostgreSQL'}): `
    + `chat delivery p50 ${f(med('deliveryP50'))} ms, p99 ${f(p99)} ms (goal < 100 ms: ${p99 < 100 ? 'met' : 'MISSED'}); POST p99 ${f(med('postP99'))} ms; signal relay p99 ${f(med('signalP99'))} ms; `
    + `server CPU ${med('serverCpu').toFixed(0)} % of one core (PostgreSQL backends ${med('pgCpu').toFixed(0)} %); peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB (VmHWM ${(hwm / 2 ** 20).toFixed(0)} MB)`);
  if (!(p99 < 100)) process.exitCode = 1;
} finally {
  stopping = true;
  for (const t of timers) clearTimeout(t);
  for (const ws of sockets) ws.terminate();
  client?.close();
  await stopServe(child, process.env.BENCH_CPU_PROF ? 30_000 : 5000); // a profile is written only on a clean exit
  await db.destroy();
  await dropDatabase(adminUrl, name);
  await server.stop();
}
