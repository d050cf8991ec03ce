import { sql } from 'kysely';
import { auditEntryHash, findChainBreak, genesisHash, type StoredAuditEntry } from '../../core/audit/hash-chain.ts';
import type { Db } from './db/database.ts';
import type { Clock } from './clock.ts';

export interface AuditEvent {
  actorId: string | null;
  action: string;
  subjectType?: string;
  subjectId?: string;
  data?: Record<string, unknown>;
}

// Any constant works; it names the one advisory lock that serialises appends to the chain.
const AUDIT_LOCK = 7_140_311;

/**
 * Appends an entry to the hash-chained audit log. Call it inside the transaction that makes the change, so the
 * entry exists exactly when the change does. Appends are serialised by a transaction-scoped advisory lock.
 */
export async function appendAudit(trx: Db, clock: Clock, event: AuditEvent): Promise<void> {
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(trx);
  const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const seq = last ? Number(last.seq) + 1 : 1;
  const prevHash = last?.hash ?? genesisHash;
  const at = clock.now();
  const fields = {
    seq,
    at: at.toISOString(),
    actorId: event.actorId,
    action: event.action,
    subjectType: event.subjectType ?? null,
    subjectId: event.subjectId ?? null,
    data: event.data ?? {},
  };
  await trx.insertInto('audit_log').values({
    seq,
    at,
    actor_id: fields.actorId,
    action: fields.action,
    subject_type: fields.subjectType,
    subject_id: fields.subjectId,
    data: JSON.stringify(fields.data),
    prev_hash: prevHash,
    hash: auditEntryHash(prevHash, fields),
  }).execute();
}

/** Re-computes the whole chain in batches; reports the first broken entry, if any. */
export async function verifyAuditChain(db: Db): Promise<{ ok: boolean; checked: number; brokenAt: { seq: number; reason: string } | null }> {
  let prev = genesisHash;
  let after = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>', String(after)).orderBy('seq').limit(5000).execute();
    if (rows.length === 0) break;
    const entries: StoredAuditEntry[] = rows.map((r) => ({
      seq: Number(r.seq),
      at: r.at.toISOString(),
      actorId: r.actor_id,
      action: r.action,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      data: r.data,
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
    if (checked === 0 && entries[0]!.seq !== 1) return { ok: false, checked, brokenAt: { seq: entries[0]!.seq, reason: 'the chain does not start at 1' } };
    const broken = findChainBreak(entries, prev);
    if (broken) return { ok: false, checked: checked + entries.findIndex((e) => e.seq === broken.seq), brokenAt: broken };
    checked += entries.length;
    prev = entries.at(-1)!.hash;
    after = entries.at(-1)!.seq;
  }
  return { ok: true, checked, brokenAt: null };
}
