import { useState } from 'react';
import { Button, Disclosure, DisclosurePanel, Form, Heading } from 'react-aria-components';
import { CheckInResponse, type CheckIn } from '../../contracts/checkin.ts';
import { api, messageOf } from '../lib/api.ts';
import { formatTime } from '../lib/format.ts';
import { useSubmit } from '../lib/use-submit.ts';
import { TextInputField } from '../ui/FormField.tsx';

/**
 * "Need help?": the candidate writes what is wrong; the greeters see it at once and their answer appears here
 * (live, with the rest of the check-in). Shown on every step of an open check-in.
 */
export function HelpBox({ checkIn, timeZone, onChange }: { checkIn: CheckIn; timeZone: string | undefined; onChange: (next: CheckIn) => void }) {
  const [message, setMessage] = useState('');
  const [open, setOpen] = useState(false);
  const submit = useSubmit();
  const help = checkIn.help;
  const waiting = help !== null && help.reply === null;
  return (
    <section className="card checkin-help" aria-labelledby="help-heading">
      <h2 id="help-heading">Need help?</h2>
      {help ? (
        <div role="status">
          <p>You asked at {formatTime(help.requestedAt, timeZone)}: “{help.message}”</p>
          {help.reply ? (
            <p className="help-answer"><strong>A greeter answered</strong> at {formatTime(help.repliedAt!, timeZone)}: {help.reply}</p>
          ) : (
            <p>A greeter will answer here; keep this page open.</p>
          )}
        </div>
      ) : (
        <p>If a photo will not upload, the camera does not work or nothing happens, tell the greeters. They answer on this page.</p>
      )}
      <Disclosure className="help-disclosure" isExpanded={open} onExpandedChange={setOpen}>
        <Heading level={3} className="disclosure-heading">
          <Button slot="trigger" className="button">{help ? (waiting ? 'Add to your question' : 'Ask again') : 'Ask the greeters for help'}</Button>
        </Heading>
        <DisclosurePanel>
          <Form
            onSubmit={async (e) => {
              e.preventDefault();
              const result = await submit.run(() => api(`/checkins/${encodeURIComponent(checkIn.id)}/help`, { method: 'POST', body: { message }, schema: CheckInResponse }));
              if (!result.ok) return;
              setMessage('');
              setOpen(false);
              onChange(result.value.checkIn);
            }}
          >
            <TextInputField label="What is the problem?" name="message" multiline value={message} onChange={setMessage} minLength={3} maxLength={500} />
            <Button type="submit" className="button button-primary" data-pending={submit.pending || undefined}>Send to the greeters</Button>
            {submit.error ? <p className="field-error" role="alert">{messageOf(submit.error)}</p> : null}
          </Form>
        </DisclosurePanel>
      </Disclosure>
    </section>
  );
}
