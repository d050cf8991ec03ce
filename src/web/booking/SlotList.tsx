import { Button } from 'react-aria-components';
import { formatTime } from '../lib/format.ts';
import type { Slots } from './use-slots.ts';

type Slot = Slots['days'][number]['slots'][number];

/** The free start times of one day as buttons; pressing one picks it. Times are the server's local `HH:MM` in the
 * zone the page names. The button being booked shows as pending; the others stay pressable but the caller
 * ignores presses while a pick runs. */
export function SlotList({
  slots,
  timeZone,
  pendingStartsAt,
  onPick,
}: {
  slots: Slot[];
  timeZone: string;
  pendingStartsAt: string | null;
  onPick: (slot: Slot) => void;
}) {
  return (
    <ul className="slot-list">
      {slots.map((slot) => (
        <li key={slot.startsAt}>
          <Button
            className="button slot-button"
            onPress={() => onPick(slot)}
            data-pending={slot.startsAt === pendingStartsAt || undefined}
          >
            <time dateTime={slot.startsAt}>{slot.localTime}</time>
            <span className="slot-end"> to {formatTime(slot.endsAt, timeZone)}</span>
          </Button>
        </li>
      ))}
    </ul>
  );
}
