import type { ShiftException } from '../../contracts/scheduling.ts';
import { formatDateTime } from '../lib/format.ts';
import { ConfirmButton } from '../ui/ConfirmButton.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { dutiesLabel } from './shift-text.ts';

/** A proctor's upcoming time off and extra shifts, in the admin's zone; each can be deleted. */
export function ShiftExceptionsTable({
  proctorName,
  exceptions,
  zone,
  deleting,
  onDelete,
}: {
  proctorName: string;
  exceptions: ShiftException[];
  zone: string;
  deleting: string | null;
  onDelete: (exception: ShiftException) => void;
}) {
  if (exceptions.length === 0) return <p>No time off or extra shifts coming up.</p>;
  return (
    <DataTable caption={`Time off and extra shifts of ${proctorName}`}>
      <thead>
        <tr>
          <th scope="col">What</th>
          <th scope="col">From</th>
          <th scope="col">Until</th>
          <th scope="col">Note</th>
          <th scope="col"><span className="visually-hidden">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        {exceptions.map((exception) => {
          const what = exception.kind === 'cancel' ? 'Time off' : 'Extra shift';
          const from = formatDateTime(exception.startsAt, zone);
          return (
            <tr key={exception.id}>
              <td>
                {what}
                {exception.kind === 'add' ? <><br /><span className="muted">{dutiesLabel(exception)}</span></> : null}
              </td>
              <td className="nowrap">{from}</td>
              <td className="nowrap">{formatDateTime(exception.endsAt, zone)}</td>
              <td>{exception.note || <span className="muted">—</span>}</td>
              <td>
                <ConfirmButton
                  label="Delete"
                  accessibleLabel={`Delete ${what.toLowerCase()} from ${from}`}
                  title={`Delete this ${what.toLowerCase()}?`}
                  confirmLabel={`Delete ${what.toLowerCase()}`}
                  isPending={deleting === exception.id}
                  onConfirm={() => onDelete(exception)}
                >
                  <p>
                    {exception.kind === 'cancel'
                      ? `${proctorName} will be back on their weekly shifts from ${from}.`
                      : `${proctorName} will no longer cover this extra shift. If booked exams depend on it, Invigil refuses and says which.`}
                  </p>
                </ConfirmButton>
              </td>
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}
