import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Button, Label, Radio, RadioGroup } from 'react-aria-components';
import { Alert } from '../ui/Alert.tsx';
import { stemExcerpt, type ItemStatus } from './runner-state.ts';
import { SubmitDialog } from './SubmitDialog.tsx';

type Filter = 'all' | 'unanswered' | 'flagged';

/** The review screen: every question with its state, filters "Unanswered" and "Flagged", a way back to each, and
 * "Submit exam" behind a confirmation that says how many are unanswered. */
export function ReviewScreen({ statuses, current, onGo, onSubmit, submitting, submitError }: {
  statuses: ItemStatus[];
  current: number;
  onGo: (index: number) => void;
  onSubmit: () => void;
  submitting: boolean;
  submitError: string | null;
}) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [filter, setFilter] = useState<Filter>('all');
  const unanswered = statuses.filter((s) => !s.answered);
  const flagged = statuses.filter((s) => s.flagged);
  const shown = filter === 'unanswered' ? unanswered : filter === 'flagged' ? flagged : statuses;
  const excerpts = useMemo(() => new Map(statuses.map((s) => [s.item.key, stemExcerpt(s.item.stem)])), [statuses]);

  useEffect(() => {
    heading.current?.focus();
    document.title = 'Review your answers · Invigil';
  }, []);

  return (
    <section className="review" aria-labelledby={headingId}>
      <h1 id={headingId} ref={heading} tabIndex={-1}>Review your answers</h1>
      <p>
        {statuses.length - unanswered.length} of {statuses.length} answered, {unanswered.length} not answered,{' '}
        {flagged.length} flagged for review. Choose a question to go back to it.
      </p>
      <RadioGroup className="segmented review-filter" orientation="horizontal" value={filter} onChange={(value) => setFilter(value as Filter)}>
        <Label className="field-label">Show</Label>
        <div className="segmented-options">
          <Radio value="all" className="segment">All ({statuses.length})</Radio>
          <Radio value="unanswered" className="segment">Unanswered ({unanswered.length})</Radio>
          <Radio value="flagged" className="segment">Flagged ({flagged.length})</Radio>
        </div>
      </RadioGroup>
      <p className="result-count" role="status">
        {shown.length === 0
          ? filter === 'unanswered' ? 'No unanswered questions.' : 'No flagged questions.'
          : `${shown.length} question${shown.length === 1 ? '' : 's'} shown.`}
      </p>
      {shown.length > 0 ? (
        <ol className="review-list">
          {shown.map((status) => (
            <li key={status.item.key} className="review-row">
              <button type="button" className="link-button review-link" onClick={() => onGo(status.index)}>
                Question {status.index + 1}
              </button>
              <span className={`tag tag-first ${status.answered ? 'tag-answered' : 'tag-unanswered'}`}>
                {status.answered ? 'Answered' : 'Not answered'}
              </span>
              {status.flagged ? (
                <span className="tag tag-flag">
                  <span aria-hidden="true">⚑ </span>Flagged
                </span>
              ) : null}
              <span className="review-excerpt">{excerpts.get(status.item.key)}</span>
            </li>
          ))}
        </ol>
      ) : null}
      {submitError ? (
        <Alert tone="error" title="Your exam was not submitted yet.">
          <p>{submitError}</p>
        </Alert>
      ) : null}
      <div className="review-actions">
        <Button className="button" onPress={() => onGo(current)}>
          <span aria-hidden="true">←</span> Back to question {current + 1}
        </Button>
        <SubmitDialog unanswered={unanswered.length} flagged={flagged.length} onSubmit={onSubmit} pending={submitting} />
      </div>
    </section>
  );
}
