import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { Role } from '../../../core/accounts/roles.ts';
import { AppError } from '../../../core/shared/app-error.ts';
import { requireRole, type Principal } from '../auth.ts';
import { findUnstorableText, textProblemMessages, toStorableValue } from '../../../core/shared/text.ts';
import { validationError } from './errors.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The largest JSON body any route reads (uploads set their own limit): a larger one is refused (413) before it is read. */
export const jsonBodyLimitBytes = 256 * 1024;
type Schema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * Who may call a route: `public` (anyone), `optional` (anyone; the principal when signed in), or a list of
 * roles (an empty list means any signed-in user). Use cases check again; this is the first gate.
 */
export type Access = 'public' | 'optional' | readonly Role[];

export interface RouteSpec<B extends Schema | undefined, Q extends Schema | undefined, P extends Schema | undefined, R extends Schema | undefined, H extends Schema | undefined = undefined> {
  method: Method;
  url: string;
  summary: string;
  tags: string[];
  access: Access;
  body?: B;
  query?: Q;
  params?: P;
  /** Request headers the route reads (lower-case names; an object schema that ignores other headers), validated and documented. */
  headers?: H;
  /** Success status and body schema (no schema: no content). The result is parsed with it: unknown fields are dropped.
   * `binary` names the content type of a Buffer or stream the handler returns instead (a download). */
  response: { status: number; schema?: R; description?: string; binary?: string };
  /** The body is raw bytes of this content type (an upload), handed to the handler as a Buffer unparsed. */
  rawBody?: { contentType: string; maxBytes: number; description: string };
  /**
   * At most `max` requests of the routes sharing this object in flight at once, counted before the body is read;
   * beyond it the request is answered 503 + Retry-After without reading its body, which bounds the memory a burst of
   * large uploads can take. Clients wait and send again.
   */
  inFlight?: InFlightLimit;
  /**
   * What to do with text PostgreSQL cannot store (NUL, lone surrogates) in params, query and body: `refuse` (the
   * default) answers 400 naming the field; `normalise` repairs it (NUL removed, lone surrogate → U+FFFD), for routes
   * whose text is the caller's own writing (exam notes), where refusing would cost the candidate their work.
   */
  unstorableText?: 'refuse' | 'normalise';
  /** Per-IP request limit for this route (e.g. sign-in), on top of the per-account limits of the use case. */
  rateLimit?: { max: number; timeWindow: string | number };
  handler(ctx: {
    body: Infer<B>;
    query: Infer<Q>;
    params: Infer<P>;
    headers: Infer<H>;
    principal: Principal | null;
    req: FastifyRequest;
    reply: FastifyReply;
  }): Promise<R extends z.ZodType ? z.input<R> : void | Buffer | Readable>;
}

export type AnyRoute = RouteSpec<Schema | undefined, Schema | undefined, Schema | undefined, Schema | undefined, Schema | undefined>;

/** Declares a route with its schemas; typed so the handler sees parsed input. Register with `registerRoutes`. */
export function route<B extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, P extends Schema | undefined = undefined, R extends Schema | undefined = undefined, H extends Schema | undefined = undefined>(
  spec: RouteSpec<B, Q, P, R, H>,
): AnyRoute {
  return spec as unknown as AnyRoute;
}

function parse(schema: Schema | undefined, value: unknown, where: 'body' | 'query' | 'params' | 'headers', text: 'refuse' | 'normalise' = 'refuse') {
  if (where !== 'headers' && text === 'refuse') {
    const found = findUnstorableText(value);
    if (found) {
      const field = found.path.join('.') || where;
      throw new AppError('ValidationFailed', `The request ${where} is not valid: ${field} ${textProblemMessages[found.problem]}.`, {
        in: where, issues: [{ path: found.path, message: textProblemMessages[found.problem], code: 'unstorable_text' }],
      });
    }
  }
  if (!schema) {
    if (where === 'body' && value !== undefined && value !== null && !(typeof value === 'object' && Object.keys(value as object).length === 0)) {
      throw new AppError('ValidationFailed', 'This request takes no body.', { in: 'body', issues: [] });
    }
    return undefined;
  }
  const result = schema.safeParse(where === 'body' && value === undefined ? {} : value);
  if (!result.success) throw validationError(where, result.error);
  return where !== 'headers' && text === 'normalise' ? toStorableValue(result.data) : result.data;
}

/** A shared budget of concurrent requests (see RouteSpec.inFlight). */
export interface InFlightLimit {
  max: number;
  current: number;
  retryAfterSeconds: number;
}

/** Route hooks that keep `limit`: count a request in before its body is read, out when it is answered or aborted. */
function inFlightHooks(limit: InFlightLimit) {
  const counted = new WeakSet<object>();
  const out = async (req: FastifyRequest) => {
    if (counted.delete(req)) limit.current--;
  };
  return {
    onRequest: async (req: FastifyRequest) => {
      if (limit.current >= limit.max) {
        throw new AppError('ServerBusy', 'Many photos are arriving at once. Yours will be sent again in a few seconds.', { retryAfterSeconds: limit.retryAfterSeconds });
      }
      limit.current++;
      counted.add(req);
    },
    onResponse: out,
    onRequestAbort: out,
  };
}

/** Adds routes to Fastify: authenticate, authorize, validate input, call, validate output. */
export function registerRoutes(app: FastifyInstance, routes: AnyRoute[], registry: AnyRoute[]) {
  for (const spec of routes) {
    registry.push(spec);
    app.route({
      method: spec.method,
      url: spec.url,
      config: spec.rateLimit ? { rateLimit: spec.rateLimit } : {},
      ...(spec.rawBody ? { bodyLimit: spec.rawBody.maxBytes } : {}),
      ...(spec.inFlight ? inFlightHooks(spec.inFlight) : {}),
      handler: async (req, reply) => {
        const principal = req.principal;
        if (spec.access !== 'public' && spec.access !== 'optional') requireRole(principal, spec.access);
        const params = parse(spec.params, req.params, 'params');
        const query = parse(spec.query, req.query, 'query');
        const headers = parse(spec.headers, req.headers, 'headers');
        let body: unknown;
        if (spec.rawBody) {
          if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw new AppError('UnsupportedMediaType', `Send the file as the request body with Content-Type: ${spec.rawBody.contentType}.`);
          body = req.body;
        } else {
          body = parse(spec.body, req.body, 'body', spec.unstorableText);
        }
        const result = await spec.handler({ body, query, params, headers, principal: spec.access === 'public' ? null : principal, req, reply } as never);
        // A download may answer with part of the file (206, 416: byte ranges); everything else with the declared status.
        if (!(spec.response.binary && (reply.statusCode === 206 || reply.statusCode === 416))) reply.status(spec.response.status);
        // A handler may name a more precise type (e.g. the stored blob's); otherwise the declared one.
        if (spec.response.binary) return reply.type((reply.getHeader('content-type') as string | undefined) ?? spec.response.binary).send(result);
        if (!spec.response.schema) return reply.send();
        return reply.send(spec.response.schema.parse(result));
      },
    });
  }
}
