import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import type { Attempt } from '../../contracts/delivery.ts';
import type { DisplaySettings } from './display-settings.ts';
import { DisplayMenu } from './DisplayMenu.tsx';
import { ExamTimer } from './ExamTimer.tsx';
import { HelpDialog } from './HelpDialog.tsx';
import type { SaveState } from './journal.ts';
import { SaveStatus } from './SaveStatus.tsx';
import type { ClockSnapshot } from './use-exam-clock.ts';

/** The bar above the exam: the exam's name, time left, save status, and the tools (notepad, display, help). */
export function RunnerBar({ attempt, clock, saveState, settings, onSettingsChange, notepadOpen, onNotepad, onTimeUp, covered, onBreak, breakProblem }: {
  attempt: Attempt;
  clock: ClockSnapshot;
  saveState: SaveState;
  settings: DisplaySettings;
  onSettingsChange: (change: Partial<DisplaySettings>) => void;
  notepadOpen: boolean;
  onNotepad: () => void;
  onTimeUp: (up: boolean) => void;
  /** The exam is hidden (paused, time up): the notepad cannot open. */
  covered: boolean;
  /** Starts a break (only offered while breaks are left and the exam runs). */
  onBreak?: (() => void) | undefined;
  breakProblem?: string | null;
}) {
  return (
    <header className="runner-bar">
      <p className="runner-exam">
        <span className="exam-code">{attempt.examCode}</span> <span className="runner-exam-title">{attempt.examTitle}</span>
        {attempt.practice ? <span className="tag">Practice</span> : null}
      </p>
      <ExamTimer clock={clock} attemptId={attempt.id} onTimeUp={onTimeUp} />
      <SaveStatus state={saveState} />
      <div className="runner-tools">
        {covered ? null : (
          <Button id="runner-notepad-toggle" className="button button-small runner-tool" onPress={onNotepad} aria-expanded={notepadOpen} aria-controls={notepadOpen ? 'runner-notepad' : undefined}>
            Notepad
          </Button>
        )}
        {onBreak && !covered && attempt.breaks ? <BreakButton breaks={attempt.breaks} onBreak={onBreak} problem={breakProblem ?? null} /> : null}
        <DisplayMenu settings={settings} onChange={onSettingsChange} />
        <HelpDialog singleKeys={settings.singleKeys} onSingleKeysChange={(singleKeys) => onSettingsChange({ singleKeys })} />
      </div>
    </header>
  );
}

/** "Take a break": says what a break means under this exam's rules before it starts. */
function BreakButton({ breaks, onBreak, problem }: { breaks: NonNullable<Attempt['breaks']>; onBreak: () => void; problem: string | null }) {
  return (
    <DialogTrigger>
      <Button className="button button-small runner-tool">Take a break</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
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
    </DialogTrigger>
  );
}
