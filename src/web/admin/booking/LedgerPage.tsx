import { useCallback, useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import type { z } from 'zod';
import { LedgerPage as LedgerPageSchema, type LedgerEntry } from '../../../contracts/booking.ts';
import { api, messageOf } from '../../lib/api.ts';
import { useSession } from '../../lib/session.tsx';
import { Alert } from '../../ui/Alert.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { LedgerTable } from './LedgerTable.tsx';

type Entry = z.infer<typeof LedgerEntry>;
const pageSize = 50;

/** `/admin/ledger`: every fee, discount, voucher, payment, refund and forfeit, newest first, 50 at a time. */
export function LedgerPage() {
  const { user } = useSession();
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(false);

  const load = useCallback(async (before?: number) => {
    setLoading(true);
    setError(undefined);
    try {
      const page = await api('/admin/ledger', { schema: LedgerPageSchema, query: { limit: pageSize, before } });
      setEntries((previous) => (before === undefined ? page.entries : [...(previous ?? []), ...page.entries]));
      setNext(page.nextBefore);
    } catch (failure) {
      setError(failure);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    load().catch(() => undefined);
  }, [load]);

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
          <p className="result-count" role="status">
            Showing {entries.length} {entries.length === 1 ? 'entry' : 'entries'}
            {next === null ? ': the whole ledger.' : '.'}
          </p>
          {next === null ? null : (
            <Button className="button" onPress={() => { if (!loading) void load(next); }} data-pending={loading || undefined}>
              Show older entries
            </Button>
          )}
        </>
      )}
    </section>
  );
}
