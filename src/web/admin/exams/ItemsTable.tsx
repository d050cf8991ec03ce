import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { Button } from 'react-aria-components';
import type { z } from 'zod';
import type { ItemPage } from '../../../contracts/catalog.ts';
import { messageOf } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useSession } from '../../lib/session.tsx';
import type { ApiData } from '../../lib/use-api-data.ts';
import { Alert } from '../../ui/Alert.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { examPage } from './exam-context.ts';

const statusLabels = { draft: 'Draft', active: 'Active', retired: 'Retired' } as const;

/** One page of items with the paging buttons. */
export function ItemsTable({ data, examCode, onPage }: { data: ApiData<z.infer<typeof ItemPage>>; examCode: string; onPage: (page: number) => void }) {
  const { user } = useSession();
  const previousRef = useRef<HTMLButtonElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  const pressed = useRef<'previous' | 'next' | null>(null);
  const shownPage = data.data?.page;

  // Reaching the first or last page disables the button just pressed; focus then moves to the other one.
  useEffect(() => {
    const which = pressed.current;
    pressed.current = null;
    if (!which) return;
    const same = which === 'next' ? nextRef.current : previousRef.current;
    const other = which === 'next' ? previousRef.current : nextRef.current;
    (same && !same.disabled ? same : other)?.focus();
  }, [shownPage]);

  if (data.error) return <Alert tone="error" title="We could not load the items."><p>{messageOf(data.error)}</p></Alert>;
  if (!data.data) return <Loading what="Loading items" />;
  const { items, total, page, pageSize } = data.data;
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <>
      <p role="status" className="result-count">
        {data.loading ? 'Updating…' : total === 0 ? 'No items found.' : `Items ${first} to ${last} of ${total}.`}
      </p>
      {items.length === 0 ? (
        <p className="empty-state">No item matches these filters.</p>
      ) : (
        <DataTable caption={`Items, page ${page} of ${pages}`}>
          <thead>
            <tr>
              <th scope="col">Identifier</th>
              <th scope="col">Title</th>
              <th scope="col">Domain</th>
              <th scope="col">Type</th>
              <th scope="col">Status</th>
              <th scope="col">Version</th>
              <th scope="col">Last changed</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <td className="nowrap mono">{item.identifier}</td>
                <td><Link to={examPage(examCode, `items/${item.id}`)}>{item.title}</Link></td>
                <td className="mono">{item.domain}</td>
                <td className="nowrap">
                  {item.content.interaction === 'single' ? 'Single' : `Choose ${item.content.maxChoices}`}
                  {item.scored ? null : <span className="tag">pretest</span>}
                </td>
                <td><span className={`tag tag-first ${item.status === 'active' ? 'tag-ok' : ''}`}>{statusLabels[item.status]}</span></td>
                <td>{item.version}</td>
                <td className="nowrap">{formatDateTime(item.updatedAt, user?.timeZone)}{item.authorEmail ? <span className="muted"> by {item.authorEmail}</span> : null}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {pages > 1 ? (
        <nav aria-label="Item pages" className="pager">
          <Button ref={previousRef} className="button button-small" isDisabled={page <= 1}
            onPress={() => { pressed.current = 'previous'; onPage(page - 1); }}>
            Previous page
          </Button>
          <span>Page {page} of {pages}</span>
          <Button ref={nextRef} className="button button-small" isDisabled={page >= pages}
            onPress={() => { pressed.current = 'next'; onPage(page + 1); }}>
            Next page
          </Button>
        </nav>
      ) : null}
    </>
  );
}
