import { firstName } from '../../core/proctoring/assignment.ts';
import type { AttemptProctoring } from '../../contracts/proctoring.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Deps } from '../platform/deps.ts';
import { iceServersFor } from '../platform/ice.ts';
import { unreadChat } from './chat.ts';
import { recordingSettings } from './recordings.ts';
import { requireParty } from './repository.ts';

/** Candidate (or the watching staff): who proctors the attempt now, a warning to acknowledge, why staff ended it, unread chat,
 * and the ICE servers for the video (TURN credentials minted for the caller). */
export async function getAttemptProctoring(deps: Deps, principal: Principal | null, attemptId: string): Promise<AttemptProctoring> {
  const actor = requireRole(principal, []);
  const { attempt, party } = await requireParty(deps.db, actor, attemptId, ['candidate', 'proctor', 'admin']);
  const row = await deps.db.selectFrom('attempts').leftJoin('users', 'users.id', 'attempts.proctor_id')
    .select(['attempts.proctor_id', 'attempts.proctor_assigned_at', 'attempts.warning', 'attempts.end_reason', 'attempts.rescan_requested_at', 'attempts.rescan_reason', 'users.legal_name'])
    .where('attempts.id', '=', attemptId).executeTakeFirstOrThrow();
  const warning = row.warning as { reason: string; note: string | null; at: string } | null;
  return {
    proctored: attempt.proctored,
    proctor: row.proctor_id && row.legal_name && row.proctor_assigned_at ? { id: row.proctor_id, firstName: firstName(row.legal_name), since: row.proctor_assigned_at.toISOString() } : null,
    warning: warning ? { reason: warning.reason, note: warning.note, at: warning.at } : null,
    endReason: row.end_reason,
    unread: await unreadChat(deps.db, attemptId, actor.userId, party),
    iceServers: attempt.proctored ? iceServersFor(deps.config, actor.userId, deps.clock.now()) : [],
    recording: attempt.proctored ? { session: attempt.policy.proctoring.recordSessions, ...recordingSettings(attempt.policy) } : null,
    rescan: row.rescan_requested_at && row.rescan_reason
      ? { reason: row.rescan_reason, requestedAt: row.rescan_requested_at.toISOString(), minSeconds: attempt.policy.proctoring.roomScanSeconds }
      : null,
  };
}
