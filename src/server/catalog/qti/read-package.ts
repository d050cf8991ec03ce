/**
 * Importing a QTI 3.0 content package (a zip with imsmanifest.xml at its root).
 *
 * Where each field of an Invigil item lives in QTI 3.0 (write-package.ts writes exactly this, so the two agree):
 * - identifier, title: attributes of `qti-assessment-item`.
 * - stem: the item body around the interaction (we write it in a `<div>` before the interaction); a `qti-prompt`, when
 *   present, is read at the place of the interaction. Options: `qti-simple-choice` (identifier, `fixed`); shuffle and
 *   maxChoices: `shuffle` and `max-choices` on `qti-choice-interaction`.
 * - single/multiple: `cardinality` of the `qti-response-declaration`; key: its `qti-correct-response`; scoring: the
 *   response-processing template (`…/rptemplates/match_correct` or `…/map_response`), the latter with `qti-mapping`
 *   (`default-value`, `lower-bound`, `upper-bound`, one `qti-map-entry` per option).
 * - rationale: `<qti-rubric-block use="ext:rationale" view="author scorer"><qti-content-body>…` in the item body.
 *   A rubric block is QTI's element for content meant for some roles only; players hide it from candidates, and
 *   `ext:` is QTI 3.0's prefix for values outside its vocabulary. (Modal feedback would be shown to candidates.)
 * - domain, status, scored: the item resource's `<metadata>` in imsmanifest.xml, as IEEE LOM, the metadata schema
 *   QTI 3.0 packages use (the item XML has no place for them):
 *   · domain: a `classification` with purpose `discipline` (source LOMv1.0) whose taxonPath source is
 *     "Invigil domain" and whose taxon entry is the domain code;
 *   · status: `lifeCycle/status` with source "Invigil" and value draft | active | retired (LOM vocabularies name
 *     their source, which is how they are extended);
 *   · scored: a `classification` whose purpose is `scoring` (source "Invigil") with taxon id `scored` or `pretest`.
 *   Tests also mark unscored items' refs `category="pretest"`, the QTI way for a player to leave them out of totals;
 *   import reads only the manifest. Packages from other tools: domain from their first discipline classification,
 *   anything missing from `defaults`.
 *
 * All or nothing: a hostile, damaged or invalid package throws QtiPackageError and yields no items. Items we cannot
 * represent (another interaction type, MathML, custom response processing, …) are not errors: they are skipped and
 * listed in `report` with the reason.
 */
import type { ItemDraft, ItemStatus } from '../../../core/catalog/item.ts';
import { QtiPackageError } from './errors.ts';
import { resolveHref } from './paths.ts';
import { readItem } from './read-item.ts';
import { MANIFEST_FILE, readManifest, type ManifestResource } from './read-manifest.ts';
import { readTest, type QtiTest } from './read-test.ts';
import { ITEM_RESOURCE, MANIFEST_NAMESPACES, QTI_NS, TEST_RESOURCE } from './vocabulary.ts';
import { openZip, type SafeZip, type ZipLimits } from './zip.ts';
import { parseXml, type XmlElement } from './xml.ts';

export type { QtiSection, QtiTest } from './read-test.ts';

export interface ReadQtiPackageOptions {
  /** Overrides of the zip limits (see zip.ts for the defaults); the manifest may be up to maxManifestBytes (64 MiB). */
  limits?: Partial<ZipLimits> & { maxManifestBytes?: number };
  /**
   * Takes an image file of the package and returns the blob path (`/api/v1/blobs/…`) the item HTML should use, or
   * undefined to leave the image out. Called while reading, before the package is known to be valid: keep what it
   * stores unreferenced (or content-addressed) until readQtiPackage returns. Without it, package images are left
   * out and reported.
   */
  assetUrl?: (path: string, bytes: Uint8Array) => string | undefined;
  /** Metadata for items whose manifest entry gives none. Default: domain '', status 'draft', scored true. */
  defaults?: { domain?: string; status?: ItemStatus; scored?: boolean };
}

export interface QtiReportEntry {
  identifier: string;
  file: string;
  problem: string;
}

export interface QtiPackageContents {
  items: ItemDraft[];
  /** The package's first assessment test, or null when it has none. */
  test: QtiTest | null;
  /** What was skipped or left out, and why. */
  report: QtiReportEntry[];
}

interface InvalidItem {
  file: string;
  identifier: string;
  problems: string[];
}

// About 1 KiB per listed item: room for 50,000 items (the default entry limit) and their metadata.
const DEFAULT_MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Throws MissingFile (or ManifestInvalid) unless every file the resource lists is in the zip. */
function requireFiles(zip: SafeZip, r: ManifestResource): void {
  if (!r.path) throw new QtiPackageError('ManifestInvalid', `${MANIFEST_FILE}: resource ${r.identifier} (${r.type}) names no file.`, { file: MANIFEST_FILE, resource: r.identifier });
  for (const f of [r.path, ...r.files]) {
    if (!zip.has(f)) throw new QtiPackageError('MissingFile', `${MANIFEST_FILE} lists ${f} (resource ${r.identifier}), but the zip has no such file.`, { file: f, resource: r.identifier });
  }
}

/** Reads a QTI 3.0 package held in memory: its valid choice items and first test, or a QtiPackageError saying why nothing can be imported. */
export function readQtiPackage(zip: Uint8Array, opts: ReadQtiPackageOptions = {}): QtiPackageContents {
  const pkg = openZip(zip, opts.limits, { [MANIFEST_FILE]: opts.limits?.maxManifestBytes ?? DEFAULT_MAX_MANIFEST_BYTES });
  if (!pkg.has(MANIFEST_FILE)) {
    throw new QtiPackageError('MissingFile', `The package has no ${MANIFEST_FILE} at the root of the zip. Zip the package's contents, not the folder that holds them.`, { file: MANIFEST_FILE });
  }
  const manifest = readManifest(parseXml(pkg.read(MANIFEST_FILE), MANIFEST_FILE, MANIFEST_NAMESPACES, { dropBlankText: true }));
  const report: QtiReportEntry[] = [];
  const itemResources: ManifestResource[] = [];
  const testResources: ManifestResource[] = [];
  for (const r of manifest.resources) {
    if (r.type === ITEM_RESOURCE) itemResources.push(r);
    else if (r.type === TEST_RESOURCE) testResources.push(r);
    else if (r.type.startsWith('imsqti_')) report.push({ identifier: r.identifier, file: r.path ?? '', problem: `Skipped: resource type ${r.type} is not QTI 3.0 (only imsqti_item_xmlv3p0 and imsqti_test_xmlv3p0 are read).` });
  }
  // Every file is checked before any is parsed, so a broken package fails fast and names the first missing file.
  for (const r of [...itemResources, ...testResources]) requireFiles(pkg, r);

  const defaults = { domain: '', status: 'draft' as ItemStatus, scored: true, ...opts.defaults };
  const items: ItemDraft[] = [];
  const invalid: InvalidItem[] = [];
  const itemByPath = new Map<string, string>();
  const skippedPaths = new Set<string>();
  const fileById = new Map<string, string>();
  const assets = new Map<string, string | undefined>();

  for (const r of itemResources) {
    const file = r.path!;
    let root: XmlElement;
    try {
      root = parseXml(pkg.read(file), file, [QTI_NS]);
    } catch (err) {
      // A malformed item is an invalid item: collect it with the others so the author sees every problem at once.
      if (err instanceof QtiPackageError && err.code === 'XmlInvalid') {
        invalid.push({ file, identifier: r.identifier, problems: [err.message] });
        continue;
      }
      throw err;
    }
    const identifierForNotes = root.attrs.identifier ?? r.identifier;
    const imageSrc = (src: string, kind: 'blob' | 'relative') => {
      if (kind === 'blob') return src;
      const path = resolveHref(file, src);
      const leftOut = (why: string) => {
        report.push({ identifier: identifierForNotes, file, problem: `The image "${src}" was left out: ${why}.` });
        return undefined;
      };
      if (path === undefined || !pkg.has(path)) return leftOut('it is not in the package');
      if (!opts.assetUrl) return leftOut('no image store was given to the import');
      if (!assets.has(path)) assets.set(path, opts.assetUrl(path, pkg.read(path)));
      return assets.get(path) ?? leftOut('the image store refused it');
    };
    const result = readItem(root, imageSrc);
    if (result.kind === 'unsupported') {
      report.push({ identifier: result.identifier || r.identifier, file, problem: result.reason });
      skippedPaths.add(file);
      continue;
    }
    if (result.kind === 'invalid') {
      invalid.push({ file, identifier: result.identifier || r.identifier, problems: result.problems });
      continue;
    }
    const other = fileById.get(result.identifier);
    if (other !== undefined) {
      invalid.push({ file, identifier: result.identifier, problems: [`The identifier ${result.identifier} is also used by ${other}; item identifiers must be unique.`] });
      continue;
    }
    fileById.set(result.identifier, file);
    itemByPath.set(file, result.identifier);
    const meta = { ...defaults, ...definedOnly(r.metadata) };
    items.push({ identifier: result.identifier, title: result.title, domain: meta.domain, status: meta.status, scored: meta.scored, content: result.content });
  }

  if (invalid.length) {
    const shown = invalid.slice(0, 3).map((i) => `${i.file} (${i.identifier || 'no identifier'}): ${i.problems.join(' ')}`);
    const more = invalid.length > 3 ? ` …and ${plural(invalid.length - 3, 'more item', 'more items')}.` : '';
    throw new QtiPackageError('ItemInvalid', `${plural(invalid.length, 'item is', 'items are')} invalid, so nothing was imported. ${shown.join(' | ')}${more}`, { items: invalid });
  }

  let test: QtiTest | null = null;
  for (const [i, r] of testResources.entries()) {
    if (i > 0) {
      report.push({ identifier: r.identifier, file: r.path!, problem: 'Skipped: only the first test of a package is read.' });
      continue;
    }
    const file = r.path!;
    test = readTest(parseXml(pkg.read(file), file, [QTI_NS], { dropBlankText: true }), file, (path, ref) => {
      const id = itemByPath.get(path);
      if (id !== undefined) return id;
      const refId = ref.attrs.identifier ?? path;
      if (skippedPaths.has(path)) report.push({ identifier: refId, file, problem: `The test refers to ${path}, which was skipped; it was left out of its section.` });
      else if (pkg.has(path)) report.push({ identifier: refId, file, problem: `The test refers to ${path}, which the manifest does not list as a QTI 3.0 item; it was left out of its section.` });
      else throw new QtiPackageError('MissingFile', `${file} refers to ${path}, but the zip has no such file.`, { file: path, from: file });
      return undefined;
    }, (n) => report.push(n));
  }
  return { items, test, report };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
