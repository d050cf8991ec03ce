import { firstName } from '../../core/proctoring/assignment.ts';
import { AppError } from '../../core/shared/app-error.ts';
import type { ChatList, ChatMessage } from '../../contracts/proctoring.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Db } from '../platform/db/database.ts';
import type { Deps } from '../platform/deps.ts';
import { publishAttempt } from '../live/channels.ts';
import { requireParty, type Party } from './repository.ts';

const chatParties: Party[] = ['candidate', 'proctor', 'admin'];

async function unreadFor(db: Db, attemptId: string, userId: string, senderRoles: ('candidate' | 'proctor' | 'system')[]): Promise<number> {
  const row = await db.selectFrom('attempt_messages').select((eb) => eb.fn.countAll<string>().as('n')).where('attempt_id', '=', attemptId)
    .where('sender_role', 'in', senderRoles)
    .where('seq', '>', (eb) => eb.fn.coalesce(eb.selectFrom('attempt_chat_reads').select('last_seq').where('attempt_id', '=', attemptId).where('user_id', '=', userId), eb.val('0')))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Messages the reader has not read: a candidate counts staff messages, staff count the candidate's. */
export const unreadChat = (db: Db, attemptId: string, userId: string, party: Party) =>
  unreadFor(db, attemptId, userId, party === 'candidate' ? ['proctor', 'system'] : ['candidate']);

/** The chat of an attempt, oldest first, for its candidate, its proctor or an admin. A candidate sees staff by first name. */
export async function listChat(deps: Deps, principal: Principal | null, attemptId: string): Promise<ChatList> {
  const actor = requireRole(principal, []);
  const { party } = await requireParty(deps.db, actor, attemptId, chatParties);
  const rows = await deps.db.selectFrom('attempt_messages').leftJoin('users', 'users.id', 'attempt_messages.sender_id')
    .select(['attempt_messages.id', 'attempt_messages.seq', 'attempt_messages.sender_role', 'attempt_messages.body', 'attempt_messages.created_at', 'users.legal_name'])
    .where('attempt_messages.attempt_id', '=', attemptId).orderBy('attempt_messages.seq').limit(1000).execute();
  const messages: ChatMessage[] = rows.map((r) => ({
    id: r.id, seq: Number(r.seq), from: r.sender_role, body: r.body, at: r.created_at.toISOString(),
    senderName: r.legal_name === null ? null : party === 'candidate' && r.sender_role !== 'candidate' ? firstName(r.legal_name) : r.legal_name,
  }));
  return { messages, unread: await unreadChat(deps.db, attemptId, actor.userId, party) };
}

/**
 * Sends a chat message (1–2,000 characters) on an attempt: its candidate while the attempt is open, the assigned proctor
 * or an admin. The sender picks the id, so a message sent again after a reconnect is stored (and shown) once.
 */
export async function sendChat(deps: Deps, principal: Principal | null, attemptId: string, input: { id: string; body: string }): Promise<ChatMessage> {
  const actor = requireRole(principal, []);
  const { attempt, party } = await requireParty(deps.db, actor, attemptId, chatParties);
  if (!attempt.proctored) throw new AppError('Conflict', 'This exam has no proctor to chat with.');
  const now = deps.clock.now();
  const role = party === 'candidate' ? 'candidate' : 'proctor';
  const saved = await deps.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('attempt_messages').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (existing) {
      if (existing.attempt_id !== attemptId || existing.sender_id !== actor.userId) throw new AppError('Conflict', 'That message id is taken; send it with a new one.');
      return { row: existing, fresh: false };
    }
    if (party === 'candidate' && !['authorised', 'in_progress', 'paused'].includes(attempt.status)) throw new AppError('AttemptFinished', 'This exam has ended; the chat is closed.');
    const row = await trx.insertInto('attempt_messages').values({ id: input.id, attempt_id: attemptId, sender_id: actor.userId, sender_role: role, body: input.body, created_at: now })
      .onConflict((oc) => oc.column('id').doNothing()).returningAll().executeTakeFirst()
      ?? await trx.selectFrom('attempt_messages').selectAll().where('id', '=', input.id).executeTakeFirstOrThrow();
    // Your own message is read by you.
    await markRead(trx, attemptId, actor.userId, Number(row.seq));
    return { row, fresh: true };
  });
  if (saved.fresh) publishAttempt(deps, { id: attemptId, proctorId: attempt.proctorId }, 'chat');
  const name = (await deps.db.selectFrom('users').select('legal_name').where('id', '=', actor.userId).executeTakeFirstOrThrow()).legal_name;
  return { id: saved.row.id, seq: Number(saved.row.seq), from: saved.row.sender_role, body: saved.row.body, at: saved.row.created_at.toISOString(), senderName: party === 'candidate' ? name : firstName(name) };
}

async function markRead(db: Db, attemptId: string, userId: string, seq: number) {
  await db.insertInto('attempt_chat_reads').values({ attempt_id: attemptId, user_id: userId, last_seq: seq })
    .onConflict((oc) => oc.columns(['attempt_id', 'user_id']).doUpdateSet({ last_seq: seq }).where('attempt_chat_reads.last_seq', '<', String(seq))).execute();
}

/** Marks the chat read up to `upToSeq` for the caller (never moves back). */
export async function readChat(deps: Deps, principal: Principal | null, attemptId: string, upToSeq: number): Promise<void> {
  const actor = requireRole(principal, []);
  await requireParty(deps.db, actor, attemptId, chatParties);
  await markRead(deps.db, attemptId, actor.userId, upToSeq);
}
