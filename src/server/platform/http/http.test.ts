import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, logInAs, type TestApp } from '../../../../test/harness.ts';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

describe('public interfaces', () => {
  it('reports liveness and readiness (database reachable, migrations current)', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  it('publishes an OpenAPI 3.1 document covering every API route', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    const routes = t.app.printRoutes({ commonPrefix: false });
    for (const path of ['/api/v1/auth/signup', '/api/v1/auth/login', '/api/v1/me', '/api/v1/admin/staff', '/api/v1/admin/api-tokens/{id}', '/api/v1/admin/audit/verify']) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths['/api/v1/auth/signup'].post.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['email', 'password', 'legalName', 'timeZone']));
    expect(doc.components.schemas.User).toBeDefined();
    expect(doc.components.schemas.Error).toBeDefined();
    // Every $ref resolves inside the document.
    for (const ref of JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) expect(doc.components.schemas[ref[1]!], ref[1]).toBeDefined();
    expect(routes).toContain('openapi.json');
  });

  it('serves the API docs page from bundled assets', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('/api/docs/assets/swagger-ui-bundle.js');
    expect((await t.app.inject({ method: 'GET', url: '/api/docs/assets/swagger-ui-bundle.js' })).statusCode).toBe(200);
  });

  it('exposes Prometheus metrics labelled by route pattern', async () => {
    await t.app.inject({ method: 'GET', url: '/api/v1/meta' });
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.body).toMatch(/invigil_http_requests_total\{method="GET",route="\/api\/v1\/meta",status="200"\} \d+/);
    expect(res.body).toContain('invigil_process_cpu_seconds_total');
  });

  it('answers unknown API routes with the error body, and echoes a request id', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here', headers: { 'x-request-id': 'test-request-0001' } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NotFound');
    expect(res.headers['x-request-id']).toBe('test-request-0001');
  });

  it('sets security headers on every response', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('refuses a cookie-authenticated change coming from another site', async () => {
    const cookie = await logInAs(t, await createUser(t));
    const res = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { cookie, origin: 'https://evil.example' }, payload: { language: 'de' } });
    expect(res.statusCode).toBe(403);
    const same = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { cookie, origin: 'http://invigil.test' }, payload: { language: 'de' } });
    expect(same.statusCode).toBe(200);
  });

  it('refuses a body on routes that take none, and bad query strings', async () => {
    const cookie = await logInAs(t, await createUser(t, ['admin']));
    const q = await t.app.inject({ method: 'GET', url: '/api/v1/admin/audit?limit=abc', headers: { cookie } });
    expect(q.statusCode).toBe(400);
    const extra = await t.app.inject({ method: 'GET', url: '/api/v1/admin/audit?sneaky=1', headers: { cookie } });
    expect(extra.statusCode).toBe(400);
  });
});
