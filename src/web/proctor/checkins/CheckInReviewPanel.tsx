import { useEffect, useRef } from 'react';
import type { z } from 'zod';
import type { CheckInReview } from '../../../contracts/checkin.ts';
import { formatDateTime } from '../../lib/format.ts';
import { ApproveButton } from './ApproveButton.tsx';
import { PhotoFigure } from './PhotoFigure.tsx';
import { RejectDialog } from './RejectDialog.tsx';
import { RetakeDialog } from './RetakeDialog.tsx';

type Review = z.infer<typeof CheckInReview>;

const identityKinds = new Set(['headshot', 'id_front', 'id_back']);

/**
 * One claimed check-in: headshot, ID and the profile's legal name side by side, then the room photos large, then
 * the decisions. Focus moves to its heading when it opens, so Approve is the next Tab stop.
 */
export function CheckInReviewPanel({ review, zone, onDecided, onPhotosExpired }: {
  review: Review;
  zone: string;
  onDecided: (message: string) => void;
  /** The signed photo links are short-lived: called when one no longer loads, to fetch fresh ones. */
  onPhotosExpired: () => void;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), [review.id]);
  const name = review.candidateLegalName;
  const identity = review.photos.filter((p) => identityKinds.has(p.kind));
  const room = review.photos.filter((p) => !identityKinds.has(p.kind));

  return (
    <section className="greeter-review" aria-labelledby="review-heading">
      <h2 id="review-heading" ref={headingRef} tabIndex={-1}>Check-in of {name}</h2>
      <p>
        <span className="exam-code">{review.examCode}</span> {review.examTitle}, starts {formatDateTime(review.startsAt, zone)}.
        Submitted {formatDateTime(review.submittedAt, zone)}.
      </p>
      <p>
        <strong>System test:</strong>{' '}
        {!review.systemTest
          ? 'never run.'
          : review.systemTest.countsForExam
            ? `passed ${formatDateTime(review.systemTest.createdAt, zone)}.`
            : review.systemTest.passed
              ? `passed ${formatDateTime(review.systemTest.createdAt, zone)}, but it had expired by the start.`
              : `failed ${formatDateTime(review.systemTest.createdAt, zone)}: ${review.systemTest.problems.filter((p) => p.status === 'fail').map((p) => p.detail).join('; ')}.`}
      </p>

      <h3>Identity</h3>
      <div className="greeter-identity">
        <div className="greeter-profile">
          <p className="greeter-profile-label">Legal name in the profile</p>
          <p className="greeter-legal-name">{name}</p>
          <p className="muted">{review.candidateEmail}</p>
        </div>
        {identity.map((photo) => (
          <PhotoFigure key={photo.kind} photo={photo} candidateName={name} onExpired={onPhotosExpired} />
        ))}
      </div>

      <h3>Room</h3>
      <div className="greeter-room">
        {room.map((photo) => (
          <PhotoFigure key={photo.kind} photo={photo} candidateName={name} onExpired={onPhotosExpired} />
        ))}
      </div>

      <div className="greeter-decisions" role="group" aria-label={`Decision on the check-in of ${name}`}>
        <ApproveButton review={review} onDecided={onDecided} />
        <RetakeDialog review={review} onDecided={onDecided} />
        <RejectDialog review={review} onDecided={onDecided} />
      </div>
    </section>
  );
}
