import { useState } from 'react';
import { SearchField, Input, Label, Button } from 'react-aria-components';
import { UserList } from '../../contracts/admin.ts';
import { useApiData } from '../lib/use-api-data.ts';
import { useDebounced } from '../lib/use-debounced.ts';
import { PageTitle } from '../ui/PageTitle.tsx';
import { SelectField } from '../ui/FormField.tsx';
import { UsersTable } from './UsersTable.tsx';
import { CreateStaffForm } from './CreateStaffForm.tsx';

const roleOptions = [
  { id: 'all', label: 'All roles' },
  { id: 'candidate', label: 'Candidates' },
  { id: 'proctor', label: 'Proctors' },
  { id: 'admin', label: 'Admins' },
];

/** `/admin/users`: find users by role and name or email, and add staff accounts. */
export function UsersPage() {
  const [role, setRole] = useState('all');
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const users = useApiData('/admin/users', UserList, { role: role === 'all' ? undefined : role, q, limit: 100 });

  return (
    <section className="page">
      <PageTitle>Users</PageTitle>
      <div className="filters" role="search" aria-label="Filter users">
        <SelectField label="Role" name="role" options={roleOptions} value={role} onChange={setRole} isRequired={false} />
        <SearchField className="field" value={search} onChange={setSearch}>
          <Label className="field-label">Search by name or email</Label>
          <div className="search-control">
            <Input className="field-input" />
            <Button className="search-clear" aria-label="Clear search">
              <span aria-hidden="true">×</span>
            </Button>
          </div>
        </SearchField>
      </div>
      <UsersTable data={users} />
      <CreateStaffForm onCreated={users.reload} />
    </section>
  );
}

