/**
 * The one error type use cases throw. `code` is stable and documented in the API; the HTTP layer alone maps it
 * to a status (see src/server/platform/http/errors.ts). Example: `throw new AppError('EmailTaken', 'An account with this email already exists.')`.
 */
export const appErrorCodes = [
  'ValidationFailed',
  'MalformedJson',
  'PayloadTooLarge',
  'UnsupportedMediaType',
  'NotAuthenticated',
  'Forbidden',
  'NotFound',
  'EmailTaken',
  'InvalidCredentials',
  'TooManyAttempts',
  'TokenInvalid',
  'TokenExpired',
  'TokenUsed',
  'EmailNotVerified',
  'AccountDisabled',
  'Conflict',
  'FeatureDisabled',
  'SlotUnavailable',
  'HoldExpired',
  'BookingNotAllowed',
  'ChangeNotAllowed',
  'CodeInvalid',
  'IdempotencyKeyReused',
  'ShiftHasBookings',
  'AttemptFinished',
  'LaunchNotAuthorised',
  'SafeExamBrowserRequired',
  'ServerBusy',
  'Internal',
] as const;

export type AppErrorCode = (typeof appErrorCodes)[number];

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details: unknown;

  constructor(code: AppErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}
