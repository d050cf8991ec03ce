import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button, Input, Label, SearchField } from 'react-aria-components';
import { CatalogList, examLevels } from '../../contracts/catalog.ts';
import { messageOf } from '../lib/api.ts';
import { languageNames } from '../lib/format.ts';
import { useMeta } from '../lib/meta.tsx';
import { useApiData } from '../lib/use-api-data.ts';
import { useDebounced } from '../lib/use-debounced.ts';
import { Alert } from '../ui/Alert.tsx';
import { SelectField } from '../ui/FormField.tsx';
import { Loading } from '../ui/Loading.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { levelLabels } from './exam-facts.ts';
import { ExamCard } from './ExamCard.tsx';

const levelOptions = [{ id: 'all', label: 'All levels' }, ...examLevels.map((level) => ({ id: level, label: levelLabels[level] ?? level }))];

/** `/exams`: every published exam, searchable and filtered by level and language. Open to everyone.
 * The filters live in the address, so a filtered list can be bookmarked and shared. */
export function CatalogPage() {
  const [params, setParams] = useSearchParams();
  const { languages } = useMeta();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const q = useDebounced(search.trim(), 300);
  const level = params.get('level') ?? 'all';
  const language = params.get('language') ?? 'all';

  const current = params.get('q') ?? '';
  useEffect(() => {
    if (q !== current) setParam(setParams, 'q', q);
    // Only a settled search changes the address; `current` follows from it.
  }, [q]);
  // The address changed from outside (back button, a link): show its search in the box.
  useEffect(() => {
    if (current !== q) setSearch(current);
  }, [current]);

  const exams = useApiData('/exams', CatalogList, {
    q: q || undefined,
    level: level === 'all' ? undefined : level,
    language: language === 'all' ? undefined : language,
  });

  const languageOptions = [
    { id: 'all', label: 'All languages' },
    ...languages.map((code) => ({
      id: code,
      label: languageNames[code]?.english ?? code,
      native: languageNames[code] ? { text: languageNames[code].native, lang: code } : undefined,
    })),
  ];
  const list = exams.data?.exams;

  return (
    <section className="page">
      <PageTitle>Exam catalog</PageTitle>
      <p className="lead">
        Certification exams you can take from home with a webcam. Open an exam to read what it covers and its rules.
      </p>
      <div className="filters" role="search" aria-label="Find exams">
        <SearchField className="field" value={search} onChange={setSearch}>
          <Label className="field-label">Search by code, title or topic</Label>
          <div className="search-control">
            <Input className="field-input" />
            <Button className="search-clear" aria-label="Clear search">
              <span aria-hidden="true">×</span>
            </Button>
          </div>
        </SearchField>
        <SelectField label="Level" name="level" options={levelOptions} value={level} isRequired={false}
          onChange={(value) => setParam(setParams, 'level', value === 'all' ? '' : value)} />
        <SelectField label="Language" name="language" options={languageOptions} value={language} isRequired={false}
          onChange={(value) => setParam(setParams, 'language', value === 'all' ? '' : value)} />
      </div>
      {exams.error ? (
        <Alert tone="error" title="We could not load the catalog."><p>{messageOf(exams.error)}</p></Alert>
      ) : !list ? (
        <Loading what="Loading exams" />
      ) : (
        <>
          <p role="status" className="result-count">
            {exams.loading ? 'Updating…' : `${list.length} ${list.length === 1 ? 'exam' : 'exams'} found.`}
          </p>
          {list.length === 0 ? (
            <p className="empty-state">No exam matches these filters. Try another search word or fewer filters.</p>
          ) : (
            <ul className="exam-list">
              {list.map((exam) => (
                <li key={exam.code}>
                  <ExamCard exam={exam} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

/** Sets or removes one query parameter, replacing the history entry (typing should not fill the back button). */
function setParam(setParams: ReturnType<typeof useSearchParams>[1], key: string, value: string) {
  setParams(
    (previous) => {
      const next = new URLSearchParams(previous);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    },
    { replace: true },
  );
}
