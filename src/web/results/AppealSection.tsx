import { useState } from 'react';
import { Button } from 'react-aria-components';
import { AppealFiled, type ScoreReport } from '../../contracts/results.ts';
import { api } from '../lib/api.ts';
import { formatDateTime } from '../lib/format.ts';
import { useSubmit } from '../lib/use-submit.ts';
import { Alert } from '../ui/Alert.tsx';
import { FormError } from '../ui/FormError.tsx';
import { TextInputField } from '../ui/FormField.tsx';
import { SubmitForm } from '../ui/SubmitForm.tsx';
import { appealOutcomeText } from './result-text.ts';

/** The score report's appeal part: the form while the window is open, then the appeal with its deadline and outcome. */
export function AppealSection({ report, zone, onFiled }: { report: ScoreReport; zone: string | undefined; onFiled: () => void }) {
  const { canAppealUntil, appeal, windowDays } = report.appeals;
  const submit = useSubmit();
  const [statement, setStatement] = useState('');
  if (!appeal && !canAppealUntil) {
    if (report.state !== 'released' && report.state !== 'invalidated') return null;
    return (
      <section className="card" aria-labelledby="appeal-heading">
        <h2 id="appeal-heading">Appeal</h2>
        <p>{windowDays > 0 ? `Results can be appealed for ${windowDays} days after they are released or invalidated; that time has passed.` : 'This exam’s rules allow no appeals.'}</p>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="appeal-heading">
      <h2 id="appeal-heading">Appeal</h2>
      {appeal ? (
        <>
          {appeal.state === 'open' ? (
            <Alert tone="info" title="Your appeal is being reviewed.">
              <p>A staff member who had no part in your session reviews it, with the session's record and the photos and recordings still kept (none are deleted until it is decided). The decision is due by <time dateTime={appeal.dueAt}>{formatDateTime(appeal.dueAt, zone)}</time>; we email it to you.</p>
            </Alert>
          ) : (
            <Alert tone={appeal.state === 'upheld' ? 'info' : 'success'} title={appealOutcomeText[appeal.state]}>
              {appeal.decisionNote ? <p>The reviewer's note: {appeal.decisionNote}</p> : null}
              {appeal.voucherCode ? <p>Your voucher code for the free retake: <strong className="voucher-code">{appeal.voucherCode}</strong>. Enter it when you book the exam.</p> : null}
            </Alert>
          )}
          <p className="muted">Filed <time dateTime={appeal.filedAt}>{formatDateTime(appeal.filedAt, zone)}</time>{appeal.decidedAt ? <>, decided <time dateTime={appeal.decidedAt}>{formatDateTime(appeal.decidedAt, zone)}</time></> : null}.</p>
          <details>
            <summary>Your statement</summary>
            <p className="appeal-statement">{appeal.statement}</p>
          </details>
        </>
      ) : (
        <>
          <p>
            If you believe this result is wrong (an incident recorded against you, a technical problem, how your session was judged), you can appeal it until{' '}
            <time dateTime={canAppealUntil!}>{formatDateTime(canAppealUntil!, zone)}</time>. One appeal per result is reviewed, by a staff member who had no part in your session.
          </p>
          <FormError error={submit.error} title="Your appeal was not sent." />
          <SubmitForm submission={submit} onSubmit={async () => {
            const r = await submit.run(() => api(`/results/${report.attemptId}/appeal`, { method: 'POST', body: { statement: statement.trim() }, schema: AppealFiled }));
            if (r.ok) onFiled();
          }}>
            <TextInputField label="Your statement" name="statement" multiline value={statement} onChange={setStatement} minLength={20} maxLength={5000}
              description="What you contest and why, with times if you can (the session record above has them). At least 20 characters." />
            <Button type="submit" className="button button-primary" data-pending={submit.pending || undefined}>Send the appeal</Button>
          </SubmitForm>
        </>
      )}
    </section>
  );
}
