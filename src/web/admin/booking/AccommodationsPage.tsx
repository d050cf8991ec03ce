import { useRef, useState } from 'react';
import type { z } from 'zod';
import { AccommodationList, type Accommodation } from '../../../contracts/booking.ts';
import { messageOf } from '../../lib/api.ts';
import { useSession } from '../../lib/session.tsx';
import { useApiData } from '../../lib/use-api-data.ts';
import { Alert } from '../../ui/Alert.tsx';
import { SelectField } from '../../ui/FormField.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { AccommodationCard } from './AccommodationCard.tsx';
import { accommodationKindLabel } from './accommodation-text.ts';

type Row = z.infer<typeof Accommodation>;

const statusOptions = [
  { id: 'requested', label: 'Waiting for a decision' },
  { id: 'approved', label: 'Approved' },
  { id: 'declined', label: 'Declined' },
  { id: 'withdrawn', label: 'Withdrawn' },
];

/** `/admin/accommodations`: candidates' requests for extra time or assistive settings, waiting ones first. */
export function AccommodationsPage() {
  const { user } = useSession();
  const [status, setStatus] = useState('requested');
  const list = useApiData('/admin/accommodations', AccommodationList, { status });
  const [outcome, setOutcome] = useState<string | null>(null);
  // The decided request leaves the list with its buttons; focus goes to the list's heading with the outcome.
  const headingRef = useRef<HTMLHeadingElement>(null);
  const rows = list.data?.accommodations;
  const shownLabel = statusOptions.find((o) => o.id === status)?.label ?? status;

  function decided(row: Row) {
    setOutcome(`${row.status === 'approved' ? 'Approved' : 'Declined'}: ${accommodationKindLabel(row).toLowerCase()} for ${row.candidateName}.`);
    list.reload();
    headingRef.current?.focus();
  }

  return (
    <section className="page">
      <PageTitle>Accommodations</PageTitle>
      <p>
        Candidates ask once for extra time or an assistive setting; an approved accommodation applies to every exam they
        book from then on. A declined request tells the candidate your reason.
      </p>
      <div className="filters">
        <SelectField label="Show requests" name="status" options={statusOptions} value={status} onChange={(s) => { setStatus(s); setOutcome(null); }} isRequired={false} />
      </div>
      <h2 ref={headingRef} tabIndex={-1} className="results-heading">{shownLabel}</h2>
      {outcome ? <Alert tone="success" title={outcome} /> : null}
      {list.error ? (
        <Alert tone="error" title="We could not load the requests."><p>{messageOf(list.error)}</p></Alert>
      ) : !rows ? (
        <Loading what="Loading the requests" />
      ) : rows.length === 0 ? (
        <p className="empty-state">{status === 'requested' ? 'No request is waiting for a decision.' : 'No requests here.'}</p>
      ) : (
        <ul className="plain-list" aria-label={`${shownLabel} (${rows.length})`}>
          {rows.map((row) => (
            <li key={row.id}>
              <AccommodationCard accommodation={row} zone={user?.timeZone ?? 'UTC'} onDecided={decided} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
