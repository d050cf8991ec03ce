import type { RefObject } from 'react';
import { Button, Dialog, Heading, Label, Modal, ModalOverlay, Popover, Radio, RadioGroup, Switch } from 'react-aria-components';
import type { Attempt } from '../../contracts/delivery.ts';
import { colourSchemes, schemeLabels, zoomLevels, type ColourScheme, type DisplaySettings } from './display-settings.ts';
import { ShortcutList } from './ShortcutList.tsx';

/**
 * The exam runner's dialogs and popovers: a separate chunk, fetched once the runner is idle (see runner-dialogs-loader),
 * so the first question does not wait for the overlay code. Each is open while mounted; `onClose` unmounts it.
 */
interface Overlay {
  onClose: () => void;
}

const closer = (onClose: () => void) => (open: boolean) => {
  if (!open) onClose();
};

/** Zoom of the question area (100–200 %) and the colour scheme; changes apply at once. */
export function DisplayPopover({ settings, onChange, onClose, trigger }: Overlay & {
  settings: DisplaySettings;
  onChange: (change: Partial<DisplaySettings>) => void;
  trigger: RefObject<HTMLButtonElement | null>;
}) {
  return (
    <Popover className="popover display-popover" placement="bottom end" triggerRef={trigger} isOpen onOpenChange={closer(onClose)}>
      <Dialog className="dialog display-dialog">
        <Heading slot="title" level={2} className="dialog-title">Display</Heading>
        <RadioGroup className="segmented" orientation="horizontal" value={String(settings.zoom)} onChange={(value) => onChange({ zoom: Number(value) })}>
          <Label className="field-label">Zoom of the question</Label>
          <div className="segmented-options">
            {zoomLevels.map((level) => (
              <Radio key={level} value={String(level)} className="segment">
                {level} %
              </Radio>
            ))}
          </div>
        </RadioGroup>
        <RadioGroup className="segmented" orientation="horizontal" value={settings.scheme} onChange={(value) => onChange({ scheme: value as ColourScheme })}>
          <Label className="field-label">Colours</Label>
          <div className="segmented-options">
            {colourSchemes.map((scheme) => (
              <Radio key={scheme} value={scheme} className="segment">
                {schemeLabels[scheme]}
              </Radio>
            ))}
          </div>
        </RadioGroup>
      </Dialog>
    </Popover>
  );
}

/** The keyboard shortcuts, how strike-out and the notepad work, and the switch that turns single-key shortcuts off
 * (WCAG 2.1.4, for speech input users whose dictated letters would otherwise choose options). */
export function HelpModal({ singleKeys, onSingleKeysChange, onClose }: Overlay & { singleKeys: boolean; onSingleKeysChange: (on: boolean) => void }) {
  return (
    <ModalOverlay className="modal-overlay" isDismissable isOpen onOpenChange={closer(onClose)}>
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
  );
}

/** What a break means under this exam's rules, before it starts. */
export function BreakModal({ breaks, onBreak, problem, onClose }: Overlay & { breaks: NonNullable<Attempt['breaks']>; onBreak: () => void; problem: string | null }) {
  return (
    <ModalOverlay className="modal-overlay" isDismissable isOpen onOpenChange={closer(onClose)}>
      <Modal className="modal">
        <Dialog className="dialog">
          {({ close }) => (
            <>
              <Heading slot="title" level={2} className="dialog-title">Take a break?</Heading>
              <p>
                {breaks.stopsClock ? `Your exam clock stops for up to ${breaks.maxMinutes} minutes.` : 'Your exam time keeps counting during the break.'}{' '}
                {breaks.overrun === 'deduct' ? 'A longer break is taken from your exam time.' : 'After that, your proctor decides how you continue.'}{' '}
                {breaks.left === 1 ? 'This is your only break left.' : `You have ${breaks.left} breaks left.`}
              </p>
              <p>The questions are hidden during the break. You may leave the desk.</p>
              {breaks.locksAnswers ? <p><strong>The questions you have answered are locked when the break starts:</strong> you can read them afterwards, but not change them.</p> : null}
              {problem ? <p className="field-error" role="alert">{problem}</p> : null}
              <div className="dialog-actions">
                <Button className="button" onPress={close}>Not now</Button>
                <Button className="button button-primary" onPress={() => { close(); onBreak(); }}>Start the break</Button>
              </div>
            </>
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The confirmation before submitting: how many questions are unanswered and flagged. "Keep working" has the focus,
 * so a stray Enter does not end the exam. */
export function SubmitModal({ unanswered, flagged, onSubmit, onClose }: Overlay & { unanswered: number; flagged: number; onSubmit: () => void }) {
  return (
    <ModalOverlay className="modal-overlay" isDismissable isOpen onOpenChange={closer(onClose)}>
      <Modal className="modal">
        <Dialog className="dialog" role="alertdialog">
          {({ close }) => (
            <>
              <Heading slot="title" level={2} className="dialog-title">Submit your exam?</Heading>
              <div className="dialog-body">
                <p>
                  <strong>
                    {unanswered === 0 ? 'You have answered every question.' : `You have ${plural(unanswered, 'unanswered question', 'unanswered questions')}.`}
                  </strong>
                  {flagged > 0 ? ` ${plural(flagged, 'question is', 'questions are')} flagged for review.` : ''}
                </p>
                <p>After you submit, you cannot change your answers.</p>
              </div>
              <div className="dialog-actions">
                <Button className="button" onPress={close} autoFocus>Keep working</Button>
                <Button className="button button-primary" onPress={() => { close(); onSubmit(); }}>
                  Submit exam
                </Button>
              </div>
            </>
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
