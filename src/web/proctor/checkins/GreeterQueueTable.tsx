import { formatDateTime } from '../../lib/format.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { useSecondTick, type Queue } from './use-greeter-queue.ts';
import { WaitTimer } from './WaitTimer.tsx';

/** The waiting check-ins, longest-waiting first, each with its running wait (updated every second). */
export function GreeterQueueTable({ queue, receivedAt, zone }: { queue: Queue; receivedAt: number; zone: string }) {
  const now = useSecondTick();
  const since = Math.max(0, now - receivedAt);
  return (
    <DataTable caption={`Waiting check-ins, longest-waiting first (${queue.entries.length})`}>
      <thead>
        <tr>
          <th scope="col">Waiting</th>
          <th scope="col">Candidate</th>
          <th scope="col">Exam</th>
          <th scope="col">Exam starts</th>
        </tr>
      </thead>
      <tbody>
        {queue.entries.map((entry) => (
          <tr key={entry.id}>
            <td><WaitTimer waitingMs={entry.waitingMs + since} /></td>
            <td>{entry.candidateName}</td>
            <td><span className="exam-code">{entry.examCode}</span></td>
            <td>{formatDateTime(entry.startsAt, zone)}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
