import type { ReactNode } from 'react';

const urlPattern = /https?:\/\/[^\s<>"']+/g;

/** Plain text with its http(s) URLs turned into links; line breaks are kept. Never renders HTML from the text. */
export function LinkifiedText({ text, className }: { text: string; className?: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(urlPattern)) {
    // Trailing punctuation usually ends the sentence, not the URL.
    const url = match[0].replace(/[.,;:!?)\]]+$/, '');
    const start = match.index;
    if (start > last) parts.push(text.slice(last, start));
    parts.push(
      <a key={start} href={url}>
        {url}
      </a>,
    );
    last = start + url.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <div className={`preformatted ${className ?? ''}`}>{parts}</div>;
}
