import { useEffect } from 'react';
import { Button } from 'react-aria-components';
import { CheckInResponse, type CheckIn } from '../../contracts/checkin.ts';
import { api, messageOf } from '../lib/api.ts';
import { useSubmit } from '../lib/use-submit.ts';
import { Alert } from '../ui/Alert.tsx';
import type { PhoneLinkInfo } from './CheckInPage.tsx';
import { PhoneHandoff } from './PhoneHandoff.tsx';
import { PhotoItem } from './PhotoItem.tsx';
import { stepNumber } from './CheckInProgress.tsx';
import { StepHeading } from './StepHeading.tsx';

export interface PhotosStepProps {
  checkIn: CheckIn;
  onChange: (next: CheckIn) => void;
  focus: boolean;
  announce: (text: string) => void;
  phone: PhoneLinkInfo | undefined;
  phoneError: unknown;
  ensurePhoneLink: () => void;
  newPhoneLink: () => Promise<void>;
}

/** Step 2 (photos, by phone or with this computer's camera) and step 3 (send for review). */
export function PhotosStep({ checkIn, onChange, focus, announce, phone, phoneError, ensurePhoneLink, newPhoneLink }: PhotosStepProps) {
  const submission = useSubmit();
  useEffect(() => { ensurePhoneLink(); }, [ensurePhoneLink]);
  const retakes = checkIn.photos.filter((p) => p.retake);
  const missing = checkIn.photos.filter((p) => !p.uploaded || p.retake);

  async function send() {
    const result = await submission.run(() => api(`/checkins/${checkIn.id}/submit`, { method: 'POST', schema: CheckInResponse }));
    if (result.ok) onChange(result.value.checkIn);
  }

  return (
    <>
      <section className="card checkin-step" aria-labelledby="photos-heading">
        <StepHeading id="photos-heading" focus={focus}>{stepNumber(checkIn, 'photos')}: Photos of you, your ID and your room</StepHeading>
        {checkIn.status === 'retake_requested' ? (
          <Alert tone="warning" title="The greeter asked you to take some photos again.">
            {checkIn.decisionReason ? <p>Reason: {checkIn.decisionReason}</p> : null}
            <p>Take again: {retakes.map((p) => p.label).join('; ') || 'the photos marked below'}.</p>
          </Alert>
        ) : null}
        <PhoneHandoff link={phone} error={phoneError} onNewLink={newPhoneLink} />
        <section aria-labelledby="photo-list-heading">
          <h3 id="photo-list-heading">The photos we need</h3>
          <p className="muted">
            {missing.length === 0 ? 'Every photo is here.' : `${checkIn.photos.length - missing.length} of ${checkIn.photos.length} photos taken.`}
          </p>
          <ul className="photo-list">
            {checkIn.photos.map((photo) => (
              <PhotoItem key={photo.kind} checkInId={checkIn.id} photo={photo} onChange={onChange} announce={announce} />
            ))}
          </ul>
        </section>
      </section>
      <section className="card checkin-step" aria-labelledby="send-heading">
        <h2 id="send-heading">{stepNumber(checkIn, 'queue')}: Send for review</h2>
        <p>A greeter checks your photos against your ID and your room, usually within a few minutes.</p>
        {!checkIn.canSubmit ? (
          <p id="send-hint" className="muted">
            {missing.length > 0 ? `Still needed: ${missing.map((p) => p.label).join('; ')}.` : 'Not ready yet.'}
          </p>
        ) : null}
        {submission.error ? <Alert tone="error" title="Your check-in was not sent."><p>{messageOf(submission.error)}</p></Alert> : null}
        <Button
          className="button button-primary"
          isDisabled={!checkIn.canSubmit}
          aria-describedby={!checkIn.canSubmit ? 'send-hint' : undefined}
          onPress={() => void send()}
          data-pending={submission.pending || undefined}
        >
          Send for review
        </Button>
      </section>
    </>
  );
}
