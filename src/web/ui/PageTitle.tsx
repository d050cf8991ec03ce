import { useEffect, type ReactNode } from 'react';

/** The page's single h1; also sets the browser tab title to "<title> · Invigil". */
export function PageTitle({ children, title }: { children: ReactNode; title?: string }) {
  const text = title ?? (typeof children === 'string' ? children : undefined);
  useEffect(() => {
    document.title = text ? `${text} · Invigil` : 'Invigil';
  }, [text]);
  return <h1 className="page-title">{children}</h1>;
}
