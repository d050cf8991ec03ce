import { Link } from 'react-router';
import { Button, Disclosure, DisclosurePanel, Heading } from 'react-aria-components';
import { BlueprintStatus, FixedFormList } from '../../../contracts/catalog.ts';
import { messageOf } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useSession } from '../../lib/session.tsx';
import { useApiData } from '../../lib/use-api-data.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { examPage, examPath, useExam } from './exam-context.ts';
import { FixedFormBuilder } from './FixedFormBuilder.tsx';

/** `/admin/exams/:code/forms`: how candidates get their form, the exam's fixed forms, and a builder for a new one. */
export function FixedFormsPage() {
  const { exam } = useExam();
  const { user } = useSession();
  const forms = useApiData(`${examPath(exam.code)}/forms`, FixedFormList);
  const status = useApiData(`${examPath(exam.code)}/blueprint-status`, BlueprintStatus);
  const list = forms.data?.forms;

  return (
    <>
      <section aria-labelledby="form-mode-heading">
        <h2 id="form-mode-heading">How candidates get their form</h2>
        {exam.formMode === 'fixed' ? (
          <p>
            This exam uses <strong>fixed forms</strong>: each candidate gets one of the fixed forms listed below, with
            the same items as every other candidate on that form.
          </p>
        ) : (
          <p>
            This exam uses <strong>a random form per candidate</strong>: each candidate gets a form assembled at random
            from the blueprint ({exam.scoredItemCount} scored items in the domains' proportions and {exam.unscoredItemCount} pretest
            items). Fixed forms you create here are kept, but only used once the exam is set to fixed forms.
          </p>
        )}
        <p>
          To change this, edit the Forms setting on the <Link to={examPage(exam.code)}>exam's details</Link>.
        </p>
        {exam.formMode === 'fixed' && list?.length === 0 ? (
          <Alert tone="warning" title="This exam has no fixed forms yet.">
            <p>Create at least one below, so that candidates can be given a form.</p>
          </Alert>
        ) : null}
      </section>

      <section aria-labelledby="fixed-forms-heading">
        <h2 id="fixed-forms-heading">Fixed forms</h2>
        {forms.error ? (
          <Alert tone="error" title="We could not load the fixed forms."><p>{messageOf(forms.error)}</p></Alert>
        ) : !list ? (
          <Loading what="Loading the fixed forms" />
        ) : list.length === 0 ? (
          <p className="empty-state">No fixed forms yet.</p>
        ) : (
          <>
            <p className="muted">{list.length === 1 ? 'One form' : `${list.length} forms`}, by name. Open a form to see its items in the order candidates meet them.</p>
            <ul className="outbox">
              {list.map((form) => (
                <li key={form.id}>
                  <Disclosure className="email">
                    <Heading level={3} className="email-heading">
                      <Button slot="trigger" className="email-trigger">
                        <span className="disclosure-chevron" aria-hidden="true">▸</span>
                        <span className="email-subject">{form.name}</span>
                        <span className="email-meta">
                          {form.itemIdentifiers.length} {form.itemIdentifiers.length === 1 ? 'item' : 'items'} · created {formatDateTime(form.createdAt, user?.timeZone)}
                        </span>
                      </Button>
                    </Heading>
                    <DisclosurePanel className="email-panel">
                      <ol className="fixed-form-identifiers" aria-label={`Items of ${form.name}`}>
                        {form.itemIdentifiers.map((identifier) => <li key={identifier} className="mono">{identifier}</li>)}
                      </ol>
                    </DisclosurePanel>
                  </Disclosure>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      {exam.domains.length === 0 ? (
        <Alert tone="info" title="This exam has no blueprint yet.">
          <p>A fixed form follows the blueprint's domains. <Link to={examPage(exam.code, 'blueprint')}>Define the domains</Link> first.</p>
        </Alert>
      ) : (
        <FixedFormBuilder status={status} onCreated={forms.reload} />
      )}
    </>
  );
}
