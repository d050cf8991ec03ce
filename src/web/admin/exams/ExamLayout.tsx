import { useMemo } from 'react';
import { Link, Outlet, useLocation, useParams } from 'react-router';
import { ExamResponse } from '../../../contracts/catalog.ts';
import { ApiError, messageOf } from '../../lib/api.ts';
import { useApiData } from '../../lib/use-api-data.ts';
import { Alert } from '../../ui/Alert.tsx';
import { AreaNav } from '../../ui/AreaNav.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { ExamContext, examPage, examPath } from './exam-context.ts';
import { ExamStatusTag } from './ExamStatusTag.tsx';

const sections = [
  { sub: '', label: 'Details' },
  { sub: 'policy', label: 'Policy' },
  { sub: 'blueprint', label: 'Blueprint' },
  { sub: 'forms', label: 'Forms' },
  { sub: 'items', label: 'Items' },
  { sub: 'transfer', label: 'Import and export' },
];

/** `/admin/exams/:code/*`: the exam's name as the page heading, its sections as navigation, the section below. */
export function ExamLayout() {
  const { code = '' } = useParams();
  const { pathname } = useLocation();
  const data = useApiData(examPath(code), ExamResponse);
  const exam = data.data?.exam;
  const context = useMemo(() => (exam ? { exam, reload: data.reload } : null), [exam, data.reload]);

  const [, , , , sub = '', item] = pathname.split('/');
  const section = sub === 'items' && item ? (item === 'new' ? 'New item' : 'Edit item') : (sections.find((s) => s.sub === sub)?.label ?? 'Exam');

  if (data.error && !exam) {
    const missing = data.error instanceof ApiError && data.error.code === 'NotFound';
    return (
      <section className="page">
        <PageTitle>{missing ? 'Exam not found' : `Exam ${code}`}</PageTitle>
        {missing ? (
          <p>There is no exam with the code <strong>{code}</strong>.</p>
        ) : (
          <Alert tone="error" title="We could not load the exam."><p>{messageOf(data.error)}</p></Alert>
        )}
        <p><Link to="/admin/exams">Back to all exams</Link></p>
      </section>
    );
  }
  if (!exam || !context) return <Loading what="Loading the exam" />;

  return (
    <section className="page">
      <p className="breadcrumb"><Link to="/admin/exams">All exams</Link></p>
      <PageTitle title={`${section} · ${exam.code}`}>
        <span className="exam-code">{exam.code}</span> {exam.title}
      </PageTitle>
      <p className="exam-status-line">
        <ExamStatusTag status={exam.status} /> <span className="muted">{exam.programName}</span>
      </p>
      <AreaNav
        label={`Exam ${exam.code}`}
        links={sections.map((s) => ({ to: examPage(exam.code, s.sub), label: s.label, end: s.sub === '' }))}
      />
      <ExamContext.Provider value={context}>
        <Outlet />
      </ExamContext.Provider>
    </section>
  );
}
