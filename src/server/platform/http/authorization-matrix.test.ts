import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness.ts';
import { openLive } from '../../../../test/live-client.ts';
import { quickUsers } from '../../../../test/booking-factories.ts';
import { runningProctoredExams } from '../../../../test/proctoring-factories.ts';
import { createApiToken } from '../../accounts/create-api-token.ts';
import { createSession, sessionCookieName } from '../auth.ts';

/**
 * The authorization matrix of the reliability issue, generated from the OpenAPI document so that a new route joins it
 * by existing. Every operation is called as: nobody, a candidate who does not own the resource (by cookie and by API
 * token), a proctor who is not assigned to it, and a candidate on staff routes; each path id is the id of another
 * candidate's own resource (their attempt, appointment, hold) wherever the path names one. What each may get follows
 * from the operation's declared access (`security`, `x-roles`) and, for ids, from ownership: never a 2xx. Afterwards
 * the owner's rows are exactly as they were.
 */
type Schema = Record<string, unknown>;
type Parameter = { name: string; in: string; schema?: Schema };
type Operation = { parameters?: Parameter[]; security?: unknown[]; 'x-roles'?: string[]; requestBody?: { content?: Record<string, { schema: Schema }> } };
type Caller = { name: string; userId: string | null; roles: string[]; headers: Record<string, string> };

/** A plausible body for a JSON schema: valid formats, enums' first value, required fields and a few levels of the rest. */
function sample(schema: Schema, components: Record<string, Schema>, depth = 0): unknown {
  if (typeof schema.$ref === 'string') return sample(components[schema.$ref.split('/').pop()!] ?? {}, components, depth);
  const alt = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (alt?.length) return sample(alt[0]!, components, depth);
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (schema.const !== undefined) return schema.const;
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'object') {
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    const required = new Set((schema.required as string[] | undefined) ?? []);
    return Object.fromEntries(Object.entries(props).filter(([k]) => required.has(k) || depth < 2).map(([k, s]) => [k, sample(s, components, depth + 1)]));
  }
  // Arrays as short as allowed (an empty journal batch is a valid heartbeat, and reaches the ownership check).
  if (type === 'array') return typeof schema.minItems === 'number' && schema.minItems > 0 && depth <= 3 ? [sample((schema.items ?? {}) as Schema, components, depth + 1)] : [];
  if (type === 'integer' || type === 'number') return typeof schema.minimum === 'number' ? schema.minimum : 1;
  if (type === 'boolean') return true;
  if (type === 'null') return null;
  const formats: Record<string, string> = { uuid: '00000000-0000-4000-8000-000000000000', email: 'someone@example.org', 'date-time': '2026-11-27T10:30:00Z', date: '2026-11-27', uri: 'https://example.org/' };
  if (typeof schema.format === 'string' && formats[schema.format]) return formats[schema.format];
  return 'A reason given in the matrix test';
}

describe('the authorization matrix, over every operation', () => {
  let t: TestApp;
  let doc: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };
  let owner: { attemptId: string; appointmentId: string; holdId: string; id: string; cookie: string };
  let callers: Caller[];
  let examCode: string;
  const snapshot = async () => ({
    attempt: await t.db.selectFrom('attempts').selectAll().where('id', '=', owner.attemptId).executeTakeFirstOrThrow(),
    appointment: await t.db.selectFrom('appointments').selectAll().where('id', '=', owner.appointmentId).executeTakeFirstOrThrow(),
    holds: await t.db.selectFrom('seat_holds').selectAll().where('candidate_id', '=', owner.id).execute(),
    journal: await t.db.selectFrom('attempt_journal').selectAll().where('attempt_id', '=', owner.attemptId).execute(),
    messages: await t.db.selectFrom('attempt_messages').selectAll().where('attempt_id', '=', owner.attemptId).execute(),
    events: (await t.db.selectFrom('attempt_events').select('kind').where('attempt_id', '=', owner.attemptId).execute()).length,
    user: await t.db.selectFrom('users').selectAll().where('id', '=', owner.id).executeTakeFirstOrThrow(),
  });

  beforeAll(async () => {
    t = await createTestApp();
    // The owner's running proctored exam, watched by the first proctor; the second is assigned to nobody (and stays so:
    // sessions already watched are not moved when another console opens).
    const { code, candidates, proctors, call } = await runningProctoredExams(t, 2, { proctors: 2 });
    expect((await call(proctors[0]!.cookie, 'POST', '/api/v1/proctor/live/heartbeat')).json().sessions).toHaveLength(2);
    examCode = code;
    const [a, b] = candidates;
    const appointment = await t.db.selectFrom('attempts').select('appointment_id').where('id', '=', a!.attemptId).executeTakeFirstOrThrow();
    const hold = await t.db.selectFrom('seat_holds').select('id').where('candidate_id', '=', a!.id).executeTakeFirstOrThrow();
    owner = { attemptId: a!.attemptId, appointmentId: appointment.appointment_id!, holdId: hold.id, id: a!.id, cookie: a!.cookie };
    const { token } = await createApiToken(t.deps, 'system', { userId: b!.id, name: 'matrix' });
    const [admin] = await quickUsers(t, 1, 'admin');
    void admin;
    const origin = 'http://invigil.test';
    callers = [
      { name: 'nobody', userId: null, roles: [], headers: {} },
      { name: 'another candidate', userId: b!.id, roles: ['candidate'], headers: { cookie: b!.cookie, origin } },
      { name: "another candidate's API token", userId: b!.id, roles: ['candidate'], headers: { authorization: `Bearer ${token}` } },
      { name: 'an unassigned proctor', userId: proctors[1]!.id, roles: ['proctor'], headers: { cookie: proctors[1]!.cookie, origin } },
    ];
    doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
  });
  afterAll(async () => { await t.close(); });

  /**
   * What must never reach anyone here (none of these callers is an admin): answer keys (an item's `correct` options or
   * its score map), password hashes, stored token hashes, and any caller's session or API token secret.
   */
  const leakIn = (body: string): string | null => {
    const secrets = [...callers.flatMap((c) => Object.values(c.headers)).map((h) => h.replace(/^(Bearer |invigil_session=)/, '')).filter((h) => h.length > 30), owner.cookie.replace(/^invigil_session=/, '')];
    if (/"correct"\s*:/.test(body)) return 'an answer key (correct)';
    if (/"map"\s*:\s*\{/.test(body)) return 'a score map';
    if (body.includes('$argon2')) return 'a password hash';
    if (/token_hash|password_hash/.test(body)) return 'a stored hash';
    const secret = secrets.find((x) => body.includes(x));
    return secret ? 'a session or token secret' : null;
  };

  /** The owner's id for a path parameter, from the collection it follows (`/attempts/{id}` → their attempt). */
  const ownedId = (path: string, param: Parameter): string | undefined => {
    const segments = path.split('/');
    const before = segments[segments.indexOf(`{${param.name}}`) - 1];
    if (param.name !== 'id') return undefined;
    return ({ attempts: owner.attemptId, sessions: owner.attemptId, appointments: owner.appointmentId, holds: owner.holdId } as Record<string, string>)[before ?? ''];
  };

  it('gives nobody a 2xx they are not entitled to, and changes nothing of the owner’s', async () => {
    const before = await snapshot();
    const unexpected: string[] = [];
    const counts = { operations: 0, calls: 0, refusedByRole: 0, refusedByOwnership: 0, refusedOtherwise: 0, allowed: 0 };
    // Signing out and changing a password end the caller's sessions: those go last.
    const endsSessions = (path: string) => /\/auth\/logout|password/.test(path);
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => [path, method, op] as const))
      .sort((a, b) => Number(endsSessions(a[0])) - Number(endsSessions(b[0])));
    for (const [path, method, op] of operations) {
      {
        counts.operations++;
        const isPublic = Array.isArray(op.security) && op.security.length === 0;
        const roles = op['x-roles'];
        const params = op.parameters ?? [];
        let touchesOwned = false;
        let url = path;
        for (const p of params.filter((x) => x.in === 'path')) {
          const id = ownedId(path, p);
          if (id) touchesOwned = true;
          const value = id ?? (p.name === 'code' ? examCode : String(sample(p.schema ?? {}, doc.components.schemas)));
          url = url.replace(`{${p.name}}`, encodeURIComponent(value));
        }
        const content = op.requestBody?.content ?? {};
        const bodySchema = content['application/json']?.schema;
        // An upload gets bytes of its declared type (they are judged by their content later, if ever reached).
        const rawType = Object.keys(content).find((k) => k !== 'application/json');
        const payload = bodySchema ? sample(bodySchema, doc.components.schemas) : rawType ? Buffer.from('not really a file') : undefined;
        const typeHeader: Record<string, string> = rawType && !bodySchema ? { 'content-type': rawType } : {};
        for (const caller of callers) {
          const res = await t.app.inject({ method: method.toUpperCase() as 'GET', url, headers: { ...caller.headers, ...typeHeader }, ...(payload === undefined ? {} : { payload: payload as object }) });
          counts.calls++;
          const what = `${caller.name}: ${method.toUpperCase()} ${url} → ${res.statusCode}`;
          const leak = leakIn(res.body);
          if (leak) unexpected.push(`${what} leaks ${leak}`);
          if (res.statusCode >= 500) { unexpected.push(`${what} ${res.body.slice(0, 160)}`); continue; }
          const ok = res.statusCode < 300;
          if (isPublic) { counts.allowed++; continue; }
          if (caller.name === 'nobody') {
            if (res.statusCode !== 401) unexpected.push(`${what} (expected 401)`);
            else counts.refusedByRole++;
            continue;
          }
          const roleAllowed = !roles || roles.length === 0 || roles.some((r) => caller.roles.includes(r));
          if (!roleAllowed) {
            if (res.statusCode !== 403) unexpected.push(`${what} (expected 403 for a ${caller.roles.join('/')})`);
            else counts.refusedByRole++;
            continue;
          }
          if (touchesOwned) {
            if (ok) unexpected.push(`${what} (someone else's resource)`);
            else if (res.statusCode === 403 || res.statusCode === 404) counts.refusedByOwnership++;
            // Refused for another reason (e.g. any staff member may ask for a launch exception, and this appointment
            // is already checked in: 409): still no 2xx.
            else counts.refusedOtherwise++;
            continue;
          }
          counts.allowed++;
        }
      }
    }
    console.log(`authorization matrix: ${JSON.stringify(counts)}`);
    expect(unexpected).toEqual([]);
    expect(counts.operations).toBeGreaterThan(100);
    expect(counts.refusedByOwnership).toBeGreaterThan(20);
    // Refused requests left the owner's exam, booking, holds, answers, chat and account as they were.
    expect(await snapshot()).toEqual(before);
    // And the owner still works with them; their own exam carries its items, without the key.
    const own = await t.app.inject({ method: 'GET', url: `/api/v1/attempts/${owner.attemptId}`, headers: { cookie: owner.cookie } });
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('"stem"');
    expect(leakIn(own.body)).toBeNull();
  });

  it('gives the same matrix on the live socket: nobody hears or signals for an attempt that is not theirs', async () => {
    const topics = [{ kind: 'attempt', id: owner.attemptId }, { kind: 'proctor-live' }, { kind: 'greeter-queue' }];
    const expected: Record<string, string[]> = {
      // [attempt, proctor-live, greeter-queue]
      'another candidate': ['Forbidden|NotFound', 'Forbidden', 'Forbidden'],
      'an unassigned proctor': ['Forbidden|NotFound', 'subscribed', 'subscribed'],
    };
    for (const caller of callers.filter((c) => c.headers.cookie)) {
      // A new session: the first test signed everyone out at its end.
      const socket = await openLive(t, `${sessionCookieName}=${await createSession(t.deps, caller.userId!, {})}`);
      try {
        for (const [i, topic] of topics.entries()) {
          const answer = await socket.subscribe(`t${i}`, topic);
          const got = answer.type === 'subscribed' ? 'subscribed' : String(answer.code);
          expect(got, `${caller.name} subscribing to ${topic.kind}`).toMatch(new RegExp(`^(${expected[caller.name]![i]})$`));
        }
        socket.send({ type: 'signal', attemptId: owner.attemptId, data: { kind: 'request' } });
        expect(await socket.next((m) => m.type === 'error')).toMatchObject({ code: expect.stringMatching(/^(Forbidden|Conflict)$/) });
      } finally {
        socket.ws.terminate();
      }
    }
    // Nobody signed in: refused too.
    const anonymous = await openLive(t);
    expect(await anonymous.subscribe('a', { kind: 'attempt', id: owner.attemptId })).toMatchObject({ type: 'error', code: 'NotAuthenticated' });
    anonymous.ws.terminate();
  });
});
