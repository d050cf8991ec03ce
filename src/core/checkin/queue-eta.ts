/**
 * An honest wait estimate for the greeter queue. The model is deliberately simple, so a candidate (and a reviewer)
 * can follow it: every review takes the same typical time; each greeter slot finishes its current review, then takes
 * the next check-in in queue order, whichever slot frees first. The estimate is the time until a slot takes *this*
 * check-in, not including its own review. A review already running has, as its typical time left, the median of
 * what the recent reviews that lasted longer still had left at that point (a slow review tends to stay slow); when
 * none lasted that long it counts as about to finish.
 *
 * The typical time is the median of the recent review durations, and the range repeats the same calculation with
 * their 25th and 75th percentiles (linear interpolation). Without history the typical time is 3 minutes with a
 * range of 2 to 5 minutes, which is a guess and says so (`basis: 'default'`).
 *
 * A free greeter does not take a check-in at the same instant: recent pickup delays (from a greeter being free and a
 * check-in waiting to the claim), when given, are added the same way (median, and quartiles for the range) to every
 * hand-over, including this check-in's own.
 */

const minute = 60_000;

/** Review-time quantiles used when there is no history yet. */
export const defaultReviewMs = { p25: 2 * minute, p50: 3 * minute, p75: 5 * minute } as const;

export interface QueueInput {
  /** Check-ins ahead of this one in the queue (0: it is next). */
  position: number;
  /** Greeters on duty now. */
  greeters: number;
  /** Check-ins one greeter reviews at a time (policy proctoring.checkInsPerGreeter); 1 when omitted. */
  reviewsPerGreeter?: number;
  /** Durations of recent completed reviews, in ms (the caller picks how recent). */
  recentReviewMs: readonly number[];
  /** How long each review now in progress has been running, in ms. */
  runningReviewMs: readonly number[];
  /** Recent pickup delays in ms (a greeter free and a check-in waiting → the claim); none: pickups count as instant. */
  recentPickupMs?: readonly number[];
}

export interface QueueEta {
  /** The estimate, in ms. */
  waitMs: number;
  /** The range: the same estimate with quick (p25) and slow (p75) reviews; lowMs ≤ waitMs ≤ highMs. */
  lowMs: number;
  highMs: number;
  /** Whether the review times came from history or from the built-in guess. */
  basis: 'history' | 'default';
}

/**
 * The estimated wait until a greeter takes this check-in, with a range; null when no greeter is on duty, because then
 * no honest number exists. Example: position 0 with a free greeter → `{ waitMs: 0, lowMs: 0, highMs: 0, … }`.
 */
export function queueEta(input: QueueInput): QueueEta | null {
  const slots = input.greeters * (input.reviewsPerGreeter ?? 1);
  if (slots <= 0) return null;
  const history = [...input.recentReviewMs].sort((a, b) => a - b);
  const q = history.length > 0
    ? { p25: quantile(history, 0.25), p50: quantile(history, 0.5), p75: quantile(history, 0.75) }
    : defaultReviewMs;
  const pickups = [...(input.recentPickupMs ?? [])].sort((a, b) => a - b);
  const pick = (p: number) => (pickups.length > 0 ? quantile(pickups, p) : 0);
  // What a running review still needs: from the history of reviews that ran longer, or (no history) the default's
  // quantile minus the time run.
  const left = (ran: number, p: number, reviewMs: number) => {
    if (history.length === 0) return Math.max(0, reviewMs - ran);
    const longer = history.filter((d) => d > ran).map((d) => d - ran);
    return longer.length > 0 ? quantile(longer, p) : 0;
  };
  const wait = (p: number, reviewMs: number) => waitWith(reviewMs, pick(p), slots, input.position, input.runningReviewMs.map((ran) => left(ran, p, reviewMs)));
  return { waitMs: wait(0.5, q.p50), lowMs: wait(0.25, q.p25), highMs: wait(0.75, q.p75), basis: history.length > 0 ? 'history' : 'default' };
}

/** The `p` quantile (0..1) of sorted, non-empty values, interpolating linearly between neighbours. */
export function quantile(sorted: readonly number[], p: number): number {
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/** The wait under the model with one review time and one pickup delay: simulate the slots serving the `position`
 * check-ins ahead (the running reviews having `runningLeft` still to go); every hand-over to a greeter (theirs and
 * this one's) costs the pickup delay. */
function waitWith(reviewMs: number, pickupMs: number, slots: number, position: number, runningLeft: readonly number[]): number {
  const remaining = runningLeft.map((left) => left + pickupMs).sort((a, b) => a - b);
  // When more reviews run than there are slots (the greeter count is stale), the extra ones still need finishing: they
  // count as work ahead of the queue, with their remaining time.
  const freeAt = [...remaining.slice(0, slots), ...Array<number>(Math.max(0, slots - remaining.length)).fill(pickupMs)];
  const ahead = [...remaining.slice(slots), ...Array<number>(position).fill(reviewMs + pickupMs)];
  for (const job of ahead) {
    const i = indexOfMin(freeAt);
    freeAt[i] = freeAt[i]! + job;
  }
  return freeAt[indexOfMin(freeAt)]!;
}

function indexOfMin(xs: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (xs[i]! < xs[best]!) best = i;
  return best;
}
