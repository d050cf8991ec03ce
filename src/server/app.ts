import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { sql } from 'kysely';
import { AppError } from '../core/shared/app-error.ts';
import { supportedLanguages } from '../core/accounts/time-zone.ts';
import { Meta } from '../contracts/accounts.ts';
import { accountRoutes } from './accounts/routes.ts';
import { adminRoutes } from './admin/routes.ts';
import { catalogAdminRoutes, catalogPublicRoutes } from './catalog/routes.ts';
import { pendingMigrations } from './platform/db/database.ts';
import { authChannel, dropCachedPrincipals, principalFromApiToken, principalFromSession, sessionCookieName, type Principal } from './platform/auth.ts';
import type { Deps } from './platform/deps.ts';
import { registerApiDocs } from './platform/http/docs.ts';
import { registerLiveSocket } from './live/socket.ts';
import { handleError } from './platform/http/errors.ts';
import { registerMetrics } from './platform/http/metrics.ts';
import { buildOpenApi } from './platform/http/openapi.ts';
import { jsonBodyLimitBytes, registerRoutes, route, type AnyRoute } from './platform/http/route.ts';
import { schedulingRoutes } from './scheduling/routes.ts';
import { bookingRoutes } from './booking/routes.ts';
import { deliveryRoutes } from './delivery/routes.ts';
import { proctoringRoutes } from './proctoring/routes.ts';
import { resultRoutes } from './results/routes.ts';
import { credentialRoutes } from './credentials/routes.ts';
import { mediaRoutes } from './media/routes.ts';
import { checkInRoutes } from './checkin/routes.ts';
import { systemCheckRoutes } from './systemcheck/routes.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export interface AppOptions {
  /** The built web app (dist/web); when absent the server answers web paths with a hint to build it. */
  webDir?: string;
}

const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(self), microphone=(self), display-capture=(self), geolocation=()',
  'content-security-policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
};

/**
 * Whether a cookie-authenticated change comes from another site: its Origin is not ours, or, when a browser sends no
 * Origin, its Fetch Metadata says cross-site or same-site (a sibling subdomain is another site for us).
 */
function crossSite(req: FastifyRequest, publicUrl: string): boolean {
  const origin = req.headers.origin;
  if (origin) return origin !== publicUrl && origin !== `${req.protocol}://${req.host}`;
  const site = req.headers['sec-fetch-site'];
  return site === 'cross-site' || site === 'same-site';
}

/** Builds the Fastify app with every route; never listens (tests call `app.inject()`). */
export async function buildApp(deps: Deps, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: jsonBodyLimitBytes,
    trustProxy: deps.config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setErrorHandler(handleError);
  // Only JSON bodies: a cross-site HTML form cannot send application/json, which (with SameSite cookies and the
  // Origin check below) closes cross-site request forgery.
  app.removeContentTypeParser('text/plain');
  // Uploads (QTI packages) arrive as raw bytes; each upload route sets its own size limit.
  app.addContentTypeParser(['application/zip', 'application/octet-stream'], { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  // Photos are read as bytes and judged by their content (see platform/images.ts), never by the type they claim.
  app.addContentTypeParser(/^image\//, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  // Room-scan recordings arrive as WebM chunks (MediaRecorder output).
  app.addContentTypeParser(/^video\/webm/, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  registerMetrics(app, { token: deps.config.metricsToken });

  app.decorateRequest('principal', null);
  // Sessions or roles changed on some instance: forget the cached principals of that user here too.
  const stopAuthListener = deps.bus.subscribe(authChannel, (m) => {
    if (typeof m.userId === 'string') dropCachedPrincipals(deps.db, m.userId);
  });
  app.addHook('onClose', async () => stopAuthListener());
  // Served over TLS: browsers must not try plain HTTP again for a year (a proxy terminating TLS sets PUBLIC_URL https).
  const transportSecurity = deps.config.publicUrl.startsWith('https:') ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {};
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    for (const [k, v] of Object.entries(securityHeaders)) reply.header(k, v);
    for (const [k, v] of Object.entries(transportSecurity)) reply.header(k, v);
    if (!req.url.startsWith('/api/')) return;
    const authz = req.headers.authorization;
    if (authz) {
      const m = /^Bearer\s+(\S+)$/i.exec(authz);
      const principal = m ? await principalFromApiToken(deps, m[1]!) : null;
      if (!principal) throw new AppError('NotAuthenticated', 'The API token is missing, invalid, expired or revoked.');
      req.principal = principal;
      return;
    }
    const secret = req.cookies[sessionCookieName];
    if (!secret) return;
    if (!['GET', 'HEAD', 'OPTIONS'].includes(req.method) && crossSite(req, deps.config.publicUrl)) {
      throw new AppError('Forbidden', 'Cross-site request refused.');
    }
    req.principal = await principalFromSession(deps, secret);
  });

  // API answers hold personal data (a candidate's bookings, answers, results): no cache keeps them, unless a route
  // says otherwise (public keys and status lists set their own).
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });

  await registerLiveSocket(app, deps);

  const registry: AnyRoute[] = [];
  registerRoutes(app, [
    route({
      method: 'GET', url: '/api/v1/meta', summary: 'What this Invigil instance is and offers', tags: ['Meta'], access: 'public',
      response: { status: 200, schema: Meta },
      handler: async () => ({ name: 'Invigil' as const, version: deps.config.version, demo: deps.config.demo, languages: [...supportedLanguages] }),
    }),
    ...accountRoutes(deps),
    ...adminRoutes(deps),
    ...catalogPublicRoutes(deps),
    ...catalogAdminRoutes(deps),
    ...schedulingRoutes(deps),
    ...bookingRoutes(deps),
    ...deliveryRoutes(deps),
    ...proctoringRoutes(deps),
    ...resultRoutes(deps),
    ...credentialRoutes(deps),
    ...mediaRoutes(deps),
    ...checkInRoutes(deps),
    ...systemCheckRoutes(deps),
  ], registry);

  let openapi: unknown;
  app.get('/api/v1/openapi.json', async () => (openapi ??= buildOpenApi(registry, { version: deps.config.version, publicUrl: deps.config.publicUrl })));
  await registerApiDocs(app);

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    try {
      await sql`select 1`.execute(deps.db);
      const pending = await pendingMigrations(deps.db);
      if (pending.length) return reply.status(503).send({ status: 'migrations pending', pending });
      return { status: 'ready' };
    } catch (err) {
      deps.log.warn({ event: 'readyz.failed', err: (err as Error).message }, 'readyz.failed');
      return reply.status(503).send({ status: 'database unreachable' });
    }
  });

  const webDir = opts.webDir;
  const hasWeb = webDir !== undefined && existsSync(path.join(webDir, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: false, index: false, decorateReply: true });
  app.setNotFoundHandler(async (req, reply) => {
    if (req.url.startsWith('/api/') || req.method !== 'GET') {
      throw new AppError('NotFound', `No route ${req.method} ${req.url.split('?')[0]}.`);
    }
    if (!hasWeb) return reply.status(503).type('text/plain').send('The web app is not built. Run `npm run build` (npm start does it for you).');
    // The single-page app handles every other path (/, /proctor, /admin, /m/...).
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html');
  });
  return app;
}
