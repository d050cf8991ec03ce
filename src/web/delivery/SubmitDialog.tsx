import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "Submit exam" and its confirmation, which says how many questions are unanswered and flagged. "Keep working" has
 * the focus, so a stray Enter does not end the exam. */
export function SubmitDialog({ unanswered, flagged, onSubmit, pending }: { unanswered: number; flagged: number; onSubmit: () => void; pending: boolean }) {
  return (
    <DialogTrigger>
      <Button className="button button-primary" data-pending={pending || undefined}>
        Submit exam
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog" role="alertdialog">
            {({ close }) => (
              <>
                <Heading slot="title" level={2} className="dialog-title">Submit your exam?</Heading>
                <div className="dialog-body">
                  <p>
                    <strong>
                      {unanswered === 0
                        ? 'You have answered every question.'
                        : `You have ${plural(unanswered, 'unanswered question', 'unanswered questions')}.`}
                    </strong>
                    {flagged > 0 ? ` ${plural(flagged, 'question is', 'questions are')} flagged for review.` : ''}
                  </p>
                  <p>After you submit, you cannot change your answers.</p>
                </div>
                <div className="dialog-actions">
                  <Button className="button" onPress={close} autoFocus>Keep working</Button>
                  <Button
                    className="button button-primary"
                    onPress={() => {
                      close();
                      onSubmit();
                    }}
                  >
                    Submit exam
                  </Button>
                </div>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
