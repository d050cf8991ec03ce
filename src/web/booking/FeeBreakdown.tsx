import type { Appointment } from '../../contracts/booking.ts';
import { formatMoney } from '../lib/format.ts';
import { methodLabels } from './appointment-text.ts';

/** What the appointment cost and what happened to the money: fee, code, paid or invoiced, refunded, forfeited. */
export function FeeBreakdown({ fee }: { fee: Appointment['fee'] }) {
  const money = (minor: number) => formatMoney(minor, fee.currency);
  const rows: [string, string][] = [['Exam fee', money(fee.priceMinor)]];
  if (fee.discountMinor > 0) rows.push([`Discount${fee.code ? ` (${fee.code})` : ''}`, `−${money(fee.discountMinor)}`]);
  if (fee.voucherMinor > 0) rows.push([`Voucher${fee.code ? ` (${fee.code})` : ''}`, `−${money(fee.voucherMinor)}`]);
  rows.push([fee.method === 'invoice' ? 'Invoiced' : 'Paid', money(fee.paidMinor)]);
  rows.push(['Payment', methodLabels[fee.method]]);
  if (fee.refundedMinor > 0) rows.push(['Refunded', money(fee.refundedMinor)]);
  if (fee.forfeitedMinor > 0) rows.push(['Forfeited', money(fee.forfeitedMinor)]);
  return (
    <dl className="summary">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
