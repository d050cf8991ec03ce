import os from 'node:os';
import sharp from 'sharp';
import { AppError } from '../../core/shared/app-error.ts';
import { limiter } from './limiter.ts';

/** Limits on an uploaded photo: bytes on the wire, and pixels once decoded (a small file can decode huge). */
export interface PhotoLimits {
  maxBytes: number;
  maxPixels: number;
  maxSide: number;
}
export const photoLimits: PhotoLimits = { maxBytes: 12 * 1024 * 1024, maxPixels: 40_000_000, maxSide: 2048 };

/** Formats we accept, as sharp names them after reading the bytes (never the file name or the claimed type). */
const accepted = new Set(['jpeg', 'png', 'webp', 'heif']);

export interface CleanPhoto {
  data: Buffer;
  width: number;
  height: number;
}

const refuse = (message: string) => new AppError('UnsupportedMediaType', message);

/**
 * Turns an uploaded photo into a clean JPEG: the format is sniffed from the bytes (JPEG, PNG, WebP, HEIC), the image
 * is decoded with a pixel limit (decompression bombs are refused), turned upright by its EXIF orientation, scaled to
 * at most 2048 px on its long side and re-encoded, which drops every metadata block (EXIF, GPS, XMP, ICC comments)
 * and anything appended to or hidden in the original file (polyglots). Refusals say what to do, in plain words.
 */
export function reencodePhoto(input: Buffer, limits: PhotoLimits = photoLimits): Promise<CleanPhoto> {
  return decodeSlots.run(() => reencode(input, limits));
}

// libvips keeps recent operations and their pixels for reuse (50 MB by default); every upload is a new image, so the
// cache only holds memory.
sharp.cache(false);

/** Decodes at once: one per core (sharp itself uses several threads per image). */
const decodeSlots = limiter(Math.max(1, Math.min(4, os.availableParallelism())));

async function reencode(input: Buffer, limits: PhotoLimits): Promise<CleanPhoto> {
  if (input.length === 0) throw refuse('The photo is empty. Take it again.');
  if (input.length > limits.maxBytes) throw new AppError('PayloadTooLarge', `The photo is larger than ${Math.round(limits.maxBytes / 1024 / 1024)} MB. Take it again at a lower resolution.`);
  let meta: sharp.Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: limits.maxPixels, failOn: 'error' }).metadata();
  } catch {
    throw refuse('This file is not a photo we can read. Use a JPEG, PNG, WebP or HEIC image from your camera.');
  }
  if (!meta.format || !accepted.has(meta.format)) throw refuse(`A ${meta.format ?? 'file of this kind'} is not accepted. Use a JPEG, PNG, WebP or HEIC photo.`);
  if (!meta.width || !meta.height || meta.width * meta.height > limits.maxPixels) throw refuse('The photo has too many pixels. Take it again at a lower resolution.');
  if ((meta.pages ?? 1) > 1 && meta.format !== 'heif') throw refuse('Send a single photo, not an animation or a multi-page image.');
  try {
    const { data, info } = await sharp(input, { limitInputPixels: limits.maxPixels, failOn: 'error', pages: 1 })
      .rotate()
      .resize({ width: limits.maxSide, height: limits.maxSide, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 85, mozjpeg: false })
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch {
    throw refuse('This photo could not be read completely (the file may be damaged). Take it again.');
  }
}
