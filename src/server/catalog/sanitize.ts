/**
 * The allow-list for item HTML (stems, options, rationales). Whatever reaches the database, a candidate's browser
 * or a QTI export has been through here, so this is where script injection into an exam is stopped. The output is
 * also well-formed XML (void elements self-closed, attributes quoted, only the predefined entities), which is what
 * lets write-package.ts embed it in QTI unchanged.
 */
import sanitizeHtml from 'sanitize-html';

export interface SanitizeItemHtmlOptions {
  /**
   * Decides the src of each image that passed the checks: `kind` is `blob` for our own `/api/v1/blobs/…` paths and
   * `relative` for a path inside a package being imported (e.g. `../images/a.png`). Return the src to keep (a blob
   * path or a relative path), or undefined to drop the image. Default: keep blob paths, drop relative paths, since
   * a relative path in stored content would resolve against whatever page shows it.
   */
  imageSrc?: (src: string, kind: 'blob' | 'relative') => string | undefined;
}

const BLOB_SRC = /^\/api\/v1\/blobs\/[A-Za-z0-9._~-]+(?:\/[A-Za-z0-9._~-]+)*$/;
// No scheme (hence no ":"), not absolute or protocol-relative, nothing a URL parser could read as query or markup.
const RELATIVE_SRC = /^[^/\\\s:?#"'<>`][^\\\s:?#"'<>`]*$/;
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function srcKind(src: string): 'blob' | 'relative' | undefined {
  if (BLOB_SRC.test(src)) return src.split('/').some((s) => s === '.' || s === '..') ? undefined : 'blob';
  return RELATIVE_SRC.test(src) ? 'relative' : undefined;
}

const defaultImageSrc = (src: string, kind: 'blob' | 'relative') => (kind === 'blob' ? src : undefined);

/** Attribute values on one line: XML would fold the line breaks into spaces anyway, so fold them here. */
const oneLine = (v: string | undefined) => (v === undefined ? undefined : v.replace(/[\t\n\r]+/g, ' '));
const DIGITS = /^[0-9]{1,5}$/;
const SCOPES = new Set(['row', 'col', 'rowgroup', 'colgroup']);

function keep(attribs: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(attribs)) if (v !== undefined) out[k] = v;
  return out;
}

function options(imageSrc: NonNullable<SanitizeItemHtmlOptions['imageSrc']>): sanitizeHtml.IOptions {
  const cell = (tagName: string, a: sanitizeHtml.Attributes) => ({
    tagName,
    attribs: keep({
      colspan: DIGITS.test(a.colspan ?? '') ? a.colspan : undefined,
      rowspan: DIGITS.test(a.rowspan ?? '') ? a.rowspan : undefined,
      scope: SCOPES.has(a.scope ?? '') ? a.scope : undefined,
    }),
  });
  return {
    allowedTags: ['p', 'br', 'strong', 'em', 'b', 'i', 'u', 'sub', 'sup', 'code', 'pre', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'caption', 'blockquote', 'span', 'img'],
    allowedAttributes: { img: ['src', 'alt', 'width', 'height'], th: ['colspan', 'rowspan', 'scope'], td: ['colspan', 'rowspan', 'scope'] },
    allowedClasses: {},
    allowedStyles: {},
    allowedSchemes: [],
    allowedSchemesByTag: {},
    allowProtocolRelative: false,
    // Dropped with their content (the default keeps the text of a dropped tag, which for these is code or junk).
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'noembed', 'noframes', 'iframe', 'template', 'title', 'xmp', 'svg', 'math'],
    transformTags: {
      th: cell,
      td: cell,
      img: (tagName, a) => {
        const raw = (a.src ?? '').trim();
        const kind = srcKind(raw);
        let src = kind ? imageSrc(raw, kind) : undefined;
        // Whatever the callback returns must pass the same test: it cannot smuggle in a URL with a scheme.
        if (src !== undefined && !srcKind(src)) src = undefined;
        return {
          tagName,
          attribs: keep({ src, alt: oneLine(a.alt), width: DIGITS.test(a.width ?? '') ? a.width : undefined, height: DIGITS.test(a.height ?? '') ? a.height : undefined }),
        };
      },
    },
    // An image whose src was refused shows nothing useful; drop the element rather than keep an empty <img />.
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  };
}

const defaultOptions = options(defaultImageSrc);

/**
 * Returns the allow-listed form of `html`: only the tags and attributes above survive, images only with a blob or
 * (through `imageSrc`) package path, no scripts, handlers, styles, classes, links or frames. Trimmed; line breaks as
 * `\n`; characters XML cannot carry removed. Idempotent: sanitizing the output again changes nothing.
 */
export function sanitizeItemHtml(html: string, opts: SanitizeItemHtmlOptions = {}): string {
  const input = html.replace(NOT_XML_CHAR, '');
  // Without "<" or "&" there is no markup and no entity: the full sanitizer would only escape ">". Most options are
  // plain text, and sanitize-html costs ~10 µs and much garbage per call, so a large import takes this path often.
  if (!/[<&]/.test(input)) return input.replace(/>/g, '&gt;').replace(/\r\n?/g, '\n').trim();
  const settings = opts.imageSrc ? options(opts.imageSrc) : defaultOptions;
  // Entities such as &#1; or &#13; decode to characters that must not (or would not) survive an XML round trip.
  const pass = (h: string, o = settings) => sanitizeHtml(h, o).replace(NOT_XML_CHAR, '').replace(/\r\n?/g, '\n').trim();
  // sanitize-html is not idempotent when dropping a tag leaves invalid nesting (a list inside a paragraph): the next
  // parse splits the paragraph. Repeat until nothing changes, so what we store reads back identically. Clean input
  // (the usual case) comes back unchanged from the first pass and costs one pass only.
  let clean = pass(input);
  for (let i = 0; i < 3 && clean !== input; i++) {
    // Later passes only normalise nesting: image sources were already mapped (to blob paths) by the first.
    const again = pass(clean, defaultOptions);
    if (again === clean) break;
    clean = again;
  }
  return clean;
}
