import type { ReactNode } from 'react';

/** The quiet frame of the exam screens outside the runner (start, result, errors): no site navigation to wander
 * off through, one `<main>`. */
export function ExamFrame({ children, tools }: { children: ReactNode; tools?: ReactNode }) {
  return (
    <div className="exam-frame">
      <header className="exam-frame-header">
        <span className="brand">Invigil</span>
        {tools}
      </header>
      <main id="main" className="exam-frame-main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
