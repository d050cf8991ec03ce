import { useState } from 'react';
import { Button, Dialog, DialogTrigger, FieldError, Heading, Label, Modal, ModalOverlay, Radio, RadioGroup } from 'react-aria-components';
import type { z } from 'zod';
import type { CheckInReview } from '../../../contracts/checkin.ts';
import { api } from '../../lib/api.ts';
import { useSubmit } from '../../lib/use-submit.ts';
import { FormError } from '../../ui/FormError.tsx';
import { TextInputField } from '../../ui/FormField.tsx';
import { SubmitForm } from '../../ui/SubmitForm.tsx';

type Review = z.infer<typeof CheckInReview>;

const other = 'other';

/** "Reject": asks to confirm, with a reason from the policy's list or typed by the greeter (the candidate reads it). */
export function RejectDialog({ review, onDecided }: { review: Review; onDecided: (message: string) => void }) {
  const submit = useSubmit();
  const [choice, setChoice] = useState('');
  const [typed, setTyped] = useState('');
  const reason = choice === other ? typed : choice;

  return (
    <DialogTrigger>
      <Button className="button button-danger">Reject</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal modal-wide greeter-dialog">
          <Dialog className="dialog" role="alertdialog">
            {({ close }) => (
              <>
                <Heading slot="title" level={2} className="dialog-title">Reject this check-in?</Heading>
                <p>{review.candidateLegalName} cannot take {review.examCode} in this appointment. The candidate sees the reason.</p>
                <FormError error={submit.error} title="We could not reject the check-in." />
                <SubmitForm
                  submission={submit}
                  onSubmit={async () => {
                    const result = await submit.run(() =>
                      api(`/greeter/checkins/${encodeURIComponent(review.id)}/decision`, { method: 'POST', body: { decision: 'reject', reason } }),
                    );
                    if (!result.ok) return;
                    close();
                    onDecided(`Rejected the check-in of ${review.candidateLegalName}.`);
                  }}
                >
                  <RadioGroup className="field radio-group radio-group-vertical" name="choice" value={choice} onChange={setChoice} isRequired
                    validate={(v) => (v ? null : 'Choose a reason.')}>
                    <Label className="field-label">Reason</Label>
                    <div className="radio-options">
                      {[...review.rejectReasons, other].map((text) => (
                        <Radio key={text} value={text} className="radio">
                          <span className="radio-mark" aria-hidden="true" />
                          <span>{text === other ? 'Another reason (type it below)' : text}</span>
                        </Radio>
                      ))}
                    </div>
                    <FieldError className="field-error" />
                  </RadioGroup>
                  {choice === other ? (
                    <TextInputField label="Reason the candidate will see" name="reason" multiline value={typed} onChange={setTyped} minLength={3} maxLength={500} />
                  ) : null}
                  <div className="dialog-actions">
                    <Button className="button" onPress={close}>Cancel</Button>
                    <Button type="submit" className="button button-danger" data-pending={submit.pending || undefined}>
                      Reject check-in
                    </Button>
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
