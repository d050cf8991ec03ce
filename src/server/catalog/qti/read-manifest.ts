/** `imsmanifest.xml` → the resources we read, with Invigil's item metadata taken from their LOM records. */
import { itemStatuses, type ItemStatus } from '../../../core/catalog/item.ts';
import { QtiPackageError } from './errors.ts';
import { requireHref, resolveHref } from './paths.ts';
import { DOMAIN_TAXONOMY, INVIGIL_SOURCE, ITEM_RESOURCE, SCORING_PURPOSE, TEST_RESOURCE } from './vocabulary.ts';
import { element, elements, own, textOf, type XmlElement } from './xml.ts';

export const MANIFEST_FILE = 'imsmanifest.xml';

export interface ItemMetadata {
  domain?: string;
  status?: ItemStatus;
  scored?: boolean;
}

export interface ManifestResource {
  identifier: string;
  /** Lower-cased resource type, e.g. `imsqti_item_xmlv3p0`. */
  type: string;
  /** Package path of the resource's main file (its href, else its first file). */
  path: string | undefined;
  /** Package paths of every `<file>` listed. */
  files: string[];
  metadata: ItemMetadata;
}

const text = (el: XmlElement | undefined) => textOf(el).trim();
/** A LOM LangString: `<x><string>…</string></x>` (the first language given), or bare text from looser writers. */
const langString = (el: XmlElement | undefined) => (element(el, 'string') ? text(element(el, 'string')) : text(el));

function vocabulary(el: XmlElement | undefined): { source: string; value: string } {
  return { source: text(element(el, 'source')), value: text(element(el, 'value')) };
}

/** Domain, status and scoring from a resource's LOM (see read-package.ts for the mapping); missing parts stay undefined. */
export function readLomMetadata(resource: XmlElement): ItemMetadata {
  const lom = element(element(resource, 'metadata'), 'lom');
  if (!lom) return {};
  const meta: ItemMetadata = {};
  const status = vocabulary(element(element(lom, 'lifeCycle'), 'status'));
  if (status.source === INVIGIL_SOURCE && (itemStatuses as readonly string[]).includes(status.value)) meta.status = status.value as ItemStatus;
  let otherDiscipline: string | undefined;
  for (const c of elements(lom, 'classification')) {
    const purpose = vocabulary(element(c, 'purpose'));
    for (const path of elements(c, 'taxonPath')) {
      const taxa = elements(path, 'taxon');
      const last = taxa[taxa.length - 1];
      const value = langString(element(last, 'entry')) || text(element(last, 'id'));
      if (!value) continue;
      if (purpose.value.toLowerCase() === 'discipline') {
        // Our own taxonomy wins; otherwise the first discipline the package gives is the closest thing to a domain.
        if (langString(element(path, 'source')) === DOMAIN_TAXONOMY) meta.domain ??= value;
        else otherDiscipline ??= value;
      } else if (purpose.source === INVIGIL_SOURCE && purpose.value === SCORING_PURPOSE) {
        const id = text(element(last, 'id'));
        if (id === 'scored' || id === 'pretest') meta.scored = id === 'scored';
      }
    }
  }
  if (meta.domain === undefined && otherDiscipline !== undefined) meta.domain = otherDiscipline;
  if (meta.domain !== undefined) meta.domain = own(meta.domain);
  return meta;
}

const QTI_RESOURCES = new Set([ITEM_RESOURCE, TEST_RESOURCE]);
const base = (el: XmlElement | undefined) => el?.attrs['xml:base'] ?? '';

/** Reads the parsed manifest root: its resources with resolved paths; throws ManifestInvalid or UnsafePath. */
export function readManifest(root: XmlElement): { identifier: string; resources: ManifestResource[] } {
  if (root.name !== 'manifest') throw new QtiPackageError('ManifestInvalid', `${MANIFEST_FILE}: the root element is <${root.name}>; expected <manifest>.`, { file: MANIFEST_FILE });
  const resourcesEl = element(root, 'resources');
  if (!resourcesEl) throw new QtiPackageError('ManifestInvalid', `${MANIFEST_FILE} has no <resources> element, so it lists no items.`, { file: MANIFEST_FILE });
  const resources: ManifestResource[] = [];
  for (const r of elements(resourcesEl, 'resource')) {
    // xml:base may sit on manifest, resources and resource; each is a directory prefix for the hrefs below it.
    const prefix = base(root) + base(resourcesEl) + base(r);
    const type = (r.attrs.type ?? '').toLowerCase();
    // A reference out of the package is refused for what we read; other resources (web links, say) are never opened.
    const resolve = QTI_RESOURCES.has(type) ? requireHref : resolveHref;
    const files = elements(r, 'file').flatMap((f) => {
      const p = f.attrs.href ? resolve(MANIFEST_FILE, prefix + f.attrs.href) : undefined;
      return p ? [p] : [];
    });
    const href = r.attrs.href;
    resources.push({
      identifier: r.attrs.identifier ?? '',
      type,
      path: href ? resolve(MANIFEST_FILE, prefix + href) : files[0],
      files,
      metadata: readLomMetadata(r),
    });
  }
  return { identifier: root.attrs.identifier ?? '', resources };
}
