/**
 * Parsing untrusted XML. Everything that makes XML parsers dangerous is refused before the parser sees the text:
 * any DOCTYPE or ENTITY declaration (external entities read local files, nested ones expand exponentially), and
 * anything that is not UTF-8. fast-xml-parser's validator then checks well-formedness, and a small tree builder
 * reads the checked text. Only the five predefined entities and character references are decoded; any other
 * `&name;` is an error, which is what a conforming parser does for a document without a DTD.
 */
import { XMLValidator } from 'fast-xml-parser';
import { QtiPackageError } from './errors.ts';

export interface XmlElement {
  kind: 'element';
  /** Local name (prefix removed): we match QTI, IMS CP and LOM elements by local name once the root is checked. */
  name: string;
  /** Attributes by their name as written (`identifier`, `xml:lang`, `xmlns:imsmd`), values decoded. */
  attrs: Record<string, string>;
  children: XmlNode[];
}

export interface XmlText {
  kind: 'text';
  text: string;
}

export type XmlNode = XmlElement | XmlText;

// Characters XML 1.0 allows; anything else (most C0 controls, U+FFFE/FFFF, lone surrogates) cannot be in a document.
const XML_CHARS_ONLY = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const MAX_DEPTH = 200;

function fail(code: 'XmlInvalid' | 'XmlUnsafe' | 'NotUtf8', file: string, message: string): QtiPackageError {
  return new QtiPackageError(code, `${file}: ${message}`, { file });
}

/** The text of an XML file, or a QtiPackageError (NotUtf8, XmlUnsafe, XmlInvalid) when it is not UTF-8, declares a DOCTYPE/ENTITY, or holds characters XML forbids. */
export function decodeXml(bytes: Uint8Array, file: string): string {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if ((b0 === 0xfe && b1 === 0xff) || (b0 === 0xff && b1 === 0xfe) || (b0 === 0 && b1 === 0)) throw fail('NotUtf8', file, 'is UTF-16 or UTF-32; save it as UTF-8.');
  // "<" followed or preceded by a zero byte is UTF-16 without a byte-order mark.
  if ((b0 === 0x3c && b1 === 0) || (b0 === 0 && b1 === 0x3c)) throw fail('NotUtf8', file, 'is UTF-16; save it as UTF-8.');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw fail('NotUtf8', file, 'is not valid UTF-8 (was it saved as Latin-1 or Windows-1252?); save it as UTF-8.');
  }
  const declared = /^<\?xml[^>]*?\sencoding\s*=\s*["']([^"']*)["']/.exec(text)?.[1];
  if (declared !== undefined && !/^utf-?8$/i.test(declared)) throw fail('NotUtf8', file, `declares encoding "${declared}"; only UTF-8 is accepted.`);
  if (/<!DOCTYPE/i.test(text)) throw fail('XmlUnsafe', file, 'contains a DOCTYPE declaration, which is refused (external and recursive entities are an attack vector); remove it.');
  if (/<!ENTITY/i.test(text)) throw fail('XmlUnsafe', file, 'contains an ENTITY declaration, which is refused; remove it.');
  if (!XML_CHARS_ONLY.test(text)) throw fail('XmlInvalid', file, 'contains a control character that XML does not allow.');
  // XML parsers see every line break as "\n" (XML 1.0 §2.11); fast-xml-parser does not do it for us.
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

const REFERENCE = /&(?:#x([0-9a-fA-F]{1,6});|#([0-9]{1,7});|(lt|gt|amp|quot|apos);)|&/g;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeReferences(s: string, file: string): string {
  if (!s.includes('&')) return s;
  return s.replace(REFERENCE, (m, hex: string | undefined, dec: string | undefined, named: string | undefined) => {
    if (named) return PREDEFINED[named]!;
    if (hex === undefined && dec === undefined) {
      throw fail('XmlInvalid', file, `has "&" that does not start a character reference or one of &lt; &gt; &amp; &quot; &apos; (near "${s.slice(0, 40)}"); escape it as &amp;.`);
    }
    const cp = hex !== undefined ? parseInt(hex, 16) : parseInt(dec!, 10);
    const ch = cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
    if (!ch || !XML_CHARS_ONLY.test(ch)) throw fail('XmlInvalid', file, `refers to character ${m}, which XML does not allow.`);
    return ch;
  });
}

// Tokens of a document XMLValidator has accepted: start tag (name, attributes, "/"), end tag, CDATA, comment or
// processing instruction (skipped), text. Sticky, so a position nothing matches is caught instead of skipped.
const TOKEN = /<([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<\/([^\s>]+)\s*>|<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|([^<]+)/y;
const ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

interface Open {
  qname: string;
  el: XmlElement;
}

/**
 * Builds the tree. fast-xml-parser's validator has already checked well-formedness; its parser is not used here
 * because building its preserveOrder tree and converting it cost about four times this on a 10,000-item package,
 * and the tree we need is simple. Tag balance is checked again as we go, so a validator gap cannot misplace content.
 */
function build(text: string, file: string, dropBlankText: boolean): { root: XmlElement; qname: string } {
  const top: XmlElement = { kind: 'element', name: '#document', attrs: {}, children: [] };
  const stack: Open[] = [{ qname: '', el: top }];
  let rootQname = '';
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) throw fail('XmlInvalid', file, `is not well-formed XML near "${text.slice(at, at + 40)}".`);
    const parent = stack[stack.length - 1]!.el;
    const [, qname, rawAttrs, selfClosing, endName, cdata, chars] = m;
    if (qname !== undefined) {
      if (stack.length === 1 && (top.children.some((c) => c.kind === 'element') || rootQname)) throw fail('XmlInvalid', file, 'must have exactly one root element.');
      if (stack.length > MAX_DEPTH) throw fail('XmlInvalid', file, `nests elements more than ${MAX_DEPTH} deep.`);
      const attrs: Record<string, string> = {};
      if (rawAttrs) {
        ATTRIBUTE.lastIndex = 0;
        for (let a = ATTRIBUTE.exec(rawAttrs); a; a = ATTRIBUTE.exec(rawAttrs)) {
          const name = a[1]!;
          let value = a[2] ?? a[3] ?? '';
          if (value.includes('<')) throw fail('XmlInvalid', file, `has "<" inside the value of attribute ${name}; escape it as &lt;.`);
          // Attribute-value normalization (XML 1.0 §3.3.3): literal white space becomes a space, references are kept.
          if (/[\t\n]/.test(value)) value = value.replace(/[\t\n]/g, ' ');
          // A plain object is several times cheaper than a null-prototype one on large trees; the one name that
          // could touch its prototype is dropped (no QTI or HTML attribute is called that).
          if (name !== '__proto__') attrs[name] = decodeReferences(value, file);
        }
      }
      const colon = qname.indexOf(':');
      const el: XmlElement = { kind: 'element', name: colon < 0 ? qname : qname.slice(colon + 1), attrs, children: [] };
      parent.children.push(el);
      if (stack.length === 1) rootQname = qname;
      if (!selfClosing) stack.push({ qname, el });
    } else if (endName !== undefined) {
      if (stack.length === 1 || stack[stack.length - 1]!.qname !== endName) throw fail('XmlInvalid', file, `has a closing tag </${endName}> that does not match the open element.`);
      stack.pop();
    } else if (cdata !== undefined || chars !== undefined) {
      const blank = chars !== undefined && !/[^ \t\n]/.test(chars);
      if (stack.length === 1) {
        if (blank) continue;
        throw fail('XmlInvalid', file, 'has text outside its root element.');
      }
      if (blank && dropBlankText) continue;
      const t = cdata ?? decodeReferences(chars!, file);
      const last = parent.children[parent.children.length - 1];
      if (last?.kind === 'text') last.text += t;
      else parent.children.push({ kind: 'text', text: t });
    }
  }
  const root = top.children.find((c): c is XmlElement => c.kind === 'element');
  if (stack.length !== 1 || !root) throw fail('XmlInvalid', file, root ? `does not close <${stack[stack.length - 1]!.qname}>.` : 'has no root element.');
  return { root, qname: rootQname };
}

function namespaceOf(qname: string, attrs: Record<string, string>): string | undefined {
  const colon = qname.indexOf(':');
  return colon < 0 ? attrs.xmlns : attrs[`xmlns:${qname.slice(0, colon)}`];
}

/**
 * Parses UTF-8 XML bytes into a tree and returns the root element; throws QtiPackageError when the file is unsafe,
 * not well-formed, or its root is not in one of `namespaces`. `dropBlankText` leaves out white-space-only text
 * (indentation), for documents without mixed content such as manifests: a 10,000-item manifest then builds half
 * the nodes.
 */
export function parseXml(bytes: Uint8Array, file: string, namespaces: readonly string[], { dropBlankText = false } = {}): XmlElement {
  const text = decodeXml(bytes, file);
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw fail('XmlInvalid', file, `is not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col}).`);
  const { root, qname } = build(text, file, dropBlankText);
  const ns = namespaceOf(qname, root.attrs);
  if (!ns || !namespaces.includes(ns)) {
    throw new QtiPackageError('UnknownNamespace', `${file}: the root element <${qname}> is in namespace ${ns ? `"${ns}"` : '(none)'}; expected ${namespaces.map((n) => `"${n}"`).join(' or ')}. Only QTI 3.0 packages are supported.`, { file, namespace: ns ?? null, expected: namespaces });
  }
  return root;
}

/** Child elements, optionally only those with the given local name. */
export function elements(el: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) if (c.kind === 'element' && (name === undefined || c.name === name)) out.push(c);
  return out;
}

/** The first child element with the given local name. */
export function element(el: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!el) return undefined;
  for (const c of el.children) if (c.kind === 'element' && c.name === name) return c;
  return undefined;
}

/** The concatenated text of an element and its descendants. */
export function textOf(el: XmlElement | undefined): string {
  if (!el) return '';
  let s = '';
  for (const c of el.children) s += c.kind === 'text' ? c.text : textOf(c);
  return s;
}

/** Drops characters XML cannot carry (not even as references), so what we write always parses. */
export function xmlSafe(s: string): string {
  return XML_CHARS_ONLY.test(s) ? s : s.replace(NOT_XML_CHAR, '');
}

/** Escapes text content; `\r` as a reference, since parsers turn a literal one into `\n`. */
export function escapeText(s: string): string {
  return xmlSafe(s).replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

const ATTR_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

/** Escapes an attribute value for double quotes; tab and line breaks as references, which survive normalization. */
export function escapeAttr(s: string): string {
  return xmlSafe(s).replace(/[&<>"\t\n\r]/g, (c) => ATTR_ESCAPES[c]!);
}
