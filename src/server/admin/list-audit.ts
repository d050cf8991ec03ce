import { requireRole, type Principal } from '../platform/auth.ts';
import type { Deps } from '../platform/deps.ts';

/** Admin: the audit log, newest first, paged by `before` (an exclusive seq cursor). */
export async function listAudit(deps: Deps, principal: Principal | null, page: { limit: number; before?: number }) {
  requireRole(principal, ['admin']);
  let q = deps.db.selectFrom('audit_log').leftJoin('users', 'users.id', 'audit_log.actor_id')
    .select(['audit_log.seq', 'audit_log.at', 'audit_log.actor_id', 'users.email', 'audit_log.action', 'audit_log.subject_type', 'audit_log.subject_id', 'audit_log.data', 'audit_log.hash']);
  if (page.before) q = q.where('audit_log.seq', '<', String(page.before));
  const rows = await q.orderBy('audit_log.seq', 'desc').limit(page.limit).execute();
  return rows.map((r) => ({
    seq: Number(r.seq), at: r.at.toISOString(), actorId: r.actor_id, actorEmail: r.email, action: r.action,
    subjectType: r.subject_type, subjectId: r.subject_id, data: r.data, hash: r.hash,
  }));
}
