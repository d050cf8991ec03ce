import type { z } from 'zod';
import type { ExamSummary } from '../../contracts/catalog.ts';
import { formatDuration, formatPrice, languagesText, passingScoreText, questionCount } from './exam-facts.ts';

type Summary = z.infer<typeof ExamSummary>;

/** The facts a candidate compares exams by: duration, questions, passing score, languages, price, proctoring. */
export function ExamFacts({ exam, questions, compact = false }: { exam: Summary; questions?: number; compact?: boolean }) {
  const count = questions ?? questionCount(exam);
  return (
    <dl className={`facts ${compact ? 'facts-compact' : ''}`}>
      <div>
        <dt>Duration</dt>
        <dd>{formatDuration(exam.durationMinutes)}</dd>
      </div>
      <div>
        <dt>Questions</dt>
        <dd>{count}</dd>
      </div>
      <div>
        <dt>Passing score</dt>
        <dd>{passingScoreText(exam)}</dd>
      </div>
      <div>
        <dt>Price</dt>
        <dd>{formatPrice(exam.priceMinor, exam.currency)}</dd>
      </div>
      <div>
        <dt>Languages</dt>
        <dd>{languagesText(exam.languages)}</dd>
      </div>
      {compact ? null : (
        <div>
          <dt>Format</dt>
          <dd>{exam.practice ? 'Practice exam: not proctored, does not count towards certification' : 'Proctored online, taken at home'}</dd>
        </div>
      )}
    </dl>
  );
}
