import { useState } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import type { z } from 'zod';
import { AccommodationResponse, type Accommodation } from '../../../contracts/booking.ts';
import { api } from '../../lib/api.ts';
import { useSubmit } from '../../lib/use-submit.ts';
import { FormError } from '../../ui/FormError.tsx';
import { TextInputField } from '../../ui/FormField.tsx';
import { SubmitForm } from '../../ui/SubmitForm.tsx';
import { accommodationKindLabel } from './accommodation-text.ts';

type Row = z.infer<typeof Accommodation>;

/** A Decline button that asks for the reason (sent to the candidate) in a dialog. */
export function DeclineAccommodationDialog({ accommodation, onDecided }: { accommodation: Row; onDecided: (row: Row) => void }) {
  const submit = useSubmit();
  const [reason, setReason] = useState('');

  return (
    <DialogTrigger>
      <Button className="button button-danger" aria-label={`Decline the request of ${accommodation.candidateName}`}>
        Decline
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <>
                <Heading slot="title" level={2} className="dialog-title">Decline this request?</Heading>
                <p>
                  {accommodation.candidateName} asked for {accommodationKindLabel(accommodation).toLowerCase()}. Say why
                  it is declined: the candidate reads this.
                </p>
                <FormError error={submit.error} title="We could not decline the request." />
                <SubmitForm
                  submission={submit}
                  onSubmit={async () => {
                    const result = await submit.run(() =>
                      api(`/admin/accommodations/${encodeURIComponent(accommodation.id)}/decision`, {
                        method: 'POST',
                        body: { decision: 'decline', reason },
                        schema: AccommodationResponse,
                      }),
                    );
                    if (!result.ok) return;
                    close();
                    onDecided(result.value.accommodation);
                  }}
                >
                  <TextInputField label="Reason" name="reason" multiline value={reason} onChange={setReason} minLength={3} maxLength={1000} autoFocus />
                  <div className="dialog-actions">
                    <Button className="button" onPress={close}>Cancel</Button>
                    <Button type="submit" className="button button-danger" data-pending={submit.pending || undefined}>
                      Decline request
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
