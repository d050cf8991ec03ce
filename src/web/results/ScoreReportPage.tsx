import { Link, useParams } from 'react-router';
import { ScoreReport } from '../../contracts/results.ts';
import { messageOf } from '../lib/api.ts';
import { formatDateTime } from '../lib/format.ts';
import { useApiData } from '../lib/use-api-data.ts';
import { useSession } from '../lib/session.tsx';
import { eventLabels } from '../proctor/live/live-text.ts';
import { Alert } from '../ui/Alert.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { Loading } from '../ui/Loading.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { AppealSection } from './AppealSection.tsx';
import { OwnMediaSection } from './OwnMediaSection.tsx';
import { resultStateLabel } from './result-text.ts';

/** `/results/:id`: the candidate's score report, and everything recorded about their session. */
export function ScoreReportPage() {
  const { id } = useParams();
  const zone = useSession().user?.timeZone;
  const report = useApiData(id ? `/results/${id}` : null, ScoreReport);
  if (report.error) return <section className="page"><PageTitle>Score report</PageTitle><Alert tone="error" title="The score report could not be loaded."><p>{messageOf(report.error)}</p></Alert></section>;
  const r = report.data;
  if (!r) return <section className="page"><PageTitle>Score report</PageTitle><Loading what="Loading your score report" /></section>;
  return (
    <section className="page score-report">
      <PageTitle title={`Score report: ${r.examCode}`}>Score report</PageTitle>
      <section className="card" aria-labelledby="report-heading">
        <h2 id="report-heading"><span className="exam-code">{r.examCode}</span> {r.examTitle}</h2>
        <dl className="summary">
          <div><dt>Candidate</dt><dd>{r.candidateName}</dd></div>
          <div><dt>Taken</dt><dd><time dateTime={r.takenAt}>{formatDateTime(r.takenAt, zone)}</time></dd></div>
          <div><dt>Status</dt><dd><strong>{resultStateLabel(r)}</strong></dd></div>
          {r.scaledScore !== null ? <div><dt>Scaled score</dt><dd className="report-score">{r.scaledScore} <span className="muted">(scale {r.scale.min}–{r.scale.max})</span></dd></div> : null}
          <div><dt>Passing score</dt><dd>{r.passingScore}</dd></div>
          {r.releasedAt ? <div><dt>Released</dt><dd><time dateTime={r.releasedAt}>{formatDateTime(r.releasedAt, zone)}</time></dd></div> : null}
        </dl>
        {r.state === 'released' || r.state === 'invalidated' ? (
          <p><a className="button" href={`/api/v1/results/${r.attemptId}/report.pdf`} download>Download the score report (PDF)</a></p>
        ) : null}
        {r.state === 'released' && r.passed ? (
          <Alert tone="success" title="You are certified.">
            <p>Your pass earned a digital badge with a certificate. <Link to="/credentials">Your credentials</Link> has the certificate, the link to share and the LinkedIn button.</p>
          </Alert>
        ) : null}
        {r.state === 'validating' ? (
          <Alert tone="info" title="Your result is being validated.">
            <p>
              Every result is checked before it becomes official.{r.releaseAt ? <> It is due on <time dateTime={r.releaseAt}>{formatDateTime(r.releaseAt, zone)}</time>.</> : null} We email you when it is released.
            </p>
          </Alert>
        ) : r.state === 'held' ? (
          <Alert tone="warning" title="Your result is being reviewed.">
            <p>Staff are looking at your session before the result is released. This does not by itself mean that anything was wrong. We email you when the review is finished.</p>
            {r.decisionNote ? <p>Note from staff: {r.decisionNote}</p> : null}
          </Alert>
        ) : r.state === 'invalidated' ? (
          <Alert tone="error" title="This result has been invalidated.">
            <p>It does not count.{r.decisionNote ? ` The reason given: ${r.decisionNote}` : ''}</p>
          </Alert>
        ) : null}
      </section>
      {r.domains.length > 0 ? (
        <section className="card" aria-labelledby="domains-heading">
          <h2 id="domains-heading">Feedback by domain</h2>
          <DataTable caption="Your share of the points in each domain of the exam">
            <thead><tr><th scope="col">Domain</th><th scope="col">Your score</th><th scope="col">Feedback</th></tr></thead>
            <tbody>
              {r.domains.map((d) => (
                <tr key={d.domain}>
                  <th scope="row">{d.title}</th>
                  <td>{d.percent} %</td>
                  <td>{d.verdict === 'meets' ? 'Meets competencies' : 'Needs improvement'}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </section>
      ) : null}
      <section className="card" aria-labelledby="session-heading">
        <h2 id="session-heading">Your session, as it was recorded</h2>
        <p>Everything the system and your proctor recorded during your exam, with the times. Nothing else was used to judge it.</p>
        {r.session.length === 0 ? <p>Nothing was recorded.</p> : (
          <ol className="timeline-list">
            {r.session.map((e, i) => (
              <li key={`${e.at}-${i}`}>
                <time dateTime={e.at}>{formatDateTime(e.at, zone)}</time>{' '}
                {eventLabels[e.kind] ?? e.kind.replace(/_/g, ' ')}{e.reason ? `: ${e.reason}` : ''}{e.detail ? ` (${e.detail})` : ''}{e.actor ? ` · ${e.actor}` : ''}
              </li>
            ))}
          </ol>
        )}
      </section>
      {r.mediaDays !== null ? <OwnMediaSection attemptId={r.attemptId} mediaDays={r.mediaDays} /> : null}
      <AppealSection report={r} zone={zone} onFiled={report.reload} />
    </section>
  );
}
