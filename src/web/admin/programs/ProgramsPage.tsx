import { ProgramList } from '../../../contracts/catalog.ts';
import { messageOf } from '../../lib/api.ts';
import { useApiData } from '../../lib/use-api-data.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { AddProgramForm } from './AddProgramForm.tsx';
import { ProgramCard } from './ProgramCard.tsx';

/** `/admin/programs`: the certification programs, each editable in place, and a form to add one. */
export function ProgramsPage() {
  const programs = useApiData('/admin/programs', ProgramList);
  const list = programs.data?.programs;
  return (
    <section className="page">
      <PageTitle>Programs</PageTitle>
      <p>A certification program is the body that certifies; every exam belongs to one.</p>
      <p>A program’s issuer name and web address appear on the badges and certificates its candidates earn.</p>
      {programs.error ? (
        <Alert tone="error" title="We could not load the programs."><p>{messageOf(programs.error)}</p></Alert>
      ) : !list ? (
        <Loading what="Loading programs" />
      ) : list.length === 0 ? (
        <p className="empty-state">No programs yet. Add the first one below.</p>
      ) : (
        <ul className="program-list" aria-label={`Programs (${list.length})`}>
          {list.map((program) => (
            <li key={program.id}>
              <ProgramCard program={program} onSaved={programs.reload} />
            </li>
          ))}
        </ul>
      )}
      <AddProgramForm onCreated={programs.reload} />
    </section>
  );
}
