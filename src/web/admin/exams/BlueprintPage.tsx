import { useLocation } from 'react-router';
import { BlueprintStatus } from '../../../contracts/catalog.ts';
import { useApiData } from '../../lib/use-api-data.ts';
import { Alert } from '../../ui/Alert.tsx';
import { examPath, useExam } from './exam-context.ts';
import { BlueprintEditor } from './BlueprintEditor.tsx';
import { BlueprintStatusTable } from './BlueprintStatusTable.tsx';
import { FormPreview } from './FormPreview.tsx';

/** `/admin/exams/:code/blueprint`: the domains and weights, whether the item bank can fill them, and a sample form. */
export function BlueprintPage() {
  const { exam } = useExam();
  const created = (useLocation().state as { created?: boolean } | null)?.created === true;
  const status = useApiData(`${examPath(exam.code)}/blueprint-status`, BlueprintStatus);
  return (
    <>
      {created ? (
        <Alert tone="success" title={`Exam ${exam.code} created as a draft.`}>
          <p>Next, name its domains and their weights below, then add items.</p>
        </Alert>
      ) : null}
      <BlueprintEditor onSaved={status.reload} />
      <section aria-labelledby="bank-heading">
        <h2 id="bank-heading">Can the item bank fill a form?</h2>
        <BlueprintStatusTable data={status} />
      </section>
      <FormPreview />
    </>
  );
}
