import { useState } from 'react';
import { ResultQueue } from '../../contracts/results.ts';
import type { QueuedResult } from '../../contracts/results.ts';
import { z } from 'zod';
import { api, messageOf } from '../lib/api.ts';
import { formatDateTime } from '../lib/format.ts';
import { useSession } from '../lib/session.tsx';
import { useApiData } from '../lib/use-api-data.ts';
import { ActionDialog } from '../proctor/live/ActionDialog.tsx';
import { holdLabels } from '../results/result-text.ts';
import { Alert } from '../ui/Alert.tsx';
import { Loading } from '../ui/Loading.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { SelectField } from '../ui/FormField.tsx';

type Queued = z.infer<typeof QueuedResult>;
const Decided = z.object({ state: z.string(), waitingForSecondStaff: z.boolean() });
const states = [
  { id: 'open', label: 'To decide (validating and held)' },
  { id: 'held', label: 'Held' },
  { id: 'validating', label: 'Validating' },
  { id: 'released', label: 'Released' },
  { id: 'invalidated', label: 'Invalidated' },
] as const;

/** `/admin/results`: the validation queue. Held results first, each with why; release, hold or invalidate (two people). */
export function ResultsPage() {
  const [state, setState] = useState<(typeof states)[number]['id']>('open');
  const queue = useApiData('/staff/results', ResultQueue, { state });
  const me = useSession().user;
  const [done, setDone] = useState<string | null>(null);
  const decide = (r: Queued, decision: 'release' | 'hold' | 'invalidate', note: string) => async () => {
    const out = await api(`/staff/results/${r.attemptId}/${decision}`, { method: 'POST', body: note || decision !== 'release' ? { note } : {}, schema: Decided });
    setDone(out.waitingForSecondStaff
      ? `Invalidation of ${r.candidateName}'s ${r.examCode} result requested: another staff member must confirm it.`
      : `${r.candidateName}'s ${r.examCode} result: ${decision === 'release' ? 'released' : decision === 'hold' ? 'kept on hold' : 'invalidated'}. The candidate has been emailed.`);
    queue.reload();
  };
  return (
    <section className="page">
      <PageTitle>Results</PageTitle>
      <p>Every result of a proctored appointment is validated before it is official. Results with nothing against them are released by themselves after the exam's release delay; held ones wait for a decision here.</p>
      <div className="filters">
        <SelectField label="Show" options={states.map((s) => ({ id: s.id, label: s.label }))} value={state} onChange={(v) => setState(v as typeof state)} />
      </div>
      {done ? <Alert tone="success" title={done} /> : null}
      {queue.error ? <Alert tone="error" title="The results could not be loaded."><p>{messageOf(queue.error)}</p></Alert> : null}
      {!queue.data ? <Loading what="Loading the results" /> : queue.data.results.length === 0 ? <p className="empty-state">No results here.</p> : (
        <ul className="result-queue">
          {queue.data.results.map((r) => (
            <li key={r.attemptId} className="card">
              <h2 className="result-queue-title">{r.candidateName} · <span className="exam-code">{r.examCode}</span></h2>
              <p className="muted">{r.candidateEmail} · taken <time dateTime={r.takenAt}>{formatDateTime(r.takenAt, me?.timeZone)}</time> · scaled {r.scaledScore} (passing {r.passingScore}): {r.passed ? 'pass' : 'fail'} · <strong>{r.state}</strong>{r.state === 'validating' ? <> until <time dateTime={r.releaseAt}>{formatDateTime(r.releaseAt, me?.timeZone)}</time></> : null}</p>
              {r.holds.length > 0 ? (
                <ul className="hold-list" aria-label="Why it is held">
                  {r.holds.map((h, i) => <li key={i}><strong>{holdLabels[h.reason] ?? h.reason}:</strong> {h.evidence}</li>)}
                </ul>
              ) : null}
              {r.invalidationRequest ? <Alert tone="warning" title={`${r.invalidationRequest.by} asked to invalidate this result`}><p>{r.invalidationRequest.note}</p>{r.invalidationRequest.byId === me?.id ? <p>Another staff member must confirm it.</p> : null}</Alert> : null}
              {r.state === 'validating' || r.state === 'held' || r.state === 'released' ? (
                <div className="actions" role="group" aria-label={`Decisions on ${r.candidateName}'s result`}>
                  {r.state !== 'released' ? (
                    <ActionDialog label="Release" title={`Release ${r.candidateName}'s result`} intro="The result becomes official now and the candidate is emailed the score report."
                      note={{ label: 'Note (for the audit log)' }} submitLabel="Release" onSubmit={({ note }) => decide(r, 'release', note)()} />
                  ) : null}
                  {r.state !== 'released' ? (
                    <ActionDialog label="Keep on hold" title={`Keep ${r.candidateName}'s result on hold`} intro="The candidate is told the result is being reviewed (not why)."
                      note={{ label: 'Why (the candidate sees this note)', required: true }} submitLabel="Keep on hold" onSubmit={({ note }) => decide(r, 'hold', note)()} />
                  ) : null}
                  {!(r.invalidationRequest && r.invalidationRequest.byId === me?.id) ? (
                    <ActionDialog label={r.invalidationRequest ? 'Confirm invalidation' : 'Invalidate'} tone="danger" title={`Invalidate ${r.candidateName}'s result`}
                      intro={r.invalidationRequest ? 'You are the second staff member: confirming makes the result void; it counts as a fail and the candidate is emailed the reason.' : 'A second staff member must confirm before the result is void. The candidate sees the reason.'}
                      note={{ label: 'Reason (the candidate sees it)', required: true }} confirm="I have reviewed the evidence." submitLabel={r.invalidationRequest ? 'Confirm invalidation' : 'Ask to invalidate'}
                      onSubmit={({ note }) => decide(r, 'invalidate', note)()} />
                  ) : null}
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
