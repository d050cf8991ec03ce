import { lazy, StrictMode, Suspense, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes, useHref, useNavigate } from 'react-router';
import { RouterProvider } from 'react-aria-components';
import { SessionProvider } from './lib/session.tsx';
import { MetaProvider } from './lib/meta.tsx';
import { Layout } from './ui/Layout.tsx';
import { NotFoundPage, RequireRole } from './ui/Guards.tsx';
import { SignUpPage } from './accounts/SignUpPage.tsx';
import { LogInPage } from './accounts/LogInPage.tsx';
import { VerifyEmailPage } from './accounts/VerifyEmailPage.tsx';
import { ForgotPasswordPage } from './accounts/ForgotPasswordPage.tsx';
import { ResetPasswordPage } from './accounts/ResetPasswordPage.tsx';
import { ProfilePage } from './accounts/ProfilePage.tsx';
import { CandidateHomePage } from './candidate/CandidateHomePage.tsx';
import { ProctorRoutes } from './proctor/ProctorRoutes.tsx';
import { Loading } from './ui/Loading.tsx';
import { PhoneLayout } from './phone/PhoneLayout.tsx';
import { PhoneHandoffPage } from './phone/PhoneHandoffPage.tsx';
import { PhoneLinkPage } from './phone/PhoneLinkPage.tsx';
import { CatalogPage } from './catalog/CatalogPage.tsx';
import { CatalogExamPage } from './catalog/CatalogExamPage.tsx';
import { BookExamPage } from './booking/BookExamPage.tsx';
import { CheckoutPage } from './booking/CheckoutPage.tsx';
import { AppointmentsPage } from './booking/AppointmentsPage.tsx';
import { AppointmentPage } from './booking/AppointmentPage.tsx';
import { AccommodationsPage } from './booking/AccommodationsPage.tsx';
import { ScoreReportPage } from './results/ScoreReportPage.tsx';
import { CredentialsPage } from './credentials/CredentialsPage.tsx';
import { VerifyPage } from './credentials/VerifyPage.tsx';
import { AttemptPage } from './delivery/AttemptPage.tsx';
import { SystemTestPage } from './systemcheck/SystemTestPage.tsx';
import { CheckInPage } from './checkin/CheckInPage.tsx';
import './ui/styles.css';

// Candidates never need the admin pages, so they are a separate download.
const AdminRoutes = lazy(() => import('./admin/AdminRoutes.tsx').then((m) => ({ default: m.AdminRoutes })));

/** Every route of the single-page app: candidate (`/`), proctor, admin, phone (`/m`) and account pages. */
function AppRoutes() {
  return (
    <Routes>
      <Route path="m" element={<PhoneLayout />}>
        <Route index element={<PhoneHandoffPage />} />
        <Route path=":token" element={<PhoneLinkPage />} />
      </Route>
      {/* The exam has its own quiet frame: no site navigation to wander off through. */}
      <Route path="attempts/:id" element={<RequireRole roles={[]}><AttemptPage /></RequireRole>} />
      <Route element={<Layout />}>
        <Route index element={<CandidateHomePage />} />
        <Route path="signup" element={<SignUpPage />} />
        <Route path="login" element={<LogInPage />} />
        <Route path="verify-email" element={<VerifyEmailPage />} />
        <Route path="forgot-password" element={<ForgotPasswordPage />} />
        <Route path="reset-password" element={<ResetPasswordPage />} />
        <Route path="exams" element={<CatalogPage />} />
        <Route path="exams/:code" element={<CatalogExamPage />} />
        <Route path="verify/:id" element={<VerifyPage />} />
        <Route element={<RequireRole roles={[]} />}>
          <Route path="profile" element={<ProfilePage />} />
          <Route path="system-test" element={<SystemTestPage />} />
        </Route>
        <Route element={<RequireRole roles={['candidate']} />}>
          <Route path="exams/:code/book" element={<BookExamPage />} />
          <Route path="exams/:code/book/:holdId" element={<CheckoutPage />} />
          <Route path="appointments" element={<AppointmentsPage />} />
          <Route path="appointments/:id" element={<AppointmentPage />} />
          <Route path="appointments/:id/checkin" element={<CheckInPage />} />
          <Route path="profile/accommodations" element={<AccommodationsPage />} />
          <Route path="results/:id" element={<ScoreReportPage />} />
          <Route path="credentials" element={<CredentialsPage />} />
        </Route>
        <Route path="proctor/*" element={<RequireRole roles={['proctor', 'admin']}><ProctorRoutes /></RequireRole>} />
        <Route
          path="admin/*"
          element={
            <RequireRole roles={['admin']}>
              <Suspense fallback={<Loading what="Loading the admin area" />}>
                <AdminRoutes />
              </Suspense>
            </RequireRole>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

/** Lets react-aria links and buttons with `href` navigate through the router instead of reloading. */
function AriaRouter({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  return (
    <RouterProvider navigate={(to, options) => navigate(to, options as never)} useHref={useHref}>
      {children}
    </RouterProvider>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
createRoot(root).render(
  <StrictMode>
    <BrowserRouter>
      <AriaRouter>
        <SessionProvider>
          <MetaProvider>
            <AppRoutes />
          </MetaProvider>
        </SessionProvider>
      </AriaRouter>
    </BrowserRouter>
  </StrictMode>,
);
