import { useEffect, useMemo, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { PolicyResponse } from '../../../contracts/catalog.ts';
import { policyProblems, type ExamPolicy } from '../../../core/catalog/policy.ts';
import { renderRules } from '../../../core/catalog/rules-text.ts';
import { api, ApiError, messageOf } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useSession } from '../../lib/session.tsx';
import { useApiData } from '../../lib/use-api-data.ts';
import { useSubmit } from '../../lib/use-submit.ts';
import { Alert } from '../../ui/Alert.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { SubmitForm } from '../../ui/SubmitForm.tsx';
import { ExamRules } from '../../catalog/ExamRules.tsx';
import { examPath, useExam } from './exam-context.ts';
import { groupIssues, useNestedErrors } from './field-errors.ts';
import { PolicySectionFields } from './PolicySectionFields.tsx';
import { policySections, valueAt, withValue } from './policy-fields.ts';

interface Saved { version: number; policy: ExamPolicy; updatedAt: string | null }

/** `/admin/exams/:code/policy`: every rule of the exam in one versioned document, with the rules page candidates
 * will read rendered live beside it. Saving names the version it edits, so a concurrent save is never overwritten. */
export function PolicyPage() {
  const { exam } = useExam();
  const { user } = useSession();
  const loaded = useApiData(`${examPath(exam.code)}/policy`, PolicyResponse);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [draft, setDraft] = useState<ExamPolicy | null>(null);
  const [justSaved, setJustSaved] = useState<number | null>(null);
  const submit = useSubmit();
  const nested = useNestedErrors(submit, 'policy');
  const conflictRef = useRef<HTMLDivElement>(null);

  // A (re)load replaces both the saved copy and the form: after a conflict the admin asked for the newest version.
  useEffect(() => {
    if (!loaded.data) return;
    const { version, policy, updatedAt } = loaded.data;
    setSaved({ version, policy, updatedAt });
    setDraft(policy);
  }, [loaded.data]);

  const problems = useMemo(() => (draft ? [...policyProblems(draft), ...missingNumbers(draft)] : []), [draft]);
  const livePreview = useMemo(() => (draft && saved ? renderRules(fillGaps(draft, saved.policy), exam) : []), [draft, saved, exam]);

  if (loaded.error && !saved) return <Alert tone="error" title="We could not load the policy."><p>{messageOf(loaded.error)}</p></Alert>;
  if (!saved || !draft) return <Loading what="Loading the policy" />;

  const conflict = submit.error instanceof ApiError && submit.error.code === 'Conflict';
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved.policy);
  const errors = groupIssues(problems.map((p) => ({ key: p.path.join('.'), message: p.message })));

  async function onSubmit() {
    if (!draft || !saved) return;
    setJustSaved(null);
    if (problems.length > 0) return;
    const body = { policy: draft, expectedVersion: saved.version };
    const result = await submit.run(() => api(`${examPath(exam.code)}/policy`, { method: 'PUT', body, schema: PolicyResponse }));
    if (result.ok) {
      const { version, policy, updatedAt } = result.value;
      setSaved({ version, policy, updatedAt });
      setDraft(policy);
      setJustSaved(version);
    } else {
      requestAnimationFrame(() => conflictRef.current?.focus());
    }
  }

  return (
    <section aria-labelledby="policy-heading">
      <h2 id="policy-heading">Policy</h2>
      <p className="muted">
        {saved.updatedAt ? `Version ${saved.version}, saved ${formatDateTime(saved.updatedAt, user?.timeZone)}.` : 'The defaults: not saved yet.'}{' '}
        Booking, check-in, delivery, proctoring and results all follow these settings.
      </p>
      <div className="policy-layout">
        <div className="policy-form">
          {justSaved !== null ? <Alert tone="success" title={`Policy saved as version ${justSaved}.`} /> : null}
          <div ref={conflictRef} tabIndex={-1}>
            {conflict ? (
              <Alert tone="warning" title="Someone else saved this policy while you were editing.">
                <p>{messageOf(submit.error)} Load their version, then make your changes again; what you changed here is not saved.</p>
                <Button className="button" onPress={loaded.reload} data-pending={loaded.loading || undefined}>
                  Load the newest version
                </Button>
              </Alert>
            ) : (
              <FormError error={submit.error} title="We could not save the policy." />
            )}
          </div>
          <SubmitForm submission={nested} onSubmit={onSubmit}>
            {policySections.map((section) => (
              <PolicySectionFields
                key={section.key}
                section={section}
                policy={draft}
                errors={errors}
                onChange={(path, value) => {
                  setJustSaved(null);
                  setDraft((previous) => (previous ? withValue(previous, path, value) : previous));
                }}
              />
            ))}
            {problems.length > 0 ? (
              <p className="field-error" role="status">
                {problems.length === 1 ? 'One setting needs' : `${problems.length} settings need`} attention before you can save; see the messages above.
              </p>
            ) : null}
            <div className="actions form-actions">
              <Button type="submit" className="button button-primary" data-pending={submit.pending || undefined}>
                Save policy
              </Button>
              {dirty ? (
                <Button className="button" onPress={() => { setDraft(saved.policy); setJustSaved(null); }}>
                  Discard changes
                </Button>
              ) : null}
            </div>
            <p className="muted" aria-live="polite">{dirty ? 'You have unsaved changes.' : 'No unsaved changes.'}</p>
          </SubmitForm>
        </div>
        {/* Focusable: on wide screens it scrolls on its own, and keyboard users must be able to scroll it. */}
        <section className="card policy-preview" aria-labelledby="preview-heading" tabIndex={0}>
          <h3 id="preview-heading">What candidates will read</h3>
          <p className="muted">The “Rules of this exam” on the catalog page, as they would read with the settings in the form.</p>
          <ExamRules sections={livePreview} level={4} />
        </section>
      </div>
    </section>
  );
}

/** Number fields left empty, as problems at those fields. */
function missingNumbers(policy: ExamPolicy): { path: string[]; message: string }[] {
  return policySections.flatMap((section) =>
    section.fields
      .filter((field) => field.kind !== 'boolean' && Number.isNaN(valueAt(policy, field.path)))
      .map((field) => ({ path: field.path.split('.'), message: 'Enter a number.' })),
  );
}

/** The draft with empty number fields taken from the saved policy, so the preview stays readable while typing. */
function fillGaps(draft: ExamPolicy, fallback: ExamPolicy): ExamPolicy {
  let filled = draft;
  for (const section of policySections) {
    for (const field of section.fields) {
      if (Number.isNaN(valueAt(draft, field.path))) filled = withValue(filled, field.path, valueAt(fallback, field.path));
    }
  }
  return filled;
}
