import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Button } from 'react-aria-components';
import { AttemptResponse, type Attempt } from '../../contracts/delivery.ts';
import { api, ApiError, messageOf } from '../lib/api.ts';
import { Alert } from '../ui/Alert.tsx';
import { Loading } from '../ui/Loading.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { isFinished } from './attempt-text.ts';
import { useDisplaySettings } from './display-settings.ts';
import { DisplayMenu } from './DisplayMenu.tsx';
import { ExamFrame } from './ExamFrame.tsx';
import { ExamRunner } from './ExamRunner.tsx';
import { ResultScreen } from './ResultScreen.tsx';
import { StartScreen } from './StartScreen.tsx';

/** `/attempts/:id`: the exam, from the start screen through the runner to the provisional result. */
export function AttemptPage() {
  const { id = '' } = useParams();
  const [attempt, setAttempt] = useState<Attempt | null>(null);
  const [error, setError] = useState<unknown>();
  const [version, setVersion] = useState(0);
  const [settings, updateSettings] = useDisplaySettings();

  useEffect(() => {
    const controller = new AbortController();
    api(`/attempts/${encodeURIComponent(id)}`, { schema: AttemptResponse, signal: controller.signal }).then(
      (answer) => {
        setAttempt(answer.attempt);
        setError(undefined);
      },
      (failure: unknown) => {
        if (!controller.signal.aborted) setError(failure);
      },
    );
    return () => controller.abort();
  }, [id, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const refresh = useCallback((next?: Attempt) => (next ? setAttempt(next) : reload()), [reload]);

  const tools = <DisplayMenu settings={settings} onChange={updateSettings} />;

  if (attempt && (attempt.status === 'in_progress' || attempt.status === 'paused')) {
    return <ExamRunner key={attempt.id} attempt={attempt} settings={settings} onSettingsChange={updateSettings} onRefresh={refresh} />;
  }
  if (attempt && isFinished(attempt.status)) {
    return (
      <ExamFrame tools={tools}>
        <ResultScreen attempt={attempt} />
      </ExamFrame>
    );
  }
  if (attempt) {
    return (
      <ExamFrame tools={tools}>
        <StartScreen attempt={attempt} onStarted={setAttempt} />
      </ExamFrame>
    );
  }
  if (error) {
    const missing = error instanceof ApiError && error.code === 'NotFound';
    return (
      <ExamFrame tools={tools}>
        <section className="page narrow">
          <PageTitle>{missing ? 'There is no such exam attempt' : 'The exam could not be loaded'}</PageTitle>
          <Alert tone="error" title={missing ? 'This attempt does not exist or belongs to another account.' : messageOf(error)}>
            {missing ? null : <p>If you were in the middle of the exam, your saved answers are kept on this computer and on the server.</p>}
          </Alert>
          {missing ? null : (
            <Button className="button button-primary" onPress={reload}>
              Try again
            </Button>
          )}
          <p><Link to="/">Go to your dashboard</Link></p>
        </section>
      </ExamFrame>
    );
  }
  return (
    <ExamFrame tools={tools}>
      <Loading what="Loading your exam" />
    </ExamFrame>
  );
}
