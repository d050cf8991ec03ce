import { Outlet } from 'react-router';
import { useMeta } from '../lib/meta.tsx';
import { AreaNav, type AreaLink } from '../ui/AreaNav.tsx';

/** The admin area: its section navigation above the current section's page. */
export function AdminLayout() {
  const { demo } = useMeta();
  const links: AreaLink[] = [
    { to: '/admin/exams', label: 'Exams' },
    { to: '/admin/results', label: 'Results' },
    { to: '/admin/appeals', label: 'Appeals' },
    { to: '/admin/programs', label: 'Programs' },
    { to: '/admin/staffing', label: 'Staffing' },
    { to: '/admin/capacity', label: 'Capacity' },
    { to: '/admin/accommodations', label: 'Accommodations' },
    { to: '/admin/vouchers', label: 'Vouchers' },
    { to: '/admin/ledger', label: 'Fee ledger' },
    { to: '/admin/users', label: 'Users' },
    { to: '/admin/api-tokens', label: 'API tokens' },
    ...(demo ? [{ to: '/admin/outbox', label: 'Outbox (demo)' }] : []),
    { to: '/admin/audit', label: 'Audit log' },
  ];
  return (
    <div className="admin">
      <AreaNav label="Administration" links={links} />
      <Outlet />
    </div>
  );
}
