import { createContext, useContext } from 'react';
import type { Exam } from '../../../contracts/catalog.ts';

export interface ExamContextValue {
  exam: Exam;
  /** Fetches the exam again (after a change on another sub-page, e.g. the blueprint). */
  reload: () => void;
}

export const ExamContext = createContext<ExamContextValue | null>(null);

/** The exam the current admin exam page is about; only inside `ExamLayout`. */
export function useExam(): ExamContextValue {
  const value = useContext(ExamContext);
  if (!value) throw new Error('useExam must be used inside <ExamLayout>.');
  return value;
}

/** The admin API path of an exam, e.g. `/admin/exams/DOP-P01`. */
export function examPath(code: string): string {
  return `/admin/exams/${encodeURIComponent(code)}`;
}

/** The admin page of an exam, e.g. `/admin/exams/DOP-P01/items`. */
export function examPage(code: string, sub = ''): string {
  return `/admin/exams/${encodeURIComponent(code)}${sub ? `/${sub}` : ''}`;
}
