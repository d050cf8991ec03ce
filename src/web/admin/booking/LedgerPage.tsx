import { LedgerPage as LedgerPageSchema } from '../../../contracts/booking.ts';
import { api, messageOf } from '../../lib/api.ts';
import { useSession } from '../../lib/session.tsx';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { OlderEntries } from '../../ui/OlderEntries.tsx';
import { Alert } from '../../ui/Alert.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { LedgerTable } from './LedgerTable.tsx';

const pageSize = 50;
const fetchLedgerPage = (before: number | undefined) =>
  api('/admin/ledger', { schema: LedgerPageSchema, query: { limit: pageSize, before } }).then((p) => ({ items: p.entries, next: p.nextBefore }));

/** `/admin/ledger`: every fee, discount, voucher, payment, refund and forfeit, newest first, 50 at a time. */
export function LedgerPage() {
  const { user } = useSession();
  const { items: entries, error, loading, hasMore, loadMore } = usePagedList(fetchLedgerPage);

  return (
    <section className="page">
      <PageTitle>Fee ledger</PageTitle>
      <p>
        Every money movement of every booking, newest first. Amounts are always positive; the entry says which way the
        money went. Entries are never changed: a correction is a new entry.
      </p>
      {error ? <Alert tone="error" title="We could not load the ledger."><p>{messageOf(error)}</p></Alert> : null}
      {entries === null ? (
        error ? null : <Loading what="Loading the ledger" />
      ) : entries.length === 0 ? (
        <p className="empty-state">No entries yet. They appear as candidates book exams.</p>
      ) : (
        <>
          <LedgerTable entries={entries} zone={user?.timeZone ?? 'UTC'} />
          <OlderEntries count={entries.length} hasMore={hasMore} loading={loading} onMore={loadMore} whole="the whole ledger" />
        </>
      )}
    </section>
  );
}
