import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditEntryHash, canonicalJson, findChainBreak, genesisHash, type StoredAuditEntry } from './hash-chain.ts';

const entryArb = fc.record({
  at: fc.date({ min: new Date('2020-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  actorId: fc.option(fc.uuid(), { nil: null }),
  action: fc.constantFrom('account.signed_up', 'staff.account_created', 'staff.api_token_revoked'),
  subjectType: fc.option(fc.constantFrom('user', 'api_token'), { nil: null }),
  subjectId: fc.option(fc.uuid(), { nil: null }),
  data: fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string(), fc.integer(), fc.boolean())),
});

function chain(fields: Omit<StoredAuditEntry, 'seq' | 'prevHash' | 'hash'>[]): StoredAuditEntry[] {
  let prev = genesisHash;
  return fields.map((f, i) => {
    const e = { ...f, seq: i + 1 };
    const hash = auditEntryHash(prev, e);
    const stored = { ...e, prevHash: prev, hash };
    prev = hash;
    return stored;
  });
}

describe('audit hash chain', () => {
  it('accepts any chain built by appending', () => {
    fc.assert(fc.property(fc.array(entryArb, { maxLength: 20 }), (fields) => findChainBreak(chain(fields)) === null));
  });

  it('detects a change to any field of any entry', () => {
    fc.assert(fc.property(fc.array(entryArb, { minLength: 1, maxLength: 12 }), fc.nat(), fc.constantFrom('action', 'actorId', 'at', 'data', 'subjectId'), (fields, pick, field) => {
      const entries = chain(fields);
      const i = pick % entries.length;
      const e = entries[i]!;
      const tampered = { ...e, [field]: field === 'data' ? { ...(e.data as object), injected: true } : field === 'at' ? '1999-01-01T00:00:00.000Z' : `${String(e[field as keyof typeof e])}x` };
      entries[i] = tampered as StoredAuditEntry;
      return findChainBreak(entries)?.seq === e.seq;
    }));
  });

  it('detects a removed entry', () => {
    fc.assert(fc.property(fc.array(entryArb, { minLength: 3, maxLength: 12 }), fc.nat(), (fields, pick) => {
      const entries = chain(fields);
      const i = 1 + (pick % (entries.length - 2));
      entries.splice(i, 1);
      return findChainBreak(entries) !== null;
    }));
  });

  it('serialises objects independently of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }));
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
  });
});
