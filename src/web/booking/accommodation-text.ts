import type { z } from 'zod';
import type { Accommodation } from '../../contracts/booking.ts';

type Item = z.infer<typeof Accommodation>;

/** What an accommodation asks for, in words, e.g. "30 minutes of extra time". */
export function accommodationText(item: Pick<Item, 'kind' | 'minutes' | 'percent'>): string {
  switch (item.kind) {
    case 'extra_time_minutes':
      return `${item.minutes ?? '?'} minutes of extra time`;
    case 'extra_time_percent':
      return `${item.percent ?? '?'} % extra time`;
    case 'screen_reader':
      return 'Screen-reader mode';
    default:
      return 'Other adjustment';
  }
}

/** The words for a request's status. */
export const accommodationStatusLabels: Record<Item['status'], string> = {
  requested: 'Waiting for a decision',
  approved: 'Approved',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
};
