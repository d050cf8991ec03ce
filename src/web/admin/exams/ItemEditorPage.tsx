import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ItemResponse, type Item } from '../../../contracts/catalog.ts';
import { ApiError, messageOf } from '../../lib/api.ts';
import { useApiData } from '../../lib/use-api-data.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { examPage, useExam } from './exam-context.ts';
import { blankItem, toForm } from './item-draft.ts';
import { ItemEditor } from './ItemEditor.tsx';
import { ItemHistoryList } from './ItemHistoryList.tsx';

/** `/admin/exams/:code/items/new` and `/admin/exams/:code/items/:itemId`: the item editor and, for a stored item,
 * its version history. */
export function ItemEditorPage() {
  const { exam } = useExam();
  const { itemId } = useParams();
  const navigate = useNavigate();
  const arrived = (useLocation().state as { message?: string } | null)?.message;
  const loaded = useApiData(itemId ? `/admin/items/${encodeURIComponent(itemId)}` : null, ItemResponse);
  const [saved, setSaved] = useState<{ item: Item; message: string } | null>(null);
  const back = <p className="breadcrumb"><Link to={examPage(exam.code, 'items')}>Back to the items</Link></p>;

  if (!itemId) {
    return (
      <section aria-labelledby="item-heading">
        {back}
        <h2 id="item-heading">New item</h2>
        <ItemEditor
          initial={blankItem(exam.domains[0]?.code ?? '')}
          onSaved={(item, message) => navigate(examPage(exam.code, `items/${item.id}`), { replace: true, state: { message } })}
        />
      </section>
    );
  }

  if (loaded.error && !loaded.data) {
    const missing = loaded.error instanceof ApiError && loaded.error.code === 'NotFound';
    return (
      <section aria-labelledby="item-heading">
        {back}
        <h2 id="item-heading">{missing ? 'Item not found' : 'Item'}</h2>
        <Alert tone="error" title={missing ? 'There is no such item.' : 'We could not load the item.'}>
          <p>{missing ? 'It may belong to another exam, or the link is mistyped.' : messageOf(loaded.error)}</p>
        </Alert>
      </section>
    );
  }
  if (!loaded.data) return <Loading what="Loading the item" />;

  const item = saved?.item ?? loaded.data.item;
  const message = saved?.message ?? arrived;
  return (
    <section aria-labelledby="item-heading">
      {back}
      <h2 id="item-heading">Edit item <span className="mono">{item.identifier}</span></h2>
      {message ? <Alert tone="success" title={message} /> : null}
      {item.delivered ? (
        <p className="muted">
          This item was delivered to candidates. Saving a change makes a new version; candidates who saw the old one keep it in
          their results.
        </p>
      ) : null}
      <ItemEditor key={item.id} initial={toForm(item)} item={item} onSaved={(next, text) => setSaved({ item: next, message: text })} />
      <ItemHistoryList itemId={item.id} version={item.version} updatedAt={item.updatedAt} />
    </section>
  );
}
