import type { z } from 'zod';
import type { BlueprintStatus } from '../../../contracts/catalog.ts';
import { messageOf } from '../../lib/api.ts';
import type { ApiData } from '../../lib/use-api-data.ts';
import { Alert } from '../../ui/Alert.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { rowState, type CountRow } from './fixed-form-counts.ts';

/** The chosen items per domain and pretest against what the blueprint needs, each state written out in words
 * (the colour of the tags only repeats them). */
export function FixedFormCounts({ status, rows }: { status: ApiData<z.infer<typeof BlueprintStatus>>; rows: CountRow[] | null }) {
  if (status.error) {
    return (
      <Alert tone="warning" title="We could not load what the blueprint needs.">
        <p>{messageOf(status.error)} You can still save: the server checks the counts.</p>
      </Alert>
    );
  }
  if (!status.data || !rows) return <Loading what="Loading the blueprint's counts" />;
  const { scoredItemCount, unscoredItemCount } = status.data;
  return (
    <DataTable caption={`Chosen items against the blueprint (a form has ${scoredItemCount} scored and ${unscoredItemCount} pretest items)`}>
      <thead>
        <tr>
          <th scope="col">Part of the form</th>
          <th scope="col">Needed</th>
          <th scope="col">Chosen</th>
          <th scope="col">State</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <td>{row.label}</td>
            <td>{row.needed}</td>
            <td>{row.chosen}</td>
            <td className="nowrap">
              {row.chosen === row.needed ? (
                <span className="tag tag-ok tag-first"><span aria-hidden="true">✓ </span>{rowState(row)}</span>
              ) : (
                <span className="tag tag-bad tag-first"><span aria-hidden="true">✗ </span>{rowState(row)}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
