import { Button } from 'react-aria-components';
import type { z } from 'zod';
import { DecisionResult, type CheckInReview } from '../../../contracts/checkin.ts';
import { api, messageOf } from '../../lib/api.ts';
import { useSubmit } from '../../lib/use-submit.ts';

type Review = z.infer<typeof CheckInReview>;

/** Approve in one press: the candidate then records the room scan (when the policy asks for one) and starts. */
export function ApproveButton({ review, onDecided }: { review: Review; onDecided: (message: string) => void }) {
  const submit = useSubmit();
  return (
    <>
      <Button
        className="button button-primary"
        data-pending={submit.pending || undefined}
        onPress={async () => {
          const result = await submit.run(() =>
            api(`/greeter/checkins/${encodeURIComponent(review.id)}/decision`, { method: 'POST', body: { decision: 'approve' }, schema: DecisionResult }),
          );
          if (!result.ok) return;
          onDecided(result.value.status === 'completed'
            ? `Approved: ${review.candidateLegalName} may start ${review.examCode}.`
            : `Approved: ${review.candidateLegalName} records the room scan next, then starts ${review.examCode}.`);
        }}
      >
        Approve
      </Button>
      {submit.error ? <p className="field-error" role="alert">{messageOf(submit.error)}</p> : null}
    </>
  );
}
