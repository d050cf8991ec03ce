import type { z } from 'zod';
import type { UserList } from '../../contracts/admin.ts';
import type { ApiData } from '../lib/use-api-data.ts';
import { formatDateTime } from '../lib/format.ts';
import { useSession } from '../lib/session.tsx';
import { Alert } from '../ui/Alert.tsx';
import { Loading } from '../ui/Loading.tsx';
import { messageOf } from '../lib/api.ts';
import { DataTable } from '../ui/DataTable.tsx';

/** The list of users matching the filters. */
export function UsersTable({ data }: { data: ApiData<z.infer<typeof UserList>> }) {
  const { user: me } = useSession();
  if (data.error) return <Alert tone="error" title="We could not load the users."><p>{messageOf(data.error)}</p></Alert>;
  if (!data.data) return <Loading what="Loading users" />;
  const { users } = data.data;
  return (
    <>
      <p role="status" className="result-count">
        {data.loading ? 'Updating…' : `${users.length} ${users.length === 1 ? 'user' : 'users'} found.`}
      </p>
      {users.length === 0 ? (
        <p className="empty-state">No user matches these filters.</p>
      ) : (
        <DataTable caption="Users">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Roles</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <td>{user.legalName}</td>
                <td>
                  {user.email}
                  {user.emailVerified ? null : <span className="tag">not confirmed</span>}
                </td>
                <td>{user.roles.join(', ')}</td>
                <td>{formatDateTime(user.createdAt, me?.timeZone)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </>
  );
}
