import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { sanitizeItemHtml } from './sanitize.ts';

const ALLOWED: Record<string, string[]> = {
  p: [], br: [], strong: [], em: [], b: [], i: [], u: [], sub: [], sup: [], code: [], pre: [], ul: [], ol: [], li: [],
  table: [], thead: [], tbody: [], tr: [], th: ['colspan', 'rowspan', 'scope'], td: ['colspan', 'rowspan', 'scope'],
  caption: [], blockquote: [], span: [], img: ['src', 'alt', 'width', 'height'],
};

/** Every tag and attribute in sanitized output, which (being well-formed XML) a simple scan reads reliably. */
function tagsIn(html: string): { tag: string; attrs: Record<string, string> }[] {
  const out: { tag: string; attrs: Record<string, string> }[] = [];
  for (const m of html.matchAll(/<\/?([a-zA-Z][^\s/>]*)((?:\s+[^\s=]+="[^"]*")*)\s*\/?>/g)) {
    const attrs: Record<string, string> = {};
    for (const a of m[2]!.matchAll(/([^\s=]+)="([^"]*)"/g)) attrs[a[1]!] = a[2]!;
    out.push({ tag: m[1]!, attrs });
  }
  return out;
}

function expectAllowListed(html: string): void {
  expect(XMLValidator.validate(`<root>${html}</root>`)).toBe(true);
  for (const { tag, attrs } of tagsIn(html)) {
    expect(Object.keys(ALLOWED), `tag <${tag}> in ${html}`).toContain(tag);
    for (const name of Object.keys(attrs)) expect(ALLOWED[tag], `attribute ${name} on <${tag}>`).toContain(name);
    if (tag === 'img') expect(attrs.src).toMatch(/^\/api\/v1\/blobs\/[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/);
  }
}

describe('sanitizeItemHtml', () => {
  it('keeps the allow-listed markup of a typical stem unchanged', () => {
    const html = '<p>Which command lists <code>pods</code> in <strong>all</strong> namespaces?</p><ul><li>x<sub>1</sub></li></ul><table><caption>Ports</caption><thead><tr><th scope="col">Port</th></tr></thead><tbody><tr><td colspan="2">443</td></tr></tbody></table><pre>kubectl get pods -A\n</pre><img src="/api/v1/blobs/4f2a-9c" alt="Topology diagram" width="640" height="480" />';
    expect(sanitizeItemHtml(html)).toBe(html);
  });

  it.each([
    ['a script element', '<p>Hi<script>alert(1)</script></p>', '<p>Hi</p>'],
    ['an event handler', '<p onclick="steal()" onmouseover="x">Hi</p>', '<p>Hi</p>'],
    ['onerror on an image', '<img src="/api/v1/blobs/a" onerror="alert(1)" alt="a">', '<img src="/api/v1/blobs/a" alt="a" />'],
    ['a javascript: image', '<img src="javascript:alert(1)">', ''],
    ['a javascript: image with mixed case and entities', '<IMG SRC="jav&#x09;ascript:alert(1)">x', 'x'],
    ['a javascript: link', '<a href="javascript:alert(1)">click</a>', 'click'],
    ['an ordinary link', '<a href="https://example.com">site</a>', 'site'],
    ['a data: image', '<img src="data:image/svg+xml;base64,PHN2Zz4=">', ''],
    ['a protocol-relative image', '<img src="//evil.example/x.png">', ''],
    ['an absolute http image', '<img src="https://evil.example/track.gif">', ''],
    ['an image path that climbs out of the blob store', '<img src="/api/v1/blobs/../admin/users">', ''],
    ['a style element and attribute', '<style>p{color:red}</style><p style="position:fixed">x</p>', '<p>x</p>'],
    ['an iframe', '<iframe src="https://evil.example"></iframe>after', 'after'],
    ['an object and embed', '<object data="x.swf"></object><embed src="x.swf">ok', 'ok'],
    ['svg with a handler', '<svg onload="alert(1)"><circle/></svg>ok', 'ok'],
    ['a form', '<form action="https://evil.example"><input name="pw"><button>Go</button></form>', 'Go'],
    ['meta refresh and base', '<meta http-equiv="refresh" content="0;url=https://evil.example"><base href="https://evil.example/">x', 'x'],
    ['class and id attributes', '<span class="hidden" id="x" data-x="1">s</span>', '<span>s</span>'],
    ['a noscript mutation trick', '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>', ''],
    ['bad table cell attributes', '<table><tr><td colspan="x" rowspan="2" scope="evil" onclick="x">c</td></tr></table>', '<table><tr><td rowspan="2">c</td></tr></table>'],
  ])('removes %s', (_, input, expected) => {
    const out = sanitizeItemHtml(input);
    expect(out).toBe(expected);
    expectAllowListed(out);
  });

  it('closes what the author left open, so the output is well-formed XML', () => {
    expect(sanitizeItemHtml('<p>unclosed <b>bold <i>both</b> tail<br>')).toBe('<p>unclosed <b>bold <i>both</i></b> tail<br /></p>');
  });

  it('trims, turns \\r\\n into \\n and drops characters XML cannot carry', () => {
    expect(sanitizeItemHtml(' \r\n<p>a\r\nb\u0000c&#1;d</p>\t')).toBe('<p>a\nbcd</p>');
  });

  it('drops package-relative images unless a callback maps them, and re-checks what the callback returns', () => {
    const html = '<img src="../images/net.png" alt="Network">';
    expect(sanitizeItemHtml(html)).toBe('');
    expect(sanitizeItemHtml(html, { imageSrc: (src, kind) => (kind === 'relative' && src === '../images/net.png' ? '/api/v1/blobs/net1' : undefined) })).toBe('<img src="/api/v1/blobs/net1" alt="Network" />');
    expect(sanitizeItemHtml(html, { imageSrc: () => 'javascript:alert(1)' })).toBe('');
    expect(sanitizeItemHtml('<img src="../a?x=1">', { imageSrc: (s) => s })).toBe('');
  });

  const htmlish = fc
    .array(
      fc.oneof(
        fc.constantFrom('<p>', '</p>', '<b>', '</b>', '<i>', '<br>', '<br/>', '<ul><li>', '</li>', '<table><tr><td colspan="3">', '</td>', '<pre>', '\n', '<script>', '</script>',
          '<img src="/api/v1/blobs/x1" alt="a &amp; &quot;b&quot;">', '<img src=x onerror=alert(1)>', '<a href="javascript:x">', '</a>', '<span class="c" style="s">', '<!--', '-->',
          '<![CDATA[', ']]>', '&amp;', '&lt;', '&nbsp;', '&#0;', '&#xD800;', '&bogus;', '<', '>', '"', "'", '&', '<svg><g onload=x>', '<div>', '</div>', '<math><mi>', '<textarea>', '<xmp>'),
        fc.string({ unit: 'binary', maxLength: 8 }),
      ),
      { maxLength: 30 },
    )
    .map((parts) => parts.join(''));

  it('always returns allow-listed, well-formed XML, for any input', () => {
    fc.assert(fc.property(htmlish, (html) => expectAllowListed(sanitizeItemHtml(html))), { numRuns: 500 });
  });

  it('gives plain text (its shortcut) exactly what the full sanitizer gives', () => {
    const plain = fc.string({ unit: fc.oneof(fc.constantFrom('>', '"', "'", ' ', '\r', '\n', '\t', '\u00a0', '\u0000', '😀'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })) }).filter((s) => !/[<&]/.test(s));
    fc.assert(fc.property(plain, (text) => {
      // Appending <br> forces the full path; its output then ends in "<br />" after the text's own trailing space.
      const full = sanitizeItemHtml(`${text}<br>`);
      expect(full.endsWith('<br />')).toBe(true);
      expect(sanitizeItemHtml(text)).toBe(full.slice(0, -'<br />'.length).trimEnd());
    }), { numRuns: 500 });
  });

  it('is idempotent: sanitizing its own output changes nothing', () => {
    fc.assert(fc.property(htmlish, (html) => {
      const once = sanitizeItemHtml(html);
      expect(sanitizeItemHtml(once)).toBe(once);
    }), { numRuns: 500 });
  });

  it('is idempotent when dropping a tag leaves a list inside a paragraph (found by the QTI round-trip property)', () => {
    const once = sanitizeItemHtml('<p><t<br>&<ul><li>one</li><li>two</li></ul>');
    expect(once).toBe('<p>&amp;</p><ul><li>one</li><li>two</li></ul><p></p>');
    expect(sanitizeItemHtml(once)).toBe(once);
  });
});
