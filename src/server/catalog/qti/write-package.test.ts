import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ItemDraft } from '../../../core/catalog/item.ts';
import { QtiPackageError } from './errors.ts';
import { readQtiPackage } from './read-package.ts';
import { writeQtiPackage } from './write-package.ts';

const item = (identifier: string, over: Partial<ItemDraft> = {}): ItemDraft => ({
  identifier,
  title: `Item ${identifier}`,
  domain: 'D1',
  status: 'active',
  scored: true,
  content: { interaction: 'single', stem: '<p>Which?</p>', options: [{ id: 'A', html: 'a' }, { id: 'B', html: 'b' }], correct: ['A'], maxChoices: 1, shuffle: true, scoring: { method: 'match_correct' } },
  ...over,
});

function failure(f: () => unknown): QtiPackageError {
  try {
    f();
  } catch (err) {
    if (err instanceof QtiPackageError) return err;
    throw err;
  }
  throw new Error('expected a QtiPackageError');
}

const files = (zip: Buffer) => Object.fromEntries(Object.entries(unzipSync(zip)).map(([k, v]) => [k, strFromU8(v)]));

describe('writeQtiPackage', () => {
  it('lays out a content package: manifest first, one file per item, the test under tests/', () => {
    const zip = writeQtiPackage({ identifier: 'CDE-P01', title: 'Cloud', items: [item('Q1'), item('Q2', { scored: false })], test: { identifier: 'CDE-P01', title: 'Cloud', sections: [{ identifier: 'D1', title: 'Domain 1', select: 1, itemIdentifiers: ['Q1', 'Q2'] }] } });
    const out = files(zip);
    expect(Object.keys(out)).toEqual(['imsmanifest.xml', 'items/Q1.xml', 'items/Q2.xml', 'tests/CDE-P01.xml']);
    expect(out['imsmanifest.xml']).toContain('<resource identifier="item-Q1" type="imsqti_item_xmlv3p0" href="items/Q1.xml">');
    expect(out['imsmanifest.xml']).toContain('<resource identifier="test-CDE-P01" type="imsqti_test_xmlv3p0" href="tests/CDE-P01.xml">');
    // Unscored items are marked the QTI way too, so a QTI player can leave them out of totals.
    expect(out['tests/CDE-P01.xml']).toContain('<qti-assessment-item-ref identifier="Q2" href="../items/Q2.xml" category="pretest"/>');
    expect(out['items/Q1.xml']).toContain('<qti-response-processing template="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml"/>');
  });

  it('writes the same bytes for the same input', () => {
    const input = { identifier: 'P', title: 'T', items: [item('Q1'), item('Q2')] };
    expect(writeQtiPackage(input).equals(writeQtiPackage(input))).toBe(true);
  });

  it('sanitizes HTML on the way out, so content stored before an allow-list change cannot leak into a package', () => {
    const out = files(writeQtiPackage({ identifier: 'P', title: 'T', items: [item('Q1', { content: { ...item('Q1').content, stem: '<p onclick="x">Which?<script>alert(1)</script><br></p>' } })] }));
    expect(out['items/Q1.xml']).toContain('<div><p>Which?<br /></p></div>');
  });

  it('drops characters XML cannot carry rather than writing a file that cannot be read', () => {
    const zip = writeQtiPackage({ identifier: 'P', title: 'T', items: [item('Q1', { title: 'Bell\u0007 and NUL\u0000 gone' })] });
    expect(readQtiPackage(zip).items[0]!.title).toBe('Bell and NUL gone');
  });

  it('refuses an item that import would refuse, naming the problem', () => {
    const e = failure(() => writeQtiPackage({ identifier: 'P', title: 'T', items: [item('Q1', { content: { ...item('Q1').content, correct: [] } })] }));
    expect(e.code).toBe('ItemInvalid');
    expect(e.message).toContain('Mark at least one option as correct.');
  });

  it('refuses identifiers that are not QTI identifiers, and duplicates', () => {
    expect(failure(() => writeQtiPackage({ identifier: 'P', title: 'T', items: [item('../evil')] })).code).toBe('ItemInvalid');
    expect(failure(() => writeQtiPackage({ identifier: 'P', title: 'T', items: [item('Q1', { content: { ...item('Q1').content, options: [{ id: 'A B', html: 'a' }, { id: 'B', html: 'b' }], correct: ['B'] } })] })).code).toBe('ItemInvalid');
    expect(failure(() => writeQtiPackage({ identifier: 'P', title: 'T', items: [item('Q1'), item('Q1')] })).code).toBe('ItemInvalid');
    expect(failure(() => writeQtiPackage({ identifier: '1P', title: 'T', items: [] })).code).toBe('ManifestInvalid');
  });

  it('refuses scores that are not finite numbers', () => {
    const content = { ...item('Q1').content, scoring: { method: 'map_response' as const, map: { A: Infinity }, defaultValue: 0 } };
    expect(failure(() => writeQtiPackage({ identifier: 'P', title: 'T', items: [item('Q1', { content })] })).code).toBe('ItemInvalid');
  });

  it('refuses a test that lists an item the package does not contain', () => {
    const e = failure(() => writeQtiPackage({ identifier: 'P', title: 'T', items: [item('Q1')], test: { identifier: 'T1', title: 'T', sections: [{ identifier: 'S1', title: 'S', itemIdentifiers: ['Q9'] }] } }));
    expect(e.code).toBe('ManifestInvalid');
    expect(e.message).toContain('Q9');
  });

  it('gives an item listed in two sections distinct reference identifiers, and reads both back', () => {
    const test = { identifier: 'T1', title: 'T', sections: [{ identifier: 'S1', title: 'A', itemIdentifiers: ['Q1'] }, { identifier: 'S2', title: 'B', itemIdentifiers: ['Q1'] }] };
    const zip = writeQtiPackage({ identifier: 'P', title: 'T', items: [item('Q1')], test });
    expect(files(zip)['tests/T1.xml']).toContain('identifier="Q1-2"');
    expect(readQtiPackage(zip).test).toEqual(test);
  });
});
