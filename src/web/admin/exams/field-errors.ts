import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { ApiError } from '../../lib/api.ts';
import type { FieldErrorCodes, Submission } from '../../lib/use-submit.ts';

/** A server issue: where it is (`content.options.2.html`) and what is wrong. */
export interface Issue {
  key: string;
  message: string;
}

/** The issues of a `ValidationFailed` error with their full paths joined by dots, minus `dropPrefix`
 * (e.g. `policy` for `['policy','delivery','maxBreakMinutes']` → `delivery.maxBreakMinutes`). */
export function issuesOf(error: unknown, dropPrefix?: string): Issue[] {
  if (!(error instanceof ApiError) || error.code !== 'ValidationFailed') return [];
  const issues = (error.details as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues)) return [];
  return (issues as { path?: unknown; message?: unknown }[]).flatMap((issue) => {
    if (typeof issue.message !== 'string') return [];
    let path = Array.isArray(issue.path) ? issue.path.map(String) : [];
    if (dropPrefix && path[0] === dropPrefix) path = path.slice(1);
    return [{ key: path.join('.'), message: issue.message }];
  });
}

/** Issues grouped by key. */
export function groupIssues(issues: readonly Issue[]): Record<string, string[]> {
  const grouped: Record<string, string[]> = {};
  for (const issue of issues) (grouped[issue.key] ??= []).push(issue.message);
  return grouped;
}

/**
 * A `useSubmit` submission whose field errors are keyed by the issue's whole path (`domains.2.weight`), so fields
 * named that way inside `<SubmitForm>` show them, plus `codes` (a module-level constant) mapping error codes to
 * fields. A field's error is dropped as soon as that field is edited.
 */
export function useNestedErrors(submit: Submission, dropPrefix?: string, codes?: FieldErrorCodes): Submission & { issues: Issue[] } {
  const [edited, setEdited] = useState<{ error: unknown; names: ReadonlySet<string> }>({ error: undefined, names: new Set() });
  const issues = useMemo(() => {
    const byCode = submit.error instanceof ApiError ? codes?.[submit.error.code] : undefined;
    const coded = Object.entries(byCode ?? {}).map(([key, message]) => ({ key, message }));
    return [...coded, ...issuesOf(submit.error, dropPrefix)];
  }, [submit.error, dropPrefix, codes]);
  const editedNames = edited.error === submit.error ? edited.names : new Set<string>();

  const validationErrors = useMemo(() => {
    const grouped = groupIssues(issues);
    for (const name of editedNames) delete grouped[name];
    return grouped;
    // `editedNames` is a new Set only when the error or the edited names change.
  }, [issues, edited, submit.error]);

  const onFieldInput = useCallback(
    (event: FormEvent<HTMLFormElement>) => {
      const name = (event.target as HTMLInputElement).name;
      if (!name || !(name in validationErrors)) return;
      setEdited((previous) => ({
        error: submit.error,
        names: new Set(previous.error === submit.error ? previous.names : []).add(name),
      }));
    },
    [validationErrors, submit.error],
  );

  return { ...submit, validationErrors, onFieldInput, issues };
}
