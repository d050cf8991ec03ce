import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile, rename } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import path from 'node:path';

/** Content types the blob store keeps, by the extension its keys carry. */
const types = { jpg: 'image/jpeg', webm: 'video/webm' } as const;
export type BlobExtension = keyof typeof types;

/**
 * Where photos and recordings live. Keys are unguessable (128 random bits) and carry their type as an extension.
 * The local store writes files under one folder; an S3-compatible store implements the same interface for scale-out.
 */
export interface BlobStore {
  put(data: Buffer, ext: BlobExtension): Promise<string>;
  get(key: string): Promise<{ data: Buffer; contentType: string } | null>;
  /** The size of a blob in bytes, or null when there is none (large files are read with `stream`, never whole). */
  size(key: string): Promise<number | null>;
  /** Bytes `start` to `end` (inclusive) of a blob, streamed. */
  stream(key: string, start: number, end: number): Readable;
  delete(key: string): Promise<void>;
}

const keyPattern = /^([A-Za-z0-9_-]{2})([A-Za-z0-9_-]{20})\.(jpg|webm)$/;

/** True for a key this store could have made (anything else is refused before touching the disk). */
export const isBlobKey = (key: string) => keyPattern.test(key);

/** A blob store in a local folder; files are written to a temporary name and renamed, so a crash leaves no half file. */
export function localBlobStore(dir: string): BlobStore {
  const fileOf = (key: string) => {
    const m = keyPattern.exec(key);
    if (!m) throw new Error('Not a blob key.');
    return path.join(dir, m[1]!, key);
  };
  return {
    async put(data, ext) {
      const key = `${randomBytes(16).toString('base64url').slice(0, 22)}.${ext}`;
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, data, { mode: 0o600 });
      await rename(tmp, file);
      return key;
    },
    async get(key) {
      if (!isBlobKey(key)) return null;
      try {
        return { data: await readFile(fileOf(key)), contentType: types[key.split('.').pop() as BlobExtension] };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    async size(key) {
      if (!isBlobKey(key)) return null;
      try {
        return (await stat(fileOf(key))).size;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    stream(key, start, end) {
      return createReadStream(fileOf(key), { start, end });
    },
    async delete(key) {
      if (isBlobKey(key)) await rm(fileOf(key), { force: true });
    },
  };
}

/**
 * Short-lived signed links to blobs: `/api/v1/blobs/<key>?exp=<unix seconds>&sig=<hmac>`. The server checks each use
 * has authorised it (a candidate their own photos, staff while reviewing) before signing; the link then works only
 * until it expires and only for that key.
 */
export function blobSigner(secret: Buffer) {
  const mac = (key: string, exp: number) => createHmac('sha256', secret).update(`${key}\n${exp}`).digest('base64url');
  return {
    url(key: string, now: Date, ttlSeconds = 300): string {
      const exp = Math.floor(now.getTime() / 1000) + ttlSeconds;
      return `/api/v1/blobs/${key}?exp=${exp}&sig=${mac(key, exp)}`;
    },
    verify(key: string, exp: number, sig: string, now: Date): 'ok' | 'expired' | 'invalid' {
      const want = Buffer.from(mac(key, exp));
      const given = Buffer.from(sig);
      if (want.length !== given.length || !timingSafeEqual(want, given)) return 'invalid';
      return exp * 1000 < now.getTime() ? 'expired' : 'ok';
    },
  };
}
