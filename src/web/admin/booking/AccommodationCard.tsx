import { Button } from 'react-aria-components';
import type { z } from 'zod';
import { AccommodationResponse, type Accommodation } from '../../../contracts/booking.ts';
import { api } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useSubmit } from '../../lib/use-submit.ts';
import { FormError } from '../../ui/FormError.tsx';
import { accommodationKindLabel, accommodationStatusLabels } from './accommodation-text.ts';
import { DeclineAccommodationDialog } from './DeclineAccommodationDialog.tsx';

type Row = z.infer<typeof Accommodation>;

/** One accommodation request: who, what, why; approve it or decline it with a reason while it waits. */
export function AccommodationCard({ accommodation, zone, onDecided }: { accommodation: Row; zone: string; onDecided: (row: Row) => void }) {
  const approval = useSubmit();
  const headingId = `accommodation-${accommodation.id}`;

  async function approve() {
    const result = await approval.run(() =>
      api(`/admin/accommodations/${encodeURIComponent(accommodation.id)}/decision`, {
        method: 'POST',
        body: { decision: 'approve' },
        schema: AccommodationResponse,
      }),
    );
    if (result.ok) onDecided(result.value.accommodation);
  }

  return (
    <article className="card accommodation" aria-labelledby={headingId}>
      <h3 id={headingId} className="accommodation-title">
        {accommodation.candidateName}: {accommodationKindLabel(accommodation)}
      </h3>
      <dl className="summary">
        <div><dt>Candidate</dt><dd>{accommodation.candidateName} ({accommodation.candidateEmail})</dd></div>
        <div><dt>Asks for</dt><dd>{accommodationKindLabel(accommodation)}</dd></div>
        <div><dt>Why</dt><dd className="preformatted">{accommodation.note}</dd></div>
        <div><dt>Asked on</dt><dd>{formatDateTime(accommodation.createdAt, zone)}</dd></div>
        <div><dt>Status</dt><dd>{accommodationStatusLabels[accommodation.status]}{accommodation.decidedAt ? `, ${formatDateTime(accommodation.decidedAt, zone)}` : ''}</dd></div>
        {accommodation.decisionReason ? <div><dt>Reason given</dt><dd className="preformatted">{accommodation.decisionReason}</dd></div> : null}
      </dl>
      {accommodation.status === 'requested' ? (
        <>
          <FormError error={approval.error} title="We could not approve the request." />
          <div className="actions">
            <Button
              className="button button-primary"
              aria-label={`Approve the request of ${accommodation.candidateName}`}
              onPress={approve}
              data-pending={approval.pending || undefined}
            >
              Approve
            </Button>
            <DeclineAccommodationDialog accommodation={accommodation} onDecided={onDecided} />
          </div>
        </>
      ) : null}
    </article>
  );
}
