import { gunzipSync, gzipSync } from 'fflate';

/**
 * Bitstring Status List v1.0: a list is at least 16 KB (131,072 entries) so that one credential's bit hides among
 * many (herd privacy); index 0 is the left-most (most significant) bit of the first byte.
 */
export const statusListSize = 131_072;

/** The bit of `index` in an uncompressed list. */
export function statusBit(list: Uint8Array, index: number): boolean {
  if (!Number.isInteger(index) || index < 0 || index >= list.length * 8) throw new RangeError(`Status index ${index} is outside the list.`);
  return (list[index >> 3]! & (0x80 >> (index & 7))) !== 0;
}

/** An uncompressed list of `size` bits with the given indexes set. */
export function statusBits(setIndexes: Iterable<number>, size = statusListSize): Uint8Array {
  if (size % 8 !== 0 || size < statusListSize) throw new RangeError(`A status list has at least ${statusListSize} bits, in whole bytes.`);
  const list = new Uint8Array(size / 8);
  for (const i of setIndexes) {
    if (!Number.isInteger(i) || i < 0 || i >= size) throw new RangeError(`Status index ${i} is outside the list.`);
    list[i >> 3]! |= 0x80 >> (i & 7);
  }
  return list;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('The status list is not base64url.');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** `encodedList`: the list GZIP-compressed, base64url without padding, with the multibase prefix `u`. */
export function encodeStatusList(list: Uint8Array): string {
  // mtime 0: the same bits always encode to the same text.
  return `u${toBase64Url(gzipSync(list, { mtime: 0 }))}`;
}

/** The uncompressed list from `encodedList` (the multibase prefix is optional, as older lists lack it). */
export function decodeStatusList(encoded: string): Uint8Array {
  return gunzipSync(fromBase64Url(encoded.startsWith('u') ? encoded.slice(1) : encoded));
}

/**
 * Where a new credential's bit goes: a random free index (random, so neighbouring indexes say nothing about when
 * credentials were issued). A list takes new credentials until half full, then the next list opens, which keeps
 * random picks cheap. `random` returns an integer in [0, n).
 */
export function pickStatusSlot(usedInLatest: number, latestList: number, random: (n: number) => number): { list: number; index: number } {
  const list = latestList < 1 ? 1 : usedInLatest >= statusListSize / 2 ? latestList + 1 : latestList;
  return { list, index: random(statusListSize) };
}
