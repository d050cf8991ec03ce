import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultReviewMs, quantile, queueEta, type QueueInput } from './queue-eta.ts';

const minute = 60_000;
const input = (over: Partial<QueueInput> = {}): QueueInput => ({ position: 0, greeters: 1, recentReviewMs: [], runningReviewMs: [], ...over });

const arbInput = fc.record({
  position: fc.integer({ min: 0, max: 60 }),
  greeters: fc.integer({ min: 1, max: 8 }),
  reviewsPerGreeter: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
  recentReviewMs: fc.array(fc.integer({ min: 10_000, max: 20 * minute }), { maxLength: 30 }),
  runningReviewMs: fc.array(fc.integer({ min: 0, max: 30 * minute }), { maxLength: 12 }),
});

describe('queue wait estimate', () => {
  it('is zero when the check-in is next and a greeter is free', () => {
    expect(queueEta(input({ greeters: 2, runningReviewMs: [60_000], recentReviewMs: [4 * minute] }))).toEqual({ waitMs: 0, lowMs: 0, highMs: 0, basis: 'history' });
  });

  it('adds the recent pickup delays to every hand-over, this one included', () => {
    const second = 1000;
    // Next in line with a free greeter: the typical pickup, and its quartiles for the range.
    expect(queueEta(input({ recentReviewMs: [minute], recentPickupMs: [2 * second, 4 * second, 6 * second] }))).toEqual({ waitMs: 4 * second, lowMs: 3 * second, highMs: 5 * second, basis: 'history' });
    // One ahead, one greeter: pick that one up, review it, then pick this one up.
    expect(queueEta(input({ position: 1, recentReviewMs: [minute], recentPickupMs: [5 * second] }))?.waitMs).toBe(minute + 10 * second);
    // A running review with 20 s left: then the pickup.
    expect(queueEta(input({ runningReviewMs: [40 * second], recentReviewMs: [minute], recentPickupMs: [5 * second] }))?.waitMs).toBe(25 * second);
  });

  it('waits for the soonest running review to finish when every greeter is busy', () => {
    // Typical review 4 minutes; the two running reviews have 3 and 1 minutes left.
    expect(queueEta(input({ greeters: 2, runningReviewMs: [minute, 3 * minute], recentReviewMs: [4 * minute] }))?.waitMs).toBe(minute);
  });

  it('adds one typical review per check-in ahead for a single free greeter', () => {
    expect(queueEta(input({ position: 3, recentReviewMs: [2 * minute, 4 * minute, 9 * minute] }))?.waitMs).toBe(12 * minute);
  });

  it('shares the check-ins ahead between greeters', () => {
    // Three greeters, all free: five ahead take one round (the third greeter is free again for this one), six take two.
    expect(queueEta(input({ position: 5, greeters: 3, recentReviewMs: [3 * minute] }))?.waitMs).toBe(3 * minute);
    expect(queueEta(input({ position: 6, greeters: 3, recentReviewMs: [3 * minute] }))?.waitMs).toBe(6 * minute);
  });

  it('uses the median of recent reviews, so one very long review does not swing it', () => {
    expect(queueEta(input({ position: 1, recentReviewMs: [2 * minute, 2 * minute, 3 * minute, 60 * minute] }))?.waitMs).toBe(2.5 * minute);
  });

  it('falls back to a 3-minute review with a 2-to-5-minute range when there is no history, and says so', () => {
    expect(queueEta(input({ position: 2 }))).toEqual({ waitMs: 6 * minute, lowMs: 4 * minute, highMs: 10 * minute, basis: 'default' });
    expect(defaultReviewMs.p50).toBe(3 * minute);
  });

  it('gives the range from quick (p25) and slow (p75) reviews', () => {
    const eta = queueEta(input({ position: 1, recentReviewMs: [1, 2, 3, 4, 5].map((m) => m * minute) }));
    expect(eta).toEqual({ waitMs: 3 * minute, lowMs: 2 * minute, highMs: 4 * minute, basis: 'history' });
  });

  it('counts a review that has run longer than every recent one as about to finish', () => {
    expect(queueEta(input({ runningReviewMs: [10 * minute], recentReviewMs: [3 * minute] }))?.waitMs).toBe(0);
  });

  it('expects a review that has run past the typical time to last as the recent slow ones did', () => {
    // Typical 2.5 minutes, but one recent review took 10: one running for 5 minutes likely has 5 to go, not 0.
    expect(queueEta(input({ runningReviewMs: [5 * minute], recentReviewMs: [1, 2, 3, 10].map((m) => m * minute) }))?.waitMs).toBe(5 * minute);
  });

  it('counts parallel reviews per greeter when the policy allows them', () => {
    expect(queueEta(input({ position: 3, greeters: 1, reviewsPerGreeter: 4, runningReviewMs: [0, 0, 0], recentReviewMs: [4 * minute] }))?.waitMs).toBe(4 * minute);
  });

  it('treats running reviews beyond the greeters on duty as work still to do', () => {
    // One greeter but two running reviews (a stale count): the second one's remaining minute is still ahead.
    expect(queueEta(input({ runningReviewMs: [2 * minute, 3 * minute], recentReviewMs: [4 * minute] }))?.waitMs).toBe(3 * minute);
  });

  it('gives no estimate when no greeter is on duty', () => {
    expect(queueEta(input({ greeters: 0, position: 0 }))).toBeNull();
  });

  it('never waits longer when fewer are ahead (property)', () => {
    fc.assert(fc.property(arbInput, (i) => {
      const here = queueEta(i)!;
      const further = queueEta({ ...i, position: i.position + 1 })!;
      expect(further.waitMs).toBeGreaterThanOrEqual(here.waitMs);
      expect(further.lowMs).toBeGreaterThanOrEqual(here.lowMs);
      expect(further.highMs).toBeGreaterThanOrEqual(here.highMs);
    }));
  });

  it('never waits longer when another greeter comes on duty (property)', () => {
    fc.assert(fc.property(arbInput, (i) => {
      const now = queueEta(i)!;
      const more = queueEta({ ...i, greeters: i.greeters + 1 })!;
      expect(more.waitMs).toBeLessThanOrEqual(now.waitMs);
      expect(more.lowMs).toBeLessThanOrEqual(now.lowMs);
      expect(more.highMs).toBeLessThanOrEqual(now.highMs);
    }));
  });

  it('is zero when nobody is ahead and a greeter is free (property)', () => {
    fc.assert(fc.property(arbInput, (i) => {
      fc.pre(i.runningReviewMs.length < i.greeters * (i.reviewsPerGreeter ?? 1));
      expect(queueEta({ ...i, position: 0 })).toMatchObject({ waitMs: 0, lowMs: 0, highMs: 0 });
    }));
  });

  it('keeps the estimate inside its range, never negative (property)', () => {
    fc.assert(fc.property(arbInput, (i) => {
      const eta = queueEta(i)!;
      expect(0).toBeLessThanOrEqual(eta.lowMs);
      expect(eta.lowMs).toBeLessThanOrEqual(eta.waitMs);
      expect(eta.waitMs).toBeLessThanOrEqual(eta.highMs);
    }));
  });

  it('is exactly the rounds of typical reviews ahead when all greeters are free (property)', () => {
    fc.assert(fc.property(arbInput, (i) => {
      const slots = i.greeters * (i.reviewsPerGreeter ?? 1);
      const eta = queueEta({ ...i, runningReviewMs: [] })!;
      const typical = i.recentReviewMs.length ? quantile([...i.recentReviewMs].sort((a, b) => a - b), 0.5) : defaultReviewMs.p50;
      expect(eta.waitMs).toBeCloseTo(Math.floor(i.position / slots) * typical, 6);
    }));
  });

  it('does not depend on the order the history or the running reviews are given in (property)', () => {
    fc.assert(fc.property(arbInput, (i) => {
      expect(queueEta({ ...i, recentReviewMs: [...i.recentReviewMs].reverse(), runningReviewMs: [...i.runningReviewMs].reverse() })).toEqual(queueEta(i));
    }));
  });
});

describe('quantile', () => {
  it('interpolates between neighbours', () => {
    expect(quantile([10, 20, 30, 40], 0.5)).toBe(25);
    expect(quantile([10, 20, 30, 40], 0.25)).toBe(17.5);
  });

  it('returns the only value of a one-element list for every p', () => {
    for (const p of [0, 0.25, 0.5, 0.75, 1]) expect(quantile([7], p)).toBe(7);
  });
});
