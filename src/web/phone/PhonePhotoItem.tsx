import { useId, useState, type ChangeEvent } from 'react';
import type { z } from 'zod';
import { PhoneView } from '../../contracts/checkin.ts';
import { messageOf } from '../lib/api.ts';
import { uploadPhoto } from '../checkin/upload-photo.ts';

type View = z.infer<typeof PhoneView>;
type Photo = View['photos'][number];
type Upload = { state: 'idle' } | { state: 'sending'; share: number } | { state: 'done' } | { state: 'failed'; message: string };

/** One photo on the phone: its state and a file input that opens the camera (front camera for the face). */
export function PhonePhotoItem({ token, photo, onChange }: { token: string; photo: Photo; onChange: (view: View) => void }) {
  const [upload, setUpload] = useState<Upload>({ state: 'idle' });
  const inputId = useId();
  const statusId = useId();

  async function send(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setUpload({ state: 'sending', share: 0 });
    try {
      const view = await uploadPhoto(`/phone/${encodeURIComponent(token)}/photos/${photo.kind}`, file, PhoneView, (share) => setUpload({ state: 'sending', share }));
      onChange(view);
      setUpload({ state: 'done' });
    } catch (failure) {
      setUpload({ state: 'failed', message: messageOf(failure) });
    } finally {
      input.value = ''; // the same file can be chosen again after a failure
    }
  }

  const status = upload.state === 'sending' ? `Uploading… ${Math.round(upload.share * 100)}%`
    : upload.state === 'failed' ? `Not uploaded: ${upload.message}`
    : photo.retake ? 'Take this photo again: the greeter asked for a new one.'
    : photo.uploaded || upload.state === 'done' ? 'Uploaded ✓'
    : 'Not taken yet';
  const tone = upload.state === 'failed' || photo.retake ? 'retake' : photo.uploaded ? 'taken' : 'waiting';

  return (
    <li className={`phone-photo photo-${tone}`}>
      <label htmlFor={inputId} className="phone-photo-label">{photo.label}</label>
      <p id={statusId} className={`photo-state photo-state-${tone}`} role={upload.state === 'failed' ? 'alert' : 'status'}>{status}</p>
      {upload.state === 'sending' ? <progress max={1} value={upload.share} aria-label={`Uploading: ${photo.label}`} /> : null}
      <input
        id={inputId}
        className="phone-photo-input"
        type="file"
        accept="image/*"
        capture={photo.kind === 'headshot' ? 'user' : 'environment'}
        aria-describedby={statusId}
        onChange={(event) => void send(event)}
      />
    </li>
  );
}
