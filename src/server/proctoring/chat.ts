import { sql } from 'kysely';
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
  const { attempt, party } = await requireParty(deps.db, actor, attemptId, chatParties);
  if (!attempt.proctored) throw new AppError('Conflict', 'This exam has no proctor to chat with.');
  const now = deps.clock.now();
  const role = party === 'candidate' ? 'candidate' : 'proctor';
  if (party === 'candidate' && !['authorised', 'in_progress', 'paused'].includes(attempt.status)) {
    // A resend of a message stored before the exam ended is still answered with it.
    const known = await findMessage(deps.db, input.id);
    if (!known) throw new AppError('AttemptFinished', 'This exam has ended; the chat is closed.');
  }
  // One statement: store the message (once: a resend with the same id changes nothing), mark it read by its sender,
  // and return it with the sender's name.
  const stored = await sql<MessageRow & { fresh: boolean }>`
    with ins as (
      insert into attempt_messages (id, attempt_id, sender_id, sender_role, body, created_at)
      values (${input.id}, ${attemptId}, ${actor.userId}, ${role}, ${input.body}, ${now})
      on conflict (id) do nothing returning *
    ), mark as (
      insert into attempt_chat_reads (attempt_id, user_id, last_seq) select attempt_id, sender_id, seq from ins
      on conflict (attempt_id, user_id) do update set last_seq = excluded.last_seq where attempt_chat_reads.last_seq < excluded.last_seq
    )
    select ins.id, ins.attempt_id, ins.seq, ins.sender_id, ins.sender_role, ins.body, ins.created_at, users.legal_name, true as fresh
    from ins left join users on users.id = ins.sender_id`.execute(deps.db);
  const row = stored.rows[0] ?? (await findMessage(deps.db, input.id));
  if (!row) throw new AppError('Conflict', 'That message could not be stored; send it again.');
  if (row.attempt_id !== attemptId || row.sender_id !== actor.userId) throw new AppError('Conflict', 'That message id is taken; send it with a new one.');
  if ('fresh' in row && row.fresh) publishAttempt(deps, { id: attemptId, proctorId: attempt.proctorId }, 'chat', role === 'candidate' ? 'candidate' : 'staff');
  const name = row.legal_name ?? '';
  return { id: row.id, seq: Number(row.seq), from: row.sender_role, body: row.body, at: new Date(row.created_at).toISOString(), senderName: party === 'candidate' ? name : firstName(name) };
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
