import { ChunkUploader, type UploadProgress } from '../lib/chunk-upload.ts';

export type { UploadProgress };

/** Uploads the chunks of one room-scan take of a check-in (see ChunkUploader: in order, retried, kept until done). */
export class ScanUploader extends ChunkUploader {
  constructor(checkInId: string, take: number, onProgress: (progress: UploadProgress) => void) {
    super((seq) => `/checkins/${checkInId}/room-scan/${take}/chunks/${seq}`, onProgress);
  }
}
