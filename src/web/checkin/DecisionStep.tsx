import { Link, useNavigate } from 'react-router';
import { Button } from 'react-aria-components';
import type { CheckIn } from '../../contracts/checkin.ts';
import { AttemptResponse } from '../../contracts/delivery.ts';
import { api, messageOf } from '../lib/api.ts';
import { useSubmit } from '../lib/use-submit.ts';
import { Alert } from '../ui/Alert.tsx';
import { StepHeading } from './StepHeading.tsx';

/** The end of check-in: complete (start the exam from here), rejected (with the reason), or the check-in expired. */
export function DecisionStep({ checkIn, focus }: { checkIn: CheckIn; focus: boolean }) {
  const appointment = `/appointments/${checkIn.appointmentId}`;
  if (checkIn.status === 'rejected') {
    return (
      <section className="card checkin-step" aria-labelledby="decision-heading">
        <StepHeading id="decision-heading" focus={focus}>Your check-in was not accepted</StepHeading>
        <Alert tone="error" title="The greeter could not accept your check-in.">
          {checkIn.decisionReason ? <p>Reason: {checkIn.decisionReason}</p> : null}
        </Alert>
        <p>You cannot take this exam in this appointment. Contact support if you think this is a mistake.</p>
        <p><Link to={appointment}>Back to your appointment</Link></p>
      </section>
    );
  }
  if (checkIn.status === 'expired') {
    return (
      <section className="card checkin-step" aria-labelledby="decision-heading">
        <StepHeading id="decision-heading" focus={focus}>Check-in has closed</StepHeading>
        <Alert tone="error" title="This check-in was not finished in time." />
        <p><Link to={appointment}>Back to your appointment</Link></p>
      </section>
    );
  }
  if (checkIn.canLaunch) return <CheckInComplete checkIn={checkIn} focus={focus} />;
  return (
    <section className="card checkin-step" aria-labelledby="decision-heading">
      <StepHeading id="decision-heading" focus={focus}>Approved — you can start your exam</StepHeading>
      <Alert tone="success" title="Your check-in is approved." />
      <p><Link to={appointment}>Go to your appointment to start the exam</Link></p>
    </section>
  );
}

/** Check-in done: "Start exam" opens the attempt (as the appointment page's button does) and goes to the exam. */
function CheckInComplete({ checkIn, focus }: { checkIn: CheckIn; focus: boolean }) {
  const navigate = useNavigate();
  const submission = useSubmit();

  async function launch() {
    const result = await submission.run(() =>
      api(`/appointments/${encodeURIComponent(checkIn.appointmentId)}/attempt`, { method: 'POST', schema: AttemptResponse }),
    );
    if (result.ok) navigate(`/attempts/${result.value.attempt.id}`);
  }

  return (
    <section className="card checkin-step" aria-labelledby="decision-heading">
      <StepHeading id="decision-heading" focus={focus}>Check-in complete — start your exam</StepHeading>
      <Alert tone="success" title={checkIn.roomScan.required ? 'Your photos are approved and your room scan is saved.' : 'Your check-in is approved.'} />
      <p>Start when you are ready, and stay at your desk from now on.</p>
      {submission.error ? (
        <Alert tone="warning" title="The exam cannot start yet."><p>{messageOf(submission.error)}</p></Alert>
      ) : null}
      <div className="actions">
        <Button className="button button-primary" onPress={() => void launch()} data-pending={submission.pending || undefined}>Start exam</Button>
      </div>
    </section>
  );
}
