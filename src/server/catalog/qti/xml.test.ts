import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { QtiPackageError } from './errors.ts';
import { QTI_CP_NS, QTI_NS } from './vocabulary.ts';
import { elements, escapeAttr, escapeText, parseXml, textOf, type XmlElement } from './xml.ts';

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const parse = (s: string | Buffer, ns: string[] = [QTI_NS]) => parseXml(typeof s === 'string' ? utf8(s) : s, 'items/q1.xml', ns);

function failure(f: () => unknown): { code: string; message: string } {
  try {
    f();
  } catch (err) {
    if (err instanceof QtiPackageError) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('expected a QtiPackageError');
}

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<qti-assessment-item xmlns="${QTI_NS}" identifier="X" title="&lol9;"/>`;

const XXE = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE item [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<qti-assessment-item xmlns="${QTI_NS}" identifier="X" title="t"><qti-item-body><p>&xxe;</p></qti-item-body></qti-assessment-item>`;

describe('parseXml', () => {
  it('keeps mixed content in order, decodes references and CDATA, and drops comments and processing instructions', () => {
    const root = parse(`<?xml version="1.0" encoding="utf-8"?>
<!-- exported by a tool -->
<?xml-stylesheet href="x.css"?>
<qti-assessment-item xmlns="${QTI_NS}" identifier="Q&amp;1" title="a&#10;b&#x9;c d"><p>2 &lt; 3 &amp;&#x1F600;<b>bold</b><![CDATA[<not-a-tag> & ]]>tail<!-- note --></p></qti-assessment-item>`);
    expect(root.name).toBe('qti-assessment-item');
    // Literal white space in attributes is normalized; character references are not.
    expect(root.attrs).toMatchObject({ identifier: 'Q&1', title: 'a\nb\tc d' });
    const p = elements(root, 'p')[0]!;
    expect(p.children.map((c) => (c.kind === 'text' ? c.text : `<${c.name}>`))).toEqual(['2 < 3 &😀', '<b>', '<not-a-tag> & tail']);
    expect(textOf(p)).toBe('2 < 3 &😀bold<not-a-tag> & tail');
  });

  it('accepts a prefixed root whose prefix is bound to an accepted namespace, and a UTF-8 byte-order mark', () => {
    const root = parse(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(`<cp:manifest xmlns:cp="${QTI_CP_NS}"><cp:resources/></cp:manifest>`)]), [QTI_CP_NS]);
    expect(root.name).toBe('manifest');
    expect(elements(root).map((e: XmlElement) => e.name)).toEqual(['resources']);
  });

  it('refuses a DOCTYPE with nested entities (billion laughs) before parsing', () => {
    expect(failure(() => parse(BILLION_LAUGHS)).code).toBe('XmlUnsafe');
  });

  it('refuses an external entity (XXE) before parsing', () => {
    const f = failure(() => parse(XXE));
    expect(f.code).toBe('XmlUnsafe');
    expect(f.message).toContain('items/q1.xml');
  });

  it('refuses an ENTITY declaration even without a DOCTYPE keyword in the usual place', () => {
    expect(failure(() => parse(`<x xmlns="${QTI_NS}"><!ENTITY a "b"></x>`)).code).toBe('XmlUnsafe');
  });

  it('refuses UTF-16 with or without a byte-order mark, and UTF-32', () => {
    const doc = `<qti-assessment-item xmlns="${QTI_NS}" identifier="X" title="t"/>`;
    expect(failure(() => parse(Buffer.from(`\ufeff${doc}`, 'utf16le'))).code).toBe('NotUtf8');
    expect(failure(() => parse(Buffer.from(doc, 'utf16le'))).code).toBe('NotUtf8');
    expect(failure(() => parse(Buffer.from(`\ufeff${doc}`, 'utf16le').swap16())).code).toBe('NotUtf8');
    expect(failure(() => parse(Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), utf8(doc)]))).code).toBe('NotUtf8');
  });

  it('refuses Latin-1 bytes and a declared encoding other than UTF-8', () => {
    const latin1 = Buffer.from(`<qti-assessment-item xmlns="${QTI_NS}" identifier="X" title="café"/>`, 'latin1');
    const f = failure(() => parse(latin1));
    expect(f.code).toBe('NotUtf8');
    expect(f.message).toMatch(/Latin-1/);
    expect(failure(() => parse(`<?xml version="1.0" encoding="ISO-8859-1"?><qti-assessment-item xmlns="${QTI_NS}"/>`)).code).toBe('NotUtf8');
  });

  it('refuses a root element in an unknown namespace, or in none', () => {
    expect(failure(() => parse('<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="X"/>')).code).toBe('UnknownNamespace');
    expect(failure(() => parse('<qti-assessment-item identifier="X"/>')).code).toBe('UnknownNamespace');
    expect(failure(() => parse(`<evil:qti-assessment-item xmlns="${QTI_NS}" xmlns:evil="urn:evil"/>`)).code).toBe('UnknownNamespace');
  });

  it.each([
    ['an unclosed element', `<r xmlns="${QTI_NS}"><p>text</r>`],
    ['a second root', `<r xmlns="${QTI_NS}"/><r xmlns="${QTI_NS}"/>`],
    ['text after the root', `<r xmlns="${QTI_NS}"/>trailing`],
    ['an undefined entity', `<r xmlns="${QTI_NS}">&nbsp;</r>`],
    ['a bare ampersand', `<r xmlns="${QTI_NS}">fish & chips</r>`],
    ['a repeated attribute', `<r xmlns="${QTI_NS}" a="1" a="2"/>`],
    ['"<" in an attribute', `<r xmlns="${QTI_NS}" a="<b>"/>`],
    ['a reference to a forbidden character', `<r xmlns="${QTI_NS}">&#1;</r>`],
    ['a raw control character', `<r xmlns="${QTI_NS}">\u0001</r>`],
    ['nesting 500 deep', `<r xmlns="${QTI_NS}">${'<d>'.repeat(500)}${'</d>'.repeat(500)}</r>`],
    ['no root at all', '   '],
    ['attributes without white space between them', `<r xmlns="${QTI_NS}" a="1"b="2"/>`],
    ['an attribute without a value', `<r xmlns="${QTI_NS}" checked/>`],
    ['an unquoted attribute', `<r xmlns="${QTI_NS}" a=1/>`],
    ['a name starting with a digit', `<r xmlns="${QTI_NS}"><1p/></r>`],
    ['"--" inside a comment', `<r xmlns="${QTI_NS}"><!-- a -- b --></r>`],
    ['an unterminated comment', `<r xmlns="${QTI_NS}"><!-- a </r>`],
    ['an unterminated CDATA section', `<r xmlns="${QTI_NS}"><![CDATA[ a </r>`],
    ['"]]>" in text', `<r xmlns="${QTI_NS}">a ]]> b</r>`],
    ['an XML declaration after the start', ` <?xml version="1.0"?><r xmlns="${QTI_NS}"/>`],
    ['a closing tag with nothing open', `</r><r xmlns="${QTI_NS}"/>`],
    ['a DTD-like declaration that is not a DOCTYPE', `<r xmlns="${QTI_NS}"><!ELEMENT r ANY></r>`],
  ])('refuses XML with %s', (_, doc) => {
    expect(failure(() => parse(doc)).code).toBe('XmlInvalid');
  });

  const fragment = fc.constantFrom('<a>', '</a>', '<b x="1">', '</b>', '<c/>', '<d y=\'2\' z="3"/>', 'text', ' ', '\n', '&amp;', '&lt;', '&#65;', '&#x42;', '&', '<', '>', '"', "'", '=',
    '<!-- c -->', '<![CDATA[ <x> ]]>', '<?pi data?>', '<e a="1" a="2"/>', '<f g/>', '<1h/>', '</', '/>', '--', ']]>', 'é', '<i:j xmlns:i="urn:i">', '</i:j>');
  const doc = fc.array(fragment, { maxLength: 14 }).map((parts) => `<r xmlns="${QTI_NS}">${parts.join('')}</r>`);

  it('accepts nothing that fast-xml-parser\'s validator refuses (it is at least as strict)', () => {
    fc.assert(fc.property(doc, (text) => {
      let accepted = true;
      try {
        parse(text);
      } catch (err) {
        if (!(err instanceof QtiPackageError)) throw err;
        accepted = false;
      }
      if (accepted) expect(XMLValidator.validate(text)).toBe(true);
    }), { numRuns: 2000 });
  });

  interface Gen { name: string; attrs: Record<string, string>; children: (Gen | string)[] }
  const text = fc.string({ unit: fc.constantFrom('a', ' ', '<', '>', '&', '"', "'", '\n', '\t', '\r', ']]>', 'é', '😀'), maxLength: 6 });
  const tree: fc.Arbitrary<Gen> = fc.letrec<{ node: Gen }>((tie) => ({
    node: fc.record({
      name: fc.constantFrom('p', 'b', 'qti-x', 'm:y'),
      attrs: fc.dictionary(fc.constantFrom('a', 'b-c', 'd:e', 'identifier'), text, { maxKeys: 3 }).map((d) => ({ ...d })),
      children: fc.array(fc.oneof({ depthSize: 'small' }, text.filter((t) => t !== ''), tie('node')), { maxLength: 4 }),
    }),
  })).node;
  const serialize = (n: Gen): string =>
    `<${n.name}${Object.entries(n.attrs).map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('')}>${n.children.map((c) => (typeof c === 'string' ? escapeText(c) : serialize(c))).join('')}</${n.name}>`;
  // What the parser gives back: local names, attributes as written, adjacent text merged.
  const expected = (n: Gen): unknown => ({
    name: n.name.split(':').pop(),
    attrs: n.attrs,
    children: n.children.reduce<unknown[]>((acc, c) => {
      const last = acc[acc.length - 1];
      if (typeof c === 'string' && typeof last === 'string') acc[acc.length - 1] = last + c;
      else acc.push(typeof c === 'string' ? c : expected(c));
      return acc;
    }, []),
  });
  const actual = (n: XmlElement): unknown => ({ name: n.name, attrs: { ...n.attrs }, children: n.children.map((c) => (c.kind === 'text' ? c.text : actual(c))) });

  it('reads back any tree written with escapeText and escapeAttr, text and attributes exactly', () => {
    fc.assert(fc.property(tree, (t) => {
      const root = parse(`<root xmlns="${QTI_NS}" xmlns:m="urn:m" xmlns:d="urn:d">${serialize(t)}</root>`);
      expect(actual(elements(root)[0]!)).toEqual(expected(t));
    }), { numRuns: 300 });
  });
});

describe('escaping for XML we write', () => {
  it('escapes text and attributes so that parsing gives back exactly the original, line breaks and tabs included', () => {
    const nasty = 'a & b < c > d "q" \'s\' ]]> \r\n\t x 😀 \u00a0';
    const root = parse(`<r xmlns="${QTI_NS}" v="${escapeAttr(nasty)}">${escapeText(nasty)}</r>`);
    expect(root.attrs.v).toBe(nasty);
    expect(textOf(root)).toBe(nasty);
  });

  it('drops characters XML cannot carry instead of writing an unreadable file', () => {
    expect(escapeText('a\u0000b\u0007c\uFFFEd\uD800e')).toBe('abcde');
  });
});
