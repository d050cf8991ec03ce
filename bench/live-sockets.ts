/**
 * Live sockets: N proctors' consoles hold one `/api/v1/live` socket each on one server instance, subscribed to their
 * `proctor-live` topic, and every second a different 10 % of them is told something changed (as when sessions are
 * assigned). The events are published on the Redis bus, as another instance would publish them, so the server under
 * test does exactly what it does in scale-out: receive from Redis, find the subscribers, write to their sockets.
 * Reports the server's RSS with every socket open and subscribed (and the peak during the rounds), and the delivery
 * latency from publish to the message arriving at the client, p50/p99/max, over `rounds` rounds of one second.
 * Uses DATABASE_URL's server (or an embedded PostgreSQL) and REDIS_URL (default redis://127.0.0.1:6379).
 * Usage: npx tsx bench/live-sockets.ts [sockets=10000] [rounds=20] [share=0.1]
 */
import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import type { Db } from '../src/server/platform/db/database.ts';
import { WebSocket } from 'ws';
import { hashSecret, cryptoIds } from '../src/server/platform/secrets.ts';
import { sessionCookieName, sessionLifetimeMs } from '../src/server/platform/auth.ts';
import { benchDatabase, freePort, memorySampler, pct, pool, startServe, stopServe } from './support.ts';

const sockets = Math.max(100, Math.min(15_000, Number(process.argv[2] ?? 10_000)));
const rounds = Math.max(3, Math.min(120, Number(process.argv[3] ?? 20)));
const share = Math.max(0.01, Math.min(1, Number(process.argv[4] ?? 0.1)));
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function seedProctors(db: Db, n: number) {
  const now = new Date();
  const people = Array.from({ length: n }, (_, i) => ({ id: cryptoIds.uuid(), secret: cryptoIds.secret(), i }));
  for (let k = 0; k < people.length; k += 2000) {
    const batch = people.slice(k, k + 2000);
    await db.insertInto('users').values(batch.map((p) => ({
      id: p.id, email: `console${p.i}@bench.invalid`, legal_name: `Bench proctor ${p.i}`, password_hash: null, time_zone: 'UTC', language: 'en',
      email_verified_at: now, disabled_at: null, created_at: now, updated_at: now,
    }))).execute();
    await db.insertInto('user_roles').values(batch.map((p) => ({ user_id: p.id, role: 'proctor' as const, granted_at: now, granted_by: null }))).execute();
    await db.insertInto('sessions').values(batch.map((p) => ({
      id: hashSecret(p.secret), user_id: p.id, created_at: now, last_seen_at: now, expires_at: new Date(now.getTime() + sessionLifetimeMs), user_agent: null, ip: null,
    }))).execute();
  }
  return people;
}

interface Console {
  userId: string;
  ws: WebSocket;
  /** When the event now expected was published (0: none expected). */
  publishedAt: number;
}

function connect(port: number, userId: string, secret: string, latencies: number[], stray: { n: number }): Promise<Console> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/v1/live`, { headers: { cookie: `${sessionCookieName}=${secret}`, origin: `http://127.0.0.1:${port}` } });
    const c: Console = { userId, ws, publishedAt: 0 };
    const timer = setTimeout(() => reject(new Error('no subscription within 30 s')), 30_000);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'subscribe', ref: 'console', topic: { kind: 'proctor-live' } })));
    ws.on('message', (raw) => {
      const m = JSON.parse(String(raw)) as { type: string; code?: string };
      if (m.type === 'subscribed') {
        clearTimeout(timer);
        resolve(c);
      } else if (m.type === 'event') {
        if (c.publishedAt) latencies.push(performance.now() - c.publishedAt);
        else stray.n++;
        c.publishedAt = 0;
      } else if (m.type === 'error') {
        clearTimeout(timer);
        reject(new Error(`subscribe refused: ${m.code}`));
      }
    });
    ws.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

const bench = await benchDatabase('sockets', 4);
const { db } = bench;
const redis = new Redis(redisUrl, { lazyConnect: true });
let child: ChildProcess | undefined;
const consoles: Console[] = [];
try {
  await redis.connect();
  const t0 = performance.now();
  const people = await seedProctors(db, sockets);
  const port = await freePort();
  child = await startServe(bench.url, port, { REDIS_URL: redisUrl });
  const memory = memorySampler(child.pid, 100);
  const idleRss = memory.startRss;
  const latencies: number[] = [];
  const stray = { n: 0 };
  const tConnect = performance.now();
  consoles.push(...(await pool(people.length, 200, (i) => connect(port, people[i]!.id, people[i]!.secret, latencies, stray))));
  const connectSeconds = (performance.now() - tConnect) / 1000;
  await new Promise((r) => setTimeout(r, 1000));
  const openRss = memory.rss();
  console.log(`${consoles.length} sockets open and subscribed in ${connectSeconds.toFixed(1)} s (seeded in ${((tConnect - t0) / 1000).toFixed(1)} s); server RSS ${mb(idleRss)} before, ${mb(openRss)} with them open`);

  // Every second a different `share` of the consoles, in a rotating order, gets one event.
  const perRound = Math.round(consoles.length * share);
  let missed = 0;
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    const targets = Array.from({ length: perRound }, (_, k) => consoles[(round * perRound + k) % consoles.length]!);
    const multi = redis.multi();
    for (const c of targets) {
      c.publishedAt = performance.now();
      multi.publish(`invigil:proctor:${c.userId}`, JSON.stringify({ sessions: true }));
    }
    await multi.exec();
    await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (performance.now() - started))));
    // An event not there a second after it was published counts as missed.
    for (const c of targets) if (c.publishedAt) { missed++; c.publishedAt = 0; }
  }
  const { peakRss } = memory.stop();
  const closedEarly = consoles.filter((c) => c.ws.readyState !== WebSocket.OPEN).length;
  console.log(`${rounds} rounds of 1 s (${sockets} sockets, ${perRound} events a second, ${bench.external ? 'DATABASE_URL' : 'embedded PostgreSQL'}, Redis bus): `
    + `delivery p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms, max ${pct(latencies, 100).toFixed(1)} ms over ${latencies.length} events; `
    + `${missed} missed, ${stray.n} unexpected, ${closedEarly} sockets closed; server RSS ${mb(openRss)} open, peak ${mb(peakRss)}`);
} finally {
  for (const c of consoles) c.ws.terminate();
  await stopServe(child);
  redis.disconnect();
  await bench.close();
}
