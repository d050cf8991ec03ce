import { useEffect, useRef } from 'react';
import { Button, Disclosure, DisclosurePanel, Heading } from 'react-aria-components';
import { ItemHistory } from '../../../contracts/catalog.ts';
import { messageOf } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useSession } from '../../lib/session.tsx';
import { useApiData } from '../../lib/use-api-data.ts';
import { ItemView } from '../../delivery/ItemView.tsx';
import { Alert } from '../../ui/Alert.tsx';
import { Loading } from '../../ui/Loading.tsx';

const statusLabels = { draft: 'draft', active: 'active', retired: 'retired' } as const;

/** Every stored version of an item, newest first; each opens to show that version as candidates saw it. */
export function ItemHistoryList({ itemId, version, updatedAt }: { itemId: string; version: number; updatedAt: string }) {
  const { user } = useSession();
  const history = useApiData(`/admin/items/${encodeURIComponent(itemId)}/history`, ItemHistory);
  const first = useRef(true);

  // A save changes the newest version (or adds one): fetch the history again.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    history.reload();
  }, [version, updatedAt]);

  const versions = history.data ? [...history.data.versions].sort((a, b) => b.version - a.version) : [];
  return (
    <section aria-labelledby="history-heading" className="item-history">
      <h3 id="history-heading">Version history</h3>
      <p className="muted">A version is kept unchanged once it has been delivered; later edits make a new one.</p>
      {history.error ? (
        <Alert tone="error" title="We could not load the history."><p>{messageOf(history.error)}</p></Alert>
      ) : !history.data ? (
        <Loading what="Loading the history" />
      ) : (
        <ul className="history-list">
          {versions.map((v) => (
            <li key={v.version}>
              <Disclosure className="email">
                <Heading level={4} className="email-heading">
                  <Button slot="trigger" className="email-trigger">
                    <span className="disclosure-chevron" aria-hidden="true">▸</span>
                    <span className="email-subject">Version {v.version}{v.version === version ? ' (current)' : ''}</span>
                    <span className="email-meta">
                      {formatDateTime(v.createdAt, user?.timeZone)}{v.authorEmail ? ` · ${v.authorEmail}` : ''} · {statusLabels[v.status]} · {v.title}
                    </span>
                  </Button>
                </Heading>
                <DisclosurePanel className="email-panel">
                  <div className="preview-frame">
                    <ItemView item={v.content} value={[]} readOnly />
                  </div>
                  <p><strong>Key:</strong> {v.content.correct.join(', ')}</p>
                  {v.content.rationale ? (
                    <div>
                      <strong>Rationale:</strong>
                      <div className="rich-text" dangerouslySetInnerHTML={{ __html: v.content.rationale }} />
                    </div>
                  ) : null}
                </DisclosurePanel>
              </Disclosure>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
