import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, uniqueEmail, type TestApp } from '../../../test/harness.ts';
import { startMailDelivery } from './mail.ts';

interface Received { from: string; to: string[]; raw: string }

let t: TestApp;
let smtp: SMTPServer;
let port: number;
const received: Received[] = [];
let refuseNext = 0;

beforeAll(async () => {
  t = await createTestApp();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (c: Buffer) => { raw += c.toString('utf8'); });
      stream.on('end', () => {
        if (refuseNext > 0) {
          refuseNext--;
          callback(Object.assign(new Error('mailbox busy, try later'), { responseCode: 451 }));
          return;
        }
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  port = (smtp.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((r) => smtp.close(() => r()));
  await t.close();
});

describe('mail delivery over SMTP', () => {
  it('delivers the verification mail of a sign-up to a real SMTP server and marks it sent', async () => {
    const email = uniqueEmail('smtp');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { legalName: 'Mai Ling', email, password: 'a long enough secret', timeZone: 'UTC' } });
    expect(res.statusCode).toBe(201);
    expect(t.pokes.count).toBeGreaterThan(0);
    const delivery = startMailDelivery({ db: t.db, clock: t.clock, log: t.deps.log, smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Invigil <no-reply@invigil.test>', intervalMs: 60_000 });
    try {
      await delivery.deliverDue();
      const mail = received.find((m) => m.to.includes(email));
      expect(mail).toBeDefined();
      expect(mail!.from).toBe('no-reply@invigil.test');
      expect(mail!.raw).toContain('Subject: Confirm your email address for Invigil');
      expect(mail!.raw.replace(/=\r\n/g, '')).toMatch(/verify-email\?token=3D[A-Za-z0-9_-]{43}|verify-email\?token=[A-Za-z0-9_-]{43}/);
      const row = await t.db.selectFrom('outbox_emails').selectAll().where('to_address', '=', email).executeTakeFirstOrThrow();
      expect(row.sent_at).not.toBeNull();
      expect(row.attempts).toBe(1);
      // Nothing is sent twice.
      const before = received.length;
      await delivery.deliverDue();
      expect(received.length).toBe(before);
    } finally {
      await delivery.stop();
    }
  });

  it('keeps a message the server refused and retries it after a backoff', async () => {
    const email = uniqueEmail('retry');
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { legalName: 'Rhys Retry', email, password: 'a long enough secret', timeZone: 'UTC' } });
    refuseNext = 1;
    const delivery = startMailDelivery({ db: t.db, clock: t.clock, log: t.deps.log, smtpUrl: `smtp://127.0.0.1:${port}`, from: 'no-reply@invigil.test', intervalMs: 60_000 });
    try {
      await delivery.deliverDue();
      let row = await t.db.selectFrom('outbox_emails').selectAll().where('to_address', '=', email).executeTakeFirstOrThrow();
      expect(row.sent_at).toBeNull();
      expect(row.attempts).toBe(1);
      expect(row.last_error).toContain('451');
      await delivery.deliverDue(); // not due yet
      expect(received.some((m) => m.to.includes(email))).toBe(false);
      t.clock.advance(31_000);
      await delivery.deliverDue();
      row = await t.db.selectFrom('outbox_emails').selectAll().where('to_address', '=', email).executeTakeFirstOrThrow();
      expect(row.sent_at).not.toBeNull();
      expect(received.some((m) => m.to.includes(email))).toBe(true);
    } finally {
      await delivery.stop();
    }
  });
});
