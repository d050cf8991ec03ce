import { describe, expect, it } from 'vitest';
import { StatementNames } from './database.ts';

describe('prepared statement names', () => {
  it('names a text the second time it is seen, keeps the name, and stops naming at the bound', () => {
    const names = new StatementNames(2, 10);
    expect(names.nameOf('select 1')).toBeUndefined();
    const first = names.nameOf('select 1');
    expect(first).toMatch(/^invigil_/);
    expect(names.nameOf('select 1')).toBe(first);
    names.nameOf('select 2');
    const second = names.nameOf('select 2');
    expect(second).not.toBe(first);
    // The bound is reached: new texts stay unnamed however often they run; named ones keep their names.
    for (let i = 0; i < 5; i++) expect(names.nameOf('select 3')).toBeUndefined();
    expect(names.nameOf('select 2')).toBe(second);
    expect(names.size).toBe(2);
  });

  it('forgets one-off texts rather than growing without bound', () => {
    const names = new StatementNames(100, 3);
    for (let i = 0; i < 10; i++) names.nameOf(`select ${i}`);
    // Only the last few sightings are remembered: an old one-off seen again is not named yet.
    expect(names.nameOf('select 0')).toBeUndefined();
    expect(names.nameOf('select 9')).toMatch(/^invigil_/);
  });
});
