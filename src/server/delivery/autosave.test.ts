import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { bookableExam, quickUsers } from '../../../test/booking-factories.ts';
import { openLive } from '../../../test/live-client.ts';
import { createSession, dropCachedPrincipals, principalCacheMs, principalFromSession, sessionCookieName } from '../platform/auth.ts';
import { hashPassword } from '../platform/secrets.ts';
import { journalWriter } from './journal-writer.ts';

/** The hot path of an exam: saves over the live socket, group commit, and the caches in front of them. */
describe('autosave', () => {
  let t: TestApp;
  beforeEach(async () => { t = await createTestApp(); });
  afterEach(async () => { await t.close(); });

  const call = (cookie: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });

  async function runningAttempts(n: number) {
    const { examId, code } = await bookableExam(t, {});
    await t.db.updateTable('exams').set({ practice: true, duration_minutes: 30 }).where('id', '=', examId).execute();
    const users = await quickUsers(t, n);
    return Promise.all(users.map(async (u) => {
      const created = await call(u.cookie, 'POST', `/api/v1/exams/${code}/practice-attempts`);
      const started = (await call(u.cookie, 'POST', `/api/v1/attempts/${created.json().attempt.id}/start`)).json().attempt;
      return { user: u, id: started.id as string, items: (started.items as { key: string }[]).map((i) => i.key) };
    }));
  }
  const saved = (attemptId: string) => t.db.selectFrom('attempt_journal').select(['key', 'value', 'seq']).where('attempt_id', '=', attemptId).execute();

  it('saves over the live socket as the HTTP route does: the same acknowledgement, the same refusals, notes repaired', async () => {
    const [a, b] = await runningAttempts(2);
    const socket = await openLive(t, a!.user.cookie);
    const save = async (ref: string, attemptId: string, entries: unknown[]) => {
      socket.send({ type: 'save', ref, attemptId, entries });
      return socket.next((m) => m.ref === ref);
    };
    const ok = await save('w1', a!.id, [{ key: `answer:${a!.items[0]}`, value: ['B'], seq: 1 }, { key: 'notes', value: 'half \ud83d', seq: 1 }]);
    expect(ok).toMatchObject({ type: 'saved', ref: 'w1', ack: { status: 'in_progress', acked: [{ key: `answer:${a!.items[0]}`, seq: 1 }, { key: 'notes', seq: 1 }] } });
    expect((ok.ack as { timeLeftMs: number }).timeLeftMs).toBeGreaterThan(0);
    expect(await saved(a!.id)).toEqual(expect.arrayContaining([{ key: `answer:${a!.items[0]}`, value: ['B'], seq: '1' }, { key: 'notes', value: 'half \ufffd', seq: '1' }]));

    // Refusals carry what the route would have answered, and change nothing.
    expect(await save('w2', a!.id, [{ key: `answer:${a!.items[0]}`, value: ['Z'], seq: 2 }])).toMatchObject({ type: 'error', ref: 'w2', code: 'ValidationFailed', status: 400 });
    expect(await save('w3', b!.id, [{ key: `answer:${b!.items[0]}`, value: ['A'], seq: 1 }])).toMatchObject({ type: 'error', ref: 'w3', code: 'NotFound', status: 404 });
    expect(await save('w4', a!.id, [{ key: 'position', value: 'x', seq: 3 }])).toMatchObject({ type: 'error', code: 'ValidationFailed' });
    expect(await saved(b!.id)).toEqual([]);
    expect((await saved(a!.id)).find((r) => r.key === `answer:${a!.items[0]}`)).toMatchObject({ value: ['B'], seq: '1' });

    // Signing out ends saves on the socket opened with that session at once.
    expect((await call(a!.user.cookie, 'POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect(await save('w5', a!.id, [{ key: `answer:${a!.items[1]}`, value: ['A'], seq: 1 }])).toMatchObject({ type: 'error', code: 'NotAuthenticated', status: 401 });
    socket.ws.terminate();
  });

  it('acknowledges a save only after the commit that holds it, and writes saves that waited together in one statement', async () => {
    const [a, b, c, d] = await runningAttempts(4);
    const writer = journalWriter(t.db);
    const before = { ...writer.stats };
    // Another transaction holds the rows of A and B: the writer's statement in flight waits on it.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = t.db.transaction().execute(async (trx) => {
      await trx.selectFrom('attempts').select('id').where('id', 'in', [a!.id, b!.id]).forUpdate().execute();
      locked();
      await held;
    });
    await isLocked;
    const acks: string[] = [];
    const saves = [a, b, c, d].map((x) => call(x!.user.cookie, 'POST', `/api/v1/attempts/${x!.id}/journal`, { entries: [{ key: `answer:${x!.items[0]}`, value: ['A'], seq: 1 }] })
      .then((res) => { acks.push(x!.id); return res; }));
    await new Promise((r) => setTimeout(r, 300));
    // Nothing is acknowledged, and C and D (queued behind the statement in flight) are not written.
    expect(acks).toEqual([]);
    expect(await saved(c!.id)).toEqual([]);
    expect(await saved(d!.id)).toEqual([]);
    release();
    await holder;
    const results = await Promise.all(saves);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    // Once acknowledged, every save is visible to any other connection: committed.
    for (const x of [a, b, c, d]) expect(await saved(x!.id)).toEqual([{ key: `answer:${x!.items[0]}`, value: ['A'], seq: '1' }]);
    expect(writer.stats.saves - before.saves).toBe(4);
    // One statement is in flight at a time: the first save to arrive goes alone, those that waited go together (how
    // many arrived before the first was sent depends on timing, so the count is a range).
    const statements = writer.stats.statements - before.statements;
    expect(statements).toBeGreaterThanOrEqual(1);
    expect(statements).toBeLessThanOrEqual(3);
    expect(writer.stats.largestBatch).toBeGreaterThanOrEqual(2);
  });

  it('writes each save of a batch alone when the batch statement fails, so one bad save costs only itself', async () => {
    const [a, b] = await runningAttempts(2);
    const writer = journalWriter(t.db);
    // A value PostgreSQL refuses (a NUL in JSON) that got past the boundary checks: only its own save fails.
    const results = await Promise.allSettled([
      writer.save({ attemptId: a!.id, candidateId: a!.user.id, entries: [{ key: 'notes', value: 'a\u0000b', seq: 1 }], touched: [], now: t.clock.now() }),
      writer.save({ attemptId: b!.id, candidateId: b!.user.id, entries: [{ key: `answer:${b!.items[0]}`, value: ['C'], seq: 1 }], touched: [b!.items[0]!], now: t.clock.now() }),
      writer.save({ attemptId: a!.id, candidateId: b!.user.id, entries: [{ key: `answer:${a!.items[0]}`, value: ['C'], seq: 1 }], touched: [a!.items[0]!], now: t.clock.now() }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(results[1]).toMatchObject({ value: { accepted: true } });
    // Not the candidate's attempt: no outcome, nothing written.
    expect(results[2]).toMatchObject({ value: undefined });
    expect(await saved(a!.id)).toEqual([]);
    expect(await saved(b!.id)).toEqual([{ key: `answer:${b!.items[0]}`, value: ['C'], seq: '1' }]);
  });

  it("caches a session's principal briefly, and forgets it when the session ends or the password changes", async () => {
    const [u] = await quickUsers(t, 1);
    const secret = u!.cookie.slice(sessionCookieName.length + 1);
    const first = await principalFromSession(t.deps, secret);
    expect(first).toMatchObject({ userId: u!.id, roles: ['candidate'] });
    // Deleted behind Invigil's back (SQL): the cached principal holds at most principalCacheMs.
    await t.db.deleteFrom('sessions').where('user_id', '=', u!.id).execute();
    expect(await principalFromSession(t.deps, secret)).toEqual(first);
    t.clock.advance(principalCacheMs);
    expect(await principalFromSession(t.deps, secret)).toBeNull();

    // A password change ends the user's other sessions at once, though both were just used (and cached).
    await t.db.updateTable('users').set({ password_hash: await hashPassword('correct horse battery staple') }).where('id', '=', u!.id).execute();
    const keep = `${sessionCookieName}=${await createSession(t.deps, u!.id, {})}`;
    const other = `${sessionCookieName}=${await createSession(t.deps, u!.id, {})}`;
    for (const cookie of [keep, other]) expect((await call(cookie, 'GET', '/api/v1/me')).statusCode).toBe(200);
    const changed = await call(keep, 'POST', '/api/v1/me/password', { currentPassword: 'correct horse battery staple', newPassword: 'a new and long passphrase 42' });
    expect(changed.statusCode, changed.body).toBe(204);
    expect((await call(other, 'GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await call(keep, 'GET', '/api/v1/me')).statusCode).toBe(200);
  });

  it('reads the sessions of a burst of first requests together, and never caches a session read before its sign-out', async () => {
    const users = await quickUsers(t, 30);
    const secrets = users.map((u) => u.cookie.slice(sessionCookieName.length + 1));
    let statements = 0;
    const counted = { ...t.deps, db: t.db.withPlugin({ transformQuery: (a) => { if (a.node.kind === 'SelectQueryNode') statements++; return a.node; }, transformResult: async (a) => a.result }) };
    // A fresh handle: a fresh cache. Thirty lookups at once take far fewer queries, each principal still its own.
    const principals = await Promise.all(secrets.map((s) => principalFromSession(counted, s)));
    expect(principals.map((p) => p?.userId)).toEqual(users.map((u) => u.id));
    expect(statements).toBeLessThanOrEqual(3);
    // A session unknown in the same batch is null; the others are unaffected.
    const mixed = await Promise.all([principalFromSession(counted, 'not-a-session'), principalFromSession(counted, secrets[0]!)]);
    expect(mixed[0]).toBeNull();

    // A lookup in flight when the user signs out (elsewhere) answers as of its read, but is not cached.
    const fresh = { ...t.deps, db: t.db.withPlugin({ transformQuery: (a) => a.node, transformResult: async (a) => a.result }) };
    const pending = principalFromSession(fresh, secrets[1]!);
    dropCachedPrincipals(fresh.db, users[1]!.id);
    await t.db.deleteFrom('sessions').where('user_id', '=', users[1]!.id).execute();
    await pending;
    expect(await principalFromSession(fresh, secrets[1]!)).toBeNull();
  });
});

