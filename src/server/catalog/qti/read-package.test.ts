import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QtiPackageError } from './errors.ts';
import { readQtiPackage } from './read-package.ts';
import { choiceItem, craftZip, deflated, manifestFor, zipFiles } from './test-zips.ts';
import { QTI_NS } from './vocabulary.ts';

function failure(f: () => unknown): QtiPackageError {
  try {
    f();
  } catch (err) {
    if (err instanceof QtiPackageError) return err;
    throw err;
  }
  throw new Error('expected a QtiPackageError');
}

/** A package as another authoring tool would write it: LOM with a prefix, a prompt, an image, a test with nesting. */
const SPEC_STYLE_MANIFEST = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<manifest identifier="MANIFEST-NET-101"
          xmlns="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1"
          xmlns:imsmd="http://ltsc.ieee.org/xsd/LOM"
          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
          xsi:schemaLocation="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1 https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqtiv3p0_imscpv1p2_v1p0.xsd">
  <metadata>
    <schema>QTI Package</schema>
    <schemaversion>3.0.0</schemaversion>
  </metadata>
  <organizations/>
  <resources>
    <resource identifier="RES-TEST" type="imsqti_test_xmlv3p0" href="tests/net-101.xml">
      <file href="tests/net-101.xml"/>
      <dependency identifierref="RES-PORTS"/>
    </resource>
    <resource identifier="RES-PORTS" type="imsqti_item_xmlv3p0" href="items/ports.xml">
      <metadata>
        <imsmd:lom>
          <imsmd:general><imsmd:title><imsmd:string xml:lang="en">Well-known ports</imsmd:string></imsmd:title></imsmd:general>
          <imsmd:lifeCycle>
            <imsmd:status><imsmd:source>LOMv1.0</imsmd:source><imsmd:value>final</imsmd:value></imsmd:status>
          </imsmd:lifeCycle>
          <imsmd:classification>
            <imsmd:purpose><imsmd:source>LOMv1.0</imsmd:source><imsmd:value>Discipline</imsmd:value></imsmd:purpose>
            <imsmd:taxonPath>
              <imsmd:source><imsmd:string xml:lang="en">ACME blueprint</imsmd:string></imsmd:source>
              <imsmd:taxon><imsmd:id>NET</imsmd:id><imsmd:entry><imsmd:string xml:lang="en">NET-2</imsmd:string></imsmd:entry></imsmd:taxon>
            </imsmd:taxonPath>
          </imsmd:classification>
        </imsmd:lom>
      </metadata>
      <file href="items/ports.xml"/>
      <file href="images/osi%20model.png"/>
    </resource>
    <resource identifier="RES-PROTO" type="imsqti_item_xmlv3p0" href="items/protocols.xml">
      <file href="items/protocols.xml"/>
    </resource>
    <resource identifier="RES-ESSAY" type="imsqti_item_xmlv3p0" href="items/essay.xml">
      <file href="items/essay.xml"/>
    </resource>
    <resource identifier="RES-IMG" type="webcontent" href="images/osi%20model.png">
      <file href="images/osi%20model.png"/>
    </resource>
    <resource identifier="RES-OLD" type="imsqti_item_xmlv2p1" href="legacy/q.xml"/>
  </resources>
</manifest>`;

const PORTS_ITEM = `<?xml version="1.0" encoding="UTF-8"?>
<!-- Single response, match_correct, prompt inside the interaction, an image and a scorer rationale. -->
<qti-assessment-item xmlns="${QTI_NS}"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="${QTI_NS} https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0_v1p0.xsd"
    identifier="NET-101-0007" title="HTTPS port" adaptive="false" time-dependent="false" xml:lang="en">
  <qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="identifier">
    <qti-correct-response>
      <qti-value>ChoiceB</qti-value>
    </qti-correct-response>
  </qti-response-declaration>
  <qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float">
    <qti-default-value><qti-value>0</qti-value></qti-default-value>
  </qti-outcome-declaration>
  <qti-item-body>
    <qti-rubric-block use="ext:rationale" view="scorer">
      <qti-content-body><p>TLS listens on 443 by convention (RFC 2818).</p></qti-content-body>
    </qti-rubric-block>
    <div class="qti-layout-row">
      <p>A web server accepts <em>encrypted</em> traffic &amp; plain traffic.</p>
      <p><img src="../images/osi%20model.png" alt="OSI model" width="320"/></p>
    </div>
    <qti-choice-interaction response-identifier="RESPONSE" shuffle="true" max-choices="1" class="qti-labels-upper-alpha">
      <qti-prompt>Which port does <strong>HTTPS</strong> use by default?</qti-prompt>
      <qti-simple-choice identifier="ChoiceA">80</qti-simple-choice>
      <qti-simple-choice identifier="ChoiceB"><![CDATA[443]]></qti-simple-choice>
      <qti-simple-choice identifier="ChoiceC">8080<qti-feedback-inline outcome-identifier="FEEDBACK" identifier="C" show-hide="show">Close, but no.</qti-feedback-inline></qti-simple-choice>
      <qti-simple-choice identifier="ChoiceD" fixed="true">None of the above</qti-simple-choice>
    </qti-choice-interaction>
  </qti-item-body>
  <qti-response-processing template="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml"/>
</qti-assessment-item>`;

const PROTOCOLS_ITEM = `<?xml version="1.0" encoding="UTF-8"?>
<qti-assessment-item xmlns="${QTI_NS}" identifier="NET-101-0012" title="Transport protocols" adaptive="false" time-dependent="false">
  <qti-response-declaration identifier="RESPONSE" cardinality="multiple" base-type="identifier">
    <qti-correct-response><qti-value>TCP</qti-value><qti-value>UDP</qti-value></qti-correct-response>
    <qti-mapping lower-bound="0" upper-bound="2" default-value="-0.5">
      <qti-map-entry map-key="TCP" mapped-value="1"/>
      <qti-map-entry map-key="UDP" mapped-value="1"/>
    </qti-mapping>
  </qti-response-declaration>
  <qti-item-body>
    <qti-choice-interaction response-identifier="RESPONSE" shuffle="false" max-choices="2">
      <qti-prompt><p>Which are transport-layer protocols?</p><p>Choose two.</p></qti-prompt>
      <qti-simple-choice identifier="TCP">TCP</qti-simple-choice>
      <qti-simple-choice identifier="UDP">UDP</qti-simple-choice>
      <qti-simple-choice identifier="IP">IP</qti-simple-choice>
    </qti-choice-interaction>
  </qti-item-body>
  <qti-response-processing template="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/map_response"/>
</qti-assessment-item>`;

const ESSAY_ITEM = `<?xml version="1.0" encoding="UTF-8"?>
<qti-assessment-item xmlns="${QTI_NS}" identifier="NET-101-0099" title="Explain NAT" adaptive="false" time-dependent="false">
  <qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="string"/>
  <qti-item-body><qti-extended-text-interaction response-identifier="RESPONSE"><qti-prompt>Explain NAT.</qti-prompt></qti-extended-text-interaction></qti-item-body>
</qti-assessment-item>`;

const TEST = `<?xml version="1.0" encoding="UTF-8"?>
<qti-assessment-test xmlns="${QTI_NS}" identifier="NET-101" title="Networking 101">
  <qti-test-part identifier="P1" navigation-mode="linear" submission-mode="individual">
    <qti-assessment-section identifier="S-NET" title="Networking" visible="true">
      <qti-selection select="1"/>
      <qti-assessment-item-ref identifier="ref-ports" href="../items/ports.xml" category="pretest"/>
      <qti-assessment-section identifier="S-ADV" title="Advanced" visible="false">
        <qti-assessment-item-ref identifier="ref-proto" href="../items/protocols.xml"/>
        <qti-assessment-item-ref identifier="ref-essay" href="../items/essay.xml"/>
      </qti-assessment-section>
    </qti-assessment-section>
  </qti-test-part>
</qti-assessment-test>`;

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

const specPackage = () => zipFiles({
  'imsmanifest.xml': SPEC_STYLE_MANIFEST,
  'items/ports.xml': PORTS_ITEM,
  'items/protocols.xml': PROTOCOLS_ITEM,
  'items/essay.xml': ESSAY_ITEM,
  'tests/net-101.xml': TEST,
  'images/osi model.png': PNG,
});

describe('readQtiPackage with a package written by another tool', () => {
  const stored: { path: string; sha: string }[] = [];
  const result = readQtiPackage(specPackage(), {
    assetUrl: (path, bytes) => {
      const sha = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
      stored.push({ path, sha });
      return `/api/v1/blobs/${sha}`;
    },
  });

  it('imports a single-response item: prompt at the place of the interaction, image stored, rationale, fixed choice, feedback left out', () => {
    const sha = createHash('sha256').update(PNG).digest('hex').slice(0, 16);
    expect(stored).toEqual([{ path: 'images/osi model.png', sha }]);
    expect(result.items[0]).toEqual({
      identifier: 'NET-101-0007',
      title: 'HTTPS port',
      // The first discipline classification stands in for the domain; the LOMv1.0 status is not ours, so: default.
      domain: 'NET-2',
      status: 'draft',
      scored: true,
      content: {
        interaction: 'single',
        stem: `<p>A web server accepts <em>encrypted</em> traffic &amp; plain traffic.</p>\n      <p><img src="/api/v1/blobs/${sha}" alt="OSI model" width="320" /></p>\n    \n    <p>Which port does <strong>HTTPS</strong> use by default?</p>`,
        options: [
          { id: 'ChoiceA', html: '80' },
          { id: 'ChoiceB', html: '443' },
          { id: 'ChoiceC', html: '8080' },
          { id: 'ChoiceD', html: 'None of the above', fixed: true },
        ],
        correct: ['ChoiceB'],
        maxChoices: 1,
        shuffle: true,
        scoring: { method: 'match_correct' },
        rationale: '<p>TLS listens on 443 by convention (RFC 2818).</p>',
      },
    });
  });

  it('imports a choose-two item scored by map_response with its bounds and default value', () => {
    expect(result.items[1]).toMatchObject({
      identifier: 'NET-101-0012',
      content: {
        interaction: 'multiple',
        stem: '<p>Which are transport-layer protocols?</p><p>Choose two.</p>',
        correct: ['TCP', 'UDP'],
        maxChoices: 2,
        scoring: { method: 'map_response', map: { TCP: 1, UDP: 1 }, defaultValue: -0.5, lowerBound: 0, upperBound: 2 },
      },
    });
    expect(result.items).toHaveLength(2);
  });

  it('skips an unsupported interaction and a QTI 2 resource, and says why', () => {
    expect(result.report).toEqual(expect.arrayContaining([
      { identifier: 'NET-101-0099', file: 'items/essay.xml', problem: expect.stringContaining('qti-extended-text-interaction') },
      { identifier: 'RES-OLD', file: 'legacy/q.xml', problem: expect.stringContaining('imsqti_item_xmlv2p1') },
    ]));
  });

  it('reads the test, flattening the nested section and leaving out the skipped item', () => {
    expect(result.test).toEqual({
      identifier: 'NET-101',
      title: 'Networking 101',
      sections: [
        { identifier: 'S-NET', title: 'Networking', select: 1, itemIdentifiers: ['NET-101-0007'] },
        { identifier: 'S-ADV', title: 'Advanced', itemIdentifiers: ['NET-101-0012'] },
      ],
    });
    expect(result.report.map((r) => r.problem)).toEqual(expect.arrayContaining([expect.stringContaining('nested'), expect.stringContaining('items/essay.xml, which was skipped')]));
  });
});

describe('readQtiPackage refuses', () => {
  it('a zip without imsmanifest.xml at its root', () => {
    const e = failure(() => readQtiPackage(zipFiles({ 'pkg/imsmanifest.xml': manifestFor({}) })));
    expect(e.code).toBe('MissingFile');
    expect(e.message).toContain('not the folder');
  });

  it('a manifest that lists a file the zip does not have', () => {
    const e = failure(() => readQtiPackage(zipFiles({ 'imsmanifest.xml': manifestFor({ 'items/q1.xml': 'R1', 'items/q2.xml': 'R2' }), 'items/q1.xml': choiceItem('Q1') })));
    expect(e.code).toBe('MissingFile');
    expect(e.details).toMatchObject({ file: 'items/q2.xml' });
  });

  it('a manifest whose resource points out of the package', () => {
    expect(failure(() => readQtiPackage(zipFiles({ 'imsmanifest.xml': manifestFor({ '../../etc/passwd': 'R1' }) }))).code).toBe('UnsafePath');
    expect(failure(() => readQtiPackage(zipFiles({ 'imsmanifest.xml': manifestFor({ 'file:///etc/passwd': 'R1' }) }))).code).toBe('UnsafePath');
  });

  it('a zip entry named ../evil.xml, before reading anything', () => {
    const zip = craftZip([deflated('imsmanifest.xml', manifestFor({})), deflated('../evil.xml', '<x/>')]);
    expect(failure(() => readQtiPackage(zip)).code).toBe('UnsafePath');
  });

  it('a manifest in an unknown namespace', () => {
    const zip = zipFiles({ 'imsmanifest.xml': manifestFor({}).replace('http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1', 'http://example.com/not-ims') });
    expect(failure(() => readQtiPackage(zip)).code).toBe('UnknownNamespace');
  });

  it('an item with an external entity, naming the file', () => {
    const xxe = choiceItem('Q1').replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>').replace('What is 2 + 2?', '&xxe;');
    const e = failure(() => readQtiPackage(zipFiles({ 'imsmanifest.xml': manifestFor({ 'items/q1.xml': 'R1' }), 'items/q1.xml': xxe })));
    expect(e.code).toBe('XmlUnsafe');
    expect(e.details).toMatchObject({ file: 'items/q1.xml' });
  });

  it('a billion-laughs manifest', () => {
    const bomb = manifestFor({}).replace('<manifest', '<!DOCTYPE m [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><manifest').replace('<organizations/>', '<organizations>&b;</organizations>');
    expect(failure(() => readQtiPackage(zipFiles({ 'imsmanifest.xml': bomb }))).code).toBe('XmlUnsafe');
  });

  it('an item saved as UTF-16 or Latin-1', () => {
    const manifest = manifestFor({ 'items/q1.xml': 'R1' });
    const utf16 = Buffer.from(`\ufeff${choiceItem('Q1').replace('UTF-8', 'UTF-16')}`, 'utf16le');
    expect(failure(() => readQtiPackage(zipFiles({ 'imsmanifest.xml': manifest, 'items/q1.xml': utf16 }))).code).toBe('NotUtf8');
    const latin1 = Buffer.from(choiceItem('Q1').replace('What is', 'Qu’est-ce que ça fait, café'), 'latin1');
    expect(failure(() => readQtiPackage(zipFiles({ 'imsmanifest.xml': manifest, 'items/q1.xml': latin1 }))).code).toBe('NotUtf8');
  });

  it('a QTI 2.1 item declared as QTI 3.0', () => {
    const qti21 = choiceItem('Q1').replace(QTI_NS, 'http://www.imsglobal.org/xsd/imsqti_v2p1');
    expect(failure(() => readQtiPackage(zipFiles({ 'imsmanifest.xml': manifestFor({ 'items/q1.xml': 'R1' }), 'items/q1.xml': qti21 }))).code).toBe('UnknownNamespace');
  });

  it('the whole package when one item has no key, and lists every invalid item with its problems', () => {
    const noKey = choiceItem('Q2', { declaration: '' });
    const badMap = choiceItem('Q3', { declaration: '<qti-correct-response><qti-value>A</qti-value></qti-correct-response><qti-mapping default-value="zero"><qti-map-entry map-key="Z" mapped-value="1"/></qti-mapping>', rp: '<qti-response-processing template="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/map_response.xml"/>' });
    const broken = '<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="Q4"><qti-item-body></qti-assessment-item>';
    const zip = zipFiles({
      'imsmanifest.xml': manifestFor({ 'items/q1.xml': 'R1', 'items/q2.xml': 'R2', 'items/q3.xml': 'R3', 'items/q4.xml': 'R4' }),
      'items/q1.xml': choiceItem('Q1'),
      'items/q2.xml': noKey,
      'items/q3.xml': badMap,
      'items/q4.xml': broken,
    });
    const e = failure(() => readQtiPackage(zip));
    expect(e.code).toBe('ItemInvalid');
    expect(e.message).toContain('3 items are invalid, so nothing was imported');
    expect(e.details).toEqual({
      items: [
        { file: 'items/q2.xml', identifier: 'Q2', problems: ['Mark at least one option as correct.', 'A single-response item has exactly one correct option.'] },
        { file: 'items/q3.xml', identifier: 'Q3', problems: ['default-value "zero" is not a number.', 'The score map names Z, which is not an option.'] },
        { file: 'items/q4.xml', identifier: 'R4', problems: [expect.stringMatching(/^items\/q4\.xml: is not well-formed XML: it has a closing tag <\/qti-assessment-item> that does not match the open element \(line 1, column \d+\)\.$/)] },
      ],
    });
  });

  it('two items with one identifier', () => {
    const zip = zipFiles({ 'imsmanifest.xml': manifestFor({ 'items/a.xml': 'R1', 'items/b.xml': 'R2' }), 'items/a.xml': choiceItem('SAME'), 'items/b.xml': choiceItem('SAME') });
    const e = failure(() => readQtiPackage(zip));
    expect(e.code).toBe('ItemInvalid');
    expect(e.message).toContain('also used by items/a.xml');
  });
});

describe('readQtiPackage with hostile or unusual item content', () => {
  const readOne = (body: string, files: Record<string, string | Uint8Array> = {}, opts: Parameters<typeof readQtiPackage>[1] = {}) =>
    readQtiPackage(zipFiles({ 'imsmanifest.xml': manifestFor({ 'items/q1.xml': 'R1' }), 'items/q1.xml': choiceItem('Q1', { body }), ...files }), opts);
  const choices = '<qti-choice-interaction response-identifier="RESPONSE" max-choices="1"><qti-simple-choice identifier="A">4</qti-simple-choice><qti-simple-choice identifier="B">5</qti-simple-choice></qti-choice-interaction>';

  it('sanitizes script, event handlers and javascript: URLs away instead of refusing the item', () => {
    const body = `<p onclick="steal()">Sum?<script>alert(1)</script></p><img src="javascript:alert(1)"/><a href="javascript:alert(1)">here</a><img src="x.png" onerror="alert(1)"/>${choices}`;
    const { items } = readOne(body);
    expect(items[0]!.content.stem).toBe('<p>Sum?</p>here');
  });

  it('reports an image missing from the package and imports the item without it', () => {
    const { items, report } = readOne(`<p>Look: <img src="img/missing.png" alt="m"/></p>${choices}`, {}, { assetUrl: () => '/api/v1/blobs/x' });
    expect(items[0]!.content.stem).toBe('<p>Look: </p>');
    expect(report).toEqual([{ identifier: 'Q1', file: 'items/q1.xml', problem: 'The image "img/missing.png" was left out: it is not in the package.' }]);
  });

  it('does not let an image path climb out of the package', () => {
    const { items, report } = readOne(`<p><img src="../../../etc/passwd" alt="p"/>Sum?</p>${choices}`, {}, { assetUrl: () => '/api/v1/blobs/x' });
    expect(items[0]!.content.stem).toBe('<p>Sum?</p>');
    expect(report[0]!.problem).toContain('not in the package');
  });

  it.each([
    ['a text-entry interaction', '<p>2+2=<qti-text-entry-interaction response-identifier="RESPONSE"/></p>', 'qti-text-entry-interaction'],
    ['two interactions', `${choices}${choices}`, '2 interactions'],
    ['MathML', `<p><math xmlns="http://www.w3.org/1998/Math/MathML"><mi>x</mi></math></p>${choices}`, 'MathML'],
    ['a printed variable', `<p><qti-printed-variable identifier="X"/></p>${choices}`, 'printed variable'],
    ['no interaction at all', '<p>Read this.</p>', 'no interaction'],
  ])('skips an item with %s and reports it', (_, body, reason) => {
    const { items, report } = readOne(body);
    expect(items).toEqual([]);
    expect(report).toEqual([{ identifier: 'Q1', file: 'items/q1.xml', problem: expect.stringContaining(reason) }]);
  });

  it('skips items with custom response processing or an unknown template', () => {
    const custom = choiceItem('Q1', { rp: '<qti-response-processing><qti-response-condition/></qti-response-processing>' });
    const other = choiceItem('Q2', { rp: '<qti-response-processing template="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/map_response_point.xml"/>' });
    const { items, report } = readQtiPackage(zipFiles({ 'imsmanifest.xml': manifestFor({ 'items/q1.xml': 'R1', 'items/q2.xml': 'R2' }), 'items/q1.xml': custom, 'items/q2.xml': other }));
    expect(items).toEqual([]);
    expect(report.map((r) => r.problem)).toEqual([expect.stringContaining('custom response processing'), expect.stringContaining('map_response_point')]);
  });

  it('scores by the declaration when an item has no response processing', () => {
    const { items } = readQtiPackage(zipFiles({ 'imsmanifest.xml': manifestFor({ 'items/q1.xml': 'R1' }), 'items/q1.xml': choiceItem('Q1', { rp: '' }) }));
    expect(items[0]!.content.scoring).toEqual({ method: 'match_correct' });
  });

  it('applies the given defaults to items whose manifest entry has no Invigil metadata', () => {
    const { items } = readOne(choices.replace('<qti-choice', '<p>Sum?</p><qti-choice'), {}, { defaults: { domain: 'D9', status: 'active', scored: false } });
    expect(items[0]).toMatchObject({ domain: 'D9', status: 'active', scored: false });
  });

  it('fails only with a QtiPackageError when the XML of a real package is damaged at random', () => {
    const sources: Record<string, string> = { 'imsmanifest.xml': SPEC_STYLE_MANIFEST, 'items/ports.xml': PORTS_ITEM, 'items/protocols.xml': PROTOCOLS_ITEM, 'tests/net-101.xml': TEST };
    const names = Object.keys(sources);
    const damage = fc.array(fc.record({ file: fc.constantFrom(...names), at: fc.nat(), cut: fc.nat(40), insert: fc.constantFrom('', '<', '>', '&', '"', '</p>', '<p>', '<qti-simple-choice identifier="A">', ']]>', '<!--', '&#0;', '\u0000', 'é', 'xmlns="urn:x"') }), { minLength: 1, maxLength: 4 });
    fc.assert(fc.property(damage, (edits) => {
      const files: Record<string, string | Uint8Array> = { ...sources, 'items/essay.xml': ESSAY_ITEM, 'images/osi model.png': PNG };
      for (const e of edits) {
        const text = files[e.file] as string;
        const at = e.at % (text.length + 1);
        files[e.file] = text.slice(0, at) + e.insert + text.slice(at + e.cut);
      }
      try {
        readQtiPackage(zipFiles(files), { assetUrl: () => '/api/v1/blobs/x' });
      } catch (err) {
        expect(err).toBeInstanceOf(QtiPackageError);
      }
    }), { numRuns: 400 });
  });
});
