import { Outlet } from 'react-router';
import { AreaNav } from '../ui/AreaNav.tsx';

/** The proctor area: its section navigation above the current page. */
export function ProctorLayout() {
  return (
    <div className="proctor">
      <AreaNav
        label="Proctor area"
        links={[
          { to: '/proctor/checkins', label: 'Check-ins' },
          { to: '/proctor/live', label: 'Live' },
          { to: '/proctor', label: 'Console', end: true },
          { to: '/proctor/launches', label: 'Exam launches' },
          { to: '/proctor/shifts', label: 'My shifts' },
        ]}
      />
      <Outlet />
    </div>
  );
}
