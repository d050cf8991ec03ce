import { z } from 'zod';
import { ErrorBody } from '../../../contracts/common.ts';
import { statusByCode } from './errors.ts';
import { jsonBodyLimitBytes, type AnyRoute } from './route.ts';

type JsonSchema = Record<string, unknown>;

/** Converts a zod schema to JSON Schema 2020-12 (OpenAPI 3.1's dialect), hoisting named schemas into components. */
function toSchema(schema: z.ZodType, io: 'input' | 'output', components: Record<string, JsonSchema>): JsonSchema {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  const defs = json.$defs as Record<string, JsonSchema> | undefined;
  delete json.$defs;
  const rewrite = (s: unknown) => JSON.parse(JSON.stringify(s).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;
  for (const [name, def] of Object.entries(defs ?? {})) components[name] ??= rewrite(def);
  // A named root schema comes back as its own definition: refer to it instead of inlining it.
  const id = (z.globalRegistry.get(schema) as { id?: string } | undefined)?.id;
  if (id) {
    components[id] ??= rewrite(json);
    return { $ref: `#/components/schemas/${id}` };
  }
  return rewrite(json);
}

function parameters(schema: z.ZodType | undefined, where: 'query' | 'path' | 'header', components: Record<string, JsonSchema>) {
  if (!schema) return [];
  const json = toSchema(schema, 'input', components);
  const props = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, s]) => ({ name, in: where, required: where === 'path' || required.has(name), schema: s, ...(s.description ? { description: s.description } : {}) }));
}

/** The OpenAPI 3.1 document for every registered route, generated from the same zod schemas that validate them. */
export function buildOpenApi(routes: AnyRoute[], info: { version: string; publicUrl: string }) {
  const components: Record<string, JsonSchema> = {};
  const paths: Record<string, Record<string, unknown>> = {};
  toSchema(ErrorBody, 'output', components);
  for (const r of routes) {
    const path = r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const errorStatuses = new Set<number>([400, 500]);
    if (r.access !== 'public' && r.access !== 'optional') {
      errorStatuses.add(statusByCode.NotAuthenticated);
      if (r.access.length) errorStatuses.add(statusByCode.Forbidden);
    }
    if (r.rateLimit) errorStatuses.add(429);
    const bodyLimit = r.rawBody ? r.rawBody.maxBytes : r.body ? jsonBodyLimitBytes : undefined;
    if (bodyLimit !== undefined) errorStatuses.add(413);
    const responses: Record<string, unknown> = {
      [r.response.status]: r.response.binary
        ? { description: r.response.description ?? 'A file', content: { [r.response.binary]: { schema: { type: 'string', contentMediaType: r.response.binary } } } }
        : r.response.schema
        ? { description: r.response.description ?? 'Success', content: { 'application/json': { schema: toSchema(r.response.schema, 'output', components) } } }
        : { description: r.response.description ?? 'Success, no content' },
    };
    for (const s of [...errorStatuses].sort()) {
      responses[s] = { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    }
    (paths[path] ??= {})[r.method.toLowerCase()] = {
      summary: r.summary,
      tags: r.tags,
      operationId: `${r.method.toLowerCase()}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
      ...(r.access === 'public' || r.access === 'optional' ? { security: [] } : {}),
      ...(r.access !== 'public' && r.access !== 'optional' && r.access.length ? { 'x-roles': r.access } : {}),
      // The body size refused with 413 before it is read.
      ...(bodyLimit !== undefined ? { 'x-body-limit-bytes': bodyLimit } : {}),
      parameters: [...parameters(r.params, 'path', components), ...parameters(r.query, 'query', components), ...parameters(r.headers, 'header', components)],
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(r.body, 'input', components) } } } } : {}),
      ...(r.rawBody ? { requestBody: { required: true, description: r.rawBody.description, content: { [r.rawBody.contentType]: { schema: { type: 'string', contentMediaType: r.rawBody.contentType } } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Invigil API', version: info.version, description: 'Online-proctored certification exams. Errors are `{ "error": { "code", "message", "details" } }`.' },
    servers: [{ url: info.publicUrl }],
    security: [{ cookieAuth: [] }, { bearerAuth: [] }],
    components: {
      securitySchemes: {
        cookieAuth: { type: 'apiKey', in: 'cookie', name: 'invigil_session' },
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API token created by an admin (`invigil token create`).' },
      },
      schemas: components,
    },
    paths,
  };
}
