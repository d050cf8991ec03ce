import type { z } from 'zod';
import type { Accommodation } from '../../contracts/booking.ts';
import { formatDate } from '../lib/format.ts';
import { ConfirmButton } from '../ui/ConfirmButton.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { accommodationStatusLabels, accommodationText } from './accommodation-text.ts';

type Item = z.infer<typeof Accommodation>;

/** The candidate's requests with status and the reviewer's reason; a pending one can be withdrawn. */
export function AccommodationTable({
  items,
  timeZone,
  withdrawing,
  onWithdraw,
}: {
  items: Item[];
  timeZone: string;
  withdrawing: string | null;
  onWithdraw: (id: string) => void;
}) {
  return (
    <DataTable caption="Your accommodation requests">
      <thead>
        <tr>
          <th scope="col">Request</th>
          <th scope="col">Asked on</th>
          <th scope="col">Status</th>
          <th scope="col">Decision</th>
          <th scope="col"><span className="visually-hidden">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id}>
            <td>
              <strong>{accommodationText(item)}</strong>
              <br />
              <span className="muted">{item.note}</span>
            </td>
            <td className="nowrap">{formatDate(item.createdAt, timeZone)}</td>
            <td>{accommodationStatusLabels[item.status]}</td>
            <td>
              {item.decisionReason ?? (item.decidedAt ? '' : '—')}
              {item.decidedAt ? <span className="muted"> ({formatDate(item.decidedAt, timeZone)})</span> : null}
            </td>
            <td>
              {item.status === 'requested' ? (
                <ConfirmButton
                  label="Withdraw"
                  accessibleLabel={`Withdraw request: ${accommodationText(item)}`}
                  title="Withdraw this request?"
                  confirmLabel="Withdraw request"
                  isPending={withdrawing === item.id}
                  onConfirm={() => onWithdraw(item.id)}
                >
                  <p>{accommodationText(item)} will no longer be reviewed. You can ask again at any time.</p>
                </ConfirmButton>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
