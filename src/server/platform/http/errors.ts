import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, type AppErrorCode } from '../../../core/shared/app-error.ts';

/** The one table from error code to HTTP status. */
export const statusByCode: Record<AppErrorCode, number> = {
  ValidationFailed: 400,
  MalformedJson: 400,
  TokenInvalid: 400,
  TokenExpired: 400,
  TokenUsed: 400,
  NotAuthenticated: 401,
  InvalidCredentials: 401,
  Forbidden: 403,
  EmailNotVerified: 403,
  AccountDisabled: 403,
  NotFound: 404,
  FeatureDisabled: 404,
  EmailTaken: 409,
  Conflict: 409,
  SlotUnavailable: 409,
  HoldExpired: 410,
  BookingNotAllowed: 422,
  ChangeNotAllowed: 422,
  CodeInvalid: 422,
  IdempotencyKeyReused: 422,
  ShiftHasBookings: 409,
  AttemptFinished: 409,
  LaunchNotAuthorised: 403,
  SafeExamBrowserRequired: 403,
  PayloadTooLarge: 413,
  UnsupportedMediaType: 415,
  ServerBusy: 503,
  TooManyAttempts: 429,
  Internal: 500,
};

/** Turns a zod failure into our ValidationFailed error with per-field issues. */
export function validationError(where: 'body' | 'query' | 'params' | 'headers', error: z.ZodError): AppError {
  const issues = error.issues.map((i) => ({ path: i.path.map(String), message: i.message, code: i.code }));
  return new AppError('ValidationFailed', `The request ${where} is not valid: ${issues.map((i) => (i.path.length ? `${i.path.join('.')}: ` : '') + i.message).join('; ')}`, { in: where, issues });
}

/** Maps Fastify's own errors (bad JSON, oversize bodies, wrong content type, rate limit) to AppErrors. */
function fromFastify(err: FastifyError): AppError | null {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('MalformedJson', 'The request body is not valid JSON.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PayloadTooLarge', 'The request body is too large.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('UnsupportedMediaType', 'Send the request body as application/json.');
    default:
      break;
  }
  if (err.statusCode === 429) return new AppError('TooManyAttempts', 'Too many requests. Wait a minute and try again.');
  if (err instanceof SyntaxError) return new AppError('MalformedJson', 'The request body is not valid JSON.');
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return new AppError('ValidationFailed', err.message);
  return null;
}

/** Fastify error handler: AppErrors become `{ error: { code, message, details } }`; anything else is logged with
 * the request id and answered with a generic 500. */
export function handleError(err: FastifyError | AppError | Error, req: FastifyRequest, reply: FastifyReply) {
  const appError = err instanceof AppError ? err : fromFastify(err as FastifyError);
  if (!appError || appError.code === 'Internal') {
    req.log.error({ err, event: 'request.failed' }, 'request.failed');
    return reply.status(500).send({ error: { code: 'Internal', message: `Something went wrong on our side (request ${req.id}). Nothing you sent was lost; try again.` } });
  }
  if (appError.code === 'TooManyAttempts' && !reply.hasHeader('retry-after')) reply.header('retry-after', '60');
  if (appError.code === 'ServerBusy' && !reply.hasHeader('retry-after')) {
    const seconds = (appError.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 5;
    reply.header('retry-after', String(seconds));
  }
  return reply.status(statusByCode[appError.code]).send({ error: { code: appError.code, message: appError.message, ...(appError.details === undefined ? {} : { details: appError.details }) } });
}
