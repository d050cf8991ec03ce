import { useEffect, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { CheckInResponse, type CheckIn } from '../../contracts/checkin.ts';
import { DesktopCamera } from './DesktopCamera.tsx';
import { uploadPhoto } from './upload-photo.ts';

type Photo = CheckIn['photos'][number];

/** The state of one required photo in words. */
function photoState(photo: Photo): { text: string; tone: string } {
  if (photo.retake) return { text: 'Retake requested', tone: 'retake' };
  if (photo.uploaded) return { text: 'Taken ✓', tone: 'taken' };
  return { text: 'Waiting for this photo', tone: 'waiting' };
}

/** One required photo: thumbnail, state, and this computer's camera as the fallback. */
export function PhotoItem({ checkInId, photo, onChange, announce }: { checkInId: string; photo: Photo; onChange: (next: CheckIn) => void; announce: (text: string) => void }) {
  const [camera, setCamera] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const restoreFocus = useRef(false);
  // Back to the button that opened the camera once it is shown again.
  useEffect(() => {
    if (camera || !restoreFocus.current) return;
    restoreFocus.current = false;
    opener.current?.focus();
  }, [camera]);
  const state = photoState(photo);
  const headingId = `photo-${photo.kind}`;

  async function capture(image: Blob) {
    const result = await uploadPhoto(`/checkins/${checkInId}/photos/${photo.kind}`, image, CheckInResponse);
    onChange(result.checkIn);
    announce(`Photo saved: ${photo.label}.`);
    close();
  }
  function close() {
    restoreFocus.current = true;
    setCamera(false);
  }

  return (
    <li className={`photo-item photo-${state.tone}`} aria-labelledby={headingId}>
      <div className="photo-thumb">
        {photo.url ? <img src={photo.url} alt={`Your photo: ${photo.label}`} /> : <span className="photo-none">No photo yet</span>}
      </div>
      <div className="photo-body">
        <h4 id={headingId}>{photo.label}</h4>
        <p className={`photo-state photo-state-${state.tone}`}>{state.text}</p>
        {camera ? (
          <DesktopCamera label={photo.label} facing={photo.kind === 'headshot' ? 'user' : 'environment'} onCapture={capture} onCancel={close} />
        ) : (
          <Button ref={opener} className="button button-small" onPress={() => setCamera(true)}>
            Use this computer's camera<span className="visually-hidden"> for: {photo.label}</span>
          </Button>
        )}
      </div>
    </li>
  );
}
