/**
 * Exporting items (and optionally a test) as a QTI 3.0 content package: `imsmanifest.xml`, `items/<identifier>.xml`
 * and `tests/<identifier>.xml`. How Invigil's fields map onto QTI is documented once, in read-package.ts.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import { Zip, type ZipInputFile } from 'fflate';
import type { ItemDraft } from '../../../core/catalog/item.ts';
import { QtiPackageError } from './errors.ts';
import { relativeHref } from './paths.ts';
import type { QtiTest } from './read-test.ts';
import {
  DOMAIN_TAXONOMY, INVIGIL_SOURCE, ITEM_RESOURCE, LOM_NS, LOM_XSD, PRETEST_CATEGORY, QTI_CP_NS, QTI_CP_XSD, QTI_IDENTIFIER, QTI_NS, QTI_XSD, SCORING_PURPOSE, TEST_RESOURCE, XSI_NS,
} from './vocabulary.ts';
import { writeItemXml } from './write-item.ts';
import { escapeAttr as a, escapeText as t } from './xml.ts';

export interface WriteQtiPackageInput {
  /** Package identifier, e.g. the exam code. */
  identifier: string;
  title: string;
  items: ItemDraft[];
  /** Sections listing item identifiers; every identifier must be one of `items`. */
  test?: QtiTest;
}

// A fixed timestamp makes the same export byte-for-byte the same zip, and keeps the clock out of this module.
const ENTRY_TIME = new Date(2000, 0, 1);
const encoder = new TextEncoder();

const itemFile = (id: string) => `items/${id}.xml`;
const testFile = (id: string) => `tests/${id}.xml`;
// Resource identifiers are xs:ID, unique across the manifest: prefixes keep an item and a test of one name apart.
const itemResourceId = (id: string) => `item-${id}`;

function refuse(message: string, details?: Record<string, unknown>): QtiPackageError {
  return new QtiPackageError('ManifestInvalid', `The package cannot be exported: ${message}`, details);
}

function checkIdentifier(kind: string, id: string): void {
  if (!QTI_IDENTIFIER.test(id)) throw refuse(`the ${kind} identifier "${id}" is not a QTI identifier (a letter or _, then letters, digits, _, - or .).`);
}

const vocab = (tag: string, source: string, value: string) => `<imsmd:${tag}><imsmd:source>${t(source)}</imsmd:source><imsmd:value>${t(value)}</imsmd:value></imsmd:${tag}>`;

/**
 * The LOM record of one item resource: status, domain and scoring (the mapping is described in read-package.ts).
 * One line per item: a 10,000-item manifest is read back as one document, so its size is import time.
 */
function itemLom(item: ItemDraft): string {
  const domain = item.domain
    ? `<imsmd:classification>${vocab('purpose', 'LOMv1.0', 'discipline')}<imsmd:taxonPath><imsmd:source><imsmd:string>${t(DOMAIN_TAXONOMY)}</imsmd:string></imsmd:source><imsmd:taxon><imsmd:id>${t(item.domain)}</imsmd:id><imsmd:entry><imsmd:string>${t(item.domain)}</imsmd:string></imsmd:entry></imsmd:taxon></imsmd:taxonPath></imsmd:classification>`
    : '';
  const scoring = `<imsmd:classification>${vocab('purpose', INVIGIL_SOURCE, SCORING_PURPOSE)}<imsmd:taxonPath><imsmd:source><imsmd:string>Invigil scoring</imsmd:string></imsmd:source><imsmd:taxon><imsmd:id>${item.scored ? 'scored' : 'pretest'}</imsmd:id></imsmd:taxon></imsmd:taxonPath></imsmd:classification>`;
  return `<imsmd:lom><imsmd:lifeCycle>${vocab('status', INVIGIL_SOURCE, item.status)}</imsmd:lifeCycle>${domain}${scoring}</imsmd:lom>`;
}

function testXml(test: QtiTest, items: Map<string, ItemDraft>): string {
  const file = testFile(test.identifier);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<qti-assessment-test xmlns="${QTI_NS}" xmlns:xsi="${XSI_NS}" xsi:schemaLocation="${QTI_NS} ${QTI_XSD}" identifier="${a(test.identifier)}" title="${a(test.title)}">`,
    '  <qti-test-part identifier="part-1" navigation-mode="nonlinear" submission-mode="simultaneous">',
  ];
  // Item-ref identifiers must be unique in the test; an item listed in two sections gets a suffix on its second ref.
  const refIds = new Set<string>();
  const sectionIds = new Set<string>();
  for (const s of test.sections) {
    checkIdentifier('section', s.identifier);
    if (sectionIds.has(s.identifier)) throw refuse(`two sections are named ${s.identifier}.`);
    sectionIds.add(s.identifier);
    lines.push(`    <qti-assessment-section identifier="${a(s.identifier)}" title="${a(s.title)}" visible="true">`);
    if (s.select !== undefined) {
      if (!Number.isInteger(s.select) || s.select < 0) throw refuse(`section ${s.identifier} selects ${s.select} items; give a whole number.`);
      lines.push(`      <qti-selection select="${s.select}"/>`);
    }
    for (const id of s.itemIdentifiers) {
      const item = items.get(id);
      if (!item) throw refuse(`section ${s.identifier} lists item ${id}, which is not among the exported items.`, { section: s.identifier, item: id });
      let refId = id;
      for (let n = 2; refIds.has(refId); n++) refId = `${id}-${n}`;
      refIds.add(refId);
      const category = item.scored ? '' : ` category="${PRETEST_CATEGORY}"`;
      lines.push(`      <qti-assessment-item-ref identifier="${a(refId)}" href="${a(relativeHref(file, itemFile(id)))}"${category}/>`);
    }
    lines.push('    </qti-assessment-section>');
  }
  lines.push('  </qti-test-part>', '</qti-assessment-test>', '');
  return lines.join('\n');
}

/** Builds a QTI 3.0 content package (zip) of `items` and, when given, `test`; throws QtiPackageError (ItemInvalid, ManifestInvalid) for content that could not be imported back. */
export function writeQtiPackage(input: WriteQtiPackageInput): Buffer {
  checkIdentifier('package', input.identifier);
  const byId = new Map<string, ItemDraft>();
  for (const item of input.items) {
    if (byId.has(item.identifier)) throw new QtiPackageError('ItemInvalid', `The package cannot be exported: two items are named ${item.identifier}.`, { items: [{ identifier: item.identifier, problems: ['Duplicate identifier.'] }] });
    byId.set(item.identifier, item);
  }
  const files: [string, string][] = [];
  const put = (name: string, text: string) => files.push([name, text]);

  const manifest = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<manifest xmlns="${QTI_CP_NS}" xmlns:imsmd="${LOM_NS}" xmlns:xsi="${XSI_NS}" xsi:schemaLocation="${QTI_CP_NS} ${QTI_CP_XSD} ${LOM_NS} ${LOM_XSD}" identifier="manifest-${a(input.identifier)}">`,
    '  <metadata>',
    '    <schema>QTI Package</schema>',
    '    <schemaversion>3.0.0</schemaversion>',
    `    <imsmd:lom><imsmd:general><imsmd:identifier><imsmd:entry>${t(input.identifier)}</imsmd:entry></imsmd:identifier><imsmd:title><imsmd:string>${t(input.title)}</imsmd:string></imsmd:title></imsmd:general></imsmd:lom>`,
    '  </metadata>',
    '  <organizations/>',
    '  <resources>',
  ];
  const body: [string, string][] = [];
  for (const item of input.items) {
    const file = itemFile(item.identifier);
    body.push([file, writeItemXml(item)]);
    const href = a(relativeHref('imsmanifest.xml', file));
    manifest.push(
      `    <resource identifier="${a(itemResourceId(item.identifier))}" type="${ITEM_RESOURCE}" href="${href}">`,
      `      <metadata>${itemLom(item)}</metadata>`,
      `      <file href="${href}"/>`,
      '    </resource>',
    );
  }
  if (input.test) {
    const test = input.test;
    checkIdentifier('test', test.identifier);
    const file = testFile(test.identifier);
    body.push([file, testXml(test, byId)]);
    const deps = [...new Set(test.sections.flatMap((s) => s.itemIdentifiers))].map((id) => `      <dependency identifierref="${a(itemResourceId(id))}"/>`);
    manifest.push(
      `    <resource identifier="test-${a(test.identifier)}" type="${TEST_RESOURCE}" href="${a(relativeHref('imsmanifest.xml', file))}">`,
      `      <file href="${a(relativeHref('imsmanifest.xml', file))}"/>`,
      ...deps,
      '    </resource>',
    );
  }
  manifest.push('  </resources>', '</manifest>', '');
  put('imsmanifest.xml', manifest.join('\n'));
  for (const [name, text] of body) put(name, text);
  return zipOf(files);
}

/**
 * The zip container from fflate; the deflating from node:zlib, which is native and about four times faster than
 * fflate's JavaScript deflate on a 10,000-item export. fflate takes pre-compressed entries as documented: a
 * ZipInputFile that declares size, CRC and method 8, then hands over the deflated bytes.
 */
function zipOf(files: [string, string][]): Buffer {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    chunks.push(chunk);
  });
  for (const [filename, text] of files) {
    const bytes = encoder.encode(text);
    const entry: ZipInputFile = { filename, size: bytes.length, crc: crc32(bytes), compression: 8, mtime: ENTRY_TIME };
    zip.add(entry);
    entry.ondata!(null, deflateRawSync(bytes), true);
  }
  zip.end();
  return Buffer.concat(chunks);
}
