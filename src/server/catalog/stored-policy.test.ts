import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../core/catalog/policy.ts';
import { storedPolicy } from './stored-policy.ts';

describe('storedPolicy', () => {
  it('parses each distinct document once, fills in defaults, and shares a frozen result', () => {
    const doc = { booking: { holdMinutes: 12 } };
    const a = storedPolicy(doc);
    expect(a.booking.holdMinutes).toBe(12);
    expect(a.checkIn.opensMinutesBefore).toBe(defaultPolicy().checkIn.opensMinutesBefore);
    // The same document read again (a new object from another query) is the same parsed policy.
    expect(storedPolicy(JSON.parse(JSON.stringify(doc)))).toBe(a);
    expect(Object.isFrozen(a.booking)).toBe(true);
    expect(() => { (a.booking as { holdMinutes: number }).holdMinutes = 99; }).toThrow(TypeError);
    // Another document is another policy; none at all is the defaults.
    expect(storedPolicy({ booking: { holdMinutes: 13 } }).booking.holdMinutes).toBe(13);
    expect(storedPolicy(null)).toEqual(defaultPolicy());
  });

  it('refuses a stored document that is not a policy, as parsing always did', () => {
    expect(() => storedPolicy({ booking: { holdMinutes: 'soon' } })).toThrow();
  });
});
