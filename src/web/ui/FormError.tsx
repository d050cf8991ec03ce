import { ApiError, messageOf } from '../lib/api.ts';
import { Alert } from './Alert.tsx';

/** The form-level message for a failed submission (nothing when there is no error). */
export function FormError({ error, title = 'That did not work.' }: { error: unknown; title?: string }) {
  if (error === undefined) return null;
  const rateLimited = error instanceof ApiError && error.code === 'TooManyAttempts';
  return (
    <Alert tone="error" title={rateLimited ? 'Too many attempts.' : title}>
      <p>{messageOf(error)}</p>
    </Alert>
  );
}
