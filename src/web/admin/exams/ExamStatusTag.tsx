import type { Exam } from '../../../contracts/catalog.ts';

const labels: Record<Exam['status'], { text: string; tone: string }> = {
  draft: { text: 'Draft: not in the catalog', tone: 'neutral' },
  published: { text: 'Published: in the catalog', tone: 'ok' },
  retired: { text: 'Retired: no longer offered', tone: 'bad' },
};

/** An exam's status in words (the colour only repeats what the words say). */
export function ExamStatusTag({ status, short = false }: { status: Exam['status']; short?: boolean }) {
  const label = labels[status];
  return <span className={`tag tag-${label.tone} tag-first`}>{short ? label.text.split(':')[0] : label.text}</span>;
}
