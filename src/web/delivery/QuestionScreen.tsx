import { useEffect, useId, useRef } from 'react';
import { Button, ToggleButton } from 'react-aria-components';
import { ItemView } from './ItemView.tsx';
import type { RunnerItem } from './runner-state.ts';

export interface QuestionScreenProps {
  item: RunnerItem;
  index: number;
  count: number;
  answeredCount: number;
  answer: string[];
  struck: string[];
  flagged: boolean;
  /** The answer was locked at a break: shown, not changeable. */
  locked?: boolean;
  onAnswer: (answer: string[]) => void;
  onStrike: (optionId: string, struck: boolean) => void;
  onFlag: (flagged: boolean) => void;
  onGo: (index: number) => void;
  onReview: () => void;
}

/** One question on screen: "Question N of M" (focused on arrival), progress, the item with its strike toggles,
 * "Flag for review", and Previous / Next (the last question's Next leads to the review). */
export function QuestionScreen(props: QuestionScreenProps) {
  const { item, index, count, answeredCount, answer, struck, flagged } = props;
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const last = index === count - 1;

  useEffect(() => {
    heading.current?.focus();
    document.title = `Question ${index + 1} of ${count} · Invigil`;
  }, [index, count]);

  return (
    <section className="question" aria-labelledby={headingId}>
      <div className="question-head">
        <h1 id={headingId} ref={heading} tabIndex={-1} className="question-title">
          Question {index + 1} of {count}
        </h1>
        {flagged ? (
          <span className="tag tag-flag">
            <span aria-hidden="true">⚑ </span>Flagged for review
          </span>
        ) : null}
      </div>
      <p className="question-progress">
        <span>{answeredCount} of {count} answered</span>
        <span className="progress-bar" aria-hidden="true">
          <span className="progress-fill" style={{ width: `${(answeredCount / Math.max(count, 1)) * 100}%` }} />
        </span>
      </p>
      {props.locked ? <p className="tag tag-locked" id={`${headingId}-locked`}>Locked at your break: this answer can no longer be changed.</p> : null}
      <div className="question-item">
        <ItemView
          readOnly={props.locked ?? false}
          item={item}
          value={answer}
          optionOrder={item.optionOrder}
          onChange={props.onAnswer}
          labelledBy={headingId}
          letters
          struck={struck}
          {...(props.locked ? {} : { onStrike: props.onStrike })}
        />
      </div>
      <div className="question-actions">
        <ToggleButton className="button flag-toggle" isSelected={flagged} onChange={props.onFlag}>
          <span aria-hidden="true">{flagged ? '⚑' : '⚐'}</span> Flag for review
        </ToggleButton>
        <div className="question-nav">
          <Button className="button" onPress={() => props.onGo(index - 1)} isDisabled={index === 0}>
            <span aria-hidden="true">←</span> Previous
          </Button>
          {last ? (
            <Button className="button button-primary" onPress={props.onReview}>
              Review answers <span aria-hidden="true">→</span>
            </Button>
          ) : (
            <Button className="button button-primary" onPress={() => props.onGo(index + 1)}>
              Next <span aria-hidden="true">→</span>
            </Button>
          )}
        </div>
      </div>
    </section>
  );
}
