import { useState } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import type { z } from 'zod';
import type { CheckInReview } from '../../../contracts/checkin.ts';
import { api } from '../../lib/api.ts';
import { useSubmit } from '../../lib/use-submit.ts';
import { CheckboxesField } from '../../scheduling/CheckboxesField.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { TextInputField } from '../../ui/FormField.tsx';
import { SubmitForm } from '../../ui/SubmitForm.tsx';
import { greeterPhotoLabels } from './greeter-text.ts';

type Review = z.infer<typeof CheckInReview>;

/** "Ask for a retake": the greeter picks the photos to take again and writes the reason the candidate reads. */
export function RetakeDialog({ review, onDecided }: { review: Review; onDecided: (message: string) => void }) {
  const submit = useSubmit();
  const [photos, setPhotos] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const options = review.photos.map((p) => ({ id: p.kind, label: greeterPhotoLabels[p.kind] }));

  return (
    <DialogTrigger>
      <Button className="button">Ask for a retake</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal modal-wide greeter-dialog">
          <Dialog className="dialog">
            {({ close }) => (
              <>
                <Heading slot="title" level={2} className="dialog-title">Ask for a retake</Heading>
                <p>{review.candidateLegalName} takes the chosen photos again and sends the check-in back to the queue.</p>
                <FormError error={submit.error} title="We could not ask for the retake." />
                <SubmitForm
                  submission={submit}
                  onSubmit={async () => {
                    const result = await submit.run(() =>
                      api(`/greeter/checkins/${encodeURIComponent(review.id)}/decision`, { method: 'POST', body: { decision: 'retake', photos, reason } }),
                    );
                    if (!result.ok) return;
                    close();
                    const count = photos.length === 1 ? '1 photo' : `${photos.length} photos`;
                    onDecided(`Asked ${review.candidateLegalName} to take ${count} again.`);
                  }}
                >
                  <CheckboxesField
                    label="Photos to take again"
                    name="photos"
                    options={options}
                    value={photos}
                    onChange={setPhotos}
                    emptyMessage="Choose at least one photo."
                  />
                  <TextInputField
                    label="Reason the candidate will see"
                    description="Say what to change, for example: “The left side of the desk is not in the picture.”"
                    name="reason"
                    multiline
                    value={reason}
                    onChange={setReason}
                    minLength={3}
                    maxLength={500}
                  />
                  <div className="dialog-actions">
                    <Button className="button" onPress={close}>Cancel</Button>
                    <Button type="submit" className="button button-primary" data-pending={submit.pending || undefined}>
                      Ask for retake
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
