import { useCallback } from 'react';
import { Button } from 'react-aria-components';
import { OwnMedia } from '../../contracts/results.ts';
import { photoLabels } from '../../core/checkin/required-photos.ts';
import { api } from '../lib/api.ts';
import { useOnRequest } from '../lib/use-on-request.ts';
import { kindLabels, stateText } from '../proctor/live/SessionRecordings.tsx';
import { Alert } from '../ui/Alert.tsx';

/** The candidate's right to see what was kept of their session: check-in photos and recordings, loaded on request. */
export function OwnMediaSection({ attemptId, mediaDays }: { attemptId: string; mediaDays: number | null }) {
  const fetchMedia = useCallback(() => api(`/results/${attemptId}/media`, { schema: OwnMedia }), [attemptId]);
  const { data: media, error, loading, load } = useOnRequest(fetchMedia);
  return (
    <section className="card" aria-labelledby="media-heading">
      <h2 id="media-heading">Your photos and recordings</h2>
      <p>
        The photos you took at check-in and the recordings of your exam are yours to see, as staff saw them
        {mediaDays ? `, until they are deleted ${mediaDays} days after the exam (an open appeal keeps them)` : ''}. Opening them is logged.
      </p>
      <Button className="button" onPress={() => void load()} data-pending={loading || undefined}>{media ? 'Reload them' : 'Show my photos and recordings'}</Button>
      {error ? <Alert tone="error" title="They could not be loaded."><p>{error}</p></Alert> : null}
      {media ? (
        <>
          <h3>Check-in photos</h3>
          {media.photos.length > 0 ? (
            <ul className="own-photos">
              {media.photos.map((p) => (
                <li key={p.kind}><figure><img src={p.url} alt={`Your check-in photo: ${photoLabels[p.kind]}`} /><figcaption>{photoLabels[p.kind]}</figcaption></figure></li>
              ))}
            </ul>
          ) : <p>{media.photosDeleted ? 'They were deleted after the retention period.' : 'No check-in photos were kept.'}</p>}
          <h3>Recordings</h3>
          {media.recordings.length > 0 ? (
            <ul className="recording-list">
              {media.recordings.map((r) => (
                <li key={r.id}>
                  <p><strong>{kindLabels[r.kind]}</strong>: {stateText(r)}</p>
                  {r.url ? <video controls preload="metadata" src={r.url} aria-label={`Your ${kindLabels[r.kind].toLowerCase()} recording`} /> : null}
                </li>
              ))}
            </ul>
          ) : <p>Nothing was recorded.</p>}
        </>
      ) : null}
    </section>
  );
}
