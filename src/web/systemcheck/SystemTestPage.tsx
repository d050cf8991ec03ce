import { Button } from 'react-aria-components';
import { useSession } from '../lib/session.tsx';
import { Alert, LiveMessage } from '../ui/Alert.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { ApiError } from '../lib/api.ts';
import { CameraPreview } from './CameraPreview.tsx';
import { CheckList } from './CheckList.tsx';
import { LastSystemTest } from './LastSystemTest.tsx';
import { MicrophoneMeter } from './MicrophoneMeter.tsx';
import { SystemTestOutcome } from './SystemTestOutcome.tsx';
import { useSystemTest } from './use-system-test.ts';

/** `/system-test`: checks this computer for the exam (browser, camera, microphone, network, live video, screen,
 * full screen, storage) with the same browser features the exam day uses, and stores the outcome. */
export function SystemTestPage() {
  const { user } = useSession();
  const test = useSystemTest();
  const timeZone = user?.timeZone;
  return (
    <section className="page system-test">
      <PageTitle>System test</PageTitle>
      <p>
        This checks that this computer, its camera and microphone, and your internet connection are ready for an online exam.
        It takes about a minute. Your browser will ask to use the camera and microphone: allow both. No pictures or sound are
        stored or sent.
      </p>
      {test.started ? null : <LastSystemTest timeZone={timeZone} />}
      <Button className="button button-primary" onPress={() => void test.run()} data-pending={test.running || undefined}>
        {test.running ? 'Testing' : test.started ? 'Run again' : 'Start the system test'}
      </Button>
      {test.error ? (
        <Alert tone="error" title="The test could not finish.">
          <p>{test.error instanceof ApiError ? test.error.message : 'Something went wrong. Run the test again.'}</p>
        </Alert>
      ) : null}
      {test.result ? <SystemTestOutcome result={test.result} timeZone={timeZone} /> : null}
      <div className="system-test-body">
        <CheckList checks={test.checks} />
        {test.camera || test.micLevel !== null ? (
          <div className="system-test-devices">
            {test.camera ? <CameraPreview stream={test.camera} /> : null}
            {test.micLevel !== null ? <MicrophoneMeter level={test.micLevel} /> : null}
          </div>
        ) : null}
      </div>
      <LiveMessage>{test.announcement}</LiveMessage>
    </section>
  );
}
