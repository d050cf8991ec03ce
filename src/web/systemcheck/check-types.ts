import type { SystemCheckId, SystemCheckStatus } from '../../contracts/systemcheck.ts';

/** What one check found: the status, what was measured (stored with the result), and what to do (shown only). */
export interface CheckOutcome {
  status: SystemCheckStatus;
  detail: string;
  fix?: string;
}

/** A check as the list shows it while the test runs. */
export interface CheckState {
  id: SystemCheckId;
  label: string;
  state: 'waiting' | 'running' | 'done';
  outcome?: CheckOutcome;
}

/** The checks in the order they run, with the name the list shows. */
export const checkLabels: Record<SystemCheckId, string> = {
  browser: 'Browser and version',
  camera: 'Camera',
  microphone: 'Microphone',
  round_trip: 'Connection delay to our server',
  download: 'Download speed',
  upload: 'Upload speed',
  live_video: 'Live video connection',
  displays: 'Number of displays',
  screen_size: 'Screen size',
  fullscreen: 'Full screen',
  storage: 'Storage for your answers',
};

/** The status in words (the list never relies on colour alone). */
export const statusWords: Record<SystemCheckStatus, string> = { pass: 'Passed', warn: 'Warning', fail: 'Failed' };

/** Waits `ms`, or rejects when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(timer); reject(signal.reason); }, { once: true });
  });
}

/** The message of a thrown DOMException or Error, for a detail line. */
export const errorName = (error: unknown) => (error instanceof Error ? error.name : 'Error');
