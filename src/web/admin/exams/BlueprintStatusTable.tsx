import type { z } from 'zod';
import type { BlueprintStatus } from '../../../contracts/catalog.ts';
import { messageOf } from '../../lib/api.ts';
import type { ApiData } from '../../lib/use-api-data.ts';
import { Alert } from '../../ui/Alert.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { Loading } from '../../ui/Loading.tsx';

/** Whether the active items can fill the blueprint: per domain what a form needs, what exists and the shortfall,
 * written out in words (the colour of the marks only repeats them). */
export function BlueprintStatusTable({ data }: { data: ApiData<z.infer<typeof BlueprintStatus>> }) {
  if (data.error) return <Alert tone="error" title="We could not check the item bank."><p>{messageOf(data.error)}</p></Alert>;
  if (!data.data) return <Loading what="Checking the item bank" />;
  const status = data.data;
  const shortDomains = status.domains.filter((d) => d.shortfall > 0).length;
  return (
    <>
      {status.ready ? (
        <Alert tone="success" title="Ready: the active items can fill every form.">
          <p>Each domain has enough active scored items, and there are enough pretest items.</p>
        </Alert>
      ) : (
        <Alert tone="warning" title="Not ready: some forms could not be filled.">
          <p>
            {shortDomains > 0 ? `${shortDomains} ${shortDomains === 1 ? 'domain is' : 'domains are'} short of active scored items. ` : ''}
            {status.unscoredShortfall > 0 ? `There are not enough active pretest items. ` : ''}
            The exam cannot be published until the shortfalls below are 0.
          </p>
        </Alert>
      )}
      <DataTable caption={`Item bank against the blueprint (${status.scoredItemCount} scored, ${status.unscoredItemCount} pretest per form)`}>
        <thead>
          <tr>
            <th scope="col">Domain</th>
            <th scope="col">Weight</th>
            <th scope="col">Needed per form</th>
            <th scope="col">Active items</th>
            <th scope="col">Shortfall</th>
          </tr>
        </thead>
        <tbody>
          {status.domains.map((d) => (
            <tr key={d.code}>
              <td><span className="mono">{d.code}</span> {d.name}</td>
              <td>{d.weight}%</td>
              <td>{d.needed}</td>
              <td>{d.available}</td>
              <td className="nowrap"><Shortfall value={d.shortfall} /></td>
            </tr>
          ))}
          <tr>
            <td>Pretest (unscored), any domain</td>
            <td>–</td>
            <td>{status.unscoredItemCount}</td>
            <td>{status.unscoredAvailable}</td>
            <td className="nowrap"><Shortfall value={status.unscoredShortfall} /></td>
          </tr>
        </tbody>
      </DataTable>
    </>
  );
}

function Shortfall({ value }: { value: number }) {
  return value > 0
    ? <span className="tag tag-bad tag-first"><span aria-hidden="true">✗ </span>Short by {value}</span>
    : <span className="tag tag-ok tag-first"><span aria-hidden="true">✓ </span>Enough</span>;
}
