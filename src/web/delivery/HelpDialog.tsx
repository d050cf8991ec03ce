import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay, Switch } from 'react-aria-components';
import { ShortcutList } from './ShortcutList.tsx';

/** "Help": the keyboard shortcuts, how strike-out and the notepad work, and the switch that turns single-key
 * shortcuts off (WCAG 2.1.4, for speech input users whose dictated letters would otherwise choose options). */
export function HelpDialog({ singleKeys, onSingleKeysChange }: { singleKeys: boolean; onSingleKeysChange: (on: boolean) => void }) {
  return (
    <DialogTrigger>
      <Button className="button button-small runner-tool">Help</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal modal-wide">
          <Dialog className="dialog">
            {({ close }) => (
              <>
                <Heading slot="title" level={2} className="dialog-title">Help and keyboard shortcuts</Heading>
                <div className="dialog-body">
                  <ShortcutList singleKeys={singleKeys} />
                  <Switch className="switch" isSelected={singleKeys} onChange={onSingleKeysChange}>
                    <span className="switch-track" aria-hidden="true"><span className="switch-thumb" /></span>
                    Single-key shortcuts (1–9, A–E)
                  </Switch>
                  <h3 className="help-heading">Strike out</h3>
                  <p>
                    The <strong>Strike</strong> button next to an option crosses it out, to mark it as wrong for yourself.
                    A crossed-out option cannot be chosen until you press Strike again. Striking out a chosen option
                    clears that choice.
                  </p>
                  <h3 className="help-heading">Notepad</h3>
                  <p>
                    The notepad is saved with your answers. Copy and paste work inside it; text from outside the exam
                    cannot be pasted, and nothing can be copied out.
                  </p>
                </div>
                <div className="dialog-actions">
                  <Button className="button" onPress={close} autoFocus>Close</Button>
                </div>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
