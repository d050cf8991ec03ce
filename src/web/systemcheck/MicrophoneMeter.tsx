/** The microphone's level as a meter with the same level in words, updated while the test listens. */
export function MicrophoneMeter({ level }: { level: number }) {
  return (
    <div className="mic-meter">
      <label htmlFor="mic-level">Microphone level</label>
      <meter id="mic-level" min={0} max={100} low={2} value={level} aria-valuetext={`${level} of 100`}>{level} of 100</meter>
      <p className="mic-meter-text">Level now: {level} of 100{level >= 2 ? ' (sound heard)' : ' (say something)'}</p>
    </div>
  );
}
