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

  it('exposes Prometheus metrics labelled by route pattern, to this machine only', async () => {
    await t.app.inject({ method: 'GET', url: '/api/v1/meta' });
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.body).toMatch(/invigil_http_requests_total\{method="GET",route="\/api\/v1\/meta",status="200"\} \d+/);
    expect(res.body).toContain('invigil_process_cpu_seconds_total');
    // Another machine, or anyone through a proxy on this one: refused.
    expect((await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9' })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/metrics', headers: { 'x-forwarded-for': '203.0.113.9' } })).statusCode).toBe(403);
  });

  it('serves metrics with a configured token to whoever sends it, and to nobody else', async () => {
    const secured = await createTestApp({ config: { metricsToken: 'scrape-token-0123456789' } });
    try {
      const get = (headers: Record<string, string>) => secured.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9', headers });
      expect((await get({ authorization: 'Bearer scrape-token-0123456789' })).statusCode).toBe(200);
      expect((await get({ authorization: 'Bearer scrape-token-wrong' })).statusCode).toBe(403);
      expect((await secured.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(403);
    } finally {
      await secured.close();
    }
  });

  it('keeps personal answers out of caches, and asks for TLS only when served over it', async () => {
    const cookie = await logInAs(t, await createUser(t));
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(me.headers['cache-control']).toBe('no-store');
    expect(me.headers['strict-transport-security']).toBeUndefined();
    // A public key set says how long it may be cached.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/credentials/jwks' })).headers['cache-control']).toMatch(/public/);
    const tls = await createTestApp({ config: { publicUrl: 'https://exams.example.org' } });
    try {
      expect((await tls.app.inject({ method: 'GET', url: '/healthz' })).headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    } finally {
      await tls.close();
    }
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
    // A browser that sends no Origin still says where the request comes from.
    for (const site of ['cross-site', 'same-site']) {
      expect((await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { cookie, 'sec-fetch-site': site }, payload: { language: 'fr' } })).statusCode).toBe(403);
    }
    expect((await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { cookie, 'sec-fetch-site': 'same-origin' }, payload: { language: 'fr' } })).statusCode).toBe(200);
  });

  it('refuses a 50 MB JSON body at once, and documents each route’s limit', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: `{"email":"${'x'.repeat(50 * 1024 * 1024)}"}` });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PayloadTooLarge');
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(doc.paths['/api/v1/auth/login'].post['x-body-limit-bytes']).toBe(256 * 1024);
    expect(doc.paths['/api/v1/auth/login'].post.responses['413']).toBeDefined();
    expect(doc.paths['/api/v1/me'].get['x-body-limit-bytes']).toBeUndefined();
  });

  it('refuses a body on routes that take none, and bad query strings', async () => {
    const cookie = await logInAs(t, await createUser(t, ['admin']));
    const q = await t.app.inject({ method: 'GET', url: '/api/v1/admin/audit?limit=abc', headers: { cookie } });
    expect(q.statusCode).toBe(400);
    const extra = await t.app.inject({ method: 'GET', url: '/api/v1/admin/audit?sneaky=1', headers: { cookie } });
    expect(extra.statusCode).toBe(400);
  });
});
