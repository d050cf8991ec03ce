import { useEffect, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import type { z } from 'zod';
import { CheckInReviewResponse, type CheckInReview } from '../../../contracts/checkin.ts';
import { api, messageOf } from '../../lib/api.ts';
import { timeZoneLabel } from '../../lib/format.ts';
import { useSession } from '../../lib/session.tsx';
import { useSubmit } from '../../lib/use-submit.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { CheckInReviewPanel } from './CheckInReviewPanel.tsx';
import { GreeterQueueTable } from './GreeterQueueTable.tsx';
import { HelpRequests } from './HelpRequests.tsx';
import { useGreeterQueue } from './use-greeter-queue.ts';

type Review = z.infer<typeof CheckInReview>;

/** Fresh photo links are fetched at most this often, so a photo that never loads cannot cause a request loop. */
const refreshPhotosEveryMs = 30_000;

/**
 * `/proctor/checkins`: the greeter console. The queue of submitted check-ins with their waiting times; "Review
 * next" takes the longest-waiting one (exclusively) and shows it; a decision leads back to the queue.
 */
export function CheckinsPage() {
  const { user } = useSession();
  const zone = user?.timeZone ?? 'UTC';
  const queue = useGreeterQueue();
  const claim = useSubmit();
  const [review, setReview] = useState<Review | null>(null);
  const [outcome, setOutcome] = useState<{ tone: 'success' | 'info'; text: string } | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusQueue = useRef(false);
  const photosRefreshedAt = useRef(0);

  // Back from a review: the review's buttons are gone, so focus goes to the queue heading, under which the
  // outcome is shown.
  useEffect(() => {
    if (review || !focusQueue.current) return;
    focusQueue.current = false;
    headingRef.current?.focus();
  }, [review]);

  async function reviewNext() {
    const result = await claim.run(() => api('/greeter/claim', { method: 'POST', schema: CheckInReviewResponse }));
    if (!result.ok) return;
    if (result.value.review) {
      setOutcome(null);
      setReview(result.value.review);
    } else {
      setOutcome({ tone: 'info', text: 'Nobody is waiting. New check-ins appear in the queue as they arrive.' });
      queue.reload();
    }
  }

  async function refreshPhotos() {
    const now = performance.now();
    if (now - photosRefreshedAt.current < refreshPhotosEveryMs) return;
    photosRefreshedAt.current = now;
    // Claiming again returns the check-in this greeter already holds, with new links.
    const result = await claim.run(() => api('/greeter/claim', { method: 'POST', schema: CheckInReviewResponse }));
    if (result.ok && result.value.review?.id === review?.id) setReview(result.value.review);
  }

  function decided(message: string) {
    setOutcome({ tone: 'success', text: message });
    focusQueue.current = true;
    setReview(null);
    queue.reload();
  }

  const entries = queue.queue?.entries;
  return (
    <section className="page">
      <PageTitle>Check-ins</PageTitle>
      {review ? (
        <CheckInReviewPanel review={review} zone={zone} onDecided={decided} onPhotosExpired={() => void refreshPhotos()} />
      ) : (
        <>
          <p>
            Candidates who sent their check-in photos, longest-waiting first. Aim to start each review within five minutes.
            Times are in your time zone, <strong>{timeZoneLabel(zone)}</strong>.
          </p>
          <div className="greeter-queue-header">
            <h2 ref={headingRef} tabIndex={-1} className="results-heading">Queue</h2>
            <Button className="button button-primary" data-pending={claim.pending || undefined} onPress={() => void reviewNext()}>
              Review next
            </Button>
          </div>
          {outcome ? <Alert tone={outcome.tone} title={outcome.text} /> : null}
          {queue.queue ? (
            <HelpRequests requests={queue.queue.helpRequests} zone={zone} onAnswered={(text) => { setOutcome({ tone: 'success', text }); queue.reload(); }} />
          ) : null}
          {claim.error ? <Alert tone="error" title="We could not take the next check-in."><p>{messageOf(claim.error)}</p></Alert> : null}
          {queue.error ? <Alert tone="error" title="We could not refresh the queue."><p>{messageOf(queue.error)}</p></Alert> : null}
          {!queue.queue ? (
            queue.error ? null : <Loading what="Loading the queue" />
          ) : (
            <>
              <p className="result-count">
                {entries!.length === 0 ? 'Nobody is waiting.' : entries!.length === 1 ? '1 candidate waiting.' : `${entries!.length} candidates waiting.`}{' '}
                {queue.queue.inReview === 1 ? '1 check-in is being reviewed.' : `${queue.queue.inReview} check-ins are being reviewed.`}
              </p>
              {entries!.length > 0 ? <GreeterQueueTable queue={queue.queue} receivedAt={queue.receivedAt} zone={zone} /> : null}
            </>
          )}
        </>
      )}
    </section>
  );
}
