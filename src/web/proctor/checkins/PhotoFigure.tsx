import type { z } from 'zod';
import type { CheckInPhoto } from '../../../contracts/checkin.ts';
import { greeterPhotoLabels, photoAlt } from './greeter-text.ts';

type Photo = z.infer<typeof CheckInPhoto>;

/** One check-in photo, large, captioned; `onExpired` runs when its short-lived link no longer loads. */
export function PhotoFigure({ photo, candidateName, onExpired }: { photo: Photo; candidateName: string; onExpired: () => void }) {
  return (
    <figure className="greeter-photo">
      {photo.url ? (
        <img src={photo.url} alt={photoAlt(photo.kind, candidateName)} onError={onExpired} />
      ) : (
        <p className="greeter-photo-missing">Not uploaded</p>
      )}
      <figcaption>{greeterPhotoLabels[photo.kind]}</figcaption>
    </figure>
  );
}
