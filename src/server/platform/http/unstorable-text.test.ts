import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, logInAs, type TestApp } from '../../../../test/harness.ts';

type Schema = Record<string, unknown>;

/** encodeURIComponent, except that a lone surrogate (which it refuses) goes as the bytes a careless client would send. */
const enc = (s: string) => s.split('\ud83d').map(encodeURIComponent).join('%ED%A0%BD');
type Operation = { parameters?: { name: string; in: string }[]; requestBody?: { content?: Record<string, { schema: Schema }> } };

/** A body shaped by a JSON schema, with `bad` in every free-text place (enums keep a valid value, so the bad text is
 * what the route meets). Bounded: optional properties four levels deep at most. */
function sample(schema: Schema, components: Record<string, Schema>, bad: string, depth = 0): unknown {
  if (typeof schema.$ref === 'string') return sample(components[schema.$ref.split('/').pop()!] ?? {}, components, bad, depth);
  const alt = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (alt?.length) return sample(alt[0]!, components, bad, depth);
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (schema.const !== undefined) return schema.const;
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const props = (schema.properties ?? {}) as Record<string, Schema>;
      const required = new Set((schema.required as string[] | undefined) ?? []);
      return Object.fromEntries(Object.entries(props).filter(([k]) => required.has(k) || depth < 4).map(([k, s]) => [k, sample(s, components, bad, depth + 1)]));
    }
    case 'array': return depth > 4 ? [] : [sample((schema.items ?? {}) as Schema, components, bad, depth + 1)];
    case 'integer': case 'number': return typeof schema.minimum === 'number' ? schema.minimum : 1;
    case 'boolean': return true;
    case 'null': return null;
    default: {
      // Formatted strings get a valid value so that validation passes them and the bad text reaches what stores it.
      const formats: Record<string, string> = { uuid: '00000000-0000-4000-8000-000000000000', email: 'someone@example.org', 'date-time': '2026-12-01T10:00:00Z', date: '2026-12-01', uri: 'https://example.org/' };
      if (typeof schema.format === 'string' && formats[schema.format]) return formats[schema.format];
      if (typeof schema.pattern === 'string') return undefined;
      return `x${bad}y`;
    }
  }
}

// The first section of the reliability issue: a NUL or a lone surrogate reached PostgreSQL and came back as a 500 on
// about 20 routes. This sweeps every operation of the OpenAPI document, so a new route joins it by existing.
describe('text PostgreSQL cannot store, on every route', () => {
  let t: TestApp;
  let cookie: string;
  let doc: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };
  beforeAll(async () => {
    t = await createTestApp();
    cookie = await logInAs(t, await createUser(t, ['admin', 'proctor', 'candidate']));
    doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
  });
  afterAll(async () => { await t.close(); });

  it.each([['NUL', '\u0000'], ['lone surrogate', '\ud83d']])('never answers 5xx to a %s in a path, query or body', async (_name, bad) => {
    const failures: string[] = [];
    let calls = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const params = op.parameters ?? [];
        const url = path.replace(/\{[^}]+\}/g, enc(`00000000-0000-4000-8000-00000000000${bad === '\u0000' ? '0' : '1'}`));
        const tries: { url: string; payload?: unknown }[] = [];
        for (const p of params.filter((p) => p.in === 'path')) tries.push({ url: path.replace(`{${p.name}}`, enc(`x${bad}`)).replace(/\{[^}]+\}/g, 'x') });
        for (const p of params.filter((p) => p.in === 'query')) tries.push({ url: `${url}?${p.name}=${enc(`x${bad}`)}` });
        const body = op.requestBody?.content?.['application/json']?.schema;
        if (body) tries.push({ url, payload: sample(body, doc.components.schemas, bad) });
        for (const x of tries) {
          calls++;
          const res = await t.app.inject({ method: method.toUpperCase() as 'GET', url: x.url, headers: { cookie, origin: 'http://invigil.test' }, ...(x.payload === undefined ? {} : { payload: x.payload as object }) });
          if (res.statusCode >= 500) failures.push(`${method.toUpperCase()} ${x.url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
        }
      }
    }
    expect(calls).toBeGreaterThan(100);
    expect(failures).toEqual([]);
  });

  it('names the field it refuses', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/exams?q=%00', headers: { cookie } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'ValidationFailed', details: { in: 'query', issues: [{ path: ['q'], code: 'unstorable_text' }] } });
    expect(res.json().error.message).toMatch(/q contains a NUL character/);
  });
});
