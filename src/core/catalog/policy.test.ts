import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExamPolicy, defaultPolicy, defaultRejectReasons, policyProblems } from './policy.ts';
import { renderRules } from './rules-text.ts';
import { itemContentProblems, scoreResponse, type ItemContent } from './item.ts';

describe('exam policy', () => {
  it('fills every documented default from an empty document', () => {
    const p = defaultPolicy();
    expect(p.checkIn).toEqual({ opensMinutesBefore: 30, closesMinutesAfter: 15, rejectReasons: defaultRejectReasons });
    expect(p.proctoring.roomScanSeconds).toBe(30);
    expect(p.rescheduling).toEqual({ cutoffHours: 24, maxReschedules: 2 });
    expect(p.retakes).toEqual({ waitDaysAfterFail: 14, lockoutDaysAfterPass: 730, banDaysAfterInvalidation: 0 });
    expect(p.delivery.breaksAllowed).toBe(false);
    expect(p.proctoring.proctored).toBe(true);
    expect(policyProblems(p)).toEqual([]);
  });

  it('keeps given values and defaults the rest of a section', () => {
    const p = ExamPolicy.parse({ checkIn: { opensMinutesBefore: 45 } });
    expect(p.checkIn).toEqual({ opensMinutesBefore: 45, closesMinutesAfter: 15, rejectReasons: defaultRejectReasons });
  });

  it('refuses unknown fields, wrong types and out-of-range values', () => {
    expect(ExamPolicy.safeParse({ checkIn: { opensMinutesBefore: -5 } }).success).toBe(false);
    expect(ExamPolicy.safeParse({ booking: { slotIntervalMinutes: 20 } }).success).toBe(false);
    expect(ExamPolicy.safeParse({ checkIn: { rejectReasons: [] } }).success).toBe(false);
    expect(ExamPolicy.safeParse({ proctoring: { roomScanSeconds: 2 } }).success).toBe(false);
    expect(ExamPolicy.safeParse({ sneaky: true }).success).toBe(false);
    expect(ExamPolicy.safeParse({ delivery: { breaksAllowed: 'yes' } }).success).toBe(false);
  });

  it('states cross-field problems at the field to fix', () => {
    const p = ExamPolicy.parse({ delivery: { breaksAllowed: true }, cancellation: { refundBeforeCutoffPercent: 50, refundAfterCutoffPercent: 80 } });
    expect(policyProblems(p).map((x) => x.path.join('.'))).toEqual(['delivery.maxBreakMinutes', 'cancellation.refundAfterCutoffPercent']);
  });

  it('renders the rules candidates read from the policy alone', () => {
    const rules = renderRules(defaultPolicy(), { durationMinutes: 180 }).flatMap((s) => s.rules).join('\n');
    expect(rules).toContain('Check-in opens 30 minutes before your start time and closes 15 minutes after it.');
    expect(rules).toContain('You have 3 hours');
    expect(rules).toContain('There are no breaks');
    expect(rules).toContain('After a fail, wait 14 days');
    expect(rules).toContain('you cannot take this exam again for 2 years');
    const practice = renderRules(ExamPolicy.parse({ proctoring: { proctored: false } }), { durationMinutes: 40 });
    expect(practice.map((s) => s.heading)).not.toContain('Check-in');
    expect(practice.flatMap((s) => s.rules).join('\n')).toContain('unproctored practice exam');
    expect(practice.flatMap((s) => s.rules).join('\n')).not.toContain('badge');
  });

  it('says how long the badge lasts, how renewal works, and when renewal opens inside the lockout', () => {
    const rules = (input: object) => renderRules(ExamPolicy.parse(input), { durationMinutes: 60 }).flatMap((s) => s.rules).join('\n');
    expect(rules({})).toContain('valid for 3 years from the exam. We email you 90 and 30 days before it expires; to renew it, pass the exam again');
    expect(rules({})).toContain('After a pass, you cannot take this exam again for 2 years.');
    expect(rules({ credential: { validityMonths: 24 } })).toContain('After a pass, you cannot take this exam again for 2 years, except to renew your certification: you can book again from 180 days before it expires.');
    expect(rules({ credential: { validityMonths: 0 } })).toContain('that does not expire');
  });

  it('renders some text for every valid policy', () => {
    const numbers = fc.record({ opensMinutesBefore: fc.integer({ min: 0, max: 240 }), closesMinutesAfter: fc.integer({ min: 0, max: 60 }) });
    fc.assert(fc.property(numbers, fc.boolean(), (checkIn, proctored) => {
      const sections = renderRules(ExamPolicy.parse({ checkIn, proctoring: { proctored } }), { durationMinutes: 90 });
      return sections.every((s) => s.rules.length > 0 && s.rules.every((r) => r.length > 10 && !r.includes('undefined') && !r.includes('NaN')));
    }));
  });
});

describe('item content and scoring', () => {
  const single: ItemContent = { interaction: 'single', stem: '<p>Q</p>', options: [{ id: 'A', html: 'a' }, { id: 'B', html: 'b' }, { id: 'C', html: 'c' }], correct: ['B'], maxChoices: 1, shuffle: true, scoring: { method: 'match_correct' } };
  const multiple: ItemContent = { ...single, interaction: 'multiple', options: [...single.options, { id: 'D', html: 'd' }], correct: ['A', 'C'], maxChoices: 2 };

  it('accepts well-formed items and explains what is wrong with others', () => {
    expect(itemContentProblems(single)).toEqual([]);
    expect(itemContentProblems(multiple)).toEqual([]);
    expect(itemContentProblems({ ...single, correct: ['A', 'B'] })).toContain('A single-response item has exactly one correct option.');
    expect(itemContentProblems({ ...single, correct: ['Z'] })).toContain('The key Z is not one of the options.');
    expect(itemContentProblems({ ...multiple, correct: ['A'] })).toContain('The key must have exactly 2 options ("choose 2").');
    expect(itemContentProblems({ ...single, options: [{ id: 'A', html: 'x' }, { id: 'A', html: 'y' }], correct: ['A'] })).toContain('Option identifiers must be unique.');
  });

  it('scores all-or-nothing and by score map', () => {
    expect(scoreResponse(single, ['B'])).toBe(1);
    expect(scoreResponse(single, ['A'])).toBe(0);
    expect(scoreResponse(multiple, ['C', 'A'])).toBe(1);
    expect(scoreResponse(multiple, ['A'])).toBe(0);
    const mapped: ItemContent = { ...multiple, scoring: { method: 'map_response', map: { A: 1, C: 1, B: -1 }, defaultValue: 0, lowerBound: 0, upperBound: 2 } };
    expect(scoreResponse(mapped, ['A', 'B'])).toBe(0);
    expect(scoreResponse(mapped, ['A', 'C', 'C'])).toBe(2);
    expect(scoreResponse(mapped, ['B', 'D'])).toBe(0);
    const named: ItemContent = { ...mapped, options: [{ id: 'constructor', html: 'x' }, { id: 'toString', html: 'y' }, ...mapped.options], scoring: { method: 'map_response', map: { A: 1 }, defaultValue: 0 } };
    expect(scoreResponse(named, ['constructor', 'toString', 'A'])).toBe(1);
  });
});
