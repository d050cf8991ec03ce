import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { ProctorDashboard } from './ProctorDashboard.tsx';
import { ProctorLayout } from './ProctorLayout.tsx';
import { LaunchesPage } from './LaunchesPage.tsx';
import { CheckinsPage } from './checkins/CheckinsPage.tsx';
import { LivePage } from './live/LivePage.tsx';
import { NotFoundPage } from '../ui/Guards.tsx';
import { Loading } from '../ui/Loading.tsx';

// The shifts page brings the time-zone library; the console itself does not need it.
const MyShiftsPage = lazy(() => import('./MyShiftsPage.tsx').then((m) => ({ default: m.MyShiftsPage })));

/** The proctor area's pages under `/proctor`. */
export function ProctorRoutes() {
  return (
    <Routes>
      <Route element={<ProctorLayout />}>
        <Route index element={<ProctorDashboard />} />
        <Route
          path="shifts"
          element={
            <Suspense fallback={<Loading what="Loading your shifts" />}>
              <MyShiftsPage />
            </Suspense>
          }
        />
        <Route path="checkins" element={<CheckinsPage />} />
        <Route path="live" element={<LivePage />} />
        <Route path="launches" element={<LaunchesPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
