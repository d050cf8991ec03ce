import { Link, useNavigate } from 'react-router';
import { Button } from 'react-aria-components';
import { AttemptResponse } from '../../contracts/delivery.ts';
import { api, messageOf } from '../lib/api.ts';
import { loginPathFor } from '../lib/next-path.ts';
import { useSession } from '../lib/session.tsx';
import { useSubmit } from '../lib/use-submit.ts';
import { Alert } from '../ui/Alert.tsx';

/** On a practice exam's page: "Start practice test" (creates an unproctored attempt and opens it); signed-out
 * visitors are asked to log in or sign up first. */
export function StartPracticeButton({ examCode }: { examCode: string }) {
  const { user } = useSession();
  const navigate = useNavigate();
  const submission = useSubmit();
  const here = `/exams/${encodeURIComponent(examCode)}`;

  if (!user) {
    return (
      <>
        <p><Link className="button button-primary" to={loginPathFor(here)}>Log in to start the practice test</Link></p>
        <p className="muted">No account yet? <Link to="/signup">Sign up</Link>; it is free.</p>
      </>
    );
  }

  async function start() {
    const result = await submission.run(() =>
      api(`/exams/${encodeURIComponent(examCode)}/practice-attempts`, { method: 'POST', schema: AttemptResponse }),
    );
    if (result.ok) navigate(`/attempts/${result.value.attempt.id}`);
  }

  return (
    <>
      {submission.error ? (
        <Alert tone="error" title="The practice test did not open.">
          <p>{messageOf(submission.error)}</p>
        </Alert>
      ) : null}
      <Button className="button button-primary" onPress={() => void start()} data-pending={submission.pending || undefined}>
        Start practice test
      </Button>
    </>
  );
}
