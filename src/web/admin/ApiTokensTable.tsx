import { useRef, useState } from 'react';
import type { z } from 'zod';
import type { ApiToken, ApiTokenList } from '../../contracts/admin.ts';
import { api, messageOf } from '../lib/api.ts';
import { formatDateTime } from '../lib/format.ts';
import { useSession } from '../lib/session.tsx';
import type { ApiData } from '../lib/use-api-data.ts';
import { Alert } from '../ui/Alert.tsx';
import { ConfirmButton } from '../ui/ConfirmButton.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { Loading } from '../ui/Loading.tsx';

type Token = z.infer<typeof ApiToken>;

/** Every token with its state; active ones can be revoked. */
export function ApiTokensTable({ data }: { data: ApiData<z.infer<typeof ApiTokenList>> }) {
  const { user } = useSession();
  const zone = user?.timeZone;
  const [revoking, setRevoking] = useState<string | null>(null);
  // The Revoke button disappears with the token's state; focus moves to the heading above the outcome instead.
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  async function revoke(token: Token) {
    setRevoking(token.id);
    setOutcome(null);
    try {
      await api(`/admin/api-tokens/${encodeURIComponent(token.id)}`, { method: 'DELETE' });
      setOutcome({ ok: true, text: `Token “${token.name}” was revoked.` });
      headingRef.current?.focus();
      data.reload();
    } catch (error) {
      setOutcome({ ok: false, text: messageOf(error) });
    } finally {
      setRevoking(null);
    }
  }

  return (
    <section aria-labelledby="tokens-heading">
      <h2 id="tokens-heading" ref={headingRef} tabIndex={-1}>Existing tokens</h2>
      {outcome ? <Alert tone={outcome.ok ? 'success' : 'error'} title={outcome.text} /> : null}
      {data.error ? (
        <Alert tone="error" title="We could not load the tokens."><p>{messageOf(data.error)}</p></Alert>
      ) : !data.data ? (
        <Loading what="Loading tokens" />
      ) : data.data.tokens.length === 0 ? (
        <p className="empty-state">No API tokens yet.</p>
      ) : (
        <DataTable caption="API tokens">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">User</th>
              <th scope="col">Starts with</th>
              <th scope="col">Created</th>
              <th scope="col">Expires</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
              <th scope="col"><span className="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {data.data.tokens.map((token) => {
              const status = tokenStatus(token);
              return (
                <tr key={token.id}>
                  <td>{token.name}</td>
                  <td>{token.userEmail}</td>
                  <td><code>{token.prefix}…</code></td>
                  <td className="nowrap">{formatDateTime(token.createdAt, zone)}</td>
                  <td className="nowrap">{token.expiresAt ? formatDateTime(token.expiresAt, zone) : 'Never'}</td>
                  <td className="nowrap">{token.lastUsedAt ? formatDateTime(token.lastUsedAt, zone) : 'Never'}</td>
                  <td className="nowrap">
                    <span className={`tag tag-${status.tone}`}>{status.label}</span>
                    {token.revokedAt ? <> {formatDateTime(token.revokedAt, zone)}</> : null}
                  </td>
                  <td>
                    {status.label === 'Active' ? (
                      <ConfirmButton
                        label="Revoke"
                        accessibleLabel={`Revoke token ${token.name} of ${token.userEmail}`}
                        title={`Revoke “${token.name}”?`}
                        confirmLabel="Revoke token"
                        data-pending={(revoking === token.id) || undefined}
                        onConfirm={() => revoke(token)}
                      >
                        <p>
                          Anything using this token for {token.userEmail} stops working at once. This cannot be undone.
                        </p>
                      </ConfirmButton>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </DataTable>
      )}
    </section>
  );
}

function tokenStatus(token: Token): { label: 'Active' | 'Revoked' | 'Expired'; tone: 'ok' | 'bad' | 'neutral' } {
  if (token.revokedAt) return { label: 'Revoked', tone: 'bad' };
  // Comparing with the browser's clock is only for display; the server decides whether a token still works.
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= Date.now()) return { label: 'Expired', tone: 'neutral' };
  return { label: 'Active', tone: 'ok' };
}
