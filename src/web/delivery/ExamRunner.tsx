import { useCallback, useEffect, useRef, useState, type CSSProperties } from 'react';
import { AttemptClock as ClockSchema, AttemptResponse, type Attempt } from '../../contracts/delivery.ts';
import { api, ApiError, messageOf } from '../lib/api.ts';
import { useSubmit } from '../lib/use-submit.ts';
import { Alert } from '../ui/Alert.tsx';
import { Loading } from '../ui/Loading.tsx';
import { ChunkLoader, useChunk, useIdlePreload } from '../ui/deferred.tsx';
import { fullscreenPauseReason, isFinished } from './attempt-text.ts';
import type { DisplaySettings } from './display-settings.ts';
import { enterFullscreen } from './fullscreen.ts';
import type { Clock } from './lockdown.ts';
import { Notepad } from './Notepad.tsx';
import { PausedPanel, type CoverReason } from './PausedPanel.tsx';
import { QuestionPalette } from './QuestionPalette.tsx';
import { QuestionScreen } from './QuestionScreen.tsx';
import { ReviewScreen } from './ReviewScreen.tsx';
import { RunnerBar } from './RunnerBar.tsx';
import { answerKey, answerOf, flagKey, isFlagged, notesOf, optionLetter, optionsOf, positionOf, statusesOf, strikeKey, struckOf } from './runner-state.ts';
import { useExamClock } from './use-exam-clock.ts';
import { useAttemptJournal } from './use-journal.ts';
import { useLockdown } from './use-lockdown.ts';
import { useRunnerShortcuts } from './use-runner-shortcuts.ts';
import { ProctoringDock } from '../proctoring/ProctoringDock.tsx';
import { useCandidateProctoring } from '../proctoring/use-candidate-proctoring.ts';
import { RescanPanel } from '../proctoring/RescanPanel.tsx';
import { onScreenShareChange, requestScreenShare, screenShareProblems, sharedScreen, stopScreenShare } from '../proctoring/screen-share.ts';

// A proctor's warning dialog is rare: its code comes once the runner is idle (the clock stands still until the
// candidate acknowledges, so a late fetch costs no exam time).
const warningDialog = new ChunkLoader(() => import('../proctoring/WarningDialog.tsx').then((m) => m.WarningDialog));

const missingItemsPollMs = 2_000;
const pausedPollMs = 5_000;
const timeUpPollMs = 3_000;

/** The running exam: bar, one question (or the review), palette and notepad; covered by the paused panel when the
 * exam cannot go on. Everything the candidate changes goes through the journal; the clock comes from the server. */
export function ExamRunner({ attempt, settings, onSettingsChange, onRefresh }: {
  attempt: Attempt;
  settings: DisplaySettings;
  onSettingsChange: (change: Partial<DisplaySettings>) => void;
  /** The attempt changed on the server (finished, or resumed so its questions can be fetched): with the new attempt
   * when we have it, else the page loads it again. */
  onRefresh: (attempt?: Attempt) => void;
}) {
  const [clock, applyClockState] = useExamClock(attempt);
  // The newest server clock, readable right after an await (state only updates after the next render).
  const serverClock = useRef<Clock>(attempt);
  const applyClock = useCallback((next: Clock) => {
    if (Date.parse(next.serverNow) >= Date.parse(serverClock.current.serverNow)) serverClock.current = next;
    applyClockState(next);
  }, [applyClockState]);

  // The page reloaded the attempt (e.g. to see whether it finished): its clock is news too.
  useEffect(() => {
    applyClock(attempt);
  }, [attempt, applyClock]);

  const [problem, setProblem] = useState<string | null>(null);
  const refused = useCallback((error: unknown) => {
    if (error instanceof ApiError && error.code === 'AttemptFinished') return onRefresh();
    if (error instanceof ApiError && error.code === 'NotAuthenticated') {
      return setProblem('Your session ended. Your answers are kept on this device: log in again in this browser and open the exam to continue.');
    }
    setProblem(messageOf(error));
  }, [onRefresh]);

  const journal = useAttemptJournal(attempt, { onAck: applyClock, onRefused: refused });

  const [inFullscreen, setInFullscreen] = useState(() => document.fullscreenElement !== null);
  const reportedExit = useRef(false);
  const lockdown = useLockdown(attempt.id, attempt.requireFullscreen, {
    onClock: applyClock,
    onFullscreenChange: (now) => {
      setInFullscreen(now);
      // Leaving full screen was just recorded by the lockdown itself.
      reportedExit.current = !now && attempt.requireFullscreen;
    },
    onRefused: refused,
  });
  const needsFullscreen = attempt.requireFullscreen && !inFullscreen;

  // Opened without full screen (a reload, a new tab), or a proctor resumed while out of it: the server must pause.
  useEffect(() => {
    if (clock.status === 'paused') {
      reportedExit.current = false;
      return;
    }
    if (needsFullscreen && clock.status === 'in_progress' && !reportedExit.current) {
      reportedExit.current = true;
      lockdown.record('fullscreen_exit', 'the exam is open without full screen');
    }
  }, [needsFullscreen, clock.status, lockdown]);

  // The server sends questions only while the clock runs: after a pause ends, fetch them. A fetch can race with a
  // pause or resume on the server and come back without questions, so keep asking until they arrive.
  const itemCount = attempt.items.length;
  useEffect(() => {
    if (isFinished(clock.status)) {
      onRefresh();
      return;
    }
    if (clock.status !== 'in_progress' || itemCount > 0) return;
    onRefresh();
    const timer = window.setInterval(() => onRefresh(), missingItemsPollMs);
    return () => window.clearInterval(timer);
  }, [clock.status, itemCount, onRefresh]);

  const [timeUp, setTimeUp] = useState(false);
  const { heartbeat } = journal;

  // A proctored exam: the proctor's presence, warnings, chat, and the camera sent to the proctor.
  const proctoring = useCandidateProctoring(attempt.id, attempt.proctored && !attempt.practice && !isFinished(clock.status), {
    onChanged: heartbeat,
    onCamera: (lost) => lockdown.record(lost ? 'camera_lost' : 'camera_restored', lost ? 'the webcam stopped or was refused' : 'the webcam is back'),
  });
  useIdlePreload(warningDialog);
  const WarningDialog = useChunk(warningDialog, Boolean(proctoring.info?.warning), 3_000).value;
  // While paused or out of time, ask the server more often, so the exam continues (or ends) promptly.
  useEffect(() => {
    if (!timeUp && clock.status !== 'paused') return;
    heartbeat();
    const timer = window.setInterval(heartbeat, timeUp ? timeUpPollMs : pausedPollMs);
    return () => window.clearInterval(timer);
  }, [timeUp, clock.status, heartbeat]);

  const [returning, setReturning] = useState(false);
  const [returnProblem, setReturnProblem] = useState<string | null>(null);
  async function returnToFullscreen() {
    if (returning) return;
    setReturning(true);
    setReturnProblem(null);
    try {
      if (!(await enterFullscreen())) {
        setReturnProblem('Your browser did not switch to full screen. Press the button again, and allow full screen if your browser asks.');
        return;
      }
      setInFullscreen(true);
      // The exit must reach the server before the resume, or the server would pause again after resuming.
      await lockdown.flush();
      const current = serverClock.current;
      if (current.status === 'paused' && current.pausedReason === fullscreenPauseReason) {
        applyClock(await api(`/attempts/${attempt.id}/resume`, { method: 'POST', schema: ClockSchema }));
      }
    } catch (error) {
      if (error instanceof ApiError && error.code === 'AttemptFinished') onRefresh();
      else setReturnProblem(messageOf(error));
    } finally {
      setReturning(false);
    }
  }

  const [view, setView] = useState<'question' | 'review'>('question');
  const [notepadOpen, setNotepadOpen] = useState(false);
  const [announcement, setAnnouncement] = useState({ text: '', n: 0 });
  const announce = (text: string) => setAnnouncement((previous) => ({ text, n: previous.n + 1 }));

  // The shared screen, for exams that require it: stopping it (or a reload, which ends it) pauses the exam on the
  // server; the paused panel's button shares it again, which lifts that pause.
  const [screenOn, setScreenOn] = useState(() => sharedScreen() !== null);
  const [screenProblem, setScreenProblem] = useState<string | null>(null);
  useEffect(() => onScreenShareChange(() => setScreenOn(sharedScreen() !== null)), []);
  const wasSharing = useRef(screenOn);
  const reportedStop = useRef(false);
  useEffect(() => {
    if (!attempt.requireScreenShare || isFinished(clock.status) || clock.status === 'authorised') return;
    if (screenOn && !wasSharing.current) lockdown.record('screen_share_started', 'the entire screen is shared');
    wasSharing.current = screenOn;
    if (screenOn || clock.status !== 'in_progress') {
      reportedStop.current = false;
      return;
    }
    // Running without the screen (it stopped, or the page was reloaded): once per stretch, so the server pauses.
    if (!reportedStop.current) {
      reportedStop.current = true;
      lockdown.record('screen_share_stopped', 'screen sharing stopped');
    }
  }, [attempt.requireScreenShare, screenOn, clock.status, lockdown]);
  useEffect(() => {
    if (isFinished(clock.status)) stopScreenShare();
  }, [clock.status]);
  async function shareAgain() {
    const shared = await requestScreenShare();
    setScreenProblem(shared.ok ? null : screenShareProblems[shared.why]);
  }

  const [breakProblem, setBreakProblem] = useState<string | null>(null);
  async function breakCall(path: 'break' | 'break/end') {
    setBreakProblem(null);
    try {
      applyClock(await api(`/attempts/${attempt.id}/${path}`, { method: 'POST', schema: ClockSchema }));
      if (path === 'break') onRefresh();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'AttemptFinished') onRefresh();
      else setBreakProblem(messageOf(error));
    }
  }
  // When the current pause began, in this page's time (the server's figure less the time since it answered).
  const pausedSinceMs = clock.pausedSince ? Date.now() - (Date.parse(clock.serverNow) - Date.parse(clock.pausedSince)) - (performance.now() - clock.receivedAt) : null;

  const submission = useSubmit();
  async function submit() {
    const result = await submission.run(async () => {
      // The recording's last seconds go first (a few seconds at most; what is left follows from this computer).
      await proctoring.recording.finish();
      const entries = await journal.drain();
      try {
        const answer = await api(`/attempts/${attempt.id}/submit`, { method: 'POST', body: { entries }, schema: AttemptResponse });
        await journal.finish(entries);
        return answer.attempt;
      } catch (error) {
        if (error instanceof ApiError && error.code === 'AttemptFinished') return undefined;
        throw error;
      }
    });
    if (result.ok) onRefresh(result.value);
  }

  const values = journal.values;
  const items = attempt.items;
  const count = items.length;
  const position = values ? positionOf(values, count) : 0;
  const item = items[position];
  const cover: CoverReason | null = timeUp
    ? 'time-up'
    : needsFullscreen || (clock.status === 'paused' && clock.pausedReason === fullscreenPauseReason)
      ? 'fullscreen'
      : clock.status === 'paused'
        ? clock.pausedReason === 'disconnect' || clock.pausedReason === 'warning' || clock.pausedReason === 'no_proctor' || clock.pausedReason === 'break' || clock.pausedReason === 'break_return' || clock.pausedReason === 'camera' || clock.pausedReason === 'screen' || clock.pausedReason === 'rescan' ? clock.pausedReason : 'proctor'
        : null;

  // Nothing of the exam shows while it is covered, notes included; the notepad opens again on request.
  useEffect(() => {
    if (cover) setNotepadOpen(false);
  }, [cover]);

  function go(index: number) {
    if (index < 0 || index >= count) return;
    if (index !== position) journal.write('position', index);
    setView('question');
  }

  function setFlag(flagged: boolean) {
    if (item) journal.write(flagKey(item), flagged);
  }

  const locked = item ? attempt.lockedItems.includes(item.key) : false;
  function strike(optionId: string, on: boolean) {
    if (!item || !values || locked) return;
    const struck = struckOf(values, item);
    journal.write(strikeKey(item), on ? [...new Set([...struck, optionId])] : struck.filter((id) => id !== optionId));
    const answer = answerOf(values, item);
    if (on && answer.includes(optionId)) {
      journal.write(answerKey(item), answer.filter((id) => id !== optionId));
      const letter = optionLetter(optionsOf(item).findIndex((option) => option.id === optionId));
      announce(`Option ${letter} struck out. Your choice of it was cleared.`);
    }
  }

  function choose(index: number) {
    if (!item || !values) return;
    if (locked) {
      announce('This answer was locked at your break and cannot be changed.');
      return;
    }
    const option = optionsOf(item)[index];
    if (!option) return;
    const letter = optionLetter(index);
    if (struckOf(values, item).includes(option.id)) {
      announce(`Option ${letter} is struck out. Press its Strike button again to choose it.`);
      return;
    }
    const answer = answerOf(values, item);
    if (item.interaction === 'single') {
      journal.write(answerKey(item), [option.id]);
      announce(`Option ${letter} chosen.`);
    } else if (answer.includes(option.id)) {
      journal.write(answerKey(item), answer.filter((id) => id !== option.id));
      announce(`Option ${letter} no longer chosen. ${answer.length - 1} of ${item.maxChoices} chosen.`);
    } else if (answer.length >= item.maxChoices) {
      announce(`You have already chosen ${item.maxChoices}. Clear one of your choices to choose another.`);
    } else {
      journal.write(answerKey(item), [...answer, option.id]);
      announce(`Option ${letter} chosen. ${answer.length + 1} of ${item.maxChoices} chosen.`);
    }
  }

  useRunnerShortcuts(
    cover || !values || !item
      ? null
      : {
          next: () => (position === count - 1 ? setView('review') : go(position + 1)),
          previous: () => go(position - 1),
          flag: () => {
            const flagged = !isFlagged(values, item);
            setFlag(flagged);
            announce(flagged ? `Question ${position + 1} flagged for review.` : `Flag removed from question ${position + 1}.`);
          },
          review: () => setView('review'),
          choose: (index) => (view === 'question' ? choose(index) : undefined),
        },
    settings.singleKeys,
  );

  function closeNotepad() {
    setNotepadOpen(false);
    document.getElementById('runner-notepad-toggle')?.focus();
  }

  const bar = (
    <RunnerBar
      attempt={attempt}
      clock={clock}
      saveState={journal.saveState}
      settings={settings}
      onSettingsChange={onSettingsChange}
      notepadOpen={notepadOpen && !cover}
      onNotepad={() => (notepadOpen ? closeNotepad() : setNotepadOpen(true))}
      onTimeUp={setTimeUp}
      covered={cover !== null}
      onBreak={attempt.breaks && attempt.breaks.left > 0 && clock.status === 'in_progress' ? () => void breakCall('break') : undefined}
      breakProblem={cover ? null : breakProblem}
    />
  );

  let body;
  if (cover) {
    body = (
      <main id="runner-main" className="runner-main runner-covered" tabIndex={-1}>
        <PausedPanel
          reason={cover}
          serverPaused={clock.status === 'paused'}
          onReturn={() => void returnToFullscreen()}
          returning={returning}
          problem={cover === 'break' ? breakProblem : cover === 'screen' ? screenProblem : returnProblem}
          onShareScreen={() => void shareAgain()}
          breakInfo={attempt.breaks ? { ...attempt.breaks, since: pausedSinceMs, proctored: attempt.proctored && !attempt.practice } : null}
          onBreakEnd={() => void breakCall('break/end')}
          onCameraRetry={proctoring.retryCamera}
          rescan={cover === 'rescan' && proctoring.info?.rescan ? (
            <RescanPanel attemptId={attempt.id} rescan={proctoring.info.rescan} stream={proctoring.stream} newRecorder={proctoring.recording.roomScan}
              onDone={(c) => { applyClock(c); proctoring.reload(); }} />
          ) : undefined}
        />
      </main>
    );
  } else if (!values || !item) {
    body = (
      <main id="runner-main" className="runner-main" tabIndex={-1}>
        <Loading what={values ? 'Loading the questions' : 'Restoring your answers'} />
      </main>
    );
  } else {
    const statuses = statusesOf(items, values);
    body = (
      <div className={`runner-body${notepadOpen ? ' runner-body-notepad' : ''}`}>
        <main id="runner-main" className="runner-main" tabIndex={-1}>
          <div className="runner-zoom">
            {view === 'question' ? (
              <QuestionScreen
                item={item}
                index={position}
                count={count}
                answeredCount={statuses.filter((s) => s.answered).length}
                answer={answerOf(values, item)}
                struck={struckOf(values, item)}
                flagged={isFlagged(values, item)}
                locked={locked}
                onAnswer={(answer) => { if (!locked) journal.write(answerKey(item), answer); }}
                onStrike={strike}
                onFlag={setFlag}
                onGo={go}
                onReview={() => setView('review')}
              />
            ) : (
              <ReviewScreen
                statuses={statuses}
                current={position}
                onGo={go}
                onSubmit={() => void submit()}
                submitting={submission.pending}
                submitError={submission.error ? submitErrorText(submission.error) : null}
              />
            )}
          </div>
        </main>
        <QuestionPalette statuses={statuses} current={position} onGo={go} onReview={() => setView('review')} reviewing={view === 'review'} />
        {notepadOpen ? (
          <div id="runner-notepad" className="runner-notepad">
            <Notepad
              value={notesOf(values)}
              onChange={(notes) => journal.write('notes', notes)}
              onClose={closeNotepad}
              onOutsidePaste={() => {
                lockdown.record('paste', 'into the notepad from outside: blocked');
                announce('Text from outside the exam cannot be pasted.');
              }}
            />
          </div>
        ) : null}
      </div>
    );
  }

  return (
    <div className="runner" style={{ '--runner-zoom': settings.zoom / 100 } as CSSProperties}>
      <a
        href="#runner-main"
        className="skip-link"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('runner-main')?.focus();
        }}
      >
        Skip to the question
      </a>
      {bar}
      {proctoring.info?.proctored ? <ProctoringDock p={proctoring} /> : null}
      {proctoring.info?.warning && WarningDialog ? <WarningDialog attemptId={attempt.id} warning={proctoring.info.warning} onAcknowledged={(c) => { applyClock(c); proctoring.reload(); }} /> : null}
      {problem ? (
        <div className="runner-problem">
          <Alert tone="error" title="Your answers cannot reach the server.">
            <p>{problem}</p>
          </Alert>
        </div>
      ) : null}
      {body}
      <div className="visually-hidden" role="status">
        <span key={announcement.n}>{announcement.text}</span>
      </div>
      <p className="print-blocked">Printing the exam is not allowed.</p>
    </div>
  );
}

/** Why the submit failed, and that nothing is lost. */
function submitErrorText(error: unknown): string {
  if (error instanceof ApiError && (error.code === 'NetworkError' || error.status >= 500)) {
    return 'We could not reach the server. Your answers are kept on this device; press Submit exam again when the connection is back.';
  }
  return messageOf(error);
}
