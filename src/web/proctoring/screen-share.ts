/**
 * The candidate's shared screen for exams whose policy requires it. The browser asks for it only inside a click or
 * key press, so it is requested from the Start button (or the "Share your screen again" button), and kept here for
 * the exam page to send to the proctor. Only a whole screen counts: a window or a tab is refused and stopped.
 */
let current: MediaStream | null = null;
const listeners = new Set<() => void>();

export type ScreenShareResult = { ok: true } | { ok: false; why: 'refused' | 'not-whole-screen' | 'unsupported' };

/** Asks for the whole screen. Call inside a user gesture. */
export async function requestScreenShare(): Promise<ScreenShareResult> {
  if (!navigator.mediaDevices?.getDisplayMedia) return { ok: false, why: 'unsupported' };
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getDisplayMedia({ video: { displaySurface: 'monitor', frameRate: { max: 5 } }, audio: false } as DisplayMediaStreamOptions);
  } catch {
    return { ok: false, why: 'refused' };
  }
  const track = stream.getVideoTracks()[0];
  const surface = (track?.getSettings() as MediaTrackSettings & { displaySurface?: string } | undefined)?.displaySurface;
  // Browsers that do not report the surface are taken at their word (the proctor sees what is shared).
  if (!track || (surface !== undefined && surface !== 'monitor')) {
    for (const t of stream.getTracks()) t.stop();
    return { ok: false, why: 'not-whole-screen' };
  }
  track.addEventListener('ended', () => {
    if (current === stream) {
      current = null;
      for (const l of listeners) l();
    }
  });
  for (const t of current?.getTracks() ?? []) t.stop();
  current = stream;
  for (const l of listeners) l();
  return { ok: true };
}

/** The shared screen now, or null. */
export const sharedScreen = (): MediaStream | null => current;

/** Calls `listener` when sharing starts or stops; returns the function that stops listening. */
export function onScreenShareChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Ends sharing (the exam is over). */
export function stopScreenShare(): void {
  const s = current;
  current = null;
  for (const t of s?.getTracks() ?? []) t.stop();
  for (const l of listeners) l();
}

export const screenShareProblems: Record<Exclude<ScreenShareResult, { ok: true }>['why'], string> = {
  refused: 'Screen sharing was not allowed. This exam needs your whole screen shared with the proctor: press the button again and choose your entire screen.',
  'not-whole-screen': 'Only a window or a tab was chosen. This exam needs your entire screen: press the button again and choose the whole screen.',
  unsupported: 'This browser cannot share the screen. Use a current Chrome, Edge or Firefox on a computer.',
};
