import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { CheckInResponse, PhoneLink, type CheckIn } from '../../contracts/checkin.ts';
import type { LiveTopic } from '../../contracts/live.ts';
import { api, ApiError, messageOf } from '../lib/api.ts';
import { formatTime } from '../lib/format.ts';
import { useSession } from '../lib/session.tsx';
import { useLive } from '../lib/use-live.ts';
import { Alert, LiveMessage } from '../ui/Alert.tsx';
import { Loading } from '../ui/Loading.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { CheckInProgress, stepOf } from './CheckInProgress.tsx';
import { DecisionStep } from './DecisionStep.tsx';
import { HelpBox } from './HelpBox.tsx';
import { PhotosStep } from './PhotosStep.tsx';
import { QueueStep } from './QueueStep.tsx';
import { RoomScanStep } from './RoomScanStep.tsx';
import { RulesStep } from './RulesStep.tsx';
import { withStablePhotoUrls } from './stable-photo-urls.ts';
import { WindowNotice, windowOf, type WindowInfo } from './WindowNotice.tsx';

export type PhoneLinkInfo = { url: string; expiresAt: string };

const finalStatuses = new Set<CheckIn['status']>(['completed', 'rejected', 'expired']);

/** `/appointments/:id/checkin`: the candidate's check-in — rules, photos (phone or this computer), review queue,
 * room scan, then the exam's start. */
export function CheckInPage() {
  const { id: appointmentId = '' } = useParams();
  const { user } = useSession();
  const [checkIn, setCheckIn] = useState<CheckIn>();
  const [closed, setClosed] = useState<WindowInfo>();
  const [error, setError] = useState<unknown>();
  const [attempt, setAttempt] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const [phone, setPhone] = useState<PhoneLinkInfo>();
  const [phoneError, setPhoneError] = useState<unknown>();
  const latest = useRef<CheckIn | undefined>(undefined);
  latest.current = checkIn;

  useEffect(() => {
    const controller = new AbortController();
    api(`/appointments/${encodeURIComponent(appointmentId)}/checkin`, { method: 'POST', schema: CheckInResponse, signal: controller.signal }).then(
      (result) => { setCheckIn(result.checkIn); setClosed(undefined); setError(undefined); },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        const info = windowOf(failure);
        if (info) setClosed(info);
        else setError(failure);
      },
    );
    return () => controller.abort();
  }, [appointmentId, attempt]);

  const step = checkIn ? stepOf(checkIn) : undefined;
  // Step headings take focus when the step changes, not on the first load (focus then stays at the page start).
  const stepChanges = useRef(0);
  useEffect(() => {
    if (step) stepChanges.current += 1;
    setAnnouncement(''); // a photo message from the last step would be stale
  }, [step]);
  const focusStep = stepChanges.current > 0;

  const checkInId = checkIn?.id;
  // Every local change (an answer to the candidate's own action) makes older refetches stale.
  const generation = useRef(0);
  const refetch = useCallback(() => {
    if (!checkInId) return;
    const asked = ++generation.current;
    api(`/checkins/${checkInId}`, { schema: CheckInResponse }).then(
      (result) => {
        if (asked !== generation.current) return; // a newer answer is already on screen
        const before = latest.current;
        const arrived = result.checkIn.photos.filter((p) => {
          const old = before?.photos.find((b) => b.kind === p.kind);
          return p.uploaded && !p.retake && (!old?.uploaded || old.retake);
        });
        if (arrived.length > 0 && before && stepOf(before) === 'photos') {
          setAnnouncement(`Photo received from your phone: ${arrived.map((p) => p.label).join('; ')}.`);
        }
        latest.current = withStablePhotoUrls(before, result.checkIn, Date.now());
        setCheckIn(latest.current);
      },
      () => undefined, // The next event, reconnect or fallback poll tries again.
    );
  }, [checkInId]);
  // Phone uploads, the greeter's decisions and queue movements arrive over the live socket; nothing changes any
  // more once the check-in is complete, rejected or expired.
  const listening = checkIn !== undefined && !finalStatuses.has(checkIn.status);
  const topic = useMemo<LiveTopic | null>(() => (checkInId && listening ? { kind: 'checkin', id: checkInId } : null), [checkInId, listening]);
  useLive(topic, refetch);

  const phoneAsked = useRef(false);
  const newPhoneLink = useCallback(async () => {
    if (!checkInId) return;
    phoneAsked.current = true;
    setPhoneError(undefined);
    try {
      setPhone(await api(`/checkins/${checkInId}/phone-link`, { method: 'POST', schema: PhoneLink }));
    } catch (failure) {
      setPhoneError(failure);
    }
  }, [checkInId]);
  // One link per visit: asking again would make the link already on the phone stop working.
  const ensurePhoneLink = useCallback(() => { if (!phoneAsked.current) void newPhoneLink(); }, [newPhoneLink]);

  const title = <PageTitle title="Check in">Check in for your exam</PageTitle>;
  const back = <p className="breadcrumb"><Link to={`/appointments/${appointmentId}`}>Your appointment</Link></p>;

  if (closed) {
    return (
      <section className="page narrow checkin-page">
        {back}
        {title}
        <WindowNotice info={closed} onRetry={() => setAttempt((a) => a + 1)} />
      </section>
    );
  }
  if (error) {
    const missing = error instanceof ApiError && error.code === 'NotFound';
    return (
      <section className="page narrow checkin-page">
        {back}
        {title}
        <Alert tone="error" title={missing ? 'There is no such appointment.' : 'We could not open your check-in.'}>
          <p>{missing ? 'It may belong to another account, or the link may be mistyped.' : messageOf(error)}</p>
        </Alert>
      </section>
    );
  }
  if (!checkIn || !step) return <Loading what="Opening your check-in" />;

  function update(next: CheckIn) {
    generation.current += 1;
    latest.current = withStablePhotoUrls(latest.current, next, Date.now());
    setCheckIn(latest.current);
  }

  return (
    <section className="page checkin-page">
      {back}
      {title}
      {step === 'rules' || step === 'photos' ? (
        <p className="muted">Check-in is open until {formatTime(checkIn.window.closesAt, user?.timeZone)}.</p>
      ) : null}
      <CheckInProgress checkIn={checkIn} step={step} />
      {step === 'rules' ? <RulesStep checkIn={checkIn} onChange={update} focus={focusStep} /> : null}
      {step === 'photos' ? (
        <PhotosStep
          checkIn={checkIn}
          onChange={update}
          focus={focusStep}
          announce={setAnnouncement}
          phone={phone}
          phoneError={phoneError}
          ensurePhoneLink={ensurePhoneLink}
          newPhoneLink={newPhoneLink}
        />
      ) : null}
      {step === 'queue' ? <QueueStep checkIn={checkIn} focus={focusStep} /> : null}
      {step === 'scan' ? <RoomScanStep checkIn={checkIn} onChange={update} focus={focusStep} announce={setAnnouncement} /> : null}
      {step === 'decided' ? <DecisionStep checkIn={checkIn} focus={focusStep} /> : null}
      {!['completed', 'rejected', 'expired'].includes(checkIn.status) ? <HelpBox checkIn={checkIn} timeZone={user?.timeZone} onChange={update} /> : null}
      <LiveMessage>{announcement}</LiveMessage>
    </section>
  );
}
