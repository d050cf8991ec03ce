import { z } from 'zod';
import { ApiError } from '../../lib/api.ts';
import { Alert } from '../../ui/Alert.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { issuesOf } from './field-errors.ts';

const Shortfalls = z.object({ shortfalls: z.array(z.object({ domain: z.string(), needed: z.number(), available: z.number() })) });

/** The shortfalls in an error's details (`{ shortfalls: [{ domain, needed, available }] }`), or none. */
function shortfallsOf(error: unknown) {
  const parsed = error instanceof ApiError ? Shortfalls.safeParse(error.details) : null;
  return parsed?.success ? parsed.data.shortfalls : [];
}

/** A domain code as people read it: with its name, or "Pretest items" for the unscored pseudo-domain. */
function domainLabel(code: string, names: ReadonlyMap<string, string>): string {
  return code === '(unscored)' ? 'Pretest items' : `${code} ${names.get(code) ?? ''}`.trim();
}

/** Why no random form could be assembled: per domain what is needed and what the bank has. */
export function RandomFormError({ error, domainNames }: { error: unknown; domainNames: ReadonlyMap<string, string> }) {
  const shortfalls = error instanceof ApiError && error.code === 'Conflict' ? shortfallsOf(error) : [];
  if (shortfalls.length === 0) return <FormError error={error} title="We could not assemble a random form." />;
  return (
    <Alert tone="error" title="No random form can be assembled yet.">
      <ul>
        {shortfalls.map((s) => <li key={s.domain}>{domainLabel(s.domain, domainNames)}: needs {s.needed}, only {s.available} active.</li>)}
      </ul>
    </Alert>
  );
}

/** Why saving a fixed form failed, in the server's words: a name that is taken, or items that do not make a form
 * (wrong counts, unknown or inactive items, an item twice). A problem with the name alone is shown at the field. */
export function FixedFormSaveError({ error, domainNames }: { error: unknown; domainNames: ReadonlyMap<string, string> }) {
  if (error === undefined) return null;
  if (error instanceof ApiError && error.code === 'Conflict') {
    return (
      <Alert tone="error" title="The form was not saved: the name is taken.">
        <p>{error.message} Choose another name in the Name field.</p>
      </Alert>
    );
  }
  const itemIssues = issuesOf(error).filter((issue) => issue.key.startsWith('itemIdentifiers'));
  if (error instanceof ApiError && itemIssues.length > 0) {
    const shortfalls = shortfallsOf(error);
    return (
      <Alert tone="error" title="The form was not saved: the items do not make a valid form.">
        <p>{error.message}</p>
        {shortfalls.length > 0 ? (
          <ul>
            {shortfalls.map((s) => <li key={s.domain}>{domainLabel(s.domain, domainNames)}: needs {s.needed}, the form has {s.available}.</li>)}
          </ul>
        ) : null}
      </Alert>
    );
  }
  return <FormError error={error} title="The form was not saved." />;
}
