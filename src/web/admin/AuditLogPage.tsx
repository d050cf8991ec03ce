import { useCallback, useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import type { z } from 'zod';
import { AuditList, type AuditEntry } from '../../contracts/admin.ts';
import { api, messageOf } from '../lib/api.ts';
import { Alert } from '../ui/Alert.tsx';
import { Loading } from '../ui/Loading.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { AuditTable } from './AuditTable.tsx';
import { VerifyChain } from './VerifyChain.tsx';

type Entry = z.infer<typeof AuditEntry>;
const pageSize = 50;

/** `/admin/audit`: the tamper-evident log of every sensitive action, newest first, with a chain check. */
export function AuditLogPage() {
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(false);
  const [exhausted, setExhausted] = useState(false);

  const load = useCallback(async (before?: number) => {
    setLoading(true);
    setError(undefined);
    try {
      const page = await api('/admin/audit', { schema: AuditList, query: { limit: pageSize, before } });
      setEntries((previous) => (before === undefined ? page.entries : [...(previous ?? []), ...page.entries]));
      setExhausted(page.entries.length < pageSize);
    } catch (failure) {
      setError(failure);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    load().catch(() => undefined);
  }, [load]);

  const oldest = entries?.at(-1)?.seq;

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
          <p className="result-count" role="status">
            Showing {entries.length} {entries.length === 1 ? 'entry' : 'entries'}
            {exhausted ? ': the whole log.' : '.'}
          </p>
          {exhausted ? null : (
            <Button className="button" onPress={() => load(oldest)} data-pending={(loading) || undefined}>
              Show older entries
            </Button>
          )}
        </>
      )}
    </section>
  );
}
