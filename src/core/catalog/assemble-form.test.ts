import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assembleForm, domainQuotas, unscoredDomain, type BankItem } from './assemble-form.ts';

const weightsArb = fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 6 }).map((ws) => ws.map((w, i) => ({ code: `D${i + 1}`, weight: w })));

function bankFor(domains: { code: string }[], perDomain: number[], unscored: number): BankItem[] {
  const items: BankItem[] = [];
  domains.forEach((d, i) => {
    for (let k = 0; k < (perDomain[i] ?? 0); k++) {
      const n = items.length;
      items.push({ identifier: `I${String(n).padStart(4, '0')}`, domain: d.code, scored: true, optionIds: ['A', 'B', 'C', 'D', 'E'].slice(0, 4 + (n % 2)), fixedOptionIds: n % 5 === 0 ? ['D'] : [], shuffle: n % 7 !== 0 });
    }
  });
  for (let k = 0; k < unscored; k++) items.push({ identifier: `P${k}`, domain: domains[k % domains.length]!.code, scored: false, optionIds: ['A', 'B', 'C', 'D'], fixedOptionIds: [], shuffle: true });
  return items;
}

describe('domain quotas', () => {
  it('add up to the scored count, each within one of the exact share', () => {
    fc.assert(fc.property(weightsArb, fc.integer({ min: 0, max: 300 }), (domains, n) => {
      const q = domainQuotas(domains, n);
      const total = domains.reduce((s, d) => s + d.weight, 0);
      expect([...q.values()].reduce((s, x) => s + x, 0)).toBe(n);
      for (const d of domains) {
        const exact = (d.weight * n) / total;
        expect(q.get(d.code)!).toBeGreaterThanOrEqual(Math.floor(exact));
        expect(q.get(d.code)!).toBeLessThanOrEqual(Math.ceil(exact));
      }
    }));
  });
});

describe('form assembly', () => {
  const setup = fc.record({
    domains: weightsArb,
    scoredCount: fc.integer({ min: 1, max: 80 }),
    unscoredCount: fc.integer({ min: 0, max: 10 }),
    spare: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 6, maxLength: 6 }),
    spareUnscored: fc.integer({ min: 0, max: 5 }),
    seed: fc.string({ minLength: 1, maxLength: 20 }),
  });

  it('meets the blueprint exactly, without repeats, for every seed and every bank that can satisfy it', () => {
    fc.assert(fc.property(setup, ({ domains, scoredCount, unscoredCount, spare, spareUnscored, seed }) => {
      const quotas = domainQuotas(domains, scoredCount);
      const bank = bankFor(domains, domains.map((d, i) => quotas.get(d.code)! + spare[i]!), unscoredCount + spareUnscored);
      const form = assembleForm(bank, { domains, scoredCount, unscoredCount }, seed);
      if (!form.ok) throw new Error(`unexpected shortfall ${JSON.stringify(form.shortfalls)}`);
      expect(form.items).toHaveLength(scoredCount + unscoredCount);
      expect(new Set(form.items.map((i) => i.identifier)).size).toBe(form.items.length);
      for (const d of domains) expect(form.items.filter((i) => i.scored && i.domain === d.code)).toHaveLength(quotas.get(d.code)!);
      expect(form.items.filter((i) => !i.scored)).toHaveLength(unscoredCount);
      const byId = new Map(bank.map((b) => [b.identifier, b]));
      for (const fi of form.items) {
        const b = byId.get(fi.identifier)!;
        expect([...fi.optionOrder].sort()).toEqual([...b.optionIds].sort());
        for (const f of b.fixedOptionIds) expect(fi.optionOrder.indexOf(f)).toBe(b.optionIds.indexOf(f));
        if (!b.shuffle) expect(fi.optionOrder).toEqual(b.optionIds);
      }
    }));
  });

  it('gives the same form for the same seed whatever order the bank comes in', () => {
    fc.assert(fc.property(setup, fc.integer(), ({ domains, scoredCount, unscoredCount, spare, seed }, salt) => {
      const quotas = domainQuotas(domains, scoredCount);
      const bank = bankFor(domains, domains.map((d, i) => quotas.get(d.code)! + spare[i]!), unscoredCount);
      const reversed = [...bank].reverse();
      const rotated = bank.map((_, i) => bank[(i + Math.abs(salt)) % bank.length]!);
      const spec = { domains, scoredCount, unscoredCount };
      const a = assembleForm(bank, spec, seed);
      expect(assembleForm(reversed, spec, seed)).toEqual(a);
      expect(assembleForm(rotated, spec, seed)).toEqual(a);
    }));
  });

  it('names every short domain, and only those, when the bank cannot meet the blueprint', () => {
    fc.assert(fc.property(setup, fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), fc.boolean(), ({ domains, scoredCount, unscoredCount, seed }, short, shortUnscored) => {
      const quotas = domainQuotas(domains, scoredCount);
      const perDomain = domains.map((d, i) => (short[i] && quotas.get(d.code)! > 0 ? quotas.get(d.code)! - 1 : quotas.get(d.code)!));
      const unscored = shortUnscored && unscoredCount > 0 ? unscoredCount - 1 : unscoredCount;
      const form = assembleForm(bankFor(domains, perDomain, unscored), { domains, scoredCount, unscoredCount }, seed);
      const expected = domains.filter((d, i) => perDomain[i]! < quotas.get(d.code)!).map((d) => d.code);
      if (unscored < unscoredCount) expected.push(unscoredDomain);
      if (expected.length === 0) expect(form.ok).toBe(true);
      else {
        expect(form.ok).toBe(false);
        if (!form.ok) expect(form.shortfalls.map((s) => s.domain)).toEqual(expected);
      }
    }));
  });

  it('varies the form between seeds when the bank allows it', () => {
    const domains = [{ code: 'D1', weight: 50 }, { code: 'D2', weight: 50 }];
    const bank = bankFor(domains, [30, 30], 10);
    const forms = new Set(['a', 'b', 'c', 'd'].map((s) => JSON.stringify(assembleForm(bank, { domains, scoredCount: 20, unscoredCount: 5 }, s))));
    expect(forms.size).toBe(4);
  });
});
