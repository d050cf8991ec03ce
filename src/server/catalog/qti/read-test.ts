/** `qti-assessment-test` → sections of item identifiers, the part of a QTI test an Invigil blueprint can use. */
import { QtiPackageError } from './errors.ts';
import { requireHref } from './paths.ts';
import { element, elements, type XmlElement } from './xml.ts';

export interface QtiSection {
  identifier: string;
  title: string;
  /** `qti-selection select`: how many of the section's items a form draws. */
  select?: number;
  /** Identifiers of the items (ItemDraft.identifier), in document order. */
  itemIdentifiers: string[];
}

export interface QtiTest {
  identifier: string;
  title: string;
  sections: QtiSection[];
}

export interface TestNote {
  identifier: string;
  file: string;
  problem: string;
}

/**
 * Reads a parsed test held in `file`. `itemAt(path, ref)` maps an item-ref's package path to the imported item's
 * identifier, or undefined when that item was not imported (the callback reports or throws). Sections nested in
 * sections are flattened in document order, since QtiTest has one level; notes say what was left out.
 */
export function readTest(root: XmlElement, file: string, itemAt: (path: string, ref: XmlElement) => string | undefined, note: (n: TestNote) => void): QtiTest {
  if (root.name !== 'qti-assessment-test') {
    throw new QtiPackageError('ManifestInvalid', `${file} is listed as a test, but its root element is <${root.name}>; expected <qti-assessment-test>.`, { file });
  }
  const test: QtiTest = { identifier: root.attrs.identifier ?? '', title: root.attrs.title ?? '', sections: [] };
  const visit = (section: XmlElement, parent: string | undefined) => {
    const identifier = section.attrs.identifier ?? '';
    if (parent !== undefined) note({ identifier, file, problem: `Section ${identifier} is nested in ${parent}; it was imported as a section of its own.` });
    const out: QtiSection = { identifier, title: section.attrs.title ?? '', itemIdentifiers: [] };
    const selectAttr = element(section, 'qti-selection')?.attrs.select;
    if (selectAttr !== undefined) {
      if (/^[0-9]+$/.test(selectAttr.trim())) out.select = Number(selectAttr.trim());
      else note({ identifier, file, problem: `qti-selection select="${selectAttr}" is not a whole number; it was ignored.` });
    }
    test.sections.push(out);
    for (const child of elements(section)) {
      if (child.name === 'qti-assessment-item-ref') {
        const href = child.attrs.href;
        if (!href) {
          note({ identifier: child.attrs.identifier ?? identifier, file, problem: 'An item reference has no href; it was ignored.' });
          continue;
        }
        const id = itemAt(requireHref(file, href), child);
        if (id !== undefined) out.itemIdentifiers.push(id);
      } else if (child.name === 'qti-assessment-section') visit(child, identifier);
      else if (child.name === 'qti-assessment-section-ref') {
        note({ identifier: child.attrs.identifier ?? identifier, file, problem: 'Section references (qti-assessment-section-ref) are not supported; that section was left out.' });
      }
    }
  };
  for (const part of elements(root, 'qti-test-part')) for (const s of elements(part, 'qti-assessment-section')) visit(s, undefined);
  return test;
}
