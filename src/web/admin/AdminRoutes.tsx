import { Navigate, Route, Routes } from 'react-router';
import { AdminLayout } from './AdminLayout.tsx';
import { UsersPage } from './UsersPage.tsx';
import { ApiTokensPage } from './ApiTokensPage.tsx';
import { OutboxPage } from './OutboxPage.tsx';
import { AuditLogPage } from './AuditLogPage.tsx';
import { ExamAdminRoutes } from './exams/ExamAdminRoutes.tsx';
import { ProgramsPage } from './programs/ProgramsPage.tsx';
import { StaffingPage } from '../scheduling/StaffingPage.tsx';
import { CapacityPage } from '../scheduling/CapacityPage.tsx';
import { AccommodationsPage } from './booking/AccommodationsPage.tsx';
import { VouchersPage } from './booking/VouchersPage.tsx';
import { LedgerPage } from './booking/LedgerPage.tsx';
import { NotFoundPage } from '../ui/Guards.tsx';
import { ResultsPage } from './ResultsPage.tsx';
import { AppealsPage } from './AppealsPage.tsx';

/** The admin area's pages under `/admin` (loaded only when an admin opens it). */
export function AdminRoutes() {
  return (
    <Routes>
      <Route element={<AdminLayout />}>
        <Route index element={<Navigate to="users" replace />} />
        <Route path="users" element={<UsersPage />} />
        <Route path="api-tokens" element={<ApiTokensPage />} />
        <Route path="outbox" element={<OutboxPage />} />
        <Route path="audit" element={<AuditLogPage />} />
        <Route path="exams/*" element={<ExamAdminRoutes />} />
        <Route path="programs" element={<ProgramsPage />} />
        <Route path="staffing" element={<StaffingPage />} />
        <Route path="capacity" element={<CapacityPage />} />
        <Route path="accommodations" element={<AccommodationsPage />} />
        <Route path="vouchers" element={<VouchersPage />} />
        <Route path="ledger" element={<LedgerPage />} />
        <Route path="results" element={<ResultsPage />} />
        <Route path="appeals" element={<AppealsPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
