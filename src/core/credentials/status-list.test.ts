import fc from 'fast-check';
import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeStatusList, encodeStatusList, pickStatusSlot, statusBit, statusBits, statusListSize } from './status-list.ts';

describe('bitstring status list', () => {
  it('is at least 16 KB, index 0 is the left-most bit, and the text is multibase base64url of GZIP', () => {
    const list = statusBits([0, 9]);
    expect(list.length).toBe(16_384);
    expect([list[0], list[1]]).toEqual([0x80, 0x40]);
    const encoded = encodeStatusList(list);
    expect(encoded).toMatch(/^u[A-Za-z0-9_-]+$/);
    expect(gunzipSync(Buffer.from(encoded.slice(1), 'base64url'))).toEqual(list);
    // An empty list compresses to a few dozen bytes: the size costs verifiers nothing.
    expect(encodeStatusList(statusBits([])).length).toBeLessThan(200);
  });

  it('decodes exactly the bits it encoded, and only those (property)', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 0, max: statusListSize - 1 }), { maxLength: 200 }), fc.integer({ min: 0, max: statusListSize - 1 }), (set, probe) => {
      const decoded = decodeStatusList(encodeStatusList(statusBits(set)));
      return decoded.length * 8 === statusListSize && set.every((i) => statusBit(decoded, i)) && statusBit(decoded, probe) === set.includes(probe);
    }), { numRuns: 60 });
  });

  it('refuses indexes outside the list and lists under 16 KB', () => {
    expect(() => statusBits([statusListSize])).toThrow(RangeError);
    expect(() => statusBits([-1])).toThrow(RangeError);
    expect(() => statusBits([], 8 * 1024)).toThrow(RangeError);
    expect(() => statusBit(statusBits([]), statusListSize)).toThrow(RangeError);
  });

  it('fills a list to half with random slots, then opens the next', () => {
    expect(pickStatusSlot(0, 0, () => 7)).toEqual({ list: 1, index: 7 });
    expect(pickStatusSlot(statusListSize / 2 - 1, 1, () => 3)).toEqual({ list: 1, index: 3 });
    expect(pickStatusSlot(statusListSize / 2, 1, () => 3)).toEqual({ list: 2, index: 3 });
  });
});
