import type { z } from 'zod';
import type { AuditEntry } from '../../contracts/admin.ts';
import { formatDateTime } from '../lib/format.ts';
import { useSession } from '../lib/session.tsx';
import { DataTable } from '../ui/DataTable.tsx';

type Entry = z.infer<typeof AuditEntry>;

/** Audit entries: number, time (in the admin's zone), who, what, on what, and the recorded data. */
export function AuditTable({ entries }: { entries: Entry[] }) {
  const { user } = useSession();
  return (
    <DataTable caption="Audit log entries">
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Time</th>
          <th scope="col">Actor</th>
          <th scope="col">Action</th>
          <th scope="col">Subject</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.seq}>
            <td>{entry.seq}</td>
            <td className="nowrap">
              <time dateTime={entry.at}>{formatDateTime(entry.at, user?.timeZone)}</time>
            </td>
            <td>{entry.actorEmail ?? (entry.actorId ? entry.actorId : 'System')}</td>
            <td><code>{entry.action}</code></td>
            <td>{subjectOf(entry)}</td>
            <td><EntryData entry={entry} /></td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

function subjectOf(entry: Entry): string {
  if (!entry.subjectType && !entry.subjectId) return '—';
  return [entry.subjectType, entry.subjectId].filter(Boolean).join(' ');
}

function EntryData({ entry }: { entry: Entry }) {
  const hasData = entry.data !== null && entry.data !== undefined && !(typeof entry.data === 'object' && Object.keys(entry.data as object).length === 0);
  return (
    <details className="entry-data">
      <summary>
        Show<span className="visually-hidden"> details of entry {entry.seq}</span>
      </summary>
      {hasData ? <pre>{JSON.stringify(entry.data, null, 2)}</pre> : <p>No extra data.</p>}
      <p className="hash">
        Hash: <code>{entry.hash}</code>
      </p>
    </details>
  );
}
