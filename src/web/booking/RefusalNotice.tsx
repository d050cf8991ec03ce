import type { z } from 'zod';
import type { Refusal } from '../../contracts/booking.ts';
import { formatDateTime } from '../lib/format.ts';
import { Alert } from '../ui/Alert.tsx';

/** Why the candidate cannot book now, in the server's plain words, with when each reason ends. */
export function RefusalNotice({ refusals, timeZone }: { refusals: z.infer<typeof Refusal>[]; timeZone: string }) {
  return (
    <Alert tone="warning" title="You cannot book this exam right now.">
      <ul className="refusal-list">
        {refusals.map((refusal) => (
          <li key={refusal.code}>
            {refusal.message}
            {refusal.until ? <> You can book again from {formatDateTime(refusal.until, timeZone)}.</> : null}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
