import { useState } from 'react';
import { Link } from 'react-router';
import { AccommodationList, AccommodationResponse } from '../../contracts/booking.ts';
import { api, messageOf } from '../lib/api.ts';
import { useSession } from '../lib/session.tsx';
import { useApiData } from '../lib/use-api-data.ts';
import { useSubmit } from '../lib/use-submit.ts';
import { Alert } from '../ui/Alert.tsx';
import { FormError } from '../ui/FormError.tsx';
import { Loading } from '../ui/Loading.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { AccommodationRequestForm } from './AccommodationRequestForm.tsx';
import { AccommodationTable } from './AccommodationTable.tsx';

/** `/profile/accommodations`: the candidate's accommodation requests, a form to ask for one, and withdrawal. */
export function AccommodationsPage() {
  const { user } = useSession();
  const data = useApiData('/accommodations', AccommodationList);
  const withdraw = useSubmit();
  const [withdrawing, setWithdrawing] = useState<string | null>(null);

  async function onWithdraw(id: string) {
    setWithdrawing(id);
    const result = await withdraw.run(() => api(`/accommodations/${id}/withdraw`, { method: 'POST', schema: AccommodationResponse }));
    setWithdrawing(null);
    if (result.ok) data.reload();
  }

  return (
    <section className="page">
      <p className="breadcrumb"><Link to="/profile">Your profile</Link></p>
      <PageTitle>Accommodations</PageTitle>
      <p className="lead">
        Extra time, screen-reader mode or other adjustments for your exams. Approved accommodations apply to every exam you
        book after the approval; they do not change appointments you already have.
      </p>
      <section aria-labelledby="requests-heading">
        <h2 id="requests-heading">Your requests</h2>
        <FormError error={withdraw.error} title="We could not withdraw the request." />
        {data.error ? (
          <Alert tone="error" title="We could not load your requests."><p>{messageOf(data.error)}</p></Alert>
        ) : !data.data ? (
          <Loading what="Loading your requests" />
        ) : data.data.accommodations.length === 0 ? (
          <p className="empty-state">You have not asked for any accommodation.</p>
        ) : (
          <AccommodationTable
            items={data.data.accommodations}
            timeZone={user?.timeZone ?? 'UTC'}
            withdrawing={withdrawing}
            onWithdraw={(id) => void onWithdraw(id)}
          />
        )}
      </section>
      <AccommodationRequestForm onRequested={data.reload} />
    </section>
  );
}
