import { sql } from 'kysely';
import { firstName } from '../../core/proctoring/assignment.ts';
import { AppError } from '../../core/shared/app-error.ts';
import { hasAnyRole } from '../../core/accounts/roles.ts';
import type { ChatList, ChatMessage } from '../../contracts/proctoring.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Db } from '../platform/db/database.ts';
import type { Deps } from '../platform/deps.ts';
import { publishAttempt } from '../live/channels.ts';
import { proctoredSql, requireParty, type Party } from './repository.ts';

const chatParties: Party[] = ['candidate', 'proctor', 'admin'];

async function unreadFor(db: Db, attemptId: string, userId: string, senderRoles: ('candidate' | 'proctor' | 'system')[]): Promise<number> {
  const row = await db.selectFrom('attempt_messages').select((eb) => eb.fn.countAll<string>().as('n')).where('attempt_id', '=', attemptId)
    .where('sender_role', 'in', senderRoles)
    .where('seq', '>', (eb) => eb.fn.coalesce(eb.selectFrom('attempt_chat_reads').select('last_seq').where('attempt_id', '=', attemptId).where('user_id', '=', userId), eb.val('0')))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** For a proctor's console: how many of each session's candidate messages `userId` has not read (absent: none). */
export async function unreadChatMany(db: Db, attemptIds: readonly string[], userId: string): Promise<Map<string, number>> {
  if (attemptIds.length === 0) return new Map();
  const rows = await db.selectFrom('attempt_messages as m')
    .leftJoin('attempt_chat_reads as r', (join) => join.onRef('r.attempt_id', '=', 'm.attempt_id').on('r.user_id', '=', userId))
    .select(['m.attempt_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('m.attempt_id', 'in', attemptIds).where('m.sender_role', '=', 'candidate')
    .where((eb) => eb('m.seq', '>', eb.fn.coalesce('r.last_seq', eb.val('0'))))
    .groupBy('m.attempt_id').execute();
  return new Map(rows.map((r) => [r.attempt_id, Number(r.n)]));
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
  const now = deps.clock.now();
  // The common case in one statement: the sender may write here (its candidate while the exam is open, the assigned
  // proctor, an admin), the message is stored once (a resend with the same id changes nothing), marked read by its
  // sender, and returned with the sender's name. Anything else takes the long way below, for the precise answer.
  const isProctor = hasAnyRole(actor.roles, ['proctor']);
  const isAdmin = hasAnyRole(actor.roles, ['admin']);
  const stored = await sql<MessageRow & { proctor_id: string | null }>`
    with ok as (
      select attempts.id, attempts.proctor_id, case when attempts.candidate_id = ${actor.userId} then 'candidate' else 'proctor' end as role
      from attempts where attempts.id = ${attemptId} and ${proctoredSql}
        and ((attempts.candidate_id = ${actor.userId} and attempts.status in ('authorised', 'in_progress', 'paused'))
          or (attempts.candidate_id <> ${actor.userId} and ((attempts.proctor_id = ${actor.userId} and ${isProctor}) or ${isAdmin})))
    ), ins as (
      insert into attempt_messages (id, attempt_id, sender_id, sender_role, body, created_at)
      select ${input.id}, ok.id, ${actor.userId}, ok.role, ${input.body}, ${now} from ok
      on conflict (id) do nothing returning *
    ), mark as (
      insert into attempt_chat_reads (attempt_id, user_id, last_seq) select attempt_id, sender_id, seq from ins
      on conflict (attempt_id, user_id) do update set last_seq = excluded.last_seq where attempt_chat_reads.last_seq < excluded.last_seq
    )
    select ins.id, ins.attempt_id, ins.seq, ins.sender_id, ins.sender_role, ins.body, ins.created_at, users.legal_name, ok.proctor_id
    from ins cross join ok left join users on users.id = ins.sender_id`.execute(deps.db);
  const fresh = stored.rows[0];
  if (fresh) {
    publishAttempt(deps, { id: attemptId, proctorId: fresh.proctor_id }, 'chat', fresh.sender_role === 'candidate' ? 'candidate' : 'staff');
    return presentMessage(fresh, fresh.sender_role === 'candidate');
  }
  const { attempt, party } = await requireParty(deps.db, actor, attemptId, chatParties);
  if (!attempt.proctored) throw new AppError('Conflict', 'This exam has no proctor to chat with.');
  // A resend of a message already stored (also after the exam ended) is answered with it.
  const known = await findMessage(deps.db, input.id);
  if (known && (known.attempt_id !== attemptId || known.sender_id !== actor.userId)) throw new AppError('Conflict', 'That message id is taken; send it with a new one.');
  if (known) return presentMessage(known, party === 'candidate');
  if (party === 'candidate') throw new AppError('AttemptFinished', 'This exam has ended; the chat is closed.');
  throw new AppError('Conflict', 'That message could not be stored; send it again.');
}

/** A stored message for its sender: a candidate sees their full name, staff their first name. */
function presentMessage(row: MessageRow, toCandidate: boolean): ChatMessage {
  const name = row.legal_name ?? '';
  return { id: row.id, seq: Number(row.seq), from: row.sender_role, body: row.body, at: new Date(row.created_at).toISOString(), senderName: toCandidate ? name : firstName(name) };
}

interface MessageRow {
  id: string;
  attempt_id: string;
  seq: string;
  sender_id: string | null;
  sender_role: 'candidate' | 'proctor' | 'system';
  body: string;
  created_at: Date;
  legal_name: string | null;
}

function findMessage(db: Db, id: string): Promise<MessageRow | undefined> {
  return db.selectFrom('attempt_messages').leftJoin('users', 'users.id', 'attempt_messages.sender_id')
    .select(['attempt_messages.id', 'attempt_messages.attempt_id', 'attempt_messages.seq', 'attempt_messages.sender_id', 'attempt_messages.sender_role', 'attempt_messages.body', 'attempt_messages.created_at', 'users.legal_name'])
    .where('attempt_messages.id', '=', id).executeTakeFirst() as Promise<MessageRow | undefined>;
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
