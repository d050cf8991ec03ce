import { useId } from 'react';
import { statusText, type ItemStatus } from './runner-state.ts';

/** The navigation palette: one button per question, marked answered (✓), flagged (⚑) or not answered (no mark,
 * dashed) in text and shape as well as colour; each button's name says the same ("Question 3, answered"). */
export function QuestionPalette({ statuses, current, onGo, onReview, reviewing }: {
  statuses: ItemStatus[];
  current: number;
  onGo: (index: number) => void;
  onReview: () => void;
  reviewing: boolean;
}) {
  const headingId = useId();
  const answered = statuses.filter((s) => s.answered).length;
  const flagged = statuses.filter((s) => s.flagged).length;
  return (
    <nav className="palette" aria-labelledby={headingId}>
      <h2 id={headingId} className="palette-title">Questions</h2>
      <p className="palette-summary">
        {answered} answered, {statuses.length - answered} not answered, {flagged} flagged
      </p>
      <p className="palette-legend" aria-hidden="true">
        <span><span className="palette-mark">✓</span> answered</span>
        <span><span className="palette-mark">⚑</span> flagged</span>
        <span><span className="palette-mark palette-mark-empty">–</span> not answered</span>
      </p>
      <ol className="palette-list">
        {statuses.map((status) => {
          const isCurrent = !reviewing && status.index === current;
          return (
            <li key={status.item.key}>
              <button
                type="button"
                className="palette-button"
                data-answered={status.answered || undefined}
                data-flagged={status.flagged || undefined}
                aria-current={isCurrent ? 'step' : undefined}
                aria-label={`Question ${status.index + 1}, ${statusText(status)}`}
                onClick={() => onGo(status.index)}
              >
                <span className="palette-number">{status.index + 1}</span>
                <span className="palette-marks" aria-hidden="true">
                  {status.answered ? '✓' : '–'}
                  {status.flagged ? '⚑' : ''}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
      <button type="button" className="button button-small palette-review" aria-current={reviewing ? 'step' : undefined} onClick={onReview}>
        Review all answers
      </button>
    </nav>
  );
}
