import { Link, useParams } from 'react-router';
import { CatalogExam } from '../../contracts/catalog.ts';
import { ApiError, messageOf } from '../lib/api.ts';
import { useApiData } from '../lib/use-api-data.ts';
import { Alert } from '../ui/Alert.tsx';
import { LinkifiedText } from '../ui/LinkifiedText.tsx';
import { Loading } from '../ui/Loading.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { levelLabels } from './exam-facts.ts';
import { DomainWeights } from './DomainWeights.tsx';
import { ExamFacts } from './ExamFacts.tsx';
import { ExamRules } from './ExamRules.tsx';
import { StartPracticeButton } from '../delivery/StartPracticeButton.tsx';

/** `/exams/:code`: one published exam for candidates: what it covers, its facts and its rules. */
export function CatalogExamPage() {
  const { code = '' } = useParams();
  const data = useApiData(`/exams/${encodeURIComponent(code)}`, CatalogExam);

  if (data.error instanceof ApiError && data.error.code === 'NotFound') {
    return (
      <section className="page narrow">
        <PageTitle>Exam not found</PageTitle>
        <p>There is no published exam with the code <strong>{code}</strong>. It may have been retired, or the link may be mistyped.</p>
        <p><Link to="/exams">Browse the exam catalog</Link></p>
      </section>
    );
  }
  if (data.error) {
    return (
      <section className="page narrow">
        <PageTitle>Exam {code}</PageTitle>
        <Alert tone="error" title="We could not load this exam."><p>{messageOf(data.error)}</p></Alert>
        <p><Link to="/exams">Back to the exam catalog</Link></p>
      </section>
    );
  }
  if (!data.data) return <Loading what="Loading the exam" />;

  const { exam, domains, rules, questionCount } = data.data;
  return (
    <article className="page exam-page">
      <p className="breadcrumb"><Link to="/exams">Exam catalog</Link></p>
      <PageTitle title={`${exam.code} ${exam.title}`}>
        <span className="exam-code">{exam.code}</span> {exam.title}
      </PageTitle>
      <p className="exam-card-meta">
        <span className="tag tag-level">{levelLabels[exam.level] ?? exam.level}</span>
        {exam.practice ? <span className="tag">Practice, not proctored</span> : null}
        <span className="muted"> Offered by {exam.programName}</span>
      </p>
      {exam.description ? <LinkifiedText text={exam.description} className="exam-description" /> : null}
      <div className="exam-layout">
        <section className="card exam-aside" aria-labelledby="facts-heading">
          <h2 id="facts-heading">At a glance</h2>
          <ExamFacts exam={exam} questions={questionCount} />
          {exam.practice ? (
            <div className="booking-note">
              <p>A practice test is not booked: start it whenever you like. It is not proctored and does not count.</p>
              <StartPracticeButton examCode={exam.code} />
            </div>
          ) : (
            <p className="booking-note">
              <Link className="button button-primary" to={`/exams/${encodeURIComponent(exam.code)}/book`}>Book this exam</Link>
            </p>
          )}
        </section>
        <div className="exam-main">
          <section aria-labelledby="domains-heading">
            <h2 id="domains-heading">What the exam covers</h2>
            {domains.length === 0 ? (
              <p>The domains of this exam are not published yet.</p>
            ) : (
              <DomainWeights domains={domains} />
            )}
          </section>
          <section aria-labelledby="rules-heading">
            <h2 id="rules-heading">Rules of this exam</h2>
            <p>These rules come from the exam's policy, the same settings the booking system and proctors work by.</p>
            <ExamRules sections={rules} />
          </section>
        </div>
      </div>
    </article>
  );
}
