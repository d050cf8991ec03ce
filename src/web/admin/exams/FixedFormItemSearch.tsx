import { useState } from 'react';
import { Button, Input, Label, SearchField, Text } from 'react-aria-components';
import { ItemPage, type Item } from '../../../contracts/catalog.ts';
import { api, messageOf } from '../../lib/api.ts';
import { useApiData } from '../../lib/use-api-data.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { LiveMessage } from '../../ui/Alert.tsx';
import { SelectField } from '../../ui/FormField.tsx';
import { examPath, useExam } from './exam-context.ts';
import type { ChosenItem } from './fixed-form-counts.ts';

const pageSize = 20;
const scoredOptions = [
  { id: 'all', label: 'Scored and pretest' },
  { id: 'true', label: 'Scored only' },
  { id: 'false', label: 'Pretest only' },
];

const chosenOf = (item: Item): ChosenItem => ({ identifier: item.identifier, domain: item.domain, scored: item.scored });

/** Finds active items of the exam to put in a fixed form: a search with filters, each match with an Add (or
 * Remove) button. Enter in the search box adds the item whose identifier was typed. */
export function FixedFormItemSearch({ chosen, onAdd, onRemove }: {
  chosen: ReadonlySet<string>;
  /** Adds the item; false when it is in the form already. */
  onAdd: (item: ChosenItem) => boolean;
  onRemove: (identifier: string) => void;
}) {
  const { exam } = useExam();
  const [search, setSearch] = useState('');
  const [domain, setDomain] = useState('all');
  const [scored, setScored] = useState('all');
  const [message, setMessage] = useState('');
  const q = useDebounced(search.trim(), 300);
  const searching = q !== '' || domain !== 'all' || scored !== 'all';
  const results = useApiData(searching ? `${examPath(exam.code)}/items` : null, ItemPage, {
    q: q || undefined,
    domain: domain === 'all' ? undefined : domain,
    scored: scored === 'all' ? undefined : scored,
    status: 'active',
    pageSize,
  });

  async function addTyped(text: string) {
    const identifier = text.trim();
    if (!identifier) return;
    setMessage('');
    try {
      const page = await api(`${examPath(exam.code)}/items`, { schema: ItemPage, query: { q: identifier, status: 'active', pageSize } });
      const lower = identifier.toLowerCase();
      const match = page.items.find((i) => i.identifier === identifier) ?? page.items.find((i) => i.identifier.toLowerCase() === lower);
      if (!match) setMessage(`No active item of ${exam.code} has the identifier ${identifier}. Check it, or pick from the matches.`);
      else if (!onAdd(chosenOf(match))) setMessage(`${match.identifier} is already in the form.`);
      else setSearch('');
    } catch (error) {
      setMessage(`We could not look up ${identifier}. ${messageOf(error)}`);
    }
  }

  const data = searching ? results.data : undefined;
  const shown = data?.items ?? [];
  const count = !searching
    ? ''
    : results.error
      ? `We could not search the items. ${messageOf(results.error)}`
      : !data || results.loading
        ? 'Searching…'
        : data.total === 0
          ? 'No active item matches.'
          : data.total > shown.length
            ? `Showing ${shown.length} of ${data.total} matching active items. Narrow the search to see the others.`
            : `${data.total} matching active ${data.total === 1 ? 'item' : 'items'}.`;
  const domainOptions = [{ id: 'all', label: 'All domains' }, ...exam.domains.map((d) => ({ id: d.code, label: `${d.code} ${d.name}` }))];

  return (
    <>
      <div className="filters" role="search" aria-label="Find items to add">
        <SearchField className="field" name="itemSearch" value={search} onChange={(text) => { setSearch(text); setMessage(''); }} onSubmit={(text) => void addTyped(text)}>
          <Label className="field-label">Identifier, title or text</Label>
          <Text slot="description" className="field-description">Only active items are listed. Type an identifier and press Enter to add that item.</Text>
          <div className="search-control">
            <Input className="field-input" />
            <Button className="search-clear" aria-label="Clear search">
              <span aria-hidden="true">×</span>
            </Button>
          </div>
        </SearchField>
        <SelectField label="Domain" name="itemDomain" options={domainOptions} value={domain} isRequired={false} onChange={setDomain} />
        <SelectField label="Scoring" name="itemScored" options={scoredOptions} value={scored} isRequired={false} onChange={setScored} />
      </div>
      <LiveMessage>{message}</LiveMessage>
      <p role="status" className="result-count">{count}</p>
      {!searching ? <p className="muted">Search, or choose a domain or scoring, to list matching items.</p> : null}
      {shown.length > 0 ? (
        <ul className="pick-list" aria-label="Matching items">
          {shown.map((item) => {
            const isIn = chosen.has(item.identifier);
            return (
              <li key={item.id} className="pick-row">
                <span className="pick-text">
                  <span className="mono">{item.identifier}</span> {item.title} <span className="muted">· {item.domain}</span>
                  {item.scored ? null : <span className="tag">pretest</span>}
                  {isIn ? <span className="tag tag-ok">in the form</span> : null}
                </span>
                <Button className="button button-small" aria-label={`${isIn ? 'Remove' : 'Add'} ${item.identifier}`}
                  onPress={() => (isIn ? onRemove(item.identifier) : onAdd(chosenOf(item)))}>
                  {isIn ? 'Remove' : 'Add'}
                </Button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </>
  );
}
