/**
 * Queue ETA over an exam day: a seeded discrete-event simulation (no server, no database) of the greeter queue, to
 * measure how good the wait estimate a candidate is shown on submitting their check-in is.
 *
 * The day: appointments start every half hour; each slot is booked up to the greeter capacity of its check-in bucket
 * (checkInsPerGreeter = 4 per greeter on duty, the booking rule) times an hour-of-day fill factor, and each candidate
 * submits their check-in in the 30 minutes before the start (window opens 30 minutes before; opening the page and
 * taking the photos take a few minutes), so submissions cluster before every :00 and :30. 2 to 4 greeters are on duty
 * by shift; a greeter leaving finishes their review first. A free greeter takes the oldest waiting check-in a few
 * seconds after it arrives (they click "take next"); one review at a time, as claimNext allows; review times are
 * lognormal (median 75 s); 8 % of reviews ask for a retake and the candidate resubmits a few minutes later (back of
 * the queue, a new estimate).
 *
 * At each submission the estimate is computed exactly as src/server/checkin/repository.ts (queueFor) does from what the
 * database holds then: position = check-ins submitted earlier and still waiting; greeters = max(1, reviews in
 * progress, greeters on shift); runningReviewMs = time since each claim; recentReviewMs = claim→decision and
 * recentPickupMs = claim − max(submission, the greeter's previous decision) of up to 50 most recent decisions within 2
 * hours; reviewsPerGreeter not passed (claimNext allows one review per greeter at a
 * time). For comparison it is also computed as the first version of the server did ("reviews only": greeters = reviews
 * in progress, so idle greeters were not counted), and with reviewsPerGreeter = the policy's checkInsPerGreeter (4).
 * The actual wait is submission → claim.
 *
 * Usage: npx tsx bench/queue-eta-day.ts [seed=1] [days=1] [reviewMedianS=75] [reviewSigma=0.5]
 */
import { queueEta, type QueueEta } from '../src/core/checkin/queue-eta.ts';
import { mulberry32 } from './support.ts';

const seed = Number(process.argv[2] ?? 1) >>> 0;
const days = Math.max(1, Math.min(60, Number(process.argv[3] ?? 1)));
const reviewMedianMs = Math.max(10, Number(process.argv[4] ?? 75)) * 1000;
const reviewSigma = Math.max(0.05, Math.min(2, Number(process.argv[5] ?? 0.5)));

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

/** Greeters on duty by UTC hour (follow-the-sun shifts). */
const greetersByHour = [2, 2, 2, 2, 2, 2, 3, 3, 4, 4, 4, 4, 3, 4, 4, 4, 4, 4, 3, 3, 3, 3, 2, 2];
/** Share of the slot's booking capacity that is booked, by UTC hour of the start; busy hours are ≥ 0.8. */
const fillByHour = [0.25, 0.2, 0.2, 0.2, 0.25, 0.3, 0.5, 0.6, 0.9, 0.95, 0.95, 0.9, 0.6, 0.9, 0.95, 0.95, 0.9, 0.85, 0.6, 0.6, 0.5, 0.45, 0.35, 0.3];
const checkInsPerGreeter = 4;
const noShow = 0.05;
const retakeShare = 0.08;
/** Mean delay between a check-in being there (or the greeter being free) and the greeter taking it. */
const pickupMeanMs = 5 * second;

const rnd = mulberry32(seed);
const normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
const lognormal = (median: number, sigma: number) => median * Math.exp(sigma * normal());
const exponential = (mean: number) => -mean * Math.log(1 - rnd());
function poisson(lambda: number) {
  const l = Math.exp(-lambda);
  let k = 0;
  for (let p = rnd(); p > l; p *= rnd()) k++;
  return k;
}

/** A min-heap of events by time (ties in insertion order). */
type EventBody = { at: number; kind: 'submit'; sub: Submission } | { at: number; kind: 'pickup' | 'done'; g: Greeter } | { at: number; kind: 'shift'; hour: number };
type Event = EventBody & { seq: number };
class Heap {
  private xs: Event[] = [];
  private n = 0;
  push(e: EventBody) {
    const x: Event = { ...e, seq: this.n++ };
    const xs = this.xs;
    xs.push(x);
    for (let i = xs.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (!less(xs[i]!, xs[p]!)) break;
      [xs[i], xs[p]] = [xs[p]!, xs[i]!];
      i = p;
    }
  }
  pop(): Event | undefined {
    const xs = this.xs;
    const top = xs[0];
    const last = xs.pop();
    if (xs.length && last) {
      xs[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < xs.length && less(xs[l]!, xs[m]!)) m = l;
        if (r < xs.length && less(xs[r]!, xs[m]!)) m = r;
        if (m === i) break;
        [xs[i], xs[m]] = [xs[m]!, xs[i]!];
        i = m;
      }
    }
    return top;
  }
  get size() { return this.xs.length; }
}
const less = (a: Event, b: Event) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

interface Submission {
  at: number;
  slot: number;
  resubmission: boolean;
  claimedAt?: number;
  server?: QueueEta | null;
  onDuty?: QueueEta | null;
  parallel?: QueueEta | null;
  position?: number;
  busy: boolean;
}
interface Greeter {
  id: number;
  state: 'idle' | 'picking' | 'reviewing';
  leaving: boolean;
  current?: Submission;
  claimedAt?: number;
  /** Since when the greeter has been free (joined the shift or decided the last one). */
  freeSince: number;
  /** The pickup delay of the current review: claim − max(submission, free since). */
  pickupMs?: number;
}

const events = new Heap();
const queue: Submission[] = []; // waiting, in submitted order
const greeters: Greeter[] = [];
const decided: { claimedAt: number; decidedAt: number; pickupMs: number }[] = []; // in decision order
const subs: Submission[] = [];
let greeterIds = 0;
const endMs = days * 24 * hour;
const busyHour = (h: number) => fillByHour[h % 24]! >= 0.8;

// Bookings: every half-hour start, up to the greeter capacity of its check-in bucket (the quarter hour before it).
for (let slot = 30 * minute; slot <= endMs; slot += 30 * minute) {
  const bucketHour = Math.floor((slot - 15 * minute) / hour) % 24;
  const cap = checkInsPerGreeter * greetersByHour[bucketHour]!;
  const startHour = Math.floor(slot / hour) % 24;
  const booked = Math.min(cap, poisson(fillByHour[startHour]! * cap));
  for (let i = 0; i < booked; i++) {
    if (rnd() < noShow) continue;
    // Opens the check-in some minutes after it opens, then takes a few minutes over the rules and photos.
    const opened = Math.min(exponential(6 * minute), 20 * minute);
    const steps = Math.min(lognormal(4 * minute, 0.5), 25 * minute);
    const at = Math.min(slot - 30 * minute + opened + steps, slot + 10 * minute);
    const sub: Submission = { at, slot, resubmission: false, busy: busyHour(Math.floor(at / hour)) };
    events.push({ at, kind: 'submit', sub });
  }
}
for (let h = 0; h < days * 24; h++) events.push({ at: h * hour, kind: 'shift', hour: h });

function median(sorted: number[]) { return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)]! : NaN; }
/** Idle greeters start taking the waiting check-ins nobody is taking yet (after a short reaction delay). */
function pickIdle(now: number) {
  let untaken = queue.length - greeters.filter((g) => g.state === 'picking').length;
  for (const g of greeters) {
    if (untaken <= 0) break;
    if (g.state !== 'idle' || g.leaving) continue;
    g.state = 'picking';
    untaken--;
    events.push({ at: now + exponential(pickupMeanMs), kind: 'pickup', g });
  }
}

/** The estimate exactly as the server computes it from the rows at `now` (see queueFor). */
function serverView(now: number, sub: Submission, reviewsOnly: boolean, reviewsPerGreeter?: number) {
  const ahead = queue.filter((x) => x.at < sub.at).length;
  const reviewing = greeters.filter((g) => g.state === 'reviewing');
  const recent: number[] = [];
  const pickups: number[] = [];
  for (let i = decided.length - 1; i >= 0 && recent.length < 50; i--) {
    const d = decided[i]!;
    if (d.decidedAt <= now - 2 * hour) break;
    recent.push(d.decidedAt - d.claimedAt);
    pickups.push(d.pickupMs);
  }
  return {
    ahead,
    eta: queueEta({
      position: ahead,
      greeters: reviewsOnly ? Math.max(1, reviewing.length) : Math.max(1, reviewing.length, greeters.length),
      recentReviewMs: recent,
      runningReviewMs: reviewing.map((g) => now - g.claimedAt!),
      ...(reviewsOnly ? {} : { recentPickupMs: pickups }),
      ...(reviewsPerGreeter ? { reviewsPerGreeter } : {}),
    }),
  };
}

for (let e = events.pop(); e; e = events.pop()) {
  const now = e.at;
  if (e.kind === 'shift') {
    const want = greetersByHour[e.hour % 24]!;
    const staying = greeters.filter((g) => !g.leaving);
    for (let k = staying.length; k < want; k++) greeters.push({ id: greeterIds++, state: 'idle', leaving: false, freeSince: now });
    // Fewer: idle ones go first, a reviewing one leaves after their review.
    const order = [...staying].sort((a, b) => (a.state === 'idle' ? 0 : 1) - (b.state === 'idle' ? 0 : 1));
    for (let k = 0; k < staying.length - want; k++) order[k]!.leaving = true;
    for (let i = greeters.length - 1; i >= 0; i--) if (greeters[i]!.leaving && greeters[i]!.state === 'idle') greeters.splice(i, 1);
    pickIdle(now);
  } else if (e.kind === 'submit') {
    const sub = e.sub;
    const s = serverView(now, sub, false);
    sub.position = s.ahead;
    sub.server = s.eta;
    sub.onDuty = serverView(now, sub, true).eta;
    sub.parallel = serverView(now, sub, false, checkInsPerGreeter).eta;
    queue.push(sub);
    subs.push(sub);
    pickIdle(now);
  } else if (e.kind === 'pickup') {
    const g = e.g;
    const next = queue.shift();
    if (!next || g.leaving) {
      if (next) queue.unshift(next);
      g.state = 'idle';
      if (g.leaving) greeters.splice(greeters.indexOf(g), 1);
      pickIdle(now);
      continue;
    }
    next.claimedAt = now;
    g.pickupMs = now - Math.max(next.at, g.freeSince);
    g.state = 'reviewing';
    g.current = next;
    g.claimedAt = now;
    events.push({ at: now + lognormal(reviewMedianMs, reviewSigma), kind: 'done', g });
  } else {
    const g = e.g;
    decided.push({ claimedAt: g.claimedAt!, decidedAt: now, pickupMs: g.pickupMs ?? 0 });
    g.freeSince = now;
    if (rnd() < retakeShare) {
      const at = now + Math.min(lognormal(150 * second, 0.5), 15 * minute);
      events.push({ at, kind: 'submit', sub: { at, slot: g.current!.slot, resubmission: true, busy: busyHour(Math.floor(at / hour)) } });
    }
    g.state = 'idle';
    g.current = undefined;
    if (g.leaving) greeters.splice(greeters.indexOf(g), 1);
    pickIdle(now);
  }
}

// Report.
const pctOf = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};
type Row = { label: string; list: Submission[]; pick: (s: Submission) => QueueEta | null | undefined };
function row({ label, list, pick }: Row) {
  const xs = list.filter((s) => s.claimedAt !== undefined && pick(s));
  const err = xs.map((s) => (pick(s)!.waitMs - (s.claimedAt! - s.at)) / 1000);
  const abs = err.map(Math.abs);
  const inside = (slack: number) => xs.filter((s) => { const e = pick(s)!; const w = s.claimedAt! - s.at; return w >= e.lowMs - slack && w <= e.highMs + slack; }).length / Math.max(1, xs.length);
  const waits = xs.map((s) => (s.claimedAt! - s.at) / 1000);
  const shown = xs.map((s) => pick(s)!.waitMs / 1000);
  const f = (x: number, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '-');
  return [label, String(xs.length), f(pctOf(abs, 50)), f(pctOf(abs, 90)), f(err.reduce((a, b) => a + b, 0) / Math.max(1, err.length), 1),
    `${f(100 * inside(0))} %`, `${f(100 * inside(30_000))} %`, `${f(pctOf(waits, 50))} / ${f(pctOf(waits, 90))} / ${f(Math.max(...waits, 0))}`, `${f(pctOf(shown, 50))} / ${f(pctOf(shown, 90))}`];
}
const srv = (s: Submission) => s.server;
const duty = (s: Submission) => s.onDuty;
const busy = subs.filter((s) => s.busy);
const quiet = subs.filter((s) => !s.busy);
const queued = subs.filter((s) => s.position! > 0);
const front = subs.filter((s) => s.position === 0);
const rows = [
  ['estimate / submissions', 'n', 'med |err| s', 'p90 |err| s', 'bias s', 'in range', 'in ±30 s', 'actual wait p50/p90/max s', 'shown p50/p90 s'],
  row({ label: 'server: all', list: subs, pick: srv }),
  row({ label: 'server: busy hours', list: busy, pick: srv }),
  row({ label: 'server: quiet hours', list: quiet, pick: srv }),
  row({ label: 'server: queued (pos ≥ 1)', list: queued, pick: srv }),
  row({ label: 'server: at the front (pos 0)', list: front, pick: srv }),
  row({ label: 'reviews only (v1): all', list: subs, pick: duty }),
  row({ label: 'reviews only (v1): busy hours', list: busy, pick: duty }),
  row({ label: 'reviews only (v1): quiet hours', list: quiet, pick: duty }),
  row({ label: 'reviews only (v1): queued', list: queued, pick: duty }),
  row({ label: 'reviews only (v1): at the front', list: front, pick: duty }),
  row({ label: '× checkInsPerGreeter: all', list: subs, pick: (x) => x.parallel }),
  row({ label: '× checkInsPerGreeter: queued', list: queued, pick: (x) => x.parallel }),
];
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
const reviews = decided.map((d) => (d.decidedAt - d.claimedAt) / 1000).sort((a, b) => a - b);
const defaults = subs.filter((s) => s.server?.basis === 'default').length;
console.log(`seed ${seed}, ${days} day(s): ${subs.length} submissions (${subs.filter((s) => !s.resubmission).length} candidates + ${subs.filter((s) => s.resubmission).length} resubmissions after a retake; ${busy.length} in busy hours, ${quiet.length} quiet); ` +
  `${reviews.length} reviews, median ${median(reviews).toFixed(0)} s, p90 ${pctOf(reviews, 90).toFixed(0)} s; greeters 2–4 on duty; ${defaults} estimates on the built-in default (no history yet); errors are shown − actual (positive = too pessimistic)`);
for (const r of rows) console.log(r.map((x, c) => (c === 0 ? x.padEnd(widths[c]!) : x.padStart(widths[c]!))).join('  '));
// How often counting only reviews in progress (v1) overstated the wait against counting the greeters on shift.
const underCount = subs.filter((s) => s.server && s.onDuty && s.onDuty.waitMs > s.server.waitMs).length;
console.log(`v1 (reviews only) estimate above the current one for ${underCount} of ${subs.length} submissions (${((100 * underCount) / Math.max(1, subs.length)).toFixed(0)} %)`);
