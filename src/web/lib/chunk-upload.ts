import { ErrorBody } from '../../contracts/common.ts';
import { ApiError, apiUrl } from './api.ts';

export interface UploadProgress {
  /** Chunks the server has acknowledged. */
  uploaded: number;
  /** Chunks recorded but not yet acknowledged. */
  waiting: number;
  /** The last upload failed and is being sent again after a pause. */
  retrying: boolean;
  /** A failure that sending again will not fix (e.g. a newer take started); `retry()` tries once more anyway. */
  error: ApiError | null;
}

/** Waits between attempts at one chunk: 1 s doubling to 10 s. */
const retryDelayMs = (failures: number) => Math.min(10_000, 1_000 * 2 ** (failures - 1));
/** A chunk that has not arrived in this long is sent again. */
const requestTimeoutMs = 30_000;

/** Sending again helps with the network, the server's load and time-outs; not with a refusal about the request. */
function worthRetrying(error: ApiError): boolean {
  return error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500;
}

async function putChunk(path: string, chunk: Blob): Promise<void> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path), {
      method: 'PUT',
      // MediaRecorder's blobs say `video/webm;codecs=…`; the route wants the plain type.
      headers: { 'Content-Type': 'video/webm', Accept: 'application/json' },
      body: chunk,
      credentials: 'same-origin',
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
  } catch {
    throw new ApiError('NetworkError', 'Part of the recording did not reach the Invigil server. It is being sent again.', 0);
  }
  if (response.ok) return;
  const body = ErrorBody.safeParse(await response.json().catch(() => undefined));
  if (body.success) throw new ApiError(body.data.error.code, body.data.error.message, response.status, body.data.error.details);
  throw new ApiError('HttpError', `The server answered with status ${response.status}.`, response.status);
}

/**
 * Uploads the chunks of one recording in order, one at a time, as MediaRecorder hands them over. A failed chunk is
 * sent again with growing pauses until it arrives (the server ignores a repeat), so a shaky connection only delays the
 * recording. By default chunks are kept until the recording is complete, so the server can ask for any of them again;
 * `forgetAcked` drops each once the server has it (a three-hour recording must not stay in memory), and `onAcked`
 * lets the caller drop its own copy.
 */
export class ChunkUploader {
  private readonly chunks = new Map<number, Blob>();
  private readonly queue: number[] = [];
  private readonly acked = new Set<number>();
  private running = false;
  private stopped = false;
  private retrying = false;
  private error: ApiError | null = null;
  private drains: { resolve: () => void; reject: (e: ApiError) => void }[] = [];

  constructor(
    private readonly pathOf: (seq: number) => string,
    private readonly onProgress: (progress: UploadProgress) => void,
    private readonly options: { forgetAcked?: boolean; onAcked?: (seq: number) => void } = {},
  ) {}

  /** Queues chunk `seq` (0, 1, 2… in recording order). */
  add(seq: number, chunk: Blob): void {
    this.chunks.set(seq, chunk);
    this.enqueue(seq);
  }

  /** Sends these chunks again (the server said they are missing). */
  resend(seqs: number[]): void {
    for (const seq of seqs) {
      this.acked.delete(seq);
      if (this.chunks.has(seq)) this.enqueue(seq);
    }
  }

  /** Resolves when every queued chunk has arrived; rejects with the error that stopped the uploads. */
  drain(): Promise<void> {
    if (this.error) return Promise.reject(this.error);
    if (!this.running && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => this.drains.push({ resolve, reject }));
  }

  /** After an error that stopped the uploads: try the waiting chunks again. */
  retry(): void {
    this.error = null;
    this.report();
    void this.pump();
  }

  /** Stops uploading (the step was left or a new take started). */
  stop(): void {
    this.stopped = true;
  }

  private enqueue(seq: number) {
    if (!this.queue.includes(seq)) this.queue.push(seq);
    this.report();
    if (!this.error) void this.pump();
  }

  private report() {
    this.onProgress({ uploaded: this.acked.size, waiting: this.queue.length, retrying: this.retrying, error: this.error });
  }

  private async pump() {
    if (this.running) return;
    this.running = true;
    let failures = 0;
    while (this.queue.length > 0 && !this.stopped) {
      const seq = this.queue[0]!;
      try {
        await putChunk(this.pathOf(seq), this.chunks.get(seq)!);
        this.queue.shift();
        this.acked.add(seq);
        if (this.options.forgetAcked) this.chunks.delete(seq);
        this.options.onAcked?.(seq);
        failures = 0;
        this.retrying = false;
        this.report();
      } catch (failure) {
        const error = failure instanceof ApiError ? failure : new ApiError('NetworkError', 'Part of the recording could not be sent.', 0);
        if (!worthRetrying(error)) {
          this.running = false;
          this.retrying = false;
          this.error = error;
          this.report();
          for (const d of this.drains.splice(0)) d.reject(error);
          return;
        }
        failures += 1;
        this.retrying = true;
        this.report();
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs(failures)));
      }
    }
    this.running = false;
    if (this.queue.length === 0) for (const d of this.drains.splice(0)) d.resolve();
  }
}
