import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appealCloses, appealDueAt, appealRefusal, outcomeRefusal, pickReviewer } from './appeals.ts';

const day = 86_400_000;
const at = (iso: string) => new Date(iso);

describe('appeals', () => {
  it('opens for the window after an official decision, and only then', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 365 }), fc.integer({ min: 0, max: 400 * 24 }), (windowDays, hoursAfter) => {
      const decidedAt = at('2026-06-01T12:00:00Z');
      const now = new Date(decidedAt.getTime() + hoursAfter * 3_600_000);
      const refusal = appealRefusal({ resultState: 'released', decidedAt, windowDays, existing: false, now });
      expect(refusal === null).toBe(hoursAfter < windowDays * 24);
    }));
  });

  it('refuses results still in validation, a second appeal, and programs without appeals', () => {
    const base = { decidedAt: at('2026-06-01T00:00:00Z'), windowDays: 14, existing: false, now: at('2026-06-02T00:00:00Z') };
    expect(appealRefusal({ ...base, resultState: 'validating' })).toMatch(/once it is official/);
    expect(appealRefusal({ ...base, resultState: 'held' })).toMatch(/once it is official/);
    expect(appealRefusal({ ...base, resultState: 'invalidated' })).toBeNull();
    expect(appealRefusal({ ...base, resultState: 'released', existing: true })).toMatch(/already appealed/);
    expect(appealRefusal({ ...base, resultState: 'released', windowDays: 0 })).toMatch(/no appeals/);
    expect(appealRefusal({ ...base, resultState: 'released', now: at('2026-06-15T00:00:00Z') })).toBe('The appeal window closed on 2026-06-15.');
    expect(appealCloses(base.decidedAt, 0)).toBeNull();
    expect(appealDueAt(base.decidedAt, 10).getTime() - base.decidedAt.getTime()).toBe(10 * day);
  });

  it('reinstates only a result that does not stand', () => {
    expect(outcomeRefusal('reinstated', 'invalidated')).toBeNull();
    expect(outcomeRefusal('reinstated', 'released')).toMatch(/Only an invalidated result/);
    expect(outcomeRefusal('upheld', 'released')).toBeNull();
    expect(outcomeRefusal('retake', 'released')).toBeNull();
  });

  it('gives the appeal to the least-busy admin who had no part in the session', () => {
    fc.assert(fc.property(
      fc.uniqueArray(fc.record({ id: fc.stringMatching(/^[a-f]{4}$/), openAppeals: fc.nat({ max: 5 }) }), { selector: (a) => a.id, maxLength: 8 }),
      fc.array(fc.stringMatching(/^[a-f]{4}$/), { maxLength: 8 }),
      (admins, involvedList) => {
        const involved = new Set(involvedList);
        const chosen = pickReviewer(admins, involved);
        const free = admins.filter((a) => !involved.has(a.id));
        if (free.length === 0) {
          expect(chosen).toBeNull();
        } else {
          expect(involved.has(chosen!)).toBe(false);
          const load = admins.find((a) => a.id === chosen)!.openAppeals;
          expect(free.every((a) => a.openAppeals >= load)).toBe(true);
        }
      },
    ));
  });
});
