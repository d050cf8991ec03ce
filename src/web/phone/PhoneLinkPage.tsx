import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { z } from 'zod';
import { useParams } from 'react-router';
import { PhoneView } from '../../contracts/checkin.ts';
import type { LiveTopic } from '../../contracts/live.ts';
import { api, ApiError, messageOf } from '../lib/api.ts';
import { useLive } from '../lib/use-live.ts';
import { Alert } from '../ui/Alert.tsx';
import { Loading } from '../ui/Loading.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { PhonePhotoItem } from './PhonePhotoItem.tsx';

type View = z.infer<typeof PhoneView>;

/** `/m/:token`: the phone's photo page for one check-in. The link is the permission; it expires with the window. */
export function PhoneLinkPage() {
  const { token = '' } = useParams();
  const [view, setView] = useState<View>();
  const [error, setError] = useState<unknown>();

  const controller = useRef<AbortController | null>(null);
  const load = useCallback(() => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    api(`/phone/${encodeURIComponent(token)}`, { schema: PhoneView, signal: current.signal }).then(
      (next) => { setView(next); setError(undefined); },
      (failure: unknown) => { if (!current.signal.aborted) setError(failure); },
    );
  }, [token]);
  useEffect(() => {
    load();
    return () => controller.current?.abort();
  }, [load]);
  // The desktop's uploads and the greeter's retake requests arrive over the live socket; an expired or replaced
  // link is refused there too, and says so here.
  const topic = useMemo<LiveTopic | null>(() => (/^[A-Za-z0-9_-]{43}$/.test(token) ? { kind: 'phone', token } : null), [token]);
  const live = useLive(topic, load);
  const refused = live.error && (live.error.code === 'TokenExpired' || live.error.code === 'TokenInvalid') ? new ApiError(live.error.code, live.error.message, 0) : undefined;
  if (refused && !error) return <LinkNotWorking error={refused} />;

  if (error && !(error instanceof ApiError && error.code === 'NetworkError' && view)) return <LinkNotWorking error={error} />;
  if (!view) return <Loading what="Opening your check-in" />;
  const done = view.photos.filter((p) => p.uploaded).length;

  return (
    <section className="page narrow phone-page">
      <PageTitle title="Check-in photos">Check-in photos</PageTitle>
      <p className="phone-who">
        Hello {view.candidateFirstName}. Exam <span className="exam-code">{view.examCode}</span>
      </p>
      <p>Take each photo below. They appear on your computer's check-in page as soon as they arrive.</p>
      <p className="muted" role="status">{done} of {view.photos.length} photos taken.</p>
      <ul className="phone-photo-list">
        {view.photos.map((photo) => (
          <PhonePhotoItem key={photo.kind} token={token} photo={photo} onChange={setView} />
        ))}
      </ul>
      <p className="muted">When every photo is taken, go back to your computer and send your check-in for review there.</p>
    </section>
  );
}

/** An unknown, replaced or expired link. */
function LinkNotWorking({ error }: { error: unknown }) {
  const expired = error instanceof ApiError && (error.code === 'TokenExpired' || error.code === 'TokenInvalid' || error.code === 'ValidationFailed');
  return (
    <section className="page narrow phone-page">
      <PageTitle>This link does not work</PageTitle>
      <Alert tone="error" title={expired ? 'This check-in link is not valid or has expired.' : 'We could not open your check-in.'}>
        <p>{expired ? 'Scan the new QR code on your computer.' : messageOf(error)}</p>
      </Alert>
      <h2>What to do</h2>
      <ol>
        <li>On your computer, look at the check-in page: it shows the current QR code and link.</li>
        <li>Scan the QR code again, or type the link shown there into this phone's browser.</li>
        <li>If the check-in page says check-in has closed, contact support from your computer.</li>
      </ol>
    </section>
  );
}
