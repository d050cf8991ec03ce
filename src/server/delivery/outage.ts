import { sql } from 'kysely';
import type { Deps } from '../platform/deps.ts';
import { heartbeatMs } from './repository.ts';

/**
 * Time the whole service was down is never charged to a candidate. Every instance notes every few seconds that it is
 * alive; a start that finds the last note older than `outageAfterMs` knows the service was down since then, and before
 * any job or request reads a clock, every exam that was running gets a closed pause over the outage, and its last-seen
 * time moves to now (so the candidate's own reconnect does not count the same minutes again). An exam whose candidate
 * had already gone silent before the outage is left to its own disconnect pause, which covers the outage too.
 */
export const aliveEveryMs = 5_000;
export const outageAfterMs = 3 * aliveEveryMs;
const disconnectAfterMs = 3 * heartbeatMs;
const rowId = 'service';

export interface Outage {
  from: Date;
  to: Date;
  attempts: number;
}

/** At start-up, before jobs run and before listening: credits the outage since the service was last alive, if any. */
export async function creditOutage(deps: Pick<Deps, 'db' | 'clock' | 'log'>): Promise<Outage | null> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const beat = await trx.selectFrom('service_heartbeat').select('alive_at').where('id', '=', rowId).forUpdate().executeTakeFirst();
    await trx.insertInto('service_heartbeat').values({ id: rowId, alive_at: now }).onConflict((oc) => oc.column('id').doUpdateSet({ alive_at: now })).execute();
    if (!beat) return null;
    // The service was up at least until its last note and its last save.
    const lastSave = await trx.selectFrom('attempts').select((eb) => eb.fn.max('last_seen_at').as('at')).where('status', '=', 'in_progress').executeTakeFirst();
    const from = new Date(Math.max(beat.alive_at.getTime(), lastSave?.at ? new Date(lastSave.at).getTime() : 0));
    if (now.getTime() - from.getTime() < outageAfterMs) return null;
    const credited = await sql<{ id: string }>`
      with hit as (
        select a.id from attempts a
        where a.status = 'in_progress' and a.started_at < ${from} and a.last_seen_at >= ${new Date(from.getTime() - disconnectAfterMs)}
          and not exists (select 1 from attempt_pauses p where p.attempt_id = a.id and (p.ended_at is null or p.ended_at > ${from}))
        for update of a
      ), paused as (
        insert into attempt_pauses (attempt_id, reason, started_at, ended_at) select id, 'outage', ${from}, ${now} from hit
      ), seen as (
        update attempts set last_seen_at = ${now}, updated_at = ${now} where id in (select id from hit)
      ), noted as (
        insert into attempt_events (attempt_id, kind, data, at)
        select id, 'outage', ${JSON.stringify({ from: from.toISOString(), seconds: Math.round((now.getTime() - from.getTime()) / 1000) })}::jsonb, ${now} from hit
      )
      select id from hit`.execute(trx);
    const outage = { from, to: now, attempts: credited.rows.length };
    deps.log.warn({ event: 'service.outage_credited', from: from.toISOString(), seconds: Math.round((now.getTime() - from.getTime()) / 1000), attempts: outage.attempts }, 'service.outage_credited');
    return outage;
  });
}

/** Notes every `aliveEveryMs` that this instance is alive (never moving the note back); `stop()` ends it. */
export function startAliveNotes(deps: Pick<Deps, 'db' | 'clock' | 'log'>): { stop(): void } {
  const note = () => {
    const now = deps.clock.now();
    deps.db.insertInto('service_heartbeat').values({ id: rowId, alive_at: now })
      .onConflict((oc) => oc.column('id').doUpdateSet({ alive_at: sql`greatest(service_heartbeat.alive_at, excluded.alive_at)` })).execute()
      .catch((err: unknown) => deps.log.warn({ err, event: 'service.alive_note_failed' }, 'service.alive_note_failed'));
  };
  const timer = setInterval(note, aliveEveryMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
