/**
 * Parsing untrusted XML. Everything that makes XML parsers dangerous is refused before the parser sees the text:
 * any DOCTYPE or ENTITY declaration (external entities read local files, nested ones expand exponentially), and
 * anything that is not UTF-8. What remains is XML without a DTD, which a strict tokenizer reads completely: only the
 * five predefined entities and character references exist, and any other `&name;` is an error, as in a conforming
 * parser.
 *
 * Why not fast-xml-parser: on a 10,000-item package (32 MB of XML) its preserveOrder parse alone took about 2.5 s,
 * before converting its output, and its validator another 0.6 s; this tokenizer builds the finished tree in about
 * 1.2 s (same 2-core machine). It is also stricter: fast-xml-parser's parser accepts unbalanced tags silently and its
 * validator lets undefined entities and "<" in attribute values through. xml.test.ts holds the tokenizer to the
 * well-formedness rules, with fast-xml-parser's validator as the reference it must never be laxer than.
 */
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
  // A conforming parser sees every line break as "\n" (XML 1.0 §2.11); the tokenizer below reads the text as given.
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

const REFERENCE = /&(?:#x([0-9a-fA-F]{1,6});|#([0-9]{1,7});|(lt|gt|amp|quot|apos);)|&/g;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeReferences(s: string, file: string): string {
  if (!s.includes('&')) return s;
  return s.replace(REFERENCE, (m, hex: string | undefined, dec: string | undefined, named: string | undefined, at: number) => {
    if (named) return PREDEFINED[named]!;
    if (hex === undefined && dec === undefined) {
      throw fail('XmlInvalid', file, `has "&" that does not start a character reference or one of &lt; &gt; &amp; &quot; &apos; (at "${s.slice(at, at + 30)}"); escape it as &amp;.`);
    }
    const cp = hex !== undefined ? parseInt(hex, 16) : parseInt(dec!, 10);
    const ch = cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
    if (!ch || !XML_CHARS_ONLY.test(ch)) throw fail('XmlInvalid', file, `refers to character ${m}, which XML does not allow.`);
    return ch;
  });
}

// XML names, the Basic Multilingual Plane part of the production (every name QTI, IMS CP, LOM or HTML uses).
function isNameStart(c: number): boolean {
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58;
  return (c >= 0xc0 && c <= 0xd6) || (c >= 0xd8 && c <= 0xf6) || (c >= 0xf8 && c <= 0x2ff) || (c >= 0x370 && c <= 0x37d) || (c >= 0x37f && c <= 0x1fff)
    || c === 0x200c || c === 0x200d || (c >= 0x2070 && c <= 0x218f) || (c >= 0x2c00 && c <= 0x2fef) || (c >= 0x3001 && c <= 0xd7ff) || (c >= 0xf900 && c <= 0xfdcf) || (c >= 0xfdf0 && c <= 0xfffd);
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 0xb7 || (c >= 0x300 && c <= 0x36f) || c === 0x203f || c === 0x2040;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10;

interface Open {
  qname: string;
  el: XmlElement;
}

function where(text: string, at: number): string {
  const before = text.slice(0, at);
  return `line ${before.split('\n').length}, column ${at - before.lastIndexOf('\n')}`;
}

/**
 * Builds the tree in one pass over the text, refusing anything that is not well-formed: names, quoting, white space
 * between attributes, repeated attributes, tag balance, one root, comments without "--", no "]]>" in text. It is
 * written with indexOf and char codes rather than a token regex because each regex match allocates, and on 35 MB
 * of XML that garbage was most of the parse time.
 */
function build(text: string, file: string, dropBlankText: boolean): { root: XmlElement; qname: string } {
  const top: XmlElement = { kind: 'element', name: '#document', attrs: {}, children: [] };
  const stack: Open[] = [{ qname: '', el: top }];
  const n = text.length;
  let rootQname = '';
  const bad = (at: number, what: string) => fail('XmlInvalid', file, `is not well-formed XML: it ${what} (${where(text, at)}).`);
  const nameEnd = (at: number): number => {
    if (at >= n || !isNameStart(text.charCodeAt(at))) throw bad(at, `has "${text.slice(at, at + 20)}" where a name should be`);
    let e = at + 1;
    while (e < n && isNameChar(text.charCodeAt(e))) e++;
    return e;
  };
  const skipSpace = (at: number): number => {
    while (at < n && isSpace(text.charCodeAt(at))) at++;
    return at;
  };
  const addText = (t: string, at: number, cdata: boolean) => {
    let blank = !cdata;
    for (let k = 0; blank && k < t.length; k++) blank = isSpace(t.charCodeAt(k));
    if (stack.length === 1) {
      if (blank) return;
      throw bad(at, 'has text outside its root element');
    }
    if (blank && dropBlankText) return;
    if (!cdata && t.includes(']]>')) throw bad(at, 'has "]]>" in text; escape ">" as &gt;');
    const value = cdata ? t : decodeReferences(t, file);
    const children = stack[stack.length - 1]!.el.children;
    const last = children[children.length - 1];
    if (last?.kind === 'text') last.text += value;
    else children.push({ kind: 'text', text: value });
  };

  let i = 0;
  while (i < n) {
    if (text.charCodeAt(i) !== 60) {
      let end = text.indexOf('<', i);
      if (end < 0) end = n;
      addText(text.slice(i, end), i, false);
      i = end;
      continue;
    }
    const next = text.charCodeAt(i + 1);
    if (next === 47) {
      const e = nameEnd(i + 2);
      const qname = text.slice(i + 2, e);
      const close = skipSpace(e);
      if (text.charCodeAt(close) !== 62) throw bad(close, `has an unfinished closing tag </${qname}`);
      if (stack.length === 1 || stack[stack.length - 1]!.qname !== qname) throw bad(i, `has a closing tag </${qname}> that does not match the open element`);
      stack.pop();
      i = close + 1;
    } else if (next === 33) {
      if (text.startsWith('<!--', i)) {
        const e = text.indexOf('--', i + 4);
        if (e < 0 || text.charCodeAt(e + 2) !== 62) throw bad(i, 'has a comment that is unterminated or contains "--"');
        i = e + 3;
      } else if (text.startsWith('<![CDATA[', i)) {
        const e = text.indexOf(']]>', i + 9);
        if (e < 0) throw bad(i, 'has an unterminated CDATA section');
        addText(text.slice(i + 9, e), i, true);
        i = e + 3;
      } else throw bad(i, 'has a declaration ("<!") that is not allowed');
    } else if (next === 63) {
      const e = nameEnd(i + 2);
      const close = text.indexOf('?>', e);
      if (close < 0 || (close !== e && !isSpace(text.charCodeAt(e)))) throw bad(i, 'has a malformed processing instruction');
      if (text.slice(i + 2, e).toLowerCase() === 'xml' && i !== 0) throw bad(i, 'has an XML declaration that is not at the very start');
      i = close + 2;
    } else {
      const e = nameEnd(i + 1);
      const qname = text.slice(i + 1, e);
      if (stack.length === 1 && rootQname) throw bad(i, 'has a second root element');
      if (stack.length > MAX_DEPTH) throw bad(i, `nests elements more than ${MAX_DEPTH} deep`);
      const attrs: Record<string, string> = {};
      let p = e;
      let selfClosing: boolean;
      for (;;) {
        const q = skipSpace(p);
        const c = text.charCodeAt(q);
        if (c === 62) {
          selfClosing = false;
          p = q + 1;
          break;
        }
        if (c === 47 && text.charCodeAt(q + 1) === 62) {
          selfClosing = true;
          p = q + 2;
          break;
        }
        if (q === p) throw bad(q, `has a malformed start tag <${qname}> (attributes need white space before them and the tag needs ">")`);
        const ae = nameEnd(q);
        const name = text.slice(q, ae);
        let r = skipSpace(ae);
        if (text.charCodeAt(r) !== 61) throw bad(r, `has attribute ${name} without "=" and a value`);
        r = skipSpace(r + 1);
        const quote = text.charCodeAt(r);
        if (quote !== 34 && quote !== 39) throw bad(r, `has an unquoted value for attribute ${name}`);
        const ve = text.indexOf(quote === 34 ? '"' : "'", r + 1);
        if (ve < 0) throw bad(r, `has an unterminated value for attribute ${name}`);
        let value = text.slice(r + 1, ve);
        if (value.includes('<')) throw bad(r, `has "<" inside the value of attribute ${name}; escape it as &lt;`);
        if (Object.hasOwn(attrs, name)) throw bad(q, `repeats the attribute ${name} on <${qname}>`);
        // Attribute-value normalization (XML 1.0 §3.3.3): literal white space becomes a space, references are kept.
        if (value.includes('\t') || value.includes('\n')) value = value.replace(/[\t\n]/g, ' ');
        // A plain object is several times cheaper than a null-prototype one on large trees; the one name that
        // could reach its prototype is dropped (no QTI or HTML attribute is called that).
        if (name !== '__proto__') attrs[name] = decodeReferences(value, file);
        p = ve + 1;
      }
      const colon = qname.indexOf(':');
      const el: XmlElement = { kind: 'element', name: colon < 0 ? qname : qname.slice(colon + 1), attrs, children: [] };
      stack[stack.length - 1]!.el.children.push(el);
      if (stack.length === 1) rootQname = qname;
      if (!selfClosing) stack.push({ qname, el });
      i = p;
    }
  }
  if (stack.length !== 1) throw bad(n, `does not close <${stack[stack.length - 1]!.qname}>`);
  const root = top.children.find((c): c is XmlElement => c.kind === 'element');
  if (!root) throw fail('XmlInvalid', file, 'is not well-formed XML: it has no root element.');
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
  const { root, qname } = build(decodeXml(bytes, file), file, dropBlankText);
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

/**
 * A copy of `s` that shares no memory with the document it was read from. V8 represents substrings of 13 or more
 * characters as views into the parent string, so an imported item keeping its title would keep its whole file's
 * text alive; over 10,000 items that retained text made garbage collection the largest cost of an import.
 */
export function own(s: string): string {
  return (' ' + s).slice(1);
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
