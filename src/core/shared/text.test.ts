import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findUnstorableText, textProblem, toStorableText, toStorableValue, truncateText } from './text.ts';

// Any UTF-16 string, lone surrogates and NULs included.
const anyUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 });

describe('text PostgreSQL can store', () => {
  it('names NUL and lone surrogates, and nothing in well-formed text', () => {
    expect(textProblem('a\u0000b')).toBe('nul');
    expect(textProblem('half \ud83d')).toBe('surrogate');
    expect(textProblem('\ude00 tail')).toBe('surrogate');
    expect(textProblem('emoji 😀 ok')).toBeNull();
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => textProblem(s) === null));
  });

  it('repairs any string into storable text, leaving storable text as it was', () => {
    fc.assert(fc.property(anyUnits, (s) => {
      const repaired = toStorableText(s);
      expect(textProblem(repaired)).toBeNull();
      if (textProblem(s) === null) expect(repaired).toBe(s);
    }));
    expect(toStorableText('a\u0000b\ud83d')).toBe('ab\ufffd');
  });

  it('truncates without cutting a character in half', () => {
    expect(truncateText('a😀', 2)).toBe('a');
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.integer({ min: 0, max: 60 }), (s, max) => {
      const cut = truncateText(s, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(s.startsWith(cut)).toBe(true);
      expect(textProblem(cut)).toBeNull();
    }));
  });

  it('finds bad text in nested values and keys, however deep, with its path', () => {
    expect(findUnstorableText({ a: [1, { b: 'x\u0000' }] })).toEqual({ path: ['a', '1', 'b'], problem: 'nul' });
    expect(findUnstorableText({ ['k\ud800']: 1 })).toEqual({ path: ['k\ud800'], problem: 'surrogate' });
    let deep: unknown = 'end\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnstorableText(deep)?.problem).toBe('nul');
    expect(toStorableValue({ notes: 'a\u0000', list: ['\ud800'] })).toEqual({ notes: 'a', list: ['\ufffd'] });
  });
});
