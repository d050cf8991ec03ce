import { useState } from 'react';
import { Link } from 'react-router';
import { AppealDecided, StaffAppeals, type StaffAppeal } from '../../contracts/results.ts';
import type { z } from 'zod';
import { api, messageOf } from '../lib/api.ts';
import { formatDateTime } from '../lib/format.ts';
import { useSession } from '../lib/session.tsx';
import { useApiData } from '../lib/use-api-data.ts';
import { ActionDialog } from '../proctor/live/ActionDialog.tsx';
import { Alert } from '../ui/Alert.tsx';
import { Loading } from '../ui/Loading.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';

type Appeal = z.infer<typeof StaffAppeal>;
type Outcome = 'upheld' | 'reinstated' | 'retake';
const outcomeLabels: Record<Appeal['state'], string> = { open: 'Open', upheld: 'Decision upheld', reinstated: 'Result reinstated', retake: 'Free retake granted' };

/** `/admin/appeals`: appeals of official results, the caller's first, each with its deadline; decide them here. */
export function AppealsPage() {
  const appeals = useApiData('/staff/appeals', StaffAppeals);
  const zone = useSession().user?.timeZone;
  const [done, setDone] = useState<string | null>(null);
  const decide = (a: Appeal, outcome: Outcome) => async ({ note }: { note: string }) => {
    const out = await api(`/staff/appeals/${a.id}/decide`, { method: 'POST', body: { outcome, note }, schema: AppealDecided });
    setDone(`${a.candidateName}'s appeal (${a.examCode}): ${outcomeLabels[outcome].toLowerCase()}${out.voucherCode ? `, voucher ${out.voucherCode}` : ''}. The candidate has been emailed.`);
    appeals.reload();
  };
  const list = appeals.data?.appeals ?? [];
  const open = list.filter((a) => a.state === 'open');
  const decided = list.filter((a) => a.state !== 'open');
  return (
    <section className="page">
      <PageTitle>Appeals</PageTitle>
      <p>Candidates may appeal an official result within the exam's appeal window. Each appeal goes to an admin who had no part in the session or its decision; only they decide it, by the deadline shown.</p>
      {done ? <Alert tone="success" title={done} /> : null}
      {appeals.error ? <Alert tone="error" title="The appeals could not be loaded."><p>{messageOf(appeals.error)}</p></Alert> : null}
      {!appeals.data ? <Loading what="Loading the appeals" /> : (
        <>
          <h2>Open</h2>
          {open.length === 0 ? <p className="empty-state">No open appeals.</p> : (
            <ul className="result-queue">
              {open.map((a) => (
                <li key={a.id} className="card">
                  <h3 className="result-queue-title">{a.candidateName} · <span className="exam-code">{a.examCode}</span></h3>
                  <p className="muted">
                    Taken <time dateTime={a.takenAt}>{formatDateTime(a.takenAt, zone)}</time> · scaled {a.scaledScore} (passing {a.passingScore}): {a.passed ? 'pass' : 'fail'} · result <strong>{a.resultState}</strong> ·{' '}
                    filed <time dateTime={a.filedAt}>{formatDateTime(a.filedAt, zone)}</time> · {a.overdue ? <strong className="overdue">overdue since </strong> : 'due by '}<time dateTime={a.dueAt}>{formatDateTime(a.dueAt, zone)}</time>
                  </p>
                  <p>Reviewer: {a.yours ? 'you' : a.reviewer ? a.reviewer.name : 'not assigned (any admin who had no part in the session)'}</p>
                  <blockquote className="appeal-statement">{a.statement}</blockquote>
                  <p><Link to={`/results/${a.attemptId}`}>The score report and session record</Link></p>
                  {a.yours || !a.reviewer ? (
                    <div className="actions" role="group" aria-label={`Decisions on ${a.candidateName}'s appeal`}>
                      <ActionDialog label="Uphold the decision" title={`Uphold the decision on ${a.candidateName}'s result`} intro="The result stays as it is. The candidate is emailed your note."
                        note={{ label: 'Why (the candidate reads this)', required: true }} submitLabel="Uphold" onSubmit={decide(a, 'upheld')} />
                      {a.resultState === 'invalidated' ? (
                        <ActionDialog label="Reinstate the result" title={`Reinstate ${a.candidateName}'s result`} intro="The result is released and counts again; a pass gets a new credential (the revoked one stays revoked)."
                          note={{ label: 'Why (the candidate reads this)', required: true }} confirm="I have reviewed the session record and media." submitLabel="Reinstate" onSubmit={decide(a, 'reinstated')} />
                      ) : null}
                      <ActionDialog label="Grant a free retake" title={`Grant ${a.candidateName} a free retake`} intro="A one-use voucher for this exam, valid for a year, is emailed to the candidate. The result stays as it is."
                        note={{ label: 'Why (the candidate reads this)', required: true }} submitLabel="Grant the retake" onSubmit={decide(a, 'retake')} />
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <h2>Decided</h2>
          {decided.length === 0 ? <p className="empty-state">None decided yet.</p> : (
            <ul className="result-queue">
              {decided.map((a) => (
                <li key={a.id} className="card">
                  <h3 className="result-queue-title">{a.candidateName} · <span className="exam-code">{a.examCode}</span>: {outcomeLabels[a.state]}</h3>
                  <p className="muted">Decided <time dateTime={a.decidedAt!}>{formatDateTime(a.decidedAt!, zone)}</time> by {a.reviewer?.name ?? 'staff'}{a.voucherCode ? ` · voucher ${a.voucherCode}` : ''}</p>
                  {a.decisionNote ? <p>{a.decisionNote}</p> : null}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
