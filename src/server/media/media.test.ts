import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { reencodePhoto } from '../platform/images.ts';
import { blobLinks } from './routes.ts';

const photo = (width = 64, height = 48) => sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 30 } } });

/** CRC-32 as PNG uses it (Node 20 has no zlib.crc32). */
function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** A valid small PNG whose header claims other dimensions (a decompression bomb's calling card). */
async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(await photo(8, 8).png().toBuffer());
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

describe('photo uploads', () => {
  it('strips EXIF and GPS and turns the photo upright', async () => {
    const withGps = await photo(60, 40).jpeg().withMetadata({ orientation: 6 }).withExifMerge({ IFD0: { Make: 'PhoneCo' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 8/1 0/1' } }).toBuffer();
    expect((await sharp(withGps).metadata()).orientation).toBe(6);
    expect((await sharp(withGps).metadata()).exif).toBeDefined();
    const clean = await reencodePhoto(withGps);
    const meta = await sharp(clean.data).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(clean.data.includes(Buffer.from('PhoneCo'))).toBe(false);
    // Orientation 6 means "rotate 90°": the clean photo is stored upright, so width and height swap.
    expect([clean.width, clean.height]).toEqual([40, 60]);
  });

  it('drops whatever a polyglot hides after the image', async () => {
    const jpeg = await photo().jpeg().toBuffer();
    const polyglot = Buffer.concat([jpeg, Buffer.from('<html><script>alert(1)</script></html>PK\u0003\u0004zip-payload')]);
    const clean = await reencodePhoto(polyglot);
    expect(clean.data.includes(Buffer.from('<script>'))).toBe(false);
    expect(clean.data.includes(Buffer.from('zip-payload'))).toBe(false);
    expect((await sharp(clean.data).metadata()).format).toBe('jpeg');
  });

  it('accepts PNG and WebP and scales large photos down to 2048 px', async () => {
    expect((await reencodePhoto(await photo().png().toBuffer())).width).toBe(64);
    expect((await reencodePhoto(await photo().webp().toBuffer())).height).toBe(48);
    const big = await reencodePhoto(await photo(4000, 3000).jpeg().toBuffer());
    expect([big.width, big.height]).toEqual([2048, 1536]);
  });

  it('refuses a decompression bomb by its pixel count before decoding it', async () => {
    await expect(reencodePhoto(await pngClaiming(50_000, 50_000))).rejects.toMatchObject({ code: 'UnsupportedMediaType', message: expect.stringMatching(/too many pixels|not a photo/) });
    await expect(reencodePhoto(await photo(2000, 2000).png().toBuffer(), { maxBytes: 12e6, maxPixels: 1_000_000, maxSide: 2048 })).rejects.toMatchObject({ message: expect.stringMatching(/too many pixels|not a photo/) });
  });

  it('refuses files that are not photos, whatever they claim to be', async () => {
    const cases: [string, Buffer][] = [
      ['pdf', Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF')],
      ['svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>')],
      ['gif', await photo().gif().toBuffer()],
      ['truncated jpeg', (await photo(400, 300).jpeg().toBuffer()).subarray(0, 300)],
      ['text', Buffer.from('just some text')],
    ];
    for (const [what, bytes] of cases) {
      await expect(reencodePhoto(bytes), what).rejects.toMatchObject({ code: 'UnsupportedMediaType' });
    }
    await expect(reencodePhoto(Buffer.alloc(0))).rejects.toMatchObject({ message: /empty/ });
    await expect(reencodePhoto(await photo().jpeg().toBuffer(), { maxBytes: 100, maxPixels: 1e6, maxSide: 2048 })).rejects.toMatchObject({ code: 'PayloadTooLarge' });
  });
});

describe('blob links', () => {
  let t: TestApp;
  beforeEach(async () => { t = await createTestApp(); });
  afterEach(async () => { await t.close(); });

  it('serves a stored photo through a signed link until it expires, and never with a forged one', async () => {
    const key = await t.deps.blobs.put((await reencodePhoto(await photo().jpeg().toBuffer())).data, 'jpg');
    const url = (await blobLinks(t.deps)).url(key, t.clock.now(), 300);
    const ok = await t.app.inject({ method: 'GET', url });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toBe('image/jpeg');
    expect(ok.headers['cache-control']).toBe('private, no-store');
    expect(ok.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));

    const forged = url.replace(/sig=(.)/, (_m, c: string) => `sig=${c === 'A' ? 'B' : 'A'}`);
    expect((await t.app.inject({ method: 'GET', url: forged })).statusCode).toBe(403);
    const otherKey = url.replace(key, `${key.slice(0, 2)}${'x'.repeat(20)}.jpg`);
    expect((await t.app.inject({ method: 'GET', url: otherKey })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/blobs/..%2F..%2Fetc%2Fpasswd?exp=1&sig=x' })).statusCode).toBe(400);

    t.clock.advance(301_000);
    const late = await t.app.inject({ method: 'GET', url });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.code).toBe('TokenExpired');

    await t.deps.blobs.delete(key);
    const gone = (await blobLinks(t.deps)).url(key, t.clock.now());
    expect((await t.app.inject({ method: 'GET', url: gone })).statusCode).toBe(404);
  });
});
