import { Button, Heading } from 'react-aria-components';
import { formatLocalDate } from '../lib/format.ts';
import { SlotList } from './SlotList.tsx';
import type { Slots } from './use-slots.ts';

type Slot = Slots['days'][number]['slots'][number];

/** The chosen day's free times; on an empty day, the next day that has times (within the loaded two weeks). */
export function DaySlots({
  day,
  slots,
  byDate,
  lastDate,
  timeZone,
  headingLevel,
  pendingStartsAt,
  onPick,
  onShowDay,
}: {
  day: string;
  slots: Slot[];
  byDate: Map<string, Slot[]>;
  lastDate: string;
  timeZone: string;
  headingLevel: 2 | 3;
  pendingStartsAt: string | null;
  onPick: (slot: Slot) => void;
  onShowDay: (date: string) => void;
}) {
  const nextDay = [...byDate.keys()].sort().find((date) => date > day && date <= lastDate && (byDate.get(date)?.length ?? 0) > 0);
  return (
    <section className="day-slots" aria-labelledby="day-slots-heading">
      <Heading level={headingLevel} id="day-slots-heading" className="day-slots-heading">
        Free times on {formatLocalDate(day)}
      </Heading>
      {slots.length > 0 ? (
        <>
          <p className="muted">Choose a start time. We hold the seat for a few minutes while you check out.</p>
          <SlotList slots={slots} timeZone={timeZone} pendingStartsAt={pendingStartsAt} onPick={onPick} />
        </>
      ) : (
        <div className="no-slots">
          <p className="empty-state">No free times on this day.</p>
          {nextDay ? (
            <p>
              The next day with free times is {formatLocalDate(nextDay)}.{' '}
              <Button className="button button-small" onPress={() => onShowDay(nextDay)}>
                Show {formatLocalDate(nextDay, 'short')}
              </Button>
            </p>
          ) : (
            <p>There are no free times in the next two weeks from here. Try a later week.</p>
          )}
        </div>
      )}
    </section>
  );
}
