import type { ReactNode } from 'react';

export type AlertTone = 'info' | 'success' | 'warning' | 'error';

const toneLabel: Record<AlertTone, string> = { info: 'Note', success: 'Done', warning: 'Warning', error: 'Error' };

/** A message box. Errors use role=alert (announced at once), the rest role=status (announced politely).
 * The tone is also spelled out in words, so it never depends on colour alone. */
export function Alert({ tone = 'info', title, children }: { tone?: AlertTone; title?: ReactNode; children?: ReactNode }) {
  return (
    <div className={`alert alert-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <p className="alert-title">
        <span className="alert-tone">{toneLabel[tone]}:</span> {title}
      </p>
      {children ? <div className="alert-body">{children}</div> : null}
    </div>
  );
}

/** A polite live region that is always in the page, so screen readers announce text put into it later. */
export function LiveMessage({ children }: { children?: ReactNode }) {
  return (
    <p className="live-message" role="status">
      {children}
    </p>
  );
}
