import { useNavigate } from 'react-router';
import { Button } from 'react-aria-components';
import { AttemptResponse } from '../../contracts/delivery.ts';
import { api, messageOf } from '../lib/api.ts';
import { useSubmit } from '../lib/use-submit.ts';
import { Alert } from '../ui/Alert.tsx';

/** On a booked appointment: "Start exam". The server opens the attempt once a proctor has authorised the launch,
 * and otherwise says why not, which is shown as it is. */
export function StartAppointmentExam({ appointmentId }: { appointmentId: string }) {
  const navigate = useNavigate();
  const submission = useSubmit();

  async function start() {
    const result = await submission.run(() =>
      api(`/appointments/${encodeURIComponent(appointmentId)}/attempt`, { method: 'POST', schema: AttemptResponse }),
    );
    if (result.ok) navigate(`/attempts/${result.value.attempt.id}`);
  }

  return (
    <section className="card" aria-labelledby="take-exam-heading">
      <h2 id="take-exam-heading">Take the exam</h2>
      <p>On the day, after your proctor has checked you in, start the exam here.</p>
      {submission.error ? (
        <Alert tone="warning" title="The exam cannot start yet.">
          <p>{messageOf(submission.error)}</p>
        </Alert>
      ) : null}
      <Button className="button button-primary" onPress={() => void start()} data-pending={submission.pending || undefined}>
        Start exam
      </Button>
    </section>
  );
}
