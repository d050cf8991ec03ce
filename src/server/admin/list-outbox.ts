import { AppError } from '../../core/shared/app-error.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Deps } from '../platform/deps.ts';

/** Admin, demo mode only: the mail outbox, so a tester can open verification links without a mail server.
 * Off in production, where it would let an admin read other people's sign-in links. */
export async function listOutbox(deps: Deps, principal: Principal | null, filter: { to?: string; limit: number }) {
  requireRole(principal, ['admin']);
  if (!deps.config.demo) throw new AppError('FeatureDisabled', 'The outbox is shown only in demo mode.');
  let q = deps.db.selectFrom('outbox_emails').selectAll();
  if (filter.to) q = q.where('to_address', '=', filter.to.toLowerCase());
  const rows = await q.orderBy('seq', 'desc').limit(filter.limit).execute();
  return rows.map((r) => ({
    id: r.id, to: r.to_address, subject: r.subject, text: r.text_body, createdAt: r.created_at.toISOString(),
    sentAt: r.sent_at?.toISOString() ?? null, attempts: r.attempts, lastError: r.last_error,
  }));
}
