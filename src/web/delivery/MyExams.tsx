import { Link } from 'react-router';
import { AttemptList } from '../../contracts/delivery.ts';
import { MyResults } from '../../contracts/results.ts';
import { resultStateLabel } from '../results/result-text.ts';
import { messageOf } from '../lib/api.ts';
import { formatDateTime } from '../lib/format.ts';
import { useApiData } from '../lib/use-api-data.ts';
import { Loading } from '../ui/Loading.tsx';
import { attemptStatusLabels } from './attempt-text.ts';

/** The dashboard's "My exams": the candidate's attempts, newest first, with a link to continue or to the result. */
export function MyExams({ timeZone }: { timeZone: string }) {
  const data = useApiData('/attempts', AttemptList);
  const results = useApiData('/me/results', MyResults);
  const resultOf = new Map((results.data?.results ?? []).map((r) => [r.attemptId, r]));
  let body;
  if (data.error) body = <p>We could not load your exams: {messageOf(data.error)}</p>;
  else if (!data.data) body = <Loading what="Loading your exams" />;
  else if (data.data.attempts.length === 0) {
    body = <p className="empty-state">No exams taken yet.</p>;
  } else {
    const attempts = [...data.data.attempts].sort((a, b) => (b.startedAt ?? '9').localeCompare(a.startedAt ?? '9'));
    body = (
      <ul className="appointment-list attempt-list">
        {attempts.map((attempt) => {
          const result = resultOf.get(attempt.id);
          return (
            <li key={attempt.id}>
              <Link to={`/attempts/${attempt.id}`} className="appointment-link" aria-describedby={`attempt-${attempt.id}-status`}>
                <span className="exam-code">{attempt.examCode}</span> {attempt.examTitle}
              </Link>
              {attempt.startedAt ? (
                <span className="appointment-when">
                  <time dateTime={attempt.startedAt}>{formatDateTime(attempt.startedAt, timeZone)}</time>
                </span>
              ) : null}
              <span id={`attempt-${attempt.id}-status`} className="tag tag-first">
                {result ? resultStateLabel(result) : attempt.result ? `Provisional result: ${attempt.result.passed ? 'pass' : 'fail'}` : attemptStatusLabels[attempt.status]}
              </span>
              {result ? <Link to={`/results/${attempt.id}`} className="button button-small">Score report<span className="visually-hidden"> for {attempt.examCode}</span></Link> : null}
              {attempt.practice ? <span className="tag tag-first">Practice</span> : null}
            </li>
          );
        })}
      </ul>
    );
  }
  return (
    <section className="card" aria-labelledby="my-exams-heading">
      <h2 id="my-exams-heading">My exams</h2>
      {body}
      <p><Link to="/exams">Practice tests</Link> are in the exam catalog.</p>
    </section>
  );
}
