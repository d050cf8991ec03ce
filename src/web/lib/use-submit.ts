import { useCallback, useMemo, useRef, useState, type FormEvent } from 'react';
import { ApiError, fieldErrorsOf } from './api.ts';

/** Error codes that concern one field, e.g. `{ EmailTaken: { email: 'An account with this email already exists.' } }`. */
export type FieldErrorCodes = Record<string, Record<string, string>>;

export interface Submission {
  pending: boolean;
  /** The last failure, or undefined after a success. */
  error: unknown;
  /** Server-side field messages for react-aria's `<Form validationErrors>`. The object only changes when the
   * error does: react-aria shows server errors again whenever it receives a new object. */
  validationErrors: Record<string, string[]>;
  /** Put on the `<Form onInput>`: a field's server error disappears as soon as the user types in it. (react-aria
   * would clear it on blur, which shifts the layout under a pointer that is pressing the submit button.) */
  onFieldInput: (event: FormEvent<HTMLFormElement>) => void;
  /** Runs the action, tracking pending state and failure. */
  run: <T>(action: () => Promise<T>) => Promise<{ ok: true; value: T } | { ok: false }>;
}

const none: FieldErrorCodes = {};

/** State for one form's submission: pending flag, last error and the server's field errors
 * (`ValidationFailed` issues, plus the codes in `fieldCodes`, which must be a module-level constant). */
export function useSubmit(fieldCodes: FieldErrorCodes = none): Submission {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>();
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());

  // Buttons stay enabled while a request runs (disabling them would drop keyboard focus), so a second press
  // during the first request is ignored here instead.
  const inFlight = useRef(false);

  const run = useCallback(async <T,>(action: () => Promise<T>) => {
    if (inFlight.current) return { ok: false as const };
    inFlight.current = true;
    setPending(true);
    setError(undefined);
    setEdited(new Set());
    try {
      const value = await action();
      return { ok: true as const, value };
    } catch (failure) {
      setError(failure);
      return { ok: false as const };
    } finally {
      inFlight.current = false;
      setPending(false);
    }
  }, []);

  const validationErrors = useMemo(() => {
    const fields = fieldErrorsOf(error);
    const byCode = error instanceof ApiError ? fieldCodes[error.code] : undefined;
    for (const [field, message] of Object.entries(byCode ?? {})) fields[field] = [message];
    for (const field of edited) delete fields[field];
    return fields;
  }, [error, fieldCodes, edited]);

  const onFieldInput = useCallback(
    (event: FormEvent<HTMLFormElement>) => {
      const name = (event.target as HTMLInputElement).name;
      if (name && name in validationErrors) setEdited((previous) => new Set(previous).add(name));
    },
    [validationErrors],
  );

  return { pending, error, validationErrors, onFieldInput, run };
}

/** True when the submission failed with one of the codes mapped to a field (so no form-level alert is needed). */
export function isFieldCode(error: unknown, fieldCodes: FieldErrorCodes): boolean {
  return error instanceof ApiError && error.code in fieldCodes;
}
