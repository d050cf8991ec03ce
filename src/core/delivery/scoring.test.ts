import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreResponse, type ItemContent, type ItemScoring } from '../catalog/item.ts';
import { equatedScore, equatingProblem, maxPoints, rawCut, rawScore, scaledScore, type Scale, type ScoredItem } from './scoring.ts';

const ids = ['A', 'B', 'C', 'D', 'E'];
const options = (n: number) => ids.slice(0, n).map((id) => ({ id, html: `<p>${id}</p>` }));

function content(n: number, interaction: 'single' | 'multiple', maxChoices: number, correct: string[], scoring: ItemScoring): ItemContent {
  return { interaction, stem: '<p>Q</p>', options: options(n), correct, maxChoices, shuffle: true, scoring };
}

/** Points in halves, so sums are exact in floating point whatever the order of addition. */
const halves = (min: number, max: number) => fc.integer({ min: min * 2, max: max * 2 }).map((x) => x / 2);

/** The option ids of an item with `n` options, `k` of them picked in some order. */
const pickOf = (n: number, k: number) => fc.shuffledSubarray(ids.slice(0, n), { minLength: k, maxLength: k });

const matchCorrectArb: fc.Arbitrary<ItemContent> = fc.integer({ min: 2, max: 5 }).chain((n) =>
  fc.integer({ min: 1, max: n - 1 }).chain((k) =>
    pickOf(n, k).map((correct) => content(n, k === 1 ? 'single' : 'multiple', k, correct, { method: 'match_correct' })),
  ),
);

/**
 * Map-scored items as authors usually write them: values per option, a default of zero or less and a lower bound
 * (if any) of zero or less; an upper bound (if any) of zero or more.
 */
const mapResponseArb: fc.Arbitrary<ItemContent> = fc.integer({ min: 2, max: 5 }).chain((n) =>
  fc
    .record({
      k: fc.integer({ min: 1, max: n - 1 }),
      mapped: fc.subarray(ids.slice(0, n), { minLength: 1 }),
      values: fc.array(halves(-2, 3), { minLength: 5, maxLength: 5 }),
      defaultValue: halves(-1, 0),
      lowerBound: fc.option(halves(-2, 0), { nil: undefined }),
      upperBound: fc.option(halves(0, 5), { nil: undefined }),
    })
    .map(({ k, mapped, values, defaultValue, lowerBound, upperBound }) => {
      const map = Object.fromEntries(mapped.map((id, i) => [id, values[i]!]));
      const scoring: ItemScoring = { method: 'map_response', map, defaultValue, ...(lowerBound !== undefined ? { lowerBound } : {}), ...(upperBound !== undefined ? { upperBound } : {}) };
      return content(n, k === 1 ? 'single' : 'multiple', k, [mapped[0]!], scoring);
    }),
);

const itemContentArb = fc.oneof(matchCorrectArb, mapResponseArb);

/** A form of items (some pretest) in up to three domains, with a response (possibly none) to each. */
const formArb = fc.array(fc.record({ domain: fc.constantFrom('D1', 'D2', 'D3'), scored: fc.boolean(), content: itemContentArb }), { maxLength: 15 }).chain((drafts) => {
  const items: ScoredItem[] = drafts.map((d, i) => ({ key: `Q${i}`, ...d }));
  const responses = fc.tuple(...items.map((it) => fc.option(fc.subarray(it.content.options.map((o) => o.id)), { nil: undefined })));
  return responses.map((rs) => ({ items, responses: new Map(items.flatMap((it, i) => (rs[i] === undefined ? [] : [[it.key, rs[i]!] as const]))) }));
});

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

describe('raw score', () => {
  const single = content(3, 'single', 1, ['B'], { method: 'match_correct' });
  const chooseTwo = content(4, 'multiple', 2, ['A', 'C'], { method: 'match_correct' });
  const mapped = content(4, 'multiple', 2, ['A'], { method: 'map_response', map: { A: 2, B: 1, C: -1 }, defaultValue: 0, lowerBound: 0 });

  it('adds the scored items, per domain and in total, counting a missing response as nothing', () => {
    const items: ScoredItem[] = [
      { key: 'Q1', domain: 'Build', scored: true, content: single },
      { key: 'Q2', domain: 'Deploy', scored: true, content: chooseTwo },
      { key: 'Q3', domain: 'Build', scored: true, content: mapped },
      { key: 'Q4', domain: 'Deploy', scored: true, content: single },
    ];
    const responses = new Map([['Q1', ['B']], ['Q2', ['C', 'A']], ['Q3', ['A', 'C']]]);
    expect(rawScore(items, responses)).toEqual({
      raw: 3,
      max: 6,
      byDomain: [
        { domain: 'Build', raw: 2, max: 4 },
        { domain: 'Deploy', raw: 1, max: 2 },
      ],
    });
  });

  it('ignores unscored (pretest) items, answered or not', () => {
    const items: ScoredItem[] = [
      { key: 'Q1', domain: 'Build', scored: true, content: single },
      { key: 'P1', domain: 'Pretest-only', scored: false, content: single },
    ];
    expect(rawScore(items, new Map([['Q1', ['A']], ['P1', ['B']]]))).toEqual({ raw: 0, max: 1, byDomain: [{ domain: 'Build', raw: 0, max: 1 }] });
  });

  it('gives the same result with or without the unscored items, on any form', () => {
    fc.assert(
      fc.property(formArb, ({ items, responses }) => {
        expect(rawScore(items, responses)).toEqual(rawScore(items.filter((i) => i.scored), responses));
      }),
    );
  });

  it('is the sum of the scored items\' scores and maxima', () => {
    fc.assert(
      fc.property(formArb, ({ items, responses }) => {
        const scored = items.filter((i) => i.scored);
        const r = rawScore(items, responses);
        expect(r.raw).toBe(sum(scored.map((i) => scoreResponse(i.content, responses.get(i.key) ?? []))));
        expect(r.max).toBe(sum(scored.map((i) => maxPoints(i.content))));
      }),
    );
  });

  it('lists each domain with scored items once, and the domains add up to the total', () => {
    fc.assert(
      fc.property(formArb, ({ items, responses }) => {
        const r = rawScore(items, responses);
        expect(r.byDomain.map((d) => d.domain).sort()).toEqual([...new Set(items.filter((i) => i.scored).map((i) => i.domain))].sort());
        expect(sum(r.byDomain.map((d) => d.raw))).toBe(r.raw);
        expect(sum(r.byDomain.map((d) => d.max))).toBe(r.max);
      }),
    );
  });
});

describe('most points of an item', () => {
  it('is 1 for an all-or-nothing item, single or choose-N', () => {
    fc.assert(fc.property(matchCorrectArb, (c) => maxPoints(c) === 1));
  });

  it('is the best maxChoices positive map values', () => {
    const scoring: ItemScoring = { method: 'map_response', map: { A: 1, B: 2, C: 3, D: -1 }, defaultValue: 0 };
    expect(maxPoints(content(4, 'single', 1, ['C'], scoring))).toBe(3);
    expect(maxPoints(content(4, 'multiple', 2, ['C'], scoring))).toBe(5);
    expect(maxPoints(content(4, 'multiple', 3, ['C'], scoring))).toBe(6);
    expect(maxPoints(content(4, 'single', 1, ['A'], { method: 'map_response', map: { A: -1 }, defaultValue: 0 }))).toBe(0);
  });

  it('never exceeds the upper bound of a map-scored item', () => {
    expect(maxPoints(content(4, 'multiple', 2, ['C'], { method: 'map_response', map: { A: 1, B: 2, C: 3 }, defaultValue: 0, upperBound: 4 }))).toBe(4);
    fc.assert(
      fc.property(mapResponseArb, (c) => {
        fc.pre(c.scoring.method === 'map_response' && c.scoring.upperBound !== undefined);
        expect(maxPoints(c)).toBeLessThanOrEqual((c.scoring as { upperBound: number }).upperBound);
      }),
    );
  });

  it('is never beaten by a response of at most maxChoices options', () => {
    const arb = itemContentArb.chain((c) => fc.tuple(fc.constant(c), fc.subarray(c.options.map((o) => o.id), { maxLength: c.maxChoices })));
    fc.assert(fc.property(arb, ([c, response]) => scoreResponse(c, response) <= maxPoints(c)));
  });

  it('is reached by some response of at most maxChoices options', () => {
    fc.assert(
      fc.property(itemContentArb, (c) => {
        const best = Math.max(...allResponses(c.options.map((o) => o.id), c.maxChoices).map((r) => scoreResponse(c, r)));
        expect(best).toBe(maxPoints(c));
      }),
    );
  });

  // Regression (was a bug in src/core/delivery/scoring.ts, maxPoints): a positive defaultValue (legal in QTI and accepted by the catalog
  // schema and the QTI reader) is ignored. Options A, B, C; map { A: 1 }, defaultValue 1, choose 2: the response
  // [B, C] scores 2, but maxPoints says 1 — expected maxPoints ≥ 2, actual 1, so raw can exceed max.
  it('counts the default value of unmapped options in the most points', () => {
    const c = content(3, 'multiple', 2, ['A'], { method: 'map_response', map: { A: 1 }, defaultValue: 1 });
    expect(scoreResponse(c, ['B', 'C'])).toBe(2);
    expect(maxPoints(c)).toBeGreaterThanOrEqual(scoreResponse(c, ['B', 'C']));
  });

  // Regression (was a bug in src/core/delivery/scoring.ts, maxPoints): a lower bound above the best map sum is ignored. Options A, B;
  // map { A: -1, B: -1 }, defaultValue 0, lowerBound 1: every response scores 1 (clamped up), but maxPoints says 0 —
  // expected 1, actual 0.
  it('counts a positive lower bound in the most points', () => {
    const c = content(2, 'single', 1, ['A'], { method: 'map_response', map: { A: -1, B: -1 }, defaultValue: 0, lowerBound: 1 });
    expect(scoreResponse(c, ['A'])).toBe(1);
    expect(maxPoints(c)).toBe(1);
  });
});

/** Every set of distinct ids of size 0..k. */
function allResponses(ids: readonly string[], k: number): string[][] {
  const out: string[][] = [[]];
  for (const id of ids) for (const r of [...out]) if (r.length < k) out.push([...r, id]);
  return out;
}

describe('raw cut', () => {
  it('is the policy share of the maximum, rounded up', () => {
    expect(rawCut(65, 70)).toBe(46);
    expect(rawCut(100, 70)).toBe(70);
    expect(rawCut(10, 100)).toBe(10);
    expect(rawCut(3, 1)).toBe(1);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 100 }), (maxRaw, percent) => {
        // ceil(a / 100) in integers, free of floating-point error.
        expect(rawCut(maxRaw, percent)).toBe(Math.floor((maxRaw * percent + 99) / 100));
      }),
    );
  });
});

describe('scaled score', () => {
  interface Form {
    maxRaw: number;
    cut: number;
    scale: Scale;
  }
  const formScaleArb: fc.Arbitrary<Form> = fc
    .record({
      maxRaw: fc.integer({ min: 1, max: 300 }),
      percent: fc.integer({ min: 1, max: 100 }),
      min: fc.integer({ min: 0, max: 500 }),
      toPassing: fc.integer({ min: 1, max: 600 }),
      toMax: fc.integer({ min: 1, max: 600 }),
    })
    .map(({ maxRaw, percent, min, toPassing, toMax }) => ({ maxRaw, cut: rawCut(maxRaw, percent), scale: { min, passing: min + toPassing, max: min + toPassing + toMax } }));

  /** A raw score on the form in half points (map-scored items can give halves). */
  const rawOn = (f: Form) => fc.integer({ min: 0, max: 2 * f.maxRaw }).map((x) => x / 2);

  it('converts a 65-point form with a 70 % cut onto 100–1000 with 700 to pass', () => {
    const scale = { min: 100, passing: 700, max: 1000 };
    const cut = rawCut(65, 70);
    expect([0, 45, 46, 55, 65].map((raw) => scaledScore(raw, 65, cut, scale))).toEqual([100, 686, 700, 842, 1000]);
  });

  it('never goes down as the raw score goes up', () => {
    const arb = formScaleArb.chain((f) => fc.tuple(fc.constant(f), rawOn(f), rawOn(f)));
    fc.assert(
      fc.property(arb, ([{ maxRaw, cut, scale }, a, b]) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(scaledScore(lo, maxRaw, cut, scale)).toBeLessThanOrEqual(scaledScore(hi, maxRaw, cut, scale));
      }),
    );
  });

  it('maps raw 0 to the scale minimum', () => {
    fc.assert(fc.property(formScaleArb, ({ maxRaw, cut, scale }) => scaledScore(0, maxRaw, cut, scale) === scale.min));
  });

  it('maps the maximum raw score to the scale maximum', () => {
    fc.assert(fc.property(formScaleArb, ({ maxRaw, cut, scale }) => scaledScore(maxRaw, maxRaw, cut, scale) === scale.max));
  });

  // When the cut equals the maximum (a 100 % cut, or a tiny form: 1 point at any percent), "cut → passing" and
  // "max → scale max" name the same raw score; the module gives the scale maximum, tested just above.
  it('maps the raw cut to the passing score whenever the cut is below the maximum', () => {
    fc.assert(
      fc.property(formScaleArb, ({ maxRaw, cut, scale }) => {
        fc.pre(cut < maxRaw);
        expect(scaledScore(cut, maxRaw, cut, scale)).toBe(scale.passing);
      }),
    );
  });

  it('passes exactly the raw scores at or above the cut', () => {
    // Half points, any real number around the form, and the closest a raw score can come to the cut from below.
    const arb = formScaleArb.chain((f) =>
      fc.tuple(fc.constant(f), fc.oneof(rawOn(f), fc.double({ min: -20, max: f.maxRaw + 20, noNaN: true }), fc.constant(f.cut * (1 - Number.EPSILON / 2)))),
    );
    fc.assert(
      fc.property(arb, ([{ maxRaw, cut, scale }, raw]) => {
        expect(scaledScore(raw, maxRaw, cut, scale) >= scale.passing).toBe(raw >= cut);
      }),
    );
  });

  it('stays within the scale, even for raw scores outside 0..max', () => {
    const arb = formScaleArb.chain((f) => fc.tuple(fc.constant(f), fc.double({ min: -20, max: f.maxRaw + 20, noNaN: true })));
    fc.assert(
      fc.property(arb, ([{ maxRaw, cut, scale }, raw]) => {
        const s = scaledScore(raw, maxRaw, cut, scale);
        expect(s).toBeGreaterThanOrEqual(scale.min);
        expect(s).toBeLessThanOrEqual(scale.max);
      }),
    );
  });

  it('gives the scale minimum on a form without points', () => {
    expect(scaledScore(0, 0, 0, { min: 100, passing: 700, max: 1000 })).toBe(100);
  });
});

describe('equating tables', () => {
  const scale: Scale = { min: 100, max: 1000, passing: 750 };
  const validTable = (maxRaw: number) => fc.array(fc.integer({ min: 100, max: 1000 }), { minLength: maxRaw + 1, maxLength: maxRaw + 1 })
    .map((xs) => [...xs].sort((a, b) => a - b)).filter((t) => t[maxRaw]! >= 750);

  it('accepts whole, non-falling scaled scores for every raw score that reach the passing score', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 60 }).chain((m) => fc.tuple(fc.constant(m), validTable(m))), ([maxRaw, table]) => {
      expect(equatingProblem(table, maxRaw, scale)).toBeNull();
      // Pass exactly from the form's cut: the first raw score at or above the passing score.
      const { cut } = equatedScore(0, table, scale.passing);
      for (let raw = 0; raw <= maxRaw; raw++) expect(equatedScore(raw, table, scale.passing).scaled >= 750).toBe(raw >= cut);
    }));
  });

  it('refuses a table of the wrong length, off the scale, falling, or never reaching the pass', () => {
    expect(equatingProblem([100, 750], 2, scale)).toMatch(/3 values, not 2/);
    expect(equatingProblem([100, 750.5, 800], 2, scale)).toMatch(/^Raw 1: 750.5 is not a whole number/);
    expect(equatingProblem([100, 1001, 1000], 2, scale)).toMatch(/^Raw 1/);
    expect(equatingProblem([100, 800, 760], 2, scale)).toMatch(/^Raw 2 scores 760, below raw 1/);
    expect(equatingProblem([100, 500, 749], 2, scale)).toMatch(/stays below the passing score 750/);
  });
});
