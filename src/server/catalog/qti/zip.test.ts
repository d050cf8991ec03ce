import { crc32, deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QtiPackageError } from './errors.ts';
import { craftZip, deflated, zipFiles } from './test-zips.ts';
import { openZip, unsafeEntryName } from './zip.ts';

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (err) {
    if (err instanceof QtiPackageError) return err.code;
    throw err;
  }
  return undefined;
}

const MiB = 1024 * 1024;

describe('openZip', () => {
  it('reads the files of an ordinary zip, leaving directories out', () => {
    const zip = zipFiles({ 'a.txt': 'hello', 'dir/': new Uint8Array(), 'dir/b.xml': '<b/>', 'dir/é.txt': 'unicode name' });
    const z = openZip(zip);
    expect([...z.names].sort()).toEqual(['a.txt', 'dir/b.xml', 'dir/é.txt']);
    expect(Buffer.from(z.read('dir/b.xml')).toString()).toBe('<b/>');
    expect(z.has('dir/')).toBe(false);
  });

  it('refuses bytes that are not a zip', () => {
    expect(codeOf(() => openZip(Buffer.from('PK but not really a zip file at all, just text')))).toBe('ZipInvalid');
    expect(codeOf(() => openZip(Buffer.alloc(10)))).toBe('ZipInvalid');
  });

  it('refuses an entry whose header declares a small size but inflates far beyond it, before inflating it all', () => {
    const zeros = new Uint8Array(64 * MiB);
    const raw = deflateRawSync(zeros);
    // Declared 1 KB: every size check passes; only inflating reveals the lie, and zlib stops at byte 1025.
    const zip = craftZip([{ name: 'bomb.xml', data: raw, method: 8, size: 1024, crc: crc32(zeros) }]);
    const z = openZip(zip);
    const started = performance.now();
    expect(codeOf(() => z.read('bomb.xml'))).toBe('ZipTooLarge');
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('refuses an entry whose declared size is more than 200 times its compressed size', () => {
    const zeros = new Uint8Array(4 * MiB);
    expect(codeOf(() => openZip(craftZip([deflated('zeros.bin', zeros)])))).toBe('ZipTooLarge');
  });

  it('refuses many highly compressed entries (a zip bomb spread over entries) before inflating any', () => {
    const one = deflated('x', new Uint8Array(MiB));
    const entries = Array.from({ length: 300 }, (_, i) => ({ ...one, name: `part-${i}.bin` }));
    expect(codeOf(() => openZip(craftZip(entries)))).toBe('ZipTooLarge');
  });

  it('refuses entries that together exceed the total limit, even when each is modest', () => {
    const noise = (seed: number) => Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7919 + seed * 104729) % 251);
    const zip = craftZip(Array.from({ length: 12 }, (_, i) => deflated(`f${i}.bin`, noise(i))));
    expect(codeOf(() => openZip(zip, { maxTotalBytes: MiB }))).toBe('ZipTooLarge');
    expect(openZip(zip).names).toHaveLength(12);
  });

  it('refuses an entry larger than the per-entry limit, unless the caller allows that name more', () => {
    const zip = craftZip([deflated('big.xml', Buffer.alloc(200_000, 'x'), {})]);
    // 200 kB of one letter compresses far past 200:1, so lift the ratio to test the size limit alone.
    expect(codeOf(() => openZip(zip, { maxEntryBytes: 100_000, maxRatio: 10_000 }))).toBe('ZipTooLarge');
    expect(openZip(zip, { maxEntryBytes: 100_000, maxRatio: 10_000 }, { 'big.xml': 300_000 }).names).toEqual(['big.xml']);
  });

  it('refuses more entries than allowed, trusting neither the real nor the declared count', () => {
    const files = Array.from({ length: 11 }, (_, i) => deflated(`f${i}.txt`, 'x'));
    expect(codeOf(() => openZip(craftZip(files), { maxEntries: 10 }))).toBe('TooManyEntries');
    expect(codeOf(() => openZip(craftZip([deflated('a.txt', 'x')], { count: 60_000 })))).toBe('TooManyEntries');
  });

  it.each([
    ['../evil.xml', 'a ".." segment'],
    ['items/../../evil.xml', 'a ".." segment'],
    ['/abs.xml', 'an absolute path'],
    ['C:\\x', 'a backslash'],
    ['C:x.xml', 'a drive letter'],
    ['items\\q1.xml', 'a backslash'],
    ['a\0.xml', 'a NUL character'],
  ])('refuses the entry name %j', (name, reason) => {
    expect(unsafeEntryName(name)).toContain(reason.replace(/^an? /, ''));
    expect(codeOf(() => openZip(craftZip([deflated(name, '<x/>')])))).toBe('UnsafePath');
  });

  it('accepts names that only look odd', () => {
    for (const name of ['items/q..1.xml', 'items/..hidden', 'images/ünï cødé.png']) expect(unsafeEntryName(name)).toBeUndefined();
  });

  it('refuses two entries with the same name, which different readers would resolve differently', () => {
    expect(codeOf(() => openZip(craftZip([deflated('imsmanifest.xml', '<a/>'), deflated('imsmanifest.xml', '<b/>')])))).toBe('ZipInvalid');
  });

  it('refuses entries that share their compressed bytes (an overlapping-entries bomb)', () => {
    const a = deflated('a.txt', 'shared kernel');
    expect(codeOf(() => openZip(craftZip([a, { ...deflated('b.txt', 'shared kernel'), offset: 0 }])))).toBe('ZipInvalid');
  });

  it('refuses an entry whose data fails its checksum', () => {
    const zip = craftZip([deflated('a.txt', 'hello', { crc: 12345 })]);
    expect(codeOf(() => openZip(zip).read('a.txt'))).toBe('ZipInvalid');
  });

  it('refuses an entry shorter than it declares', () => {
    const zip = craftZip([deflated('a.txt', 'hello', { size: 10 })]);
    expect(codeOf(() => openZip(zip).read('a.txt'))).toBe('ZipInvalid');
  });

  it('refuses encrypted entries and unknown compression methods', () => {
    const zip = craftZip([{ name: 'a.txt', data: Buffer.from('x'), method: 0 }]);
    const encrypted = Buffer.from(zip);
    const cd = encrypted.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    encrypted.writeUInt16LE(0x801, cd + 8);
    expect(codeOf(() => openZip(encrypted))).toBe('ZipInvalid');
    const bzip = Buffer.from(zip);
    bzip.writeUInt16LE(12, cd + 10);
    expect(codeOf(() => openZip(bzip))).toBe('ZipInvalid');
  });

  it('fails only with a QtiPackageError, whatever bytes it is given', () => {
    const base = zipFiles({ 'imsmanifest.xml': '<manifest/>', 'items/q1.xml': '<qti-assessment-item/>'.repeat(20), 'big.bin': new Uint8Array(5000) });
    const mutations = fc.array(fc.record({ at: fc.nat(base.length - 1), byte: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 6 });
    fc.assert(fc.property(mutations, fc.nat(base.length), (muts, cut) => {
      const bytes = Buffer.from(base.subarray(0, Math.max(cut, base.length - 40)));
      for (const m of muts) if (m.at < bytes.length) bytes[m.at] = m.byte;
      try {
        const z = openZip(bytes);
        for (const name of z.names) z.read(name);
      } catch (err) {
        expect(err).toBeInstanceOf(QtiPackageError);
      }
    }), { numRuns: 2000 });
  });
});
