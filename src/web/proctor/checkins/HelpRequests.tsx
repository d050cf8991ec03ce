import { useState } from 'react';
import { Button, Form } from 'react-aria-components';
import type { z } from 'zod';
import type { HelpRequest } from '../../../contracts/checkin.ts';
import { api, messageOf } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useSubmit } from '../../lib/use-submit.ts';
import { TextInputField } from '../../ui/FormField.tsx';

type Request = z.infer<typeof HelpRequest>;

const statusWords: Record<string, string> = {
  in_progress: 'taking photos', submitted: 'in the queue', in_review: 'being reviewed', approved: 'approved, before the room scan',
  retake_requested: 'retaking photos', room_scan: 'recording the room scan',
};

/** One request: who, where they are in check-in, what they wrote, and a short answer the candidate reads live. */
function HelpRequestItem({ request, zone, onAnswered }: { request: Request; zone: string; onAnswered: () => void }) {
  const [reply, setReply] = useState('');
  const submit = useSubmit();
  const id = `help-${request.id}`;
  return (
    <li className="help-request" aria-labelledby={id}>
      <p id={id}>
        <strong>{request.candidateName}</strong> ({request.candidateEmail}), <span className="exam-code">{request.examCode}</span>{' '}
        starting {formatDateTime(request.startsAt, zone)}; {statusWords[request.status] ?? request.status}. Asked {formatDateTime(request.requestedAt, zone)}:
      </p>
      <blockquote className="help-message">{request.message}</blockquote>
      <Form
        className="help-reply"
        onSubmit={async (e) => {
          e.preventDefault();
          const result = await submit.run(() => api(`/greeter/checkins/${encodeURIComponent(request.id)}/help-reply`, { method: 'POST', body: { reply } }));
          if (result.ok) onAnswered();
        }}
      >
        <TextInputField label={`Answer to ${request.candidateName}`} name="reply" multiline value={reply} onChange={setReply} minLength={2} maxLength={500} />
        <Button type="submit" className="button" data-pending={submit.pending || undefined}>Send answer</Button>
        {submit.error ? <p className="field-error" role="alert">{messageOf(submit.error)}</p> : null}
      </Form>
    </li>
  );
}

/** Candidates who asked for help during check-in, oldest first, each with an answer box. */
export function HelpRequests({ requests, zone, onAnswered }: { requests: Request[]; zone: string; onAnswered: (message: string) => void }) {
  if (requests.length === 0) return null;
  return (
    <section className="card help-requests" aria-labelledby="help-requests-heading">
      <h2 id="help-requests-heading">Asking for help ({requests.length})</h2>
      <ul className="plain-list">
        {requests.map((r) => (
          <HelpRequestItem key={r.id} request={r} zone={zone} onAnswered={() => onAnswered(`Answer sent to ${r.candidateName}.`)} />
        ))}
      </ul>
    </section>
  );
}
