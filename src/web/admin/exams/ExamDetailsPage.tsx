import { useState } from 'react';
import { Button } from 'react-aria-components';
import { ExamResponse } from '../../../contracts/catalog.ts';
import { api } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useSession } from '../../lib/session.tsx';
import { useSubmit } from '../../lib/use-submit.ts';
import { Alert } from '../../ui/Alert.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { SubmitForm } from '../../ui/SubmitForm.tsx';
import { examPath, useExam } from './exam-context.ts';
import { ExamFields, type ExamFieldValues } from './ExamFields.tsx';
import { ExamStatusPanel } from './ExamStatusPanel.tsx';

/** `/admin/exams/:code`: the exam's catalog fields and its status (publish, retire). */
export function ExamDetailsPage() {
  const { exam, reload } = useExam();
  const { user } = useSession();
  const submit = useSubmit();
  const [values, setValues] = useState<ExamFieldValues>(() => pickFields(exam));
  const [savedAt, setSavedAt] = useState<string | null>(null);

  async function onSubmit() {
    setSavedAt(null);
    const result = await submit.run(() => api(examPath(exam.code), { method: 'PATCH', body: values, schema: ExamResponse }));
    if (!result.ok) return;
    setValues(pickFields(result.value.exam));
    setSavedAt(result.value.exam.updatedAt);
    reload();
  }

  return (
    <>
      <ExamStatusPanel />
      <section aria-labelledby="details-heading">
        <h2 id="details-heading">Details</h2>
        <p className="muted">
          Code {exam.code} · created {formatDateTime(exam.createdAt, user?.timeZone)} · last changed {formatDateTime(exam.updatedAt, user?.timeZone)}
        </p>
        {savedAt ? <Alert tone="success" title="The exam details are saved." /> : null}
        <FormError error={submit.error} title="We could not save the details." />
        <SubmitForm submission={submit} onSubmit={onSubmit}>
          <ExamFields values={values} onChange={(patch) => { setSavedAt(null); setValues((previous) => ({ ...previous, ...patch })); }} />
          <Button type="submit" className="button button-primary" data-pending={submit.pending || undefined}>
            Save details
          </Button>
        </SubmitForm>
      </section>
    </>
  );
}

function pickFields(exam: ExamFieldValues): ExamFieldValues {
  const { title, level, description, languages, durationMinutes, scoredItemCount, unscoredItemCount, scaleMin, scaleMax, passingScore, priceMinor, currency, practice, formMode } = exam;
  return { title, level, description, languages, durationMinutes, scoredItemCount, unscoredItemCount, scaleMin, scaleMax, passingScore, priceMinor, currency, practice, formMode };
}
