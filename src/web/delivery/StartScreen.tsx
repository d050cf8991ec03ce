import { useState } from 'react';
import { Button } from 'react-aria-components';
import { AttemptResponse, type Attempt } from '../../contracts/delivery.ts';
import { CatalogExam } from '../../contracts/catalog.ts';
import { api, messageOf } from '../lib/api.ts';
import { useApiData } from '../lib/use-api-data.ts';
import { useSubmit } from '../lib/use-submit.ts';
import { Alert } from '../ui/Alert.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { enterFullscreen } from './fullscreen.ts';
import { requestScreenShare, screenShareProblems, sharedScreen } from '../proctoring/screen-share.ts';
import { durationWords } from './runner-state.ts';
import { ShortcutList } from './ShortcutList.tsx';

/** The screen before the clock starts: what the exam is, how long, the rules, and "Start exam" (which asks for full
 * screen first when the exam requires it, then starts the server's clock). */
export function StartScreen({ attempt, onStarted }: { attempt: Attempt; onStarted: (attempt: Attempt) => void }) {
  const submission = useSubmit();
  const [fullscreenRefused, setFullscreenRefused] = useState(false);
  // The attempt holds no questions before the start (the server sends them only while the clock runs); the catalog
  // says how many there are.
  const catalog = useApiData(`/exams/${encodeURIComponent(attempt.examCode)}`, CatalogExam);
  const [screenProblem, setScreenProblem] = useState<string | null>(null);
  const questions = attempt.items.length || catalog.data?.questionCount || 0;

  async function start() {
    // Screen sharing and full screen can only be asked for inside the key press or click, so before any request.
    if (attempt.requireScreenShare && !sharedScreen()) {
      const shared = await requestScreenShare();
      setScreenProblem(shared.ok ? null : screenShareProblems[shared.why]);
      if (!shared.ok) return;
    }
    if (attempt.requireFullscreen) {
      const ok = await enterFullscreen();
      setFullscreenRefused(!ok);
      if (!ok) return;
    }
    const result = await submission.run(() => api(`/attempts/${attempt.id}/start`, { method: 'POST', schema: AttemptResponse }));
    if (result.ok) onStarted(result.value.attempt);
  }

  return (
    <section className="page narrow exam-start">
      <PageTitle title={`${attempt.examCode} ${attempt.examTitle}`}>
        <span className="exam-code">{attempt.examCode}</span> {attempt.examTitle}
      </PageTitle>
      <p className="lead">
        {attempt.practice ? 'A practice test: not proctored, and it does not count towards a certification.' : 'A proctored exam.'}
      </p>
      <dl className="summary">
        {questions > 0 ? (
          <div>
            <dt>Questions</dt>
            <dd>{questions}</dd>
          </div>
        ) : null}
        <div>
          <dt>Time</dt>
          <dd>{durationWords(attempt.budgetMinutes)}</dd>
        </div>
        <div>
          <dt>Saving</dt>
          <dd>Every answer is saved as you go, on this computer first, so nothing is lost if the connection drops.</dd>
        </div>
      </dl>
      <h2>Rules</h2>
      <ul className="exam-start-rules">
        <li>The clock starts when you press <strong>Start exam</strong> and is kept by the server: reloading the page does not stop it.</li>
        {attempt.requireFullscreen ? (
          <li>The exam runs in full screen. Leaving full screen pauses the exam and is recorded; return to full screen to continue.</li>
        ) : null}
        {attempt.proctored && !attempt.practice ? (
          <li>Your camera and microphone stay on for the whole exam and a proctor watches live; you can chat with them at any time. If the camera stops, the exam pauses until it is back.</li>
        ) : null}
        {attempt.requireScreenShare ? (
          <li>Your entire screen is shared with the proctor for the whole exam (a window or a tab is not enough). If sharing stops, the exam pauses until you share again.</li>
        ) : null}
        {attempt.breaks ? (
          <li>You may take {attempt.breaks.left === 1 ? 'one break' : `${attempt.breaks.left} breaks`} of up to {attempt.breaks.maxMinutes} minutes with <strong>Take a break</strong>.</li>
        ) : null}
        <li>Copying, pasting, printing, dragging and the right-click menu are turned off. The notepad has its own copy and paste.</li>
        <li>Switching to another window or tab, and a second display, are recorded{attempt.proctored ? ' and shown to your proctor' : ''}.</li>
        <li>You can flag questions, cross out options, take notes, and review everything before you submit.</li>
      </ul>
      <h2>Keyboard shortcuts</h2>
      <ShortcutList />
      {screenProblem ? (
        <Alert tone="error" title="Your screen is not shared.">
          <p>{screenProblem}</p>
        </Alert>
      ) : null}
      {fullscreenRefused ? (
        <Alert tone="error" title="Your browser did not switch to full screen.">
          <p>This exam needs full screen. Allow it if your browser asks, then press Start exam again.</p>
        </Alert>
      ) : null}
      {submission.error ? (
        <Alert tone="error" title="The exam did not start.">
          <p>{messageOf(submission.error)}</p>
        </Alert>
      ) : null}
      <Button className="button button-primary exam-start-button" onPress={() => void start()} data-pending={submission.pending || undefined}>
        Start exam
      </Button>
    </section>
  );
}
