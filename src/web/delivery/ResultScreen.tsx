import { useEffect } from 'react';
import { Link } from 'react-router';
import type { Attempt } from '../../contracts/delivery.ts';
import { AttemptProctoring } from '../../contracts/proctoring.ts';
import { useApiData } from '../lib/use-api-data.ts';
import { PageTitle } from '../ui/PageTitle.tsx';
import { leaveFullscreen } from './fullscreen.ts';
import { deleteJournal } from './journal-store.ts';

/** After the exam: the provisional pass/fail (and scores when the policy shows them) with the note that the
 * official report follows, or just "Your exam was submitted". Leaves full screen and clears this device's journal. */
export function ResultScreen({ attempt }: { attempt: Attempt }) {
  const { result, status } = attempt;
  const proctoring = useApiData(status === 'terminated' ? `/attempts/${attempt.id}/proctoring` : null, AttemptProctoring);
  const endReason = proctoring.data?.endReason ?? null;

  useEffect(() => {
    leaveFullscreen();
    void deleteJournal(attempt.id);
  }, [attempt.id]);

  const title = result
    ? `Provisional result: ${result.passed ? 'Pass' : 'Fail'}`
    : status === 'terminated'
      ? 'Your exam was ended'
      : 'Your exam was submitted';

  return (
    <section className="page narrow exam-result">
      <p className="exam-result-exam">
        <span className="exam-code">{attempt.examCode}</span> {attempt.examTitle}
      </p>
      <PageTitle>{title}</PageTitle>
      {status === 'expired' ? <p>Your time ran out. Every answer you saved was submitted.</p> : null}
      {status === 'terminated' ? (
        <>
          <p>Your exam was ended by exam staff{endReason ? ' for this reason:' : '.'}</p>
          {endReason ? <p><strong>{endReason}</strong></p> : null}
          <p>Your answers up to that moment are kept. Exam staff review what happened before any result is issued; your program will contact you about what happens next.</p>
        </>
      ) : null}
      {result ? (
        <>
          {result.scaledScore !== null ? (
            <dl className="summary exam-result-scores">
              <div>
                <dt>Your score</dt>
                <dd>{result.scaledScore}</dd>
              </div>
              <div>
                <dt>Passing score</dt>
                <dd>{result.passingScore}</dd>
              </div>
            </dl>
          ) : null}
          <p className="exam-result-note">{result.note}</p>
        </>
      ) : status === 'submitted' ? (
        <p>Your answers are with us. Your result will follow once it has been checked.</p>
      ) : null}
      <ul className="link-list">
        <li><Link to="/">Go to your dashboard</Link></li>
        {attempt.practice ? <li><Link to="/exams">Browse the exam catalog</Link></li> : null}
      </ul>
    </section>
  );
}
