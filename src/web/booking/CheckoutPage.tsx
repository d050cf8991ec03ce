import { useCallback, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { HoldResponse } from '../../contracts/booking.ts';
import { api, ApiError, messageOf } from '../lib/api.ts';
import { useSession } from '../lib/session.tsx';
import { useApiData } from '../lib/use-api-data.ts';
import { useSubmit } from '../lib/use-submit.ts';
import { Alert } from '../ui/Alert.tsx';
import { Loading } from '../ui/Loading.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { CheckoutForm } from './CheckoutForm.tsx';
import { HoldCountdown } from './HoldCountdown.tsx';
import { HoldEnded } from './HoldEnded.tsx';
import { HoldSummary } from './HoldSummary.tsx';
import { localDateOf } from './local-date.ts';

/** `/exams/:code/book/:holdId`: checkout of a held seat, with the time left on the hold. */
export function CheckoutPage() {
  const { code = '', holdId = '' } = useParams();
  const [params] = useSearchParams();
  const { user } = useSession();
  const navigate = useNavigate();
  const data = useApiData(`/holds/${encodeURIComponent(holdId)}`, HoldResponse);
  const [expired, setExpired] = useState(false);
  const release = useSubmit();
  const onExpired = useCallback(() => setExpired(true), []);
  const timeZone = params.get('tz') || user?.timeZone || 'UTC';
  const examPath = `/exams/${encodeURIComponent(code)}`;

  if (data.error) {
    const missing = data.error instanceof ApiError && data.error.code === 'NotFound';
    return (
      <section className="page narrow">
        <PageTitle>Check out</PageTitle>
        <Alert tone="error" title={missing ? 'This seat hold does not exist.' : 'We could not load your seat hold.'}>
          <p>{missing ? 'It may belong to another account, or the link may be mistyped.' : messageOf(data.error)}</p>
        </Alert>
        <p><Link to={`${examPath}/book`}>Pick a time</Link></p>
      </section>
    );
  }
  if (!data.data) return <Loading what="Loading your seat hold" />;
  const { hold } = data.data;

  // Back to the same day, zone and language the seat was picked in.
  const back = new URLSearchParams({ date: localDateOf(hold.startsAt, timeZone), language: hold.language });
  if (timeZone !== user?.timeZone) back.set('tz', timeZone);
  const backTo = `${examPath}/book?${back.toString()}`;
  const ended = expired || hold.status === 'expired' || hold.status === 'released' || (hold.status === 'active' && hold.secondsLeft <= 0);

  async function changeTime() {
    // Give the seat back at once rather than letting it sit held until the hold lapses.
    await release.run(() => api(`/holds/${hold.id}`, { method: 'DELETE' }));
    navigate(backTo);
  }

  return (
    <section className="page checkout-page">
      <p className="breadcrumb"><Link to={examPath}>{hold.examCode} {hold.examTitle}</Link></p>
      <PageTitle title={`Check out ${hold.examCode}`}>Confirm your booking</PageTitle>
      {hold.status === 'booked' ? (
        <Alert tone="info" title="This seat is already booked.">
          <p><Link to="/appointments">See your appointments</Link></p>
        </Alert>
      ) : ended ? (
        <HoldEnded backTo={backTo} />
      ) : (
        <HoldCountdown secondsLeft={hold.secondsLeft} onExpire={onExpired} />
      )}
      <section className="card" aria-labelledby="appointment-heading">
        <h2 id="appointment-heading">Your appointment</h2>
        <HoldSummary hold={hold} timeZone={timeZone} />
      </section>
      {hold.status === 'active' && !ended ? (
        <CheckoutForm hold={hold} onExpired={onExpired} onChangeTime={() => void changeTime()} />
      ) : null}
    </section>
  );
}
