/**
 * A conservative allow-list cleaner for the item editor's live preview only. What candidates see is what the
 * server's sanitizer stores; this just keeps an author's half-typed HTML from running anything in the preview.
 */
const allowedTags = new Set([
  'p', 'br', 'hr', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'code', 'pre', 'kbd', 'samp', 'var', 'blockquote',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'span', 'div', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'img',
]);
const droppedWithContent = new Set(['script', 'style', 'template', 'iframe', 'object', 'embed', 'noscript', 'svg', 'math', 'title', 'head']);
const allowedAttributes: Record<string, string[]> = {
  img: ['src', 'alt', 'width', 'height'],
  th: ['scope', 'colspan', 'rowspan'],
  td: ['colspan', 'rowspan'],
  ol: ['start', 'type'],
};
const globalAttributes = ['lang', 'dir'];

/** The HTML with every tag, attribute and URL outside the allow-list removed (unknown tags keep their text). */
export function previewHtml(html: string): string {
  const doc = new DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, 'text/html');
  clean(doc.body);
  return doc.body.innerHTML;
}

function clean(parent: Element) {
  for (const node of [...parent.childNodes]) {
    if (node.nodeType === Node.TEXT_NODE) continue;
    if (node.nodeType !== Node.ELEMENT_NODE) {
      node.remove();
      continue;
    }
    const element = node as Element;
    const tag = element.tagName.toLowerCase();
    if (droppedWithContent.has(tag)) {
      element.remove();
      continue;
    }
    clean(element);
    if (!allowedTags.has(tag)) {
      element.replaceWith(...element.childNodes);
      continue;
    }
    for (const attribute of [...element.attributes]) {
      const name = attribute.name.toLowerCase();
      const allowed = globalAttributes.includes(name) || (allowedAttributes[tag] ?? []).includes(name);
      if (!allowed || (name === 'src' && !/^(https?:|data:image\/|\/)/i.test(attribute.value.trim()))) element.removeAttribute(attribute.name);
    }
  }
}
