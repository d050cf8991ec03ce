import { createHash } from 'node:crypto';

/** The fields of an audit entry that its hash covers. `at` is an ISO-8601 UTC string with milliseconds. */
export interface AuditFields {
  seq: number;
  at: string;
  actorId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  data: unknown;
}

/** The hash every chain starts from (the `prevHash` of the first entry). */
export const genesisHash = '0'.repeat(64);

/** Serializes JSON with object keys sorted, so the same value always hashes the same way. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The hash of one entry: sha256 over the previous entry's hash and the entry's canonical form. */
export function auditEntryHash(prevHash: string, fields: AuditFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(fields)).digest('hex');
}

export interface StoredAuditEntry extends AuditFields {
  prevHash: string;
  hash: string;
}

/** Checks a run of entries in `seq` order; returns the first broken entry's seq and why, or null when intact. */
export function findChainBreak(entries: Iterable<StoredAuditEntry>, startPrevHash = genesisHash): { seq: number; reason: string } | null {
  let prev = startPrevHash;
  let lastSeq: number | null = null;
  for (const e of entries) {
    if (lastSeq !== null && e.seq !== lastSeq + 1) return { seq: e.seq, reason: `sequence gap after ${lastSeq}` };
    if (e.prevHash !== prev) return { seq: e.seq, reason: 'previous-hash link does not match the entry before it' };
    const { prevHash: _p, hash, ...fields } = e;
    if (auditEntryHash(prev, fields) !== hash) return { seq: e.seq, reason: 'entry content does not match its hash' };
    prev = hash;
    lastSeq = e.seq;
  }
  return null;
}
