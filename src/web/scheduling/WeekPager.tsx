import { Button } from 'react-aria-components';
import { addDays, rangeLabel } from './zoned.ts';

/** Previous / next buttons over a span of days starting at `from`, with the span named in a polite live region.
 * `first` is where "Back to today" returns. */
export function WeekPager({
  from,
  days,
  first,
  onChange,
  what,
}: {
  from: string;
  days: number;
  first: string;
  onChange: (from: string) => void;
  /** What the pager moves through, for the button names, e.g. "staffing calendar". */
  what: string;
}) {
  const unit = days === 7 ? 'week' : `${days / 7} weeks`;
  return (
    <div className="week-pager">
      <Button className="button button-small" onPress={() => onChange(addDays(from, -days))} aria-label={`Previous ${unit} of the ${what}`}>
        <span aria-hidden="true">←</span> Previous {unit}
      </Button>
      <p className="week-pager-range" role="status">
        {rangeLabel(from, addDays(from, days - 1))}
      </p>
      <Button className="button button-small" onPress={() => onChange(addDays(from, days))} aria-label={`Next ${unit} of the ${what}`}>
        Next {unit} <span aria-hidden="true">→</span>
      </Button>
      {from !== first ? (
        <Button className="button button-small" onPress={() => onChange(first)}>Back to today</Button>
      ) : null}
    </div>
  );
}
