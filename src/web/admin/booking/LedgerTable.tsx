import type { z } from 'zod';
import type { LedgerEntry } from '../../../contracts/booking.ts';
import { formatDateTime, formatMoney } from '../../lib/format.ts';
import { DataTable } from '../../ui/DataTable.tsx';

type Entry = z.infer<typeof LedgerEntry>;

/** Each kind in words, saying which way the money went. */
const kindLabels: Record<Entry['kind'], string> = {
  fee: 'Fee charged',
  discount: 'Discount given',
  voucher: 'Paid by voucher',
  payment: 'Payment received',
  refund: 'Refund paid out',
  forfeit: 'Fee forfeited',
};

/** Fee ledger entries, newest first: when, what, amount, who, which exam, how. */
export function LedgerTable({ entries, zone }: { entries: Entry[]; zone: string }) {
  return (
    <DataTable caption="Fee ledger entries, newest first">
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Time</th>
          <th scope="col">Entry</th>
          <th scope="col" className="numeric">Amount</th>
          <th scope="col">Candidate</th>
          <th scope="col">Exam</th>
          <th scope="col">Provider</th>
          <th scope="col">Reference</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id}>
            <td>{entry.id}</td>
            <td className="nowrap"><time dateTime={entry.at}>{formatDateTime(entry.at, zone)}</time></td>
            <td>{kindLabels[entry.kind]}</td>
            <td className="nowrap numeric">{formatMoney(entry.amountMinor, entry.currency)}</td>
            <td>{entry.candidateEmail}</td>
            <td className="mono">{entry.examCode}</td>
            <td>{entry.provider}</td>
            <td>{entry.reference ?? <span className="muted">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
