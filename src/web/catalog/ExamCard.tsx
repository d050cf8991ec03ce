import { useId } from 'react';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { ExamSummary } from '../../contracts/catalog.ts';
import { levelLabels } from './exam-facts.ts';
import { ExamFacts } from './ExamFacts.tsx';

/** One exam in the catalog's results, linking to its page. */
export function ExamCard({ exam }: { exam: z.infer<typeof ExamSummary> }) {
  const headingId = useId();
  return (
    <article className="card exam-card" aria-labelledby={headingId}>
      <h2 id={headingId} className="exam-card-title">
        <Link to={`/exams/${encodeURIComponent(exam.code)}`}>
          <span className="exam-code">{exam.code}</span> {exam.title}
        </Link>
      </h2>
      <p className="exam-card-meta">
        <span className="tag tag-level">{levelLabels[exam.level] ?? exam.level}</span>
        {exam.practice ? <span className="tag">Practice, not proctored</span> : null}
        <span className="muted"> {exam.programName}</span>
      </p>
      <ExamFacts exam={exam} compact />
    </article>
  );
}
