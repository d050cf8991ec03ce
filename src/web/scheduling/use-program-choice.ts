import { useSearchParams } from 'react-router';
import { ProgramList } from '../../contracts/catalog.ts';
import { useApiData } from '../lib/use-api-data.ts';

/** The programs, and the one chosen in the page's `?program=` (the first program when none is chosen), so the
 * choice survives a reload and carries between the staffing and capacity pages. */
export function useProgramChoice() {
  const programs = useApiData('/admin/programs', ProgramList);
  const [params, setParams] = useSearchParams();
  const list = programs.data?.programs ?? [];
  const wanted = params.get('program');
  const chosen = list.find((p) => p.id === wanted) ?? list[0] ?? null;
  function choose(id: string) {
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      next.set('program', id);
      return next;
    }, { replace: true });
  }
  return { programs, list, chosen, choose };
}

export type ProgramChoice = ReturnType<typeof useProgramChoice>;
