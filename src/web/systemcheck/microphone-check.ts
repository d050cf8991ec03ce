import { errorName, sleep, type CheckOutcome } from './check-types.ts';

/** Asks for the microphone and explains a refusal in plain words. */
export async function openMicrophone(): Promise<{ stream: MediaStream | null; outcome?: CheckOutcome }> {
  if (!navigator.mediaDevices?.getUserMedia) {
    return { stream: null, outcome: { status: 'fail', detail: 'This browser cannot use a microphone on this page.', fix: 'Open Invigil over https in a recent Chrome, Edge, Firefox or Safari.' } };
  }
  try {
    return { stream: await navigator.mediaDevices.getUserMedia({ audio: true, video: false }) };
  } catch (error) {
    const name = errorName(error);
    if (name === 'NotAllowedError' || name === 'SecurityError') {
      return { stream: null, outcome: { status: 'fail', detail: 'Permission to use the microphone was refused.', fix: "Allow the microphone in your browser's site settings (the icon next to the address), then run the test again." } };
    }
    if (name === 'NotFoundError') {
      return { stream: null, outcome: { status: 'fail', detail: 'No microphone was found.', fix: 'Connect a microphone or a headset, then run the test again.' } };
    }
    return { stream: null, outcome: { status: 'fail', detail: `The microphone could not be started (${name}).`, fix: 'Close other programs that may be using the microphone, then run the test again.' } };
  }
}

/** A level (0–100) above this counts as sound: room noise registers, digital silence does not. */
const heardLevel = 2;

/** Listens for up to `ms`, reporting the level (0–100) as it goes; passes as soon as any sound is measured. */
export async function checkMicrophone(stream: MediaStream, onLevel: (level: number) => void, ms = 6000): Promise<CheckOutcome> {
  const context = new AudioContext();
  try {
    await Promise.race([context.resume(), sleep(1000)]);
    const source = context.createMediaStreamSource(stream);
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    // Connected through a silent gain so the graph is pulled (and nothing is played back).
    const mute = context.createGain();
    mute.gain.value = 0;
    source.connect(analyser).connect(mute).connect(context.destination);
    const samples = new Uint8Array(analyser.fftSize);
    let loudest = 0;
    const deadline = performance.now() + ms;
    let heardAt: number | null = null;
    while (performance.now() < deadline) {
      analyser.getByteTimeDomainData(samples);
      let sum = 0;
      for (const s of samples) sum += ((s - 128) / 128) ** 2;
      const level = Math.min(100, Math.round(Math.sqrt(sum / samples.length) * 200));
      loudest = Math.max(loudest, level);
      onLevel(level);
      if (level >= heardLevel && heardAt === null) heardAt = performance.now();
      // Keep the meter moving a moment after the first sound, so the person sees it respond.
      if (heardAt !== null && performance.now() - heardAt > 1500) break;
      await sleep(100);
    }
    if (loudest < heardLevel) {
      return { status: 'fail', detail: 'The microphone is on but we heard no sound.', fix: 'Check that the microphone is not muted (a switch or key on it or the headset), choose the right microphone in your system settings, and speak while the test listens.' };
    }
    return { status: 'pass', detail: `The microphone picks up sound (loudest level ${loudest} of 100).` };
  } finally {
    onLevel(0);
    await context.close();
  }
}
