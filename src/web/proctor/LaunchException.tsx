import { useState } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import type { z } from 'zod';
import { launchExceptionReasonCodes, launchExceptionReasons } from '../../core/delivery/launch-exception.ts';
import { LaunchExceptionResponse, type StaffAppointment } from '../../contracts/delivery.ts';
import { api, messageOf } from '../lib/api.ts';
import { formatDateTime } from '../lib/format.ts';
import { useSubmit } from '../lib/use-submit.ts';
import { FormError } from '../ui/FormError.tsx';
import { SelectField, TextInputField } from '../ui/FormField.tsx';
import { SubmitForm } from '../ui/SubmitForm.tsx';

type Row = z.infer<typeof StaffAppointment>;
type Exception = NonNullable<Row['launchException']>;

const reasonOptions = launchExceptionReasonCodes.map((id) => ({ id, label: launchExceptionReasons[id] }));

/** Who asked for an exception, why, and (once approved) who approved it. */
export function ExceptionSummary({ exception, zone }: { exception: Exception; zone: string }) {
  return (
    <p className="muted">
      Exception: {exception.reason}. “{exception.note}” Requested by {exception.requestedBy.name}, {formatDateTime(exception.requestedAt, zone)}
      {exception.approvedBy && exception.approvedAt ? <>; approved by {exception.approvedBy.name}, {formatDateTime(exception.approvedAt, zone)}</> : null}.
    </p>
  );
}

/**
 * "Request an exception": for a candidate who cannot complete the usual check-in, a reason from the fixed list and a
 * note saying what was checked. Nothing is authorised until a second staff member approves.
 */
export function RequestExceptionDialog({ row, onDone }: { row: Row; onDone: (message: string) => void }) {
  const submit = useSubmit();
  const [reasonCode, setReasonCode] = useState<string | null>(null);
  const [note, setNote] = useState('');
  return (
    <DialogTrigger>
      <Button className="button">Request an exception<span className="visually-hidden"> for {row.candidateName}, {row.examCode}</span></Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <>
                <Heading slot="title" level={2} className="dialog-title">Launch exception for {row.candidateName}</Heading>
                <p>
                  {row.candidateName} would start {row.examCode} without the usual check-in. A second staff member must approve
                  the exception before the exam can start; both of you are named in the audit log and on the session timeline.
                </p>
                <FormError error={submit.error} title="We could not request the exception." />
                <SubmitForm
                  submission={submit}
                  onSubmit={async () => {
                    const result = await submit.run(() => api(`/appointments/${encodeURIComponent(row.id)}/launch-exceptions`, {
                      method: 'POST', body: { reasonCode, note }, schema: LaunchExceptionResponse,
                    }));
                    if (!result.ok) return;
                    close();
                    onDone(`Exception requested for ${row.candidateName}: a second staff member approves it next.`);
                  }}
                >
                  <SelectField label="Reason" name="reasonCode" options={reasonOptions} value={reasonCode} onChange={setReasonCode} placeholder="Choose a reason" />
                  <TextInputField label="Note" name="note" multiline value={note} onChange={setNote} minLength={3} maxLength={1000}
                    description="What you checked and how (for example: photo ID shown on a video call, room shown on camera)." />
                  <div className="dialog-actions">
                    <Button className="button" onPress={close}>Cancel</Button>
                    <Button type="submit" className="button button-primary" data-pending={submit.pending || undefined}>Request exception</Button>
                  </div>
                </SubmitForm>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

/** "Approve exception": a second staff member's approval, which authorises the launch. */
export function ApproveExceptionButton({ row, exception, onDone }: { row: Row; exception: Exception; onDone: (message: string) => void }) {
  const submit = useSubmit();
  return (
    <>
      <Button
        className="button button-primary"
        data-pending={submit.pending || undefined}
        onPress={async () => {
          const result = await submit.run(() => api(`/launch-exceptions/${encodeURIComponent(exception.id)}/approval`, { method: 'POST', schema: LaunchExceptionResponse }));
          if (result.ok) onDone(`Exception approved: ${row.candidateName} can start ${row.examCode}.`);
        }}
      >
        Approve exception<span className="visually-hidden"> for {row.candidateName}, {row.examCode}</span>
      </Button>
      {submit.error ? <p className="field-error" role="alert">{messageOf(submit.error)}</p> : null}
    </>
  );
}
