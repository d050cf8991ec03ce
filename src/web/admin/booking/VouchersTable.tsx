import type { z } from 'zod';
import type { Voucher } from '../../../contracts/booking.ts';
import { formatDateTime, formatMoney } from '../../lib/format.ts';
import { DataTable } from '../../ui/DataTable.tsx';

type Row = z.infer<typeof Voucher>;

/** What a code is worth, in words: `Whole fee`, `15% off`, `USD 50.00 off`. */
export function voucherValueLabel(voucher: Row): string {
  if (voucher.kind === 'voucher') return 'Whole fee';
  if (voucher.percentOff !== null) return `${voucher.percentOff}% off`;
  if (voucher.amountOffMinor !== null && voucher.currency) return `${formatMoney(voucher.amountOffMinor, voucher.currency)} off`;
  return '—';
}

/** Every voucher and discount code with its value, scope, uses and end. */
export function VouchersTable({ vouchers, zone }: { vouchers: Row[]; zone: string }) {
  return (
    <DataTable caption={`Vouchers and discount codes (${vouchers.length})`}>
      <thead>
        <tr>
          <th scope="col">Code</th>
          <th scope="col">Kind</th>
          <th scope="col">Value</th>
          <th scope="col">Exam</th>
          <th scope="col">Used</th>
          <th scope="col">Valid until</th>
          <th scope="col">Created</th>
        </tr>
      </thead>
      <tbody>
        {vouchers.map((voucher) => {
          const usedUp = voucher.uses >= voucher.maxUses;
          const expired = voucher.validUntil !== null && new Date(voucher.validUntil).getTime() <= Date.now();
          return (
            <tr key={voucher.code}>
              <td className="mono">{voucher.code}</td>
              <td>{voucher.kind === 'voucher' ? 'Voucher' : 'Discount'}</td>
              <td className="nowrap">{voucherValueLabel(voucher)}</td>
              <td>{voucher.examCode ?? 'Any exam'}</td>
              <td className="nowrap">
                {voucher.uses} of {voucher.maxUses}
                {usedUp ? <span className="tag tag-neutral">used up</span> : null}
              </td>
              <td className="nowrap">
                {voucher.validUntil ? formatDateTime(voucher.validUntil, zone) : 'No end'}
                {expired ? <span className="tag tag-bad">expired</span> : null}
              </td>
              <td className="nowrap">{formatDateTime(voucher.createdAt, zone)}</td>
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}
