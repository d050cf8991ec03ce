import nodemailer, { type Transporter } from 'nodemailer';
import { sql } from 'kysely';
import type { Db } from './db/database.ts';
import type { MailAttachment } from './db/schema.ts';
import type { Clock } from './clock.ts';
import type { Ids } from './secrets.ts';
import type { Logger } from './logger.ts';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Small text attachments, e.g. a calendar invite. */
  attachments?: MailAttachment[];
}

/** Puts a message in the outbox table. Call inside the transaction of the change it reports, so it is sent
 * exactly when that change commits; delivery happens afterwards, with retries. */
export async function enqueueEmail(trx: Db, deps: { clock: Clock; ids: Ids }, email: OutgoingEmail): Promise<string> {
  const id = deps.ids.uuid();
  const now = deps.clock.now();
  await trx.insertInto('outbox_emails').values({
    id, to_address: email.to, subject: email.subject, text_body: email.text, html_body: email.html ?? null, attachments: JSON.stringify(email.attachments ?? []),
    created_at: now, next_attempt_at: now,
  }).execute();
  return id;
}

const maxAttempts = 8;
/** Backoff after the nth failed attempt: 30 s, 1 min, 2 min … capped at 1 h. */
export const retryDelayMs = (attempts: number) => Math.min(30_000 * 2 ** (attempts - 1), 3_600_000);

export interface MailDelivery {
  /** Sends what is due now; returns how many were sent. Safe to run on several instances at once. */
  deliverDue(): Promise<number>;
  /** Asks the loop to run soon (after an enqueue). */
  poke(): void;
  stop(): Promise<void>;
}

/**
 * Delivers the outbox over SMTP (nodemailer). Rows are claimed with FOR UPDATE SKIP LOCKED, so several
 * instances never send one message twice; a failure is retried with backoff and recorded on the row.
 */
export function startMailDelivery(deps: { db: Db; clock: Clock; log: Logger; smtpUrl: string; from: string; intervalMs?: number }): MailDelivery {
  const transport: Transporter = nodemailer.createTransport(deps.smtpUrl);
  let running: Promise<number> | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  async function deliverBatch(): Promise<number> {
    let sent = 0;
    for (;;) {
      const batchSent = await deps.db.transaction().execute(async (trx) => {
        const rows = await trx.selectFrom('outbox_emails').selectAll()
          .where('sent_at', 'is', null).where('failed_at', 'is', null).where('next_attempt_at', '<=', deps.clock.now())
          .orderBy('next_attempt_at').limit(10).forUpdate().skipLocked().execute();
        for (const row of rows) {
          try {
            await transport.sendMail({ from: deps.from, to: row.to_address, subject: row.subject, text: row.text_body, ...(row.html_body ? { html: row.html_body } : {}), attachments: row.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })) });
            await trx.updateTable('outbox_emails').set({ sent_at: deps.clock.now(), attempts: sql`attempts + 1`, last_error: null }).where('id', '=', row.id).execute();
            deps.log.info({ event: 'mail.sent', emailId: row.id }, 'mail.sent');
          } catch (err) {
            const attempts = row.attempts + 1;
            const giveUp = attempts >= maxAttempts;
            await trx.updateTable('outbox_emails').set({
              attempts,
              last_error: String((err as Error).message ?? err).slice(0, 500),
              next_attempt_at: new Date(deps.clock.now().getTime() + retryDelayMs(attempts)),
              failed_at: giveUp ? deps.clock.now() : null,
            }).where('id', '=', row.id).execute();
            deps.log.warn({ event: 'mail.failed', emailId: row.id, attempts, giveUp, err: (err as Error).message }, 'mail.failed');
          }
        }
        return rows.length;
      });
      sent += batchSent;
      if (batchSent < 10) return sent;
    }
  }

  function deliverDue(): Promise<number> {
    running ??= deliverBatch().finally(() => { running = null; });
    return running;
  }

  function schedule(ms: number) {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      deliverDue().catch((err) => deps.log.error({ event: 'mail.loop_failed', err }, 'mail.loop_failed')).finally(() => schedule(deps.intervalMs ?? 5_000));
    }, ms);
    timer.unref();
  }
  schedule(0);

  return {
    deliverDue,
    poke: () => schedule(10),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
      transport.close();
    },
  };
}
