import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { EndedRecording, StartedRecording, type AttemptProctoring, type RecordingKind } from '../../contracts/proctoring.ts';
import { api } from '../lib/api.ts';
import { ChunkUploader, type UploadProgress } from '../lib/chunk-upload.ts';

export type RecordingSettings = NonNullable<AttemptProctoring['recording']>;

interface ChunkSchema extends DBSchema {
  chunks: { key: [string, number]; value: { recordingId: string; seq: number; blob: Blob } };
}

/**
 * The parts of an attempt's recordings that have not reached the server yet, in IndexedDB, so a reload or a crash loses
 * none of them: they are sent when the exam page opens again (the server takes late parts for a while after the exam).
 * Without IndexedDB (some private modes) parts are kept in memory only.
 */
export class RecordingChunkStore {
  private constructor(private readonly db: IDBPDatabase<ChunkSchema> | null) {}

  static databaseName = (attemptId: string) => `invigil-recording-${attemptId}`;

  static async open(attemptId: string): Promise<RecordingChunkStore> {
    try {
      return new RecordingChunkStore(await openDB<ChunkSchema>(RecordingChunkStore.databaseName(attemptId), 1, {
        upgrade(database) {
          database.createObjectStore('chunks', { keyPath: ['recordingId', 'seq'] });
        },
      }));
    } catch {
      return new RecordingChunkStore(null);
    }
  }

  async put(recordingId: string, seq: number, blob: Blob): Promise<void> {
    await this.db?.put('chunks', { recordingId, seq, blob }).catch(() => undefined);
  }

  async delete(recordingId: string, seq: number): Promise<void> {
    await this.db?.delete('chunks', [recordingId, seq]).catch(() => undefined);
  }

  /** Parts left behind by an earlier page, by recording. */
  async leftovers(): Promise<Map<string, { seq: number; blob: Blob }[]>> {
    const out = new Map<string, { seq: number; blob: Blob }[]>();
    for (const row of (await this.db?.getAll('chunks').catch(() => [])) ?? []) {
      const list = out.get(row.recordingId) ?? [];
      list.push({ seq: row.seq, blob: row.blob });
      out.set(row.recordingId, list);
    }
    return out;
  }

  close(): void {
    this.db?.close();
  }
}

/** The container and codecs Chromium and Firefox record (the server checks the WebM header). */
export function recorderMimeType(withAudio: boolean): string | null {
  const wanted = withAudio ? ['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp9,opus', 'video/webm'] : ['video/webm;codecs=vp8', 'video/webm;codecs=vp9', 'video/webm'];
  return wanted.find((t) => typeof MediaRecorder !== 'undefined' && MediaRecorder.isTypeSupported(t)) ?? null;
}

const path = (attemptId: string, rest = '') => `/attempts/${attemptId}/recordings${rest}`;

/** Sends the parts an earlier page left in the store (each deleted once the server has it). */
export async function sendLeftovers(attemptId: string, store: RecordingChunkStore): Promise<void> {
  for (const [recordingId, parts] of await store.leftovers()) {
    const uploader = new ChunkUploader((seq) => path(attemptId, `/${recordingId}/chunks/${seq}`), () => undefined, { forgetAcked: true, onAcked: (seq) => void store.delete(recordingId, seq) });
    for (const p of parts.sort((a, b) => a.seq - b.seq)) uploader.add(p.seq, p.blob);
    // A part the server refuses for good (the recording was completed or is too old) is dropped.
    await uploader.drain().catch(async () => {
      for (const p of parts) await store.delete(recordingId, p.seq);
    });
  }
}

/**
 * One recording of a stream (the webcam with sound, the shared screen, or a room re-scan): MediaRecorder cuts it into
 * parts every few seconds; each part is stored on this computer first, then sent, in order, retried until it arrives,
 * and deleted here once the server has it. `stop()` tells the server how many parts there are and sends any it lacks.
 */
export class SessionRecorder {
  private recorder: MediaRecorder | null = null;
  private uploader: ChunkUploader | null = null;
  private recordingId: string | null = null;
  private seq = 0;
  private stopped = false;
  private stopping: Promise<void> | null = null;

  constructor(
    private readonly attemptId: string,
    private readonly kind: RecordingKind,
    private readonly stream: MediaStream,
    private readonly settings: RecordingSettings,
    private readonly store: RecordingChunkStore,
    private readonly onProgress: (progress: UploadProgress) => void = () => undefined,
  ) {}

  get id(): string | null {
    return this.recordingId;
  }

  /** Starts the recording on the server, then the recorder. Resolves once recording; throws when it cannot start. */
  async start(): Promise<string> {
    const withAudio = this.stream.getAudioTracks().length > 0;
    const mimeType = recorderMimeType(withAudio);
    if (!mimeType) throw new Error('This browser cannot record video.');
    const started = await api(path(this.attemptId), { method: 'POST', body: { kind: this.kind }, schema: StartedRecording });
    if (this.stopped) return started.id;
    const recordingId = started.id;
    this.recordingId = recordingId;
    this.uploader = new ChunkUploader((seq) => path(this.attemptId, `/${recordingId}/chunks/${seq}`), this.onProgress, { forgetAcked: true, onAcked: (seq) => void this.store.delete(recordingId, seq) });
    const recorder = new MediaRecorder(this.stream, {
      mimeType,
      videoBitsPerSecond: this.settings.videoKbps * 1000,
      ...(withAudio ? { audioBitsPerSecond: this.settings.audioKbps * 1000 } : {}),
    });
    recorder.ondataavailable = (event) => {
      if (event.data.size === 0) return;
      const seq = this.seq++;
      // Stored here first, so a reload before it is sent loses nothing; then queued (uploads keep their order).
      void this.store.put(recordingId, seq, event.data).then(() => this.uploader?.add(seq, event.data));
    };
    this.recorder = recorder;
    recorder.start(this.settings.chunkSeconds * 1000);
    return recordingId;
  }

  /**
   * Stops recording and completes the recording on the server: its last part is sent, the server is told how many
   * there are and any it lacks are sent again. Resolves when the server holds them all, or after `withinMs` (the
   * rest keep going, or wait on this computer for the next page).
   */
  stop(withinMs = 10_000): Promise<void> {
    this.stopping ??= this.complete(withinMs);
    return this.stopping;
  }

  private async complete(withinMs: number): Promise<void> {
    this.stopped = true;
    const recorder = this.recorder;
    if (!recorder || !this.recordingId || !this.uploader) return;
    if (recorder.state !== 'inactive') {
      await new Promise<void>((resolve) => {
        recorder.addEventListener('stop', () => resolve(), { once: true });
        recorder.stop();
      });
    }
    const recordingId = this.recordingId;
    const uploader = this.uploader;
    // ondataavailable's store.put runs before the part is queued: let the last one through.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const complete = async () => {
      await uploader.drain();
      for (let round = 0; round < 3; round++) {
        const { missing } = await api(path(this.attemptId, `/${recordingId}/end`), { method: 'POST', body: { chunks: this.seq }, schema: EndedRecording });
        if (missing.length === 0) return;
        uploader.resend(missing);
        await uploader.drain();
      }
    };
    await Promise.race([complete().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, withinMs))]);
  }
}
