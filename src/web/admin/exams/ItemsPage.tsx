import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Input, Label, SearchField } from 'react-aria-components';
import { ItemPage } from '../../../contracts/catalog.ts';
import { useApiData } from '../../lib/use-api-data.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { Alert } from '../../ui/Alert.tsx';
import { SelectField } from '../../ui/FormField.tsx';
import { examPage, examPath, useExam } from './exam-context.ts';
import { ItemsTable } from './ItemsTable.tsx';

const pageSize = 25;
const statusOptions = [
  { id: 'all', label: 'Any status' },
  { id: 'draft', label: 'Draft' },
  { id: 'active', label: 'Active' },
  { id: 'retired', label: 'Retired' },
];
const scoredOptions = [
  { id: 'all', label: 'Scored and pretest' },
  { id: 'true', label: 'Scored only' },
  { id: 'false', label: 'Pretest only' },
];

/** `/admin/exams/:code/items`: the exam's item bank, searchable and filtered, a page at a time. The filters live in
 * the address, so coming back from an item returns to the same list. */
export function ItemsPage() {
  const { exam } = useExam();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const q = useDebounced(search.trim(), 300);
  const domain = params.get('domain') ?? 'all';
  const status = params.get('status') ?? 'all';
  const scored = params.get('scored') ?? 'all';
  const page = Math.max(1, Number(params.get('page')) || 1);

  function set(changes: Record<string, string>) {
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      for (const [key, value] of Object.entries(changes)) {
        if (value && value !== 'all' && !(key === 'page' && value === '1')) next.set(key, value);
        else next.delete(key);
      }
      // A new filter starts again at the first page.
      if (!('page' in changes)) next.delete('page');
      return next;
    }, { replace: !('page' in changes) });
  }

  const current = params.get('q') ?? '';
  useEffect(() => {
    if (q !== current) set({ q });
    // Only a settled search changes the address.
  }, [q]);
  // The address changed from outside (back button, a link): show its search in the box.
  useEffect(() => {
    if (current !== q) setSearch(current);
  }, [current]);

  const items = useApiData(`${examPath(exam.code)}/items`, ItemPage, {
    q: q || undefined,
    domain: domain === 'all' ? undefined : domain,
    status: status === 'all' ? undefined : status,
    scored: scored === 'all' ? undefined : scored,
    // A settled search that is not in the address yet starts at page 1 (saves a request for the old page).
    page: q !== current ? 1 : page,
    pageSize,
  });

  const domainOptions = [{ id: 'all', label: 'All domains' }, ...exam.domains.map((d) => ({ id: d.code, label: `${d.code} ${d.name}` }))];

  return (
    <section aria-labelledby="items-heading">
      <h2 id="items-heading">Items</h2>
      {exam.domains.length === 0 ? (
        <Alert tone="info" title="This exam has no blueprint yet.">
          <p>Every item belongs to a domain. <Link to={examPage(exam.code, 'blueprint')}>Define the domains</Link> first.</p>
        </Alert>
      ) : (
        <p><Link to={examPage(exam.code, 'items/new')} className="button button-primary">New item</Link></p>
      )}
      <div className="filters" role="search" aria-label="Filter items">
        <SearchField className="field" value={search} onChange={setSearch}>
          <Label className="field-label">Search identifier, title or text</Label>
          <div className="search-control">
            <Input className="field-input" />
            <Button className="search-clear" aria-label="Clear search">
              <span aria-hidden="true">×</span>
            </Button>
          </div>
        </SearchField>
        <SelectField label="Domain" name="domain" options={domainOptions} value={domain} isRequired={false} onChange={(v) => set({ domain: v })} />
        <SelectField label="Status" name="status" options={statusOptions} value={status} isRequired={false} onChange={(v) => set({ status: v })} />
        <SelectField label="Scoring" name="scored" options={scoredOptions} value={scored} isRequired={false} onChange={(v) => set({ scored: v })} />
      </div>
      <ItemsTable data={items} examCode={exam.code} onPage={(next) => set({ page: String(next) })} />
    </section>
  );
}
