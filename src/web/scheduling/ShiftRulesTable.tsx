import { Button } from 'react-aria-components';
import type { ShiftRule } from '../../contracts/scheduling.ts';
import { timeZoneLabel } from '../lib/format.ts';
import { ConfirmButton } from '../ui/ConfirmButton.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { dutiesLabel, ruleHoursLabel } from './shift-text.ts';
import { dateLabel, weekdaysLabel } from './zoned.ts';

/** A proctor's weekly shifts: days, local hours with their zone, the dates they apply, duties; edit or delete. */
export function ShiftRulesTable({
  proctorName,
  rules,
  deleting,
  onEdit,
  onDelete,
}: {
  proctorName: string;
  rules: ShiftRule[];
  deleting: string | null;
  onEdit: (rule: ShiftRule) => void;
  onDelete: (rule: ShiftRule) => void;
}) {
  if (rules.length === 0) return <p className="empty-state">No weekly shifts in this program.</p>;
  return (
    <DataTable caption={`Weekly shifts of ${proctorName}`}>
      <thead>
        <tr>
          <th scope="col">Days</th>
          <th scope="col">Hours</th>
          <th scope="col">Applies</th>
          <th scope="col">Duties</th>
          <th scope="col"><span className="visually-hidden">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        {rules.map((rule) => {
          const name = `${weekdaysLabel(rule.weekdays)} ${ruleHoursLabel(rule.startTime, rule.endTime)}`;
          return (
            <tr key={rule.id}>
              <td>{weekdaysLabel(rule.weekdays)}</td>
              <td className="nowrap">
                {ruleHoursLabel(rule.startTime, rule.endTime)}
                <br />
                <span className="muted">{timeZoneLabel(rule.timeZone)}</span>
              </td>
              <td>{rule.validUntil ? `${dateLabel(rule.validFrom)} to ${dateLabel(rule.validUntil)}` : `From ${dateLabel(rule.validFrom)}`}</td>
              <td>{dutiesLabel(rule)}</td>
              <td>
                <div className="row-actions">
                  <Button className="button button-small" aria-label={`Change shift ${name}`} onPress={() => onEdit(rule)}>
                    Change
                  </Button>
                  <ConfirmButton
                    label="Delete"
                    accessibleLabel={`Delete shift ${name}`}
                    title="Delete this weekly shift?"
                    confirmLabel="Delete shift"
                    isPending={deleting === rule.id}
                    onConfirm={() => onDelete(rule)}
                  >
                    <p>
                      {proctorName} will no longer cover {name}. If booked exams depend on this cover, Invigil refuses
                      and says which.
                    </p>
                  </ConfirmButton>
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}
