import { Button } from 'react-aria-components';
import type { Attempt } from '../../contracts/delivery.ts';
import { DialogButton } from '../ui/deferred.tsx';
import type { DisplaySettings } from './display-settings.ts';
import { DisplayMenu } from './DisplayMenu.tsx';
import { ExamTimer } from './ExamTimer.tsx';
import { HelpDialog } from './HelpDialog.tsx';
import { runnerDialogs } from './runner-dialogs-loader.ts';
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
    <DialogButton
      loader={runnerDialogs}
      className="button button-small runner-tool"
      render={({ BreakModal }, close) => <BreakModal breaks={breaks} onBreak={onBreak} problem={problem} onClose={close} />}
    >
      Take a break
    </DialogButton>
  );
}
