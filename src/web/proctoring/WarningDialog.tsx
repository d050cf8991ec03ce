import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { AttemptClock } from '../../contracts/delivery.ts';
import type { AttemptProctoring } from '../../contracts/proctoring.ts';
import { api } from '../lib/api.ts';
import { useSubmit } from '../lib/use-submit.ts';
import { FormError } from '../ui/FormError.tsx';

/** A proctor's warning: shown until the candidate acknowledges it; the clock stands still meanwhile. */
export function WarningDialog({ attemptId, warning, onAcknowledged }: {
  attemptId: string;
  warning: NonNullable<AttemptProctoring['warning']>;
  onAcknowledged: (clock: AttemptClock) => void;
}) {
  const submit = useSubmit();
  return (
    <ModalOverlay className="modal-overlay" isOpen isDismissable={false} isKeyboardDismissDisabled>
      <Modal className="modal">
        <Dialog className="dialog" role="alertdialog">
          <Heading slot="title" level={2} className="dialog-title">A warning from your proctor</Heading>
          <p><strong>{warning.reason}</strong></p>
          {warning.note ? <p>{warning.note}</p> : null}
          <p>This warning is recorded on your exam's timeline. Your clock is stopped until you continue.</p>
          <FormError error={submit.error} title="We could not send your acknowledgement." />
          <div className="dialog-actions">
            <Button
              className="button button-primary"
              autoFocus
              onPress={async () => {
                const r = await submit.run(() => api(`/attempts/${attemptId}/acknowledge-warning`, { method: 'POST', schema: AttemptClock }));
                if (r.ok) onAcknowledged(r.value);
              }}
            >
              I understand, continue the exam
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
