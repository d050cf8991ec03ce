import { useState } from 'react';
import { Button, Input, Label, SearchField } from 'react-aria-components';
import { OutboxList } from '../../contracts/admin.ts';
import { ApiError, messageOf } from '../lib/api.ts';
import { useMeta } from '../lib/meta.tsx';
import { useApiData } from '../lib/use-api-data.ts';
import { useDebounced } from '../lib/use-debounced.ts';
import { Alert } from '../ui/Alert.tsx';
import { Loading } from '../ui/Loading.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { OutboxEmailItem } from './OutboxEmailItem.tsx';

/** `/admin/outbox` (demo mode only): every email the server sent, so a tester can follow the links in them. */
export function OutboxPage() {
  const { demo, loaded } = useMeta();
  const [to, setTo] = useState('');
  const recipient = useDebounced(to.trim(), 300);
  const emails = useApiData(demo ? '/admin/outbox' : null, OutboxList, { to: recipient || undefined, limit: 100 });
  const disabled = !demo || (emails.error instanceof ApiError && emails.error.code === 'FeatureDisabled');

  return (
    <section className="page">
      <PageTitle>Outbox</PageTitle>
      {!loaded ? (
        <Loading what="Loading" />
      ) : disabled ? (
        <Alert tone="info" title="The outbox is only shown in demo mode.">
          <p>On a real installation, emails go to the mail server and are not kept here.</p>
        </Alert>
      ) : (
        <>
          <p>
            Demo mode: emails the server sent, newest first. Open one to read it; its links (for example email
            confirmation) work as they would in a mailbox.
          </p>
          <div className="filters" role="search" aria-label="Filter emails">
            <SearchField className="field" value={to} onChange={setTo}>
              <Label className="field-label">Recipient</Label>
              <div className="search-control">
                <Input className="field-input" />
                <Button className="search-clear" aria-label="Clear recipient">
                  <span aria-hidden="true">×</span>
                </Button>
              </div>
            </SearchField>
            <Button className="button" onPress={emails.reload} data-pending={(emails.loading && Boolean(emails.data)) || undefined}>
              Refresh
            </Button>
          </div>
          {emails.error ? (
            <Alert tone="error" title="We could not load the outbox."><p>{messageOf(emails.error)}</p></Alert>
          ) : !emails.data ? (
            <Loading what="Loading emails" />
          ) : emails.data.emails.length === 0 ? (
            <p className="empty-state">No emails{recipient ? ` to ${recipient}` : ''} yet.</p>
          ) : (
            <ul className="outbox">
              {emails.data.emails.map((email) => (
                <li key={email.id}>
                  <OutboxEmailItem email={email} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
