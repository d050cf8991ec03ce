import { Button, ToggleButton } from 'react-aria-components';
import { formatLocalDate } from '../lib/format.ts';
import { weekOf } from './local-date.ts';

/** One week of days as toggle buttons, each saying how many times are free, with previous/next week buttons.
 * `counts` is undefined while the week loads; a day outside the bookable window says so instead of a count. */
export function DateStrip({
  weekStart,
  selected,
  counts,
  firstDate,
  lastDate,
  onSelect,
  onWeek,
}: {
  weekStart: string;
  selected: string;
  counts: Map<string, number> | undefined;
  firstDate: string;
  lastDate: string;
  onSelect: (date: string) => void;
  onWeek: (direction: -1 | 1) => void;
}) {
  const days = weekOf(weekStart);
  const hasPrevious = weekStart > firstDate;
  const hasNext = days[6]! < lastDate;
  return (
    <div className="date-strip">
      <Button className="button button-small" onPress={() => onWeek(-1)} isDisabled={!hasPrevious}>
        <span aria-hidden="true">←</span> Previous week
      </Button>
      <ul className="date-strip-days" aria-label={`Days from ${formatLocalDate(days[0]!)} to ${formatLocalDate(days[6]!)}`}>
        {days.map((date) => {
          const bookable = date >= firstDate && date <= lastDate;
          const count = counts?.get(date) ?? 0;
          const note = !bookable ? 'Not bookable' : counts === undefined ? 'Loading' : count === 0 ? 'None free' : `${count} free`;
          return (
            <li key={date}>
              <ToggleButton
                className="date-button"
                isSelected={date === selected}
                isDisabled={!bookable}
                onChange={() => onSelect(date)}
              >
                <span className="date-button-day">{formatLocalDate(date, 'short')}</span>
                <span className="date-button-note">
                  {date === selected ? <span aria-hidden="true">✓ </span> : null}
                  {note}
                </span>
              </ToggleButton>
            </li>
          );
        })}
      </ul>
      <Button className="button button-small" onPress={() => onWeek(1)} isDisabled={!hasNext}>
        Next week <span aria-hidden="true">→</span>
      </Button>
    </div>
  );
}
