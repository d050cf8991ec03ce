import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../../core/shared/app-error.ts';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics for one app instance: request counts and latencies by route, plus process metrics. */
export function registerMetrics(app: FastifyInstance, opts: { token: string | undefined }): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'invigil_' });
  const requests = new Counter({ name: 'invigil_http_requests_total', help: 'HTTP requests', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const duration = new Histogram({
    name: 'invigil_http_request_duration_seconds', help: 'HTTP request duration', labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [registry],
  });
  app.addHook('onResponse', async (req, reply) => {
    // The route pattern, not the raw URL, so ids in paths do not explode the label set.
    const routeLabel = req.routeOptions.url ?? 'unmatched';
    requests.inc({ method: req.method, route: routeLabel, status: String(reply.statusCode) });
    duration.observe({ method: req.method, route: routeLabel }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', async (req, reply) => {
    if (!mayReadMetrics(req, opts.token)) throw new AppError('Forbidden', opts.token ? 'Send the metrics token as a bearer token.' : 'Metrics are served to this machine only; set METRICS_TOKEN to scrape them from elsewhere.');
    reply.header('cache-control', 'no-store');
    return reply.type(registry.contentType).send(await registry.metrics());
  });
  return registry;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Metrics say how busy the service is and which routes fail: not for the public. With a token configured, the scraper
 * sends it as a bearer token (compared in constant time); without one, only a direct connection from this machine
 * may read them, never a request relayed by a proxy (which would carry forwarding headers).
 */
function mayReadMetrics(req: FastifyRequest, token: string | undefined): boolean {
  if (token) {
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    return m !== null && timingSafeEqual(digest(m[1]!), digest(token));
  }
  const relayed = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined || req.headers['x-real-ip'] !== undefined;
  const from = req.socket.remoteAddress ?? '';
  return !relayed && (from === '127.0.0.1' || from === '::1' || from === '::ffff:127.0.0.1');
}
