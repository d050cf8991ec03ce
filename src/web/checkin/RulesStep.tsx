import { Button } from 'react-aria-components';
import { CheckInResponse, type CheckIn } from '../../contracts/checkin.ts';
import { api, messageOf } from '../lib/api.ts';
import { useSubmit } from '../lib/use-submit.ts';
import { Alert } from '../ui/Alert.tsx';
import { stepNumber } from './CheckInProgress.tsx';
import { StepHeading } from './StepHeading.tsx';

/** Step 1: the exam's rules (from its policy) and "I accept these rules". */
export function RulesStep({ checkIn, onChange, focus }: { checkIn: CheckIn; onChange: (next: CheckIn) => void; focus: boolean }) {
  const submission = useSubmit();

  async function accept() {
    const result = await submission.run(() => api(`/checkins/${checkIn.id}/rules`, { method: 'POST', schema: CheckInResponse }));
    if (result.ok) onChange(result.value.checkIn);
  }

  return (
    <section className="card checkin-step" aria-labelledby="rules-heading">
      <StepHeading id="rules-heading" focus={focus}>{stepNumber(checkIn, 'rules')}: The rules of this exam</StepHeading>
      <p>Read the rules. Breaking them can end your exam.</p>
      {checkIn.rules.map((section) => (
        <section key={section.heading} className="checkin-rules">
          <h3>{section.heading}</h3>
          <ul>
            {section.rules.map((rule) => <li key={rule}>{rule}</li>)}
          </ul>
        </section>
      ))}
      {submission.error ? <Alert tone="error" title="Your answer was not saved."><p>{messageOf(submission.error)}</p></Alert> : null}
      <Button className="button button-primary" onPress={() => void accept()} data-pending={submission.pending || undefined}>
        I accept these rules
      </Button>
    </section>
  );
}
