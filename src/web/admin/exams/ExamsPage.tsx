import { Link } from 'react-router';
import { ExamList } from '../../../contracts/catalog.ts';
import { messageOf } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useSession } from '../../lib/session.tsx';
import { useApiData } from '../../lib/use-api-data.ts';
import { Alert } from '../../ui/Alert.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { levelLabels, languagesText } from '../../catalog/exam-facts.ts';
import { examPage } from './exam-context.ts';
import { ExamStatusTag } from './ExamStatusTag.tsx';

/** `/admin/exams`: every exam of the programs, whatever its status, with a way to add one. */
export function ExamsPage() {
  const { user } = useSession();
  const exams = useApiData('/admin/exams', ExamList);
  const list = exams.data?.exams;
  return (
    <section className="page">
      <PageTitle>Exams</PageTitle>
      <p>
        Define an exam, its policy and blueprint, then write or import its items. Candidates see an exam in the{' '}
        <Link to="/exams">catalog</Link> once it is published.
      </p>
      <p><Link to="/admin/exams/new" className="button button-primary">New exam</Link></p>
      {exams.error ? (
        <Alert tone="error" title="We could not load the exams."><p>{messageOf(exams.error)}</p></Alert>
      ) : !list ? (
        <Loading what="Loading exams" />
      ) : list.length === 0 ? (
        <p className="empty-state">No exams yet. Create the first one with “New exam”.</p>
      ) : (
        <DataTable caption={`All exams (${list.length})`}>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Title</th>
              <th scope="col">Level</th>
              <th scope="col">Status</th>
              <th scope="col">Active items</th>
              <th scope="col">Languages</th>
              <th scope="col">Last changed</th>
            </tr>
          </thead>
          <tbody>
            {list.map((exam) => (
              <tr key={exam.id}>
                <td className="nowrap"><Link to={examPage(exam.code)}>{exam.code}</Link></td>
                <td>{exam.title}</td>
                <td>{levelLabels[exam.level] ?? exam.level}</td>
                <td><ExamStatusTag status={exam.status} short /></td>
                <td>{exam.activeItemCount}{exam.domains.length === 0 ? ' (no blueprint yet)' : ''}</td>
                <td>{languagesText(exam.languages)}</td>
                <td className="nowrap">{formatDateTime(exam.updatedAt, user?.timeZone)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </section>
  );
}
