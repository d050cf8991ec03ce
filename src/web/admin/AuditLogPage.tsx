import { AuditList } from '../../contracts/admin.ts';
import { api, messageOf } from '../lib/api.ts';
import { usePagedList } from '../lib/use-paged-list.ts';
import { OlderEntries } from '../ui/OlderEntries.tsx';
import { Alert } from '../ui/Alert.tsx';
import { Loading } from '../ui/Loading.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { AuditTable } from './AuditTable.tsx';
import { VerifyChain } from './VerifyChain.tsx';

const pageSize = 50;
// The audit log pages by sequence number: the next page is older than the oldest entry shown.
const fetchAuditPage = (before: number | undefined) =>
  api('/admin/audit', { schema: AuditList, query: { limit: pageSize, before } })
    .then((p) => ({ items: p.entries, next: p.entries.length < pageSize ? null : p.entries.at(-1)!.seq }));

/** `/admin/audit`: the tamper-evident log of every sensitive action, newest first, with a chain check. */
export function AuditLogPage() {
  const { items: entries, error, loading, hasMore, loadMore } = usePagedList(fetchAuditPage);

  return (
    <section className="page">
      <PageTitle>Audit log</PageTitle>
      <p>
        Every sensitive action is recorded here, newest first. Each entry carries a hash of the one before it, so a
        changed or deleted entry breaks the chain.
      </p>
      <VerifyChain />
      {error ? <Alert tone="error" title="We could not load the audit log."><p>{messageOf(error)}</p></Alert> : null}
      {entries === null ? (
        error ? null : <Loading what="Loading the audit log" />
      ) : entries.length === 0 ? (
        <p className="empty-state">The audit log is empty.</p>
      ) : (
        <>
          <AuditTable entries={entries} />
          <OlderEntries count={entries.length} hasMore={hasMore} loading={loading} onMore={loadMore} whole="the whole log" />
        </>
      )}
    </section>
  );
}
