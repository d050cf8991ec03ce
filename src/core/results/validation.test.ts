import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decisionRefusal, domainFeedback, fastAnswering, identicalWrongAnswers, scoreJump, similarEnough } from './validation.ts';

describe('domain feedback', () => {
  it('meets competencies exactly when the domain share reaches the cut, and skips domains without scored points', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.record({ domain: fc.string(), max: fc.integer({ min: 0, max: 50 }), frac: fc.double({ min: 0, max: 1, noNaN: true }) }), { selector: (d) => d.domain }), fc.integer({ min: 1, max: 100 }), (domains, cut) => {
      const input = domains.map((d) => ({ domain: d.domain, max: d.max, raw: Math.floor(d.max * d.frac) }));
      const out = domainFeedback(input, cut);
      expect(out).toHaveLength(input.filter((d) => d.max > 0).length);
      for (const f of out) {
        const d = input.find((x) => x.domain === f.domain && x.max > 0)!;
        expect(f.verdict === 'meets').toBe(d.raw * 100 >= cut * d.max);
        expect(f.percent).toBeGreaterThanOrEqual(0);
        expect(f.percent).toBeLessThanOrEqual(100);
      }
    }));
  });
  it('reads as a score report does', () => {
    expect(domainFeedback([{ domain: 'D1', raw: 7, max: 10 }, { domain: 'D2', raw: 3, max: 10 }, { domain: 'P', raw: 0, max: 0 }], 70)).toEqual([
      { domain: 'D1', percent: 70, verdict: 'meets' },
      { domain: 'D2', percent: 30, verdict: 'needs_improvement' },
    ]);
  });
});

describe('statistical checks', () => {
  const scale = { min: 100, max: 1000 };
  it('flags a gain of at least the share of the range, never a drop, never a first attempt', () => {
    fc.assert(fc.property(fc.integer({ min: 100, max: 1000 }), fc.integer({ min: 100, max: 1000 }), fc.integer({ min: 1, max: 100 }), (prev, now, pct) => {
      const jump = scoreJump(prev, now, scale, pct);
      expect(jump !== null).toBe((now - prev) * 100 >= pct * 900);
      if (now <= prev) expect(jump).toBeNull();
    }));
    expect(scoreJump(null, 1000, scale, 10)).toBeNull();
    expect(scoreJump(400, 800, scale, 0)).toBeNull();
    expect(scoreJump(400, 700, scale, 30)).toBe(300);
  });
  it('flags implausibly fast answering only on a pass', () => {
    expect(fastAnswering(60_000, 20, true, 10)).toBe(3);
    expect(fastAnswering(60_000, 20, false, 10)).toBeNull();
    expect(fastAnswering(600_000, 20, true, 10)).toBeNull();
    fc.assert(fc.property(fc.nat(10_000_000), fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 60 }), (ms, n, min) => {
      const r = fastAnswering(ms, n, true, min);
      expect(r !== null).toBe(min > 0 && ms / 1000 / n < min);
    }));
  });
  it('counts only identical wrong answers; right answers and different mistakes never make sheets similar', () => {
    const key = new Map([['a', ['1']], ['b', ['2']], ['c', ['3']], ['d', ['1']], ['e', ['2']], ['f', ['3']]]);
    const correct = (k: string, choice: readonly string[]) => choice.length === 1 && choice[0] === key.get(k)![0];
    const honest = new Map([...key].map(([k, v]) => [k, v] as const));
    expect(identicalWrongAnswers(honest, honest, correct)).toEqual({ identical: 0, bothWrong: 0 });
    const wrong = new Map([['a', ['4']], ['b', ['4']], ['c', ['4']], ['d', ['4']], ['e', ['4']], ['f', ['4']]]);
    expect(identicalWrongAnswers(wrong, wrong, correct)).toEqual({ identical: 6, bothWrong: 6 });
    expect(similarEnough({ identical: 6, bothWrong: 6 }, 6)).toBe(true);
    expect(similarEnough({ identical: 6, bothWrong: 12 }, 6)).toBe(false);
    expect(similarEnough({ identical: 6, bothWrong: 6 }, 0)).toBe(false);
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), fc.constantFrom('1', '2', '3', '4'), fc.constantFrom('1', '2', '3', '4'))), (rows) => {
      const mine = new Map(rows.map(([k, x]) => [k, [x]]));
      const theirs = new Map(rows.map(([k, , y]) => [k, [y]]));
      const r = identicalWrongAnswers(mine, theirs, correct);
      expect(r.identical).toBeLessThanOrEqual(r.bothWrong);
      // Symmetric: who copied from whom does not matter.
      expect(identicalWrongAnswers(theirs, mine, correct)).toEqual(r);
    }));
  });
});

describe('decisions', () => {
  it('needs a second person to invalidate, and nothing changes an invalidated result', () => {
    expect(decisionRefusal('held', 'invalidate', { userId: 'a', invalidationRequestedBy: 'a' })).toMatch(/second staff member/);
    expect(decisionRefusal('held', 'invalidate', { userId: 'b', invalidationRequestedBy: 'a' })).toBeNull();
    expect(decisionRefusal('invalidated', 'release', { userId: 'b', invalidationRequestedBy: 'a' })).toMatch(/invalidated/);
    expect(decisionRefusal('released', 'hold', { userId: 'b', invalidationRequestedBy: null })).toMatch(/cannot be put back/);
    expect(decisionRefusal('released', 'invalidate', { userId: 'b', invalidationRequestedBy: null })).toBeNull();
  });
});
