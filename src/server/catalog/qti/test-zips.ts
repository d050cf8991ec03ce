/**
 * Test support: zips built byte by byte, so tests can forge what a real zip tool never writes (lying sizes, `..`
 * names, duplicate or overlapping entries), plus small QTI documents to put in them. Not used by the application.
 */
import { deflateRawSync, crc32 } from 'node:zlib';
import { zipSync } from 'fflate';
import { QTI_CP_NS, QTI_NS } from './vocabulary.ts';

export interface RawEntry {
  name: string;
  /** The bytes as they appear in the zip (already deflated when method is 8). */
  data: Uint8Array;
  method?: 0 | 8;
  /** Declared uncompressed size; defaults to the real one. */
  size?: number;
  crc?: number;
  /** Local header offset to claim in the central directory, to forge overlapping entries. */
  offset?: number;
}

/** An entry holding `content`, deflated, with honest sizes unless overridden. */
export function deflated(name: string, content: Uint8Array | string, over: Partial<RawEntry> = {}): RawEntry {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return { name, data: deflateRawSync(bytes), method: 8, size: bytes.length, crc: crc32(bytes), ...over };
}

/** Writes a zip from raw entries; `count` forges the entry count of the end record. */
export function craftZip(entries: RawEntry[], opts: { count?: number } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const method = e.method ?? 0;
    const size = e.size ?? e.data.length;
    const crc = e.crc ?? (method === 0 ? crc32(e.data) : 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(e.offset ?? offset, 42);
    locals.push(local, name, Buffer.from(e.data));
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(opts.count ?? entries.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(opts.count ?? entries.length, 0xffff), 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** A normal zip of text or binary files, as a zip tool would write it. */
export function zipFiles(files: Record<string, string | Uint8Array>): Buffer {
  const input: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(files)) input[k] = typeof v === 'string' ? Buffer.from(v, 'utf8') : v;
  return Buffer.from(zipSync(input));
}

/** A QTI 3.0 manifest listing item resources (path → resource identifier); `extra` goes inside <resources>. */
export function manifestFor(items: Record<string, string>, extra = ''): string {
  const resources = Object.entries(items)
    .map(([path, id]) => `<resource identifier="${id}" type="imsqti_item_xmlv3p0" href="${path}"><file href="${path}"/></resource>`)
    .join('\n    ');
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest xmlns="${QTI_CP_NS}" identifier="M1">
  <organizations/>
  <resources>
    ${resources}
    ${extra}
  </resources>
</manifest>`;
}

/** A minimal valid single-response choice item; `body` replaces the item body's inner XML. */
export function choiceItem(id: string, opts: { body?: string; declaration?: string; rp?: string } = {}): string {
  const body = opts.body ?? `<p>What is 2 + 2?</p>
    <qti-choice-interaction response-identifier="RESPONSE" shuffle="false" max-choices="1">
      <qti-simple-choice identifier="A">4</qti-simple-choice>
      <qti-simple-choice identifier="B">5</qti-simple-choice>
    </qti-choice-interaction>`;
  const declaration = opts.declaration ?? '<qti-correct-response><qti-value>A</qti-value></qti-correct-response>';
  return `<?xml version="1.0" encoding="UTF-8"?>
<qti-assessment-item xmlns="${QTI_NS}" identifier="${id}" title="Item ${id}" adaptive="false" time-dependent="false">
  <qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="identifier">${declaration}</qti-response-declaration>
  <qti-item-body>
    ${body}
  </qti-item-body>
  ${opts.rp ?? '<qti-response-processing template="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml"/>'}
</qti-assessment-item>`;
}
