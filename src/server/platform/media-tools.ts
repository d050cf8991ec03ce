import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where ffmpeg and ffprobe are (config). */
export interface MediaTools {
  ffmpegPath: string;
  ffprobePath: string;
}

/** A remux that takes longer than this is stuck (a 3-hour webcam recording remuxes in a few seconds: no re-encoding). */
const remuxTimeoutMs = 10 * 60_000;

/** Why a remux could not be done: ffmpeg is not installed (keep the chunks, say so), or it refused the input. */
export class MediaToolError extends Error {
  constructor(message: string, readonly missing: boolean) {
    super(message);
  }
}

/**
 * Remuxes a WebM stream as MediaRecorder writes it (no duration, no cues: players cannot seek it) into a seekable WebM
 * file with `ffmpeg -c copy` (no re-encoding, so it is fast and loses nothing), and measures its duration with
 * ffprobe. Works in a private temporary folder that is always removed.
 */
export async function remuxWebm(tools: MediaTools, input: Buffer): Promise<{ data: Buffer; durationMs: number }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'invigil-remux-'));
  try {
    const source = path.join(dir, 'in.webm');
    const target = path.join(dir, 'out.webm');
    await writeFile(source, input, { mode: 0o600 });
    try {
      // +genpts: a stream cut off mid-cluster (a crash) still gets timestamps for what it has.
      await run(tools.ffmpegPath, ['-hide_banner', '-loglevel', 'error', '-nostdin', '-fflags', '+genpts', '-i', source, '-map', '0', '-c', 'copy', '-f', 'webm', '-y', target], { timeout: remuxTimeoutMs, maxBuffer: 1024 * 1024 });
    } catch (err) {
      throw toolError('ffmpeg', err);
    }
    const durationMs = await probeDurationMs(tools, target);
    return { data: await readFile(target), durationMs };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The duration of a media file, by ffprobe, in milliseconds. */
export async function probeDurationMs(tools: MediaTools, file: string): Promise<number> {
  try {
    const { stdout } = await run(tools.ffprobePath, ['-v', 'error', '-show_entries', 'format=duration', '-of', 'default=noprint_wrappers=1:nokey=1', file], { timeout: 60_000 });
    const seconds = Number.parseFloat(stdout.trim());
    if (!Number.isFinite(seconds)) throw new MediaToolError(`ffprobe found no duration (${stdout.trim().slice(0, 80)}).`, false);
    return Math.round(seconds * 1000);
  } catch (err) {
    throw err instanceof MediaToolError ? err : toolError('ffprobe', err);
  }
}

function toolError(tool: string, err: unknown): MediaToolError {
  const e = err as NodeJS.ErrnoException & { stderr?: string };
  if (e.code === 'ENOENT') return new MediaToolError(`${tool} is not installed (Debian package ffmpeg); recordings play from their parts, without seeking.`, true);
  return new MediaToolError(`${tool} failed: ${(e.stderr || e.message || String(err)).trim().slice(0, 300)}`, false);
}
