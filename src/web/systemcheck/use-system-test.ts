import { useCallback, useEffect, useRef, useState } from 'react';
import { SystemTestRequirements, SystemTestResultResponse, systemCheckIds, type SystemCheck, type SystemCheckId, type SystemTestResult } from '../../contracts/systemcheck.ts';
import { api } from '../lib/api.ts';
import { useSubmit } from '../lib/use-submit.ts';
import { checkBrowser } from './browser-check.ts';
import { checkCamera, openCamera } from './camera-check.ts';
import { checkLabels, statusWords, type CheckOutcome, type CheckState } from './check-types.ts';
import { checkDisplays, checkFullscreen, checkScreenSize, checkStorage } from './device-checks.ts';
import { checkLiveVideo } from './live-video-check.ts';
import { checkMicrophone, openMicrophone } from './microphone-check.ts';
import { checkDownload, checkRoundTrip, checkUpload } from './network-checks.ts';

const waiting = (): CheckState[] => systemCheckIds.map((id) => ({ id, label: checkLabels[id], state: 'waiting' }));

/** Runs the system test one check after another, keeping the live state the page shows (list, camera preview,
 * microphone level, a polite announcement per finished check), then stores the result. */
export function useSystemTest() {
  const [checks, setChecks] = useState<CheckState[]>(waiting);
  const [camera, setCamera] = useState<MediaStream | null>(null);
  const [micLevel, setMicLevel] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [result, setResult] = useState<SystemTestResult | null>(null);
  const [started, setStarted] = useState(false);
  const submission = useSubmit();
  const streams = useRef<MediaStream[]>([]);
  const unmounted = useRef(false);

  const stopDevices = useCallback(() => {
    for (const stream of streams.current) for (const track of stream.getTracks()) track.stop();
    streams.current = [];
    setCamera(null);
    setMicLevel(null);
  }, []);

  useEffect(() => {
    unmounted.current = false;
    return () => { unmounted.current = true; stopDevices(); };
  }, [stopDevices]);

  const run = useCallback(() => submission.run(async () => {
    setStarted(true);
    setResult(null);
    setChecks(waiting());
    setAnnouncement('The system test has started.');
    const outcomes = new Map<SystemCheckId, CheckOutcome>();
    const step = async (id: SystemCheckId, check: () => Promise<CheckOutcome> | CheckOutcome) => {
      if (unmounted.current) throw new Error('The page was closed.');
      setChecks((list) => list.map((c) => (c.id === id ? { ...c, state: 'running' } : c)));
      let outcome: CheckOutcome;
      try {
        outcome = await check();
      } catch (error) {
        outcome = { status: 'fail', detail: `The check stopped unexpectedly (${error instanceof Error ? error.message : 'error'}).`, fix: 'Run the test again; if this repeats, contact support.' };
      }
      outcomes.set(id, outcome);
      setChecks((list) => list.map((c) => (c.id === id ? { ...c, state: 'done', outcome } : c)));
      setAnnouncement(`${checkLabels[id]}: ${statusWords[outcome.status]}. ${outcome.detail}`);
    };
    try {
      const requirements = await api('/system-test/requirements', { schema: SystemTestRequirements });
      await step('browser', checkBrowser);
      let cameraStream: MediaStream | null = null;
      await step('camera', async () => {
        const opened = await openCamera();
        if (!opened.stream) return opened.outcome!;
        cameraStream = opened.stream;
        streams.current.push(opened.stream);
        setCamera(opened.stream);
        return checkCamera(opened.stream);
      });
      await step('microphone', async () => {
        const opened = await openMicrophone();
        if (!opened.stream) return opened.outcome!;
        streams.current.push(opened.stream);
        setMicLevel(0);
        return checkMicrophone(opened.stream, (level) => setMicLevel(level));
      });
      await step('round_trip', () => checkRoundTrip(requirements));
      await step('download', () => checkDownload(requirements));
      await step('upload', () => checkUpload(requirements));
      await step('live_video', () => checkLiveVideo(requirements, cameraStream));
      await step('displays', checkDisplays);
      await step('screen_size', checkScreenSize);
      await step('fullscreen', checkFullscreen);
      await step('storage', checkStorage);
    } finally {
      stopDevices();
    }
    const body: { checks: SystemCheck[] } = { checks: [...outcomes].map(([id, o]) => ({ id, status: o.status, detail: o.detail.slice(0, 300) })) };
    const saved = await api('/system-test/results', { method: 'POST', body, schema: SystemTestResultResponse });
    if (!unmounted.current) {
      setResult(saved.result);
      setAnnouncement(saved.result.passed ? 'Your computer passed the system test.' : 'Your computer did not pass the system test. The failed checks say what to do.');
    }
    return saved.result;
  }), [submission, stopDevices]);

  return { checks, camera, micLevel, announcement, result, started, running: submission.pending, error: submission.error, run };
}
