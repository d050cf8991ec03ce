/**
 * Check-in uploads: N phones upload one ~3 MB photo each, all at once, through the phone link
 * (PUT /api/v1/phone/:token/photos/:kind, raw image/jpeg body) against `invigil serve` running as its own process on
 * 127.0.0.1. Each upload uses its own check-in (seeded directly: candidate, booked appointment starting in ~10 minutes,
 * check-in in progress with the rules accepted, a phone token hash valid for an hour). The server sniffs, decodes,
 * turns upright, scales to 2048 px and re-encodes every photo with sharp, writes it to the blob store and records it.
 * Reports photos/s (completed / wall time), p50/p99 latency, successes/failures, server CPU ms per photo and the
 * server's peak RSS (VmRSS sampled every 20 ms, and VmHWM); afterwards checks the checkin_photos rows and blob files.
 * Repeated on a fresh database, blob folder and server per run.
 *
 * The upload routes are rate-limited per client IP (60 a minute). 200 phones come from 200 addresses in real life, so
 * the server runs with TRUST_PROXY=true and every upload carries its own X-Forwarded-For address. BENCH_ONE_IP=1
 * sends them all without it (one address, 127.0.0.1), which shows the limit at work. Beyond the server's uploads in
 * flight (48) it answers 503 + Retry-After without reading the photo; like the phone page, the bench sends again.
 * Uses DATABASE_URL's server (a role that may create databases) or an embedded PostgreSQL.
 * Usage: npx tsx bench/checkin-uploads.ts [uploads=200] [runs=3] [concurrency=uploads]
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import sharp from 'sharp';
import { ExamPolicy } from '../src/core/catalog/policy.ts';
import { requiredPhotos } from '../src/core/checkin/required-photos.ts';
import { createProgram } from '../src/server/catalog/programs.ts';
import { createExam } from '../src/server/catalog/exams.ts';
import { savePolicy } from '../src/server/catalog/save-policy.ts';
import { migrateToLatest, openDatabase } from '../src/server/platform/db/database.ts';
import type { Deps } from '../src/server/platform/deps.ts';
import { cryptoIds, hashSecret } from '../src/server/platform/secrets.ts';
import { reencodePhoto } from '../src/server/platform/images.ts';
import { benchDeps, benchPostgres, cpuMs, createDatabase, dropDatabase, freePort, memorySampler, mulberry32, pct, pool, startServe, stopServe } from './support.ts';

const uploads = Math.max(1, Math.min(2000, Number(process.argv[2] ?? 200)));
const runs = Math.max(1, Math.min(10, Number(process.argv[3] ?? 3)));
const concurrency = Math.max(1, Math.min(uploads, Number(process.argv[4] ?? uploads)));
const oneIp = process.env.BENCH_ONE_IP === '1';
/** Uploads before the measured burst (their own check-ins), so the burst meets a warm server (JIT, libvips). */
const warmups = 4;
const targetBytes = 3 * 1024 * 1024;


/**
 * A 4032×3024 camera-like JPEG (quality 92, EXIF orientation 6 as a phone held upright writes it) of about 3 MB:
 * smooth gradients and shapes plus sensor-like noise, the noise amplitude searched so the file lands near 3 MB.
 */
async function cameraPhoto(): Promise<Buffer> {
  const w = 4032, h = 3024;
  const base = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      const wall = 150 + 60 * Math.sin(x / 700) * Math.cos(y / 900);
      const desk = y > h * 0.65 ? -60 + 20 * Math.sin(x / 40) : 0;
      const window = x > w * 0.6 && x < w * 0.85 && y > h * 0.1 && y < h * 0.45 ? 70 : 0;
      base[i] = Math.max(0, Math.min(255, wall + desk + window + 10 * Math.sin((x + y) / 25)));
      base[i + 1] = Math.max(0, Math.min(255, wall * 0.95 + desk * 1.2 + window));
      base[i + 2] = Math.max(0, Math.min(255, wall * 0.85 + desk * 1.5 + window + 15 * Math.cos(y / 60)));
    }
  }
  const encode = async (amp: number) => {
    const rnd = mulberry32(42);
    const px = Buffer.alloc(base.length);
    for (let i = 0; i < base.length; i++) px[i] = Math.max(0, Math.min(255, base[i]! + (rnd() + rnd() + rnd() - 1.5) * amp));
    return sharp(px, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 92 }).withMetadata({ orientation: 6 }).toBuffer();
  };
  let lo = 0, hi = 64;
  let best = await encode(16);
  for (let k = 0; k < 7; k++) {
    const amp = (lo + hi) / 2;
    const jpg = await encode(amp);
    if (Math.abs(jpg.length - targetBytes) < Math.abs(best.length - targetBytes)) best = jpg;
    if (jpg.length < targetBytes) lo = amp; else hi = amp;
  }
  return best;
}


async function seed(deps: Deps, now: Date, n: number) {
  const program = await createProgram(deps, 'system', { name: 'Bench board' });
  const exam = await createExam(deps, 'system', { programId: program.id, code: 'BENCH-U', title: 'Upload bench', level: 'professional', description: '', languages: ['en'], durationMinutes: 120, scoredItemCount: 50, unscoredItemCount: 0, scaleMin: 100, scaleMax: 1000, passingScore: 700, priceMinor: 15000, currency: 'USD', practice: false, formMode: 'random' });
  const policy = ExamPolicy.parse({});
  await savePolicy(deps, 'system', 'BENCH-U', { policy, expectedVersion: 0 });
  await deps.db.updateTable('exams').set({ status: 'published' }).where('code', '=', 'BENCH-U').execute();
  const required = requiredPhotos(policy);
  // Starts at the next quarter hour at least 10 minutes away: the check-in window (30 minutes before) is open.
  const q = 15 * 60_000;
  const startsAt = new Date(Math.ceil((now.getTime() + 10 * 60_000) / q) * q);
  const expiresAt = new Date(now.getTime() + 3_600_000);
  const users = Array.from({ length: n }, (_, i) => ({
    id: cryptoIds.uuid(), email: `candidate${i}@bench.invalid`, legal_name: `Bench Candidate ${i}`, password_hash: null, time_zone: 'UTC', language: 'en',
    email_verified_at: now, disabled_at: null, created_at: now, updated_at: now,
  }));
  const phones: { checkinId: string; token: string; kind: string }[] = [];
  for (let b = 0; b < n; b += 500) {
    const batch = users.slice(b, b + 500);
    await deps.db.insertInto('users').values(batch).execute();
    await deps.db.insertInto('user_roles').values(batch.map((u) => ({ user_id: u.id, role: 'candidate' as const, granted_at: now, granted_by: null }))).execute();
    const appts = batch.map((u) => ({
      id: cryptoIds.uuid(), candidate_id: u.id, exam_id: exam.id, program_id: program.id, hold_id: null, language: 'en', starts_at: startsAt, duration_minutes: 120, extra_minutes: 0,
      span_start: new Date(startsAt.getTime() - 30 * 60_000), span_end: new Date(startsAt.getTime() + 120 * 60_000), checkin_bucket: new Date(startsAt.getTime() - q), seat_units: 72072, checkin_units: 180180,
      status: 'booked' as const, price_minor: 15000, discount_minor: 0, voucher_minor: 0, paid_minor: 0, currency: 'USD', payment_method: 'invoice' as const, code: null, invoice_reference: null,
      outcome: null, outcome_at: null, cancelled_at: null, created_at: now, updated_at: now,
    }));
    await deps.db.insertInto('appointments').values(appts).execute();
    const rows = appts.map((a, i) => {
      const token = cryptoIds.secret();
      const id = cryptoIds.uuid();
      phones.push({ checkinId: id, token, kind: required[(b + i) % required.length]! });
      return {
        id, appointment_id: a.id, candidate_id: a.candidate_id, status: 'in_progress' as const, required_photos: required, rules_accepted_at: now,
        phone_token_hash: hashSecret(token), phone_token_expires_at: expiresAt, submitted_at: null, claimed_by: null, claimed_at: null,
        decided_by: null, decided_at: null, decision_reason: null, created_at: now, updated_at: now,
      };
    });
    await deps.db.insertInto('checkins').values(rows).execute();
  }
  return phones;
}

/** One raw upload; resolves with the status and the time from the first byte sent to the last byte received. */
function put(agent: http.Agent, port: number, url: string, body: Buffer, ip: string | null): Promise<{ status: number; ms: number; error?: string; retryAfterMs?: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request({
      host: '127.0.0.1', port, method: 'PUT', path: url, agent,
      headers: { 'content-type': 'image/jpeg', 'content-length': body.length, ...(ip ? { 'x-forwarded-for': ip } : {}) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const ms = performance.now() - started;
        if (res.statusCode === 200) return resolve({ status: 200, ms });
        let code = '';
        try { code = JSON.parse(Buffer.concat(chunks).toString()).error?.code ?? ''; } catch { /* not JSON */ }
        const retryAfter = Number(res.headers['retry-after']);
        resolve({ status: res.statusCode ?? 0, ms, error: code, ...(res.statusCode === 503 && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}) });
      });
    });
    req.setTimeout(120_000, () => req.destroy(new Error('timeout')));
    req.on('error', (err) => resolve({ status: 0, ms: performance.now() - started, error: err.message }));
    req.end(body);
  });
}

/** Uploads as the phone page does: a 503 (the server's in-flight limit) is sent again after Retry-After (+ up to 50 %
 * jitter). The time counts from the first attempt; `busy` is how many 503s it met. */
async function upload(agent: http.Agent, port: number, url: string, body: Buffer, ip: string | null) {
  const started = performance.now();
  for (let busy = 0; ; busy++) {
    const r = await put(agent, port, url, body, ip);
    if (r.retryAfterMs === undefined || busy >= 40) return { ...r, ms: performance.now() - started, busy };
    await new Promise((res) => setTimeout(res, r.retryAfterMs! * (1 + Math.random() * 0.5)));
  }
}

const ipOf = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${(i & 255) + 1}`;

async function oneRun(adminUrl: string, r: number, photo: Buffer) {
  const name = `invigil_bench_uploads_${process.pid}_${r}`;
  const dbUrl = await createDatabase(adminUrl, name);
  const db = openDatabase(dbUrl, { max: 8 });
  const blobDir = mkdtempSync(path.join(os.tmpdir(), 'invigil-bench-blobs-'));
  let child: ChildProcess | undefined;
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  try {
    await migrateToLatest(db);
    const now = new Date();
    const deps = benchDeps(db, blobDir);
    const phones = await seed(deps, now, uploads + warmups);
    const port = await freePort();
    // startServe passes our environment on: the blob folder of this run, and client addresses from X-Forwarded-For.
    process.env.INVIGIL_BLOB_DIR = blobDir;
    process.env.TRUST_PROXY = oneIp ? 'false' : 'true';
    child = await startServe(dbUrl, port);
    const pid = child.pid!;
    // Let start-up jobs finish so the burst measures a server in its normal state.
    for (let i = 0; i < 100; i++) {
      const pending = await db.selectFrom('jobs').select('id').where('done_at', 'is', null).where('run_at', '<=', new Date()).executeTakeFirst();
      if (!pending) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    const urlOf = (p: { token: string; kind: string }) => `/api/v1/phone/${p.token}/photos/${p.kind}`;
    for (const [i, p] of phones.slice(uploads).entries()) {
      const w = await put(agent, port, urlOf(p), photo, oneIp ? null : ipOf(60_000 + i));
      if (w.status !== 200) throw new Error(`warm-up upload failed: ${w.status} ${w.error}`);
    }
    await new Promise((res) => setTimeout(res, 300));
    const measured = phones.slice(0, uploads);
    const mem = memorySampler(pid, 20);
    const cpu0 = cpuMs(pid);
    const t0 = performance.now();
    const results = await pool(measured.length, concurrency, (i) => upload(agent, port, urlOf(measured[i]!), photo, oneIp ? null : ipOf(i)));
    const seconds = (performance.now() - t0) / 1000;
    const serverCpuMs = cpuMs(pid) - cpu0;
    const { peakRss, hwm } = mem.stop();
    const ok = results.filter((x) => x.status === 200);
    const outcomes: Record<string, number> = {};
    for (const x of results) {
      const k = x.status === 200 ? 'ok' : `${x.status} ${x.error}`;
      outcomes[k] = (outcomes[k] ?? 0) + 1;
    }
    // The photos written: a row per successful upload, each pointing at a file in the blob folder.
    const rows = await db.selectFrom('checkin_photos').select(['blob_key', 'width', 'height', 'via']).where('checkin_id', 'in', measured.map((p) => p.checkinId)).execute();
    const blobFile = (key: string) => path.join(blobDir, key.slice(0, 2), key);
    const files = rows.filter((x) => existsSync(blobFile(x.blob_key)));
    const blobBytes = files.reduce((s, x) => s + statSync(blobFile(x.blob_key)).size, 0);
    return {
      uploads: results.length, ok: ok.length, failed: results.length - ok.length, outcomes, seconds, photosPerS: ok.length / seconds,
      busy: results.reduce((n, x) => n + x.busy, 0), sentAgain: results.filter((x) => x.busy > 0).length,
      min: Math.min(...ok.map((x) => x.ms)), p10: pct(ok.map((x) => x.ms), 10), p50: pct(ok.map((x) => x.ms), 50), p99: pct(ok.map((x) => x.ms), 99), max: Math.max(...ok.map((x) => x.ms)),
      cpuPerPhotoMs: serverCpuMs / Math.max(1, ok.length), serverCpuMs, startRss: mem.startRss, peakRss, hwm,
      rows: rows.length, files: files.length, meanBlobKb: files.length ? blobBytes / files.length / 1024 : 0, dims: rows[0] ? `${rows[0].width}×${rows[0].height}` : '-',
    };
  } finally {
    await stopServe(child);
    agent.destroy();
    await db.destroy();
    await dropDatabase(adminUrl, name);
    rmSync(blobDir, { recursive: true, force: true });
  }
}

const t = performance.now();
const photo = await cameraPhoto();
const meta = await sharp(photo).metadata();
console.log(`photo: ${meta.width}×${meta.height} JPEG, EXIF orientation ${meta.orientation}, ${(photo.length / 1024 / 1024).toFixed(2)} MB (made in ${((performance.now() - t) / 1000).toFixed(1)} s); ${uploads} uploads, ${concurrency} at once, ${oneIp ? 'all from one address' : 'each from its own address (X-Forwarded-For, TRUST_PROXY=true)'}`);
const server = await benchPostgres();
const results: Awaited<ReturnType<typeof oneRun>>[] = [];
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
try {
  for (let r = 0; r < runs; r++) {
    const x = await oneRun(server.adminUrl, r, photo);
    results.push(x);
    console.log(`run ${r + 1}: ${x.ok}/${x.uploads} ok, ${x.failed} failed ${JSON.stringify(x.outcomes)}, ${x.sentAgain} sent again after "busy" (${x.busy} times); ${x.seconds.toFixed(2)} s = ${x.photosPerS.toFixed(1)} photos/s; latency min ${x.min.toFixed(0)} ms, p10 ${x.p10.toFixed(0)} ms, p50 ${x.p50.toFixed(0)} ms, p99 ${x.p99.toFixed(0)} ms, max ${x.max.toFixed(0)} ms; server CPU ${x.cpuPerPhotoMs.toFixed(0)} ms/photo (${(x.serverCpuMs / 1000).toFixed(1)} s total); server RSS ${mb(x.startRss)} before, peak ${mb(x.peakRss)} (VmHWM ${mb(x.hwm)}); checkin_photos rows ${x.rows}, blob files ${x.files} (${x.dims}, mean ${x.meanBlobKb.toFixed(0)} KB)`);
  }
} finally {
  await server.stop();
  delete process.env.INVIGIL_BLOB_DIR;
}
// The baseline, in this process: the same re-encoding (reencodePhoto, with its decode slots) of the same photo, no
// HTTP, no database, no blob store: what the route's rate is compared with.
const baselinePhotos = 24;
const tBase = performance.now();
await Promise.all(Array.from({ length: baselinePhotos }, () => reencodePhoto(photo)));
const alone = baselinePhotos / ((performance.now() - tBase) / 1000);
const med = (f: (x: (typeof results)[number]) => number) => pct(results.map(f), 50);
console.log(`median over ${runs} runs (${server.external ? 'DATABASE_URL' : 'embedded PostgreSQL'}, ${os.cpus().length} CPUs): ${med((x) => x.photosPerS).toFixed(1)} photos/s `
  + `(re-encoding alone ${alone.toFixed(1)} photos/s, ratio ${(med((x) => x.photosPerS) / alone).toFixed(2)}); p50 ${med((x) => x.p50).toFixed(0)} ms; p99 ${med((x) => x.p99).toFixed(0)} ms; ok ${results.map((x) => x.ok).join('/')} of ${uploads}; server CPU ${med((x) => x.cpuPerPhotoMs).toFixed(0)} ms/photo; peak RSS ${mb(med((x) => x.peakRss))} (VmHWM ${mb(med((x) => x.hwm))})`);
if (results.some((x) => x.ok !== uploads || x.rows !== x.ok || x.files !== x.ok)) process.exitCode = 1;
