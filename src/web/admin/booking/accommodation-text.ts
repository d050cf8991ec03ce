import type { z } from 'zod';
import type { Accommodation } from '../../../contracts/booking.ts';

type Row = z.infer<typeof Accommodation>;

/** What was asked for, in words: `30 minutes extra time`, `25% extra time`, `Screen-reader mode`, `Other`. */
export function accommodationKindLabel(row: Pick<Row, 'kind' | 'minutes' | 'percent'>): string {
  switch (row.kind) {
    case 'extra_time_minutes':
      return `${row.minutes ?? '?'} minutes extra time`;
    case 'extra_time_percent':
      return `${row.percent ?? '?'}% extra time`;
    case 'screen_reader':
      return 'Screen-reader mode';
    case 'other':
      return 'Other (see the note)';
  }
}

export const accommodationStatusLabels: Record<Row['status'], string> = {
  requested: 'Waiting for a decision',
  approved: 'Approved',
  declined: 'Declined',
  withdrawn: 'Withdrawn by the candidate',
};
