import { ApiTokenList } from '../../contracts/admin.ts';
import { useApiData } from '../lib/use-api-data.ts';
import { PageTitle } from '../ui/PageTitle.tsx';
import { CreateApiTokenForm } from './CreateApiTokenForm.tsx';
import { ApiTokensTable } from './ApiTokensTable.tsx';

/** `/admin/api-tokens`: tokens that let scripts and integrations call the API as a user. */
export function ApiTokensPage() {
  const tokens = useApiData('/admin/api-tokens', ApiTokenList);
  return (
    <section className="page">
      <PageTitle>API tokens</PageTitle>
      <p>
        A token lets a script or another system call the Invigil API with the rights of one user. Send it as{' '}
        <code>Authorization: Bearer &lt;token&gt;</code>. Revoke a token as soon as it is no longer needed.
      </p>
      <CreateApiTokenForm onCreated={tokens.reload} />
      <ApiTokensTable data={tokens} />
    </section>
  );
}
