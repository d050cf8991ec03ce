/**
 * Reading an uploaded zip without trusting it. We parse the central directory ourselves (fflate's unzipSync cannot
 * stop an entry that inflates past its declared size, keeps the last of two entries with the same name, and gives
 * no offsets to check for overlapping entries), check every name and every declared size before inflating anything,
 * then inflate lazily, one entry at a time, with node:zlib's `maxOutputLength` so a header that lies about the size
 * is caught after at most one 16 KiB chunk too many. Writing zips (write-package.ts) uses fflate.
 */
import { crc32, inflateRawSync } from 'node:zlib';
import { QtiPackageError } from './errors.ts';

export interface ZipLimits {
  /** Entries in the central directory, directories included. */
  maxEntries: number;
  /** Inflated size of one entry. */
  maxEntryBytes: number;
  /** Inflated size of all entries together. */
  maxTotalBytes: number;
  /** Largest inflated:compressed ratio accepted for an entry above `ratioExemptBytes`. */
  maxRatio: number;
}

/** Limits applied when the caller gives none: generous for a real item bank, small next to the memory of a server. */
export const defaultZipLimits: ZipLimits = { maxEntries: 50_000, maxEntryBytes: 8 * 1024 * 1024, maxTotalBytes: 512 * 1024 * 1024, maxRatio: 200 };

/**
 * Deflate turns a few KiB of one repeated byte into a dozen bytes, so a pure ratio test would refuse harmless small
 * files (a blank image, an indented XML stub). Below this size the absolute limits already bound the cost.
 */
const ratioExemptBytes = 64 * 1024;

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  crc: number;
  headerOffset: number;
  dataOffset: number;
  /** Where the raw name bytes sit in the central directory, to compare with the local header's copy. */
  nameAt: number;
  nameLen: number;
}

/** A zip whose structure and declared sizes were checked; entries are inflated (and checked again) on `read`. */
export interface SafeZip {
  /** File names (directories left out), in central-directory order. */
  readonly names: readonly string[];
  has(name: string): boolean;
  /** The entry's bytes; throws QtiPackageError when it inflates past its declared size or fails its CRC. */
  read(name: string): Uint8Array;
}

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;

function invalid(message: string, details?: Record<string, unknown>): QtiPackageError {
  return new QtiPackageError('ZipInvalid', `The upload is not a usable zip file: ${message}`, details);
}

function u64(buf: Buffer, at: number): number {
  const v = buf.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw invalid('a zip64 size or offset is out of range.');
  return Number(v);
}

/** Why an entry name is unsafe to use as a path, or undefined when it is a plain relative path. */
export function unsafeEntryName(name: string): string | undefined {
  if (name === '') return 'it is empty';
  if (name.includes('\0')) return 'it contains a NUL character';
  if (name.includes('\\')) return 'it contains a backslash';
  if (name.startsWith('/')) return 'it is an absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'it starts with a drive letter';
  if (name.split('/').includes('..')) return 'it contains a ".." segment';
  return undefined;
}

function decodeName(bytes: Buffer, utf8Flag: boolean): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Without the UTF-8 flag the name is CP437 by the letter of the spec; tools that wrote neither UTF-8 nor ASCII
    // are rare enough that Latin-1 (close to CP437 for letters) is a fair reading. With the flag, it is damage.
    if (utf8Flag) throw invalid('an entry name is flagged UTF-8 but is not.');
    return bytes.toString('latin1');
  }
}

function findEndOfCentralDirectory(buf: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, so it starts in the last 65557 bytes.
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let at = buf.length - 22; at >= stop; at--) if (buf.readUInt32LE(at) === SIG_EOCD) return at;
  throw invalid('no end-of-central-directory record (is it a zip?).');
}

/**
 * Opens a zip held in memory: throws QtiPackageError (ZipInvalid, ZipTooLarge, TooManyEntries, UnsafePath) before
 * inflating anything if the structure, a name or a declared size is not acceptable. `larger` names entries allowed
 * past maxEntryBytes, up to the given size (a manifest grows with the number of items it lists).
 */
export function openZip(zip: Uint8Array, limits: Partial<ZipLimits> = {}, larger: Readonly<Record<string, number>> = {}): SafeZip {
  try {
    return open(zip, { ...defaultZipLimits, ...limits }, larger);
  } catch (err) {
    // Offsets and lengths come from the file; one pointing past the end makes Buffer throw RangeError.
    if (err instanceof RangeError) throw invalid('it is truncated or a size or offset in it points outside the file.');
    throw err;
  }
}

function open(zip: Uint8Array, lim: ZipLimits, larger: Readonly<Record<string, number>>): SafeZip {
  const buf = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  if (buf.length < 22) throw invalid('it is too short to be a zip.');
  const eocd = findEndOfCentralDirectory(buf);
  if (buf.readUInt16LE(eocd + 4) !== 0 || buf.readUInt16LE(eocd + 6) !== 0) throw invalid('split (multi-volume) archives are not supported.');
  let count = buf.readUInt16LE(eocd + 10);
  let cdSize = buf.readUInt32LE(eocd + 12);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  const locator = eocd - 20;
  if (locator >= 0 && buf.readUInt32LE(locator) === SIG_EOCD64_LOCATOR) {
    const at = u64(buf, locator + 8);
    if (at + 56 > buf.length || buf.readUInt32LE(at) !== SIG_EOCD64) throw invalid('the zip64 end record is damaged.');
    count = u64(buf, at + 32);
    cdSize = u64(buf, at + 40);
    cdOffset = u64(buf, at + 48);
  }
  // Checked before walking the directory, so a forged count cannot make us loop or allocate.
  if (count > lim.maxEntries) throw new QtiPackageError('TooManyEntries', `The zip has ${count} entries; at most ${lim.maxEntries} are accepted. Split the package.`, { entries: count, limit: lim.maxEntries });
  if (cdOffset + cdSize > buf.length) throw invalid('the central directory points past the end of the file.');

  const entries = new Map<string, Entry>();
  const all: Entry[] = [];
  let total = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cdOffset + cdSize || buf.readUInt32LE(p) !== SIG_CENTRAL) throw invalid('the central directory is damaged.');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    let compressedSize = buf.readUInt32LE(p + 20);
    let size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let headerOffset = buf.readUInt32LE(p + 42);
    const nameEnd = p + 46 + nameLen;
    if (nameEnd + extraLen + commentLen > cdOffset + cdSize) throw invalid('the central directory is damaged.');
    const name = decodeName(buf.subarray(p + 46, nameEnd), (flags & 0x800) !== 0);
    // Zip64 extra field: the 64-bit values follow in a fixed order, present only for the fields saturated above.
    for (let x = nameEnd; x + 4 <= nameEnd + extraLen; x += 4 + buf.readUInt16LE(x + 2)) {
      if (buf.readUInt16LE(x) !== 0x0001) continue;
      let f = x + 4;
      if (size === 0xffffffff) {
        size = u64(buf, f);
        f += 8;
      }
      if (compressedSize === 0xffffffff) {
        compressedSize = u64(buf, f);
        f += 8;
      }
      if (headerOffset === 0xffffffff) headerOffset = u64(buf, f);
    }
    p = nameEnd + extraLen + commentLen;

    const unsafe = unsafeEntryName(name);
    if (unsafe) throw new QtiPackageError('UnsafePath', `The zip entry "${name.replace(/\0/g, '\\0')}" was refused because ${unsafe}; entries must be relative paths inside the package.`, { entry: name });
    if (flags & 0x41) throw invalid(`"${name}" is encrypted.`, { entry: name });
    if (method !== 0 && method !== 8) throw invalid(`"${name}" uses compression method ${method}; only stored and deflate are supported.`, { entry: name });
    if (method === 0 && size !== compressedSize) throw invalid(`"${name}" is stored but declares two different sizes.`, { entry: name });
    const maxBytes = Object.hasOwn(larger, name) ? larger[name]! : lim.maxEntryBytes;
    if (size > maxBytes) throw new QtiPackageError('ZipTooLarge', `"${name}" is ${size} bytes; it may be at most ${maxBytes} bytes.`, { entry: name, size, limit: maxBytes });
    if (size > ratioExemptBytes && size > lim.maxRatio * compressedSize) {
      throw new QtiPackageError('ZipTooLarge', `"${name}" would inflate ${Math.round(size / Math.max(1, compressedSize))} times its compressed size (at most ${lim.maxRatio}); this looks like a zip bomb.`, { entry: name, size, compressedSize, limit: lim.maxRatio });
    }
    total += size;
    if (total > lim.maxTotalBytes) throw new QtiPackageError('ZipTooLarge', `The package inflates to more than ${lim.maxTotalBytes} bytes.`, { limit: lim.maxTotalBytes });
    const entry: Entry = { name, method, compressedSize, size, crc, headerOffset, dataOffset: 0, nameAt: nameEnd - nameLen, nameLen };
    all.push(entry);
    if (name.endsWith('/')) continue;
    // Two entries with one name would let two zip readers see two different packages.
    if (entries.has(name)) throw invalid(`"${name}" appears twice.`, { entry: name });
    entries.set(name, entry);
  }

  // Locate each entry's data through its local header, and refuse entries that share bytes: overlapping entries
  // are how a "non-recursive" zip bomb multiplies one compressed kernel into many large files.
  all.sort((a, b) => a.headerOffset - b.headerOffset);
  for (let i = 0; i < all.length; i++) {
    const e = all[i]!;
    const h = e.headerOffset;
    if (h + 30 > cdOffset || buf.readUInt32LE(h) !== SIG_LOCAL) throw invalid(`the local header of "${e.name}" is missing.`, { entry: e.name });
    const localNameLen = buf.readUInt16LE(h + 26);
    // A local name that differs from the directory's is how one zip shows different files to different readers.
    if (localNameLen !== e.nameLen || h + 30 + localNameLen > cdOffset || !buf.subarray(h + 30, h + 30 + localNameLen).equals(buf.subarray(e.nameAt, e.nameAt + e.nameLen))) {
      throw invalid(`the local header of "${e.name}" names another file.`, { entry: e.name });
    }
    e.dataOffset = h + 30 + localNameLen + buf.readUInt16LE(h + 28);
    const end = e.dataOffset + e.compressedSize;
    const next = i + 1 < all.length ? all[i + 1]!.headerOffset : cdOffset;
    if (end > next) throw invalid(`"${e.name}" overlaps another entry or the central directory.`, { entry: e.name });
  }

  const names = [...entries.keys()];
  return {
    names,
    has: (name) => entries.has(name),
    read(name) {
      const e = entries.get(name);
      if (!e) throw new QtiPackageError('MissingFile', `"${name}" is not in the zip.`, { file: name });
      return inflateEntry(buf, e);
    },
  };
}

function inflateEntry(buf: Buffer, e: Entry): Uint8Array {
  const raw = buf.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
  let out: Buffer;
  if (e.method === 0) out = raw;
  else {
    try {
      // One byte more than declared: reaching it proves the header lied, and zlib stops right there. A chunk the
      // size of the entry (zlib's default is 16 KiB per call) keeps 10,000 small files from allocating 160 MB.
      out = inflateRawSync(raw, { maxOutputLength: e.size + 1, chunkSize: Math.min(Math.max(e.size + 1, 64), 64 * 1024) });
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooBig(e);
      throw invalid(`"${e.name}" is damaged (${(err as Error).message}).`, { entry: e.name });
    }
    if (out.length > e.size) throw tooBig(e);
  }
  if (out.length !== e.size) throw invalid(`"${e.name}" is shorter than its declared size.`, { entry: e.name });
  if (crc32(out) !== e.crc) throw invalid(`"${e.name}" fails its checksum.`, { entry: e.name });
  return out;
}

function tooBig(e: Entry): QtiPackageError {
  return new QtiPackageError('ZipTooLarge', `"${e.name}" inflates beyond the ${e.size} bytes its header declares; the zip is forged or damaged.`, { entry: e.name, declared: e.size });
}
