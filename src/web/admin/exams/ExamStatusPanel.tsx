import { Link } from 'react-router';
import { Button } from 'react-aria-components';
import { BlueprintStatus, ExamResponse, type Exam } from '../../../contracts/catalog.ts';
import { api, ApiError, messageOf } from '../../lib/api.ts';
import { useSubmit } from '../../lib/use-submit.ts';
import { Alert } from '../../ui/Alert.tsx';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { examPage, examPath, useExam } from './exam-context.ts';
import { ExamStatusTag } from './ExamStatusTag.tsx';

const explanation: Record<Exam['status'], string> = {
  draft: 'Candidates cannot see this exam yet. Publishing puts it in the catalog; it needs a blueprint whose domains each have enough active scored items.',
  published: 'Candidates find this exam in the catalog. Retiring removes it from the catalog; results and credentials already earned stay valid.',
  retired: 'This exam is no longer offered. Publishing it again puts it back in the catalog.',
};

/** The exam's status, what it means, and the one change that makes sense from it (publish or retire). */
export function ExamStatusPanel() {
  const { exam, reload } = useExam();
  const submit = useSubmit();

  async function setStatus(status: Exam['status']) {
    const result = await submit.run(() => api(examPath(exam.code), { method: 'PATCH', body: { status }, schema: ExamResponse }));
    if (result.ok) reload();
  }

  return (
    <section className="card" aria-labelledby="status-heading">
      <h2 id="status-heading">Status: <ExamStatusTag status={exam.status} /></h2>
      <p>{explanation[exam.status]}</p>
      <StatusError error={submit.error} code={exam.code} />
      <div className="actions">
        {exam.status === 'published' ? (
          <>
            <ConfirmButton
              label="Retire exam"
              title={`Retire ${exam.code}?`}
              confirmLabel="Retire exam"
              isPending={submit.pending}
              onConfirm={() => void setStatus('retired')}
            >
              <p>The exam leaves the catalog and can no longer be booked. You can publish it again later.</p>
            </ConfirmButton>
            <Link to={`/exams/${encodeURIComponent(exam.code)}`}>See it in the catalog</Link>
          </>
        ) : (
          <Button className="button button-primary" onPress={() => void setStatus('published')} data-pending={submit.pending || undefined}>
            {exam.status === 'draft' ? 'Publish exam' : 'Publish again'}
          </Button>
        )}
      </div>
    </section>
  );
}

/** Why a status change failed; a refused publication lists the domains that lack active items. */
function StatusError({ error, code }: { error: unknown; code: string }) {
  if (error === undefined) return null;
  const conflict = error instanceof ApiError && error.code === 'Conflict';
  const blueprint = conflict ? BlueprintStatus.safeParse((error.details as { blueprint?: unknown } | undefined)?.blueprint) : null;
  const short = blueprint?.success ? blueprint.data.domains.filter((d) => d.shortfall > 0) : [];
  return (
    <Alert tone="error" title={conflict ? 'The exam cannot be published yet.' : 'The status did not change.'}>
      <p>{messageOf(error)}</p>
      {short.length > 0 || (blueprint?.success && blueprint.data.unscoredShortfall > 0) ? (
        <ul>
          {short.map((d) => (
            <li key={d.code}>
              {d.name}: needs {d.needed} active scored items, has {d.available} (short by {d.shortfall}).
            </li>
          ))}
          {blueprint?.success && blueprint.data.unscoredShortfall > 0 ? (
            <li>Pretest items: needs {blueprint.data.unscoredItemCount}, has {blueprint.data.unscoredAvailable} (short by {blueprint.data.unscoredShortfall}).</li>
          ) : null}
        </ul>
      ) : null}
      {conflict ? (
        <p>
          Add or activate items on the <Link to={examPage(code, 'items')}>Items</Link> page, or change the weights on the{' '}
          <Link to={examPage(code, 'blueprint')}>Blueprint</Link> page.
        </p>
      ) : null}
    </Alert>
  );
}
