import { errorName, sleep, type CheckOutcome } from './check-types.ts';

const minWidth = 640;
const minHeight = 480;

/** Asks for the camera (the same request the exam day makes) and explains a refusal in plain words. */
export async function openCamera(): Promise<{ stream: MediaStream | null; outcome?: CheckOutcome }> {
  if (!navigator.mediaDevices?.getUserMedia) {
    return { stream: null, outcome: { status: 'fail', detail: 'This browser cannot use a camera on this page.', fix: 'Open Invigil over https in a recent Chrome, Edge, Firefox or Safari.' } };
  }
  try {
    return { stream: await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 1280 }, height: { ideal: 720 } }, audio: false }) };
  } catch (error) {
    const name = errorName(error);
    if (name === 'NotAllowedError' || name === 'SecurityError') {
      return { stream: null, outcome: { status: 'fail', detail: 'Permission to use the camera was refused.', fix: "Allow the camera in your browser's site settings (the icon next to the address), then run the test again." } };
    }
    if (name === 'NotFoundError' || name === 'OverconstrainedError') {
      return { stream: null, outcome: { status: 'fail', detail: 'No camera was found.', fix: 'Connect a webcam (or switch on the built-in one), then run the test again.' } };
    }
    return { stream: null, outcome: { status: 'fail', detail: `The camera could not be started (${name}).`, fix: 'Close other programs that may be using the camera (video calls), then run the test again.' } };
  }
}

/** Counts frames painted by a video element for up to `ms` (requestVideoFrameCallback where available). */
async function framesPainted(video: HTMLVideoElement, ms: number): Promise<number> {
  let frames = 0;
  if ('requestVideoFrameCallback' in video) {
    const tick = () => { frames++; video.requestVideoFrameCallback(tick); };
    video.requestVideoFrameCallback(tick);
  }
  const deadline = performance.now() + ms;
  while (frames < 5 && performance.now() < deadline) await sleep(100);
  return frames;
}

/** Reads a small grey-scale copy of the current frame. */
function sample(video: HTMLVideoElement, canvas: HTMLCanvasElement): Uint8ClampedArray | null {
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context || video.videoWidth === 0) return null;
  context.drawImage(video, 0, 0, canvas.width, canvas.height);
  return context.getImageData(0, 0, canvas.width, canvas.height).data;
}

/** Checks the camera stream: resolution from the track settings, and frames actually arriving (a frame callback
 * fires, or the picture changes between two reads). */
export async function checkCamera(stream: MediaStream): Promise<CheckOutcome> {
  const track = stream.getVideoTracks()[0];
  if (!track) return { status: 'fail', detail: 'The camera gave no picture.', fix: 'Reconnect the camera and run the test again.' };
  const { width = 0, height = 0 } = track.getSettings();
  const size = `${width} × ${height}`;
  if (width * height < minWidth * minHeight || Math.min(width, height) < minHeight) {
    return { status: 'fail', detail: `The camera gives ${size} pixels; at least ${minWidth} × ${minHeight} is needed.`, fix: 'Use a better webcam, or close other programs that may limit the camera.' };
  }
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  try {
    // play() waits for the first frame: never wait on it without a limit.
    await Promise.race([video.play(), sleep(5000)]);
    const frames = await framesPainted(video, 5000);
    const canvas = Object.assign(document.createElement('canvas'), { width: 32, height: 24 });
    const first = sample(video, canvas);
    await sleep(300);
    const second = sample(video, canvas);
    const changed = first !== null && second !== null && first.some((value, i) => Math.abs(value - second[i]!) > 8);
    const dark = second !== null && second.every((value, i) => i % 4 === 3 || value < 16);
    if (frames === 0 && !changed) {
      return { status: 'fail', detail: `The camera (${size}) sends no pictures.`, fix: 'Close other programs that use the camera, check any privacy switch or cover on it, then run the test again.' };
    }
    if (dark) {
      return { status: 'warn', detail: `The camera (${size}) works but the picture is black.`, fix: 'Remove any cover from the camera and make sure your room is lit.' };
    }
    return { status: 'pass', detail: `The camera sends ${size} pictures.` };
  } finally {
    video.pause();
    video.srcObject = null;
  }
}
