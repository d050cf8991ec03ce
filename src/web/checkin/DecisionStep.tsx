import { Link } from 'react-router';
import type { CheckIn } from '../../contracts/checkin.ts';
import { Alert } from '../ui/Alert.tsx';
import { StepHeading } from './StepHeading.tsx';

/** The greeter's final answer: approved (on to the exam), rejected (with the reason), or the check-in expired. */
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
  return (
    <section className="card checkin-step" aria-labelledby="decision-heading">
      <StepHeading id="decision-heading" focus={focus}>Approved — you can start your exam</StepHeading>
      <Alert tone="success" title="Your check-in is approved." />
      <p><Link to={appointment}>Go to your appointment to start the exam</Link></p>
    </section>
  );
}
