import { lazy, StrictMode, Suspense, type ComponentType, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes, useHref, useNavigate } from 'react-router';
import { RouterProvider } from 'react-aria-components';
import { SessionProvider } from './lib/session.tsx';
import { MetaProvider } from './lib/meta.tsx';
import { Layout } from './ui/Layout.tsx';
import { NotFoundPage, RequireRole } from './ui/Guards.tsx';
import { Loading } from './ui/Loading.tsx';
import './ui/styles.css';

/**
 * A page loaded when it is first shown. The entry holds only the frame (router, session, layout); each page is its
 * own chunk, so the exam page downloads the runner and what it shares with others, not booking, check-in, the
 * proctor console or the admin area.
 */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}

const SignUpPage = page(() => import('./accounts/SignUpPage.tsx'), 'SignUpPage');
const LogInPage = page(() => import('./accounts/LogInPage.tsx'), 'LogInPage');
const VerifyEmailPage = page(() => import('./accounts/VerifyEmailPage.tsx'), 'VerifyEmailPage');
const ForgotPasswordPage = page(() => import('./accounts/ForgotPasswordPage.tsx'), 'ForgotPasswordPage');
const ResetPasswordPage = page(() => import('./accounts/ResetPasswordPage.tsx'), 'ResetPasswordPage');
const ProfilePage = page(() => import('./accounts/ProfilePage.tsx'), 'ProfilePage');
const CandidateHomePage = page(() => import('./candidate/CandidateHomePage.tsx'), 'CandidateHomePage');
const ProctorRoutes = page(() => import('./proctor/ProctorRoutes.tsx'), 'ProctorRoutes');
const PhoneLayout = page(() => import('./phone/PhoneLayout.tsx'), 'PhoneLayout');
const PhoneHandoffPage = page(() => import('./phone/PhoneHandoffPage.tsx'), 'PhoneHandoffPage');
const PhoneLinkPage = page(() => import('./phone/PhoneLinkPage.tsx'), 'PhoneLinkPage');
const CatalogPage = page(() => import('./catalog/CatalogPage.tsx'), 'CatalogPage');
const CatalogExamPage = page(() => import('./catalog/CatalogExamPage.tsx'), 'CatalogExamPage');
const BookExamPage = page(() => import('./booking/BookExamPage.tsx'), 'BookExamPage');
const CheckoutPage = page(() => import('./booking/CheckoutPage.tsx'), 'CheckoutPage');
const AppointmentsPage = page(() => import('./booking/AppointmentsPage.tsx'), 'AppointmentsPage');
const AppointmentPage = page(() => import('./booking/AppointmentPage.tsx'), 'AppointmentPage');
const AccommodationsPage = page(() => import('./booking/AccommodationsPage.tsx'), 'AccommodationsPage');
const ScoreReportPage = page(() => import('./results/ScoreReportPage.tsx'), 'ScoreReportPage');
const CredentialsPage = page(() => import('./credentials/CredentialsPage.tsx'), 'CredentialsPage');
const VerifyPage = page(() => import('./credentials/VerifyPage.tsx'), 'VerifyPage');
const AttemptPage = page(() => import('./delivery/AttemptPage.tsx'), 'AttemptPage');
const SystemTestPage = page(() => import('./systemcheck/SystemTestPage.tsx'), 'SystemTestPage');
const CheckInPage = page(() => import('./checkin/CheckInPage.tsx'), 'CheckInPage');
const AdminRoutes = page(() => import('./admin/AdminRoutes.tsx'), 'AdminRoutes');

/** Every route of the single-page app: candidate (`/`), proctor, admin, phone (`/m`) and account pages. */
function AppRoutes() {
  return (
    <Routes>
      <Route path="m" element={<PhoneLayout />}>
        <Route index element={<PhoneHandoffPage />} />
        <Route path=":token" element={<PhoneLinkPage />} />
      </Route>
      {/* The exam has its own quiet frame: no site navigation to wander off through. */}
      <Route path="attempts/:id" element={<RequireRole roles={[]}><Suspense fallback={<Loading what="Loading your exam" />}><AttemptPage /></Suspense></RequireRole>} />
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
              <AdminRoutes />
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
            <Suspense fallback={<Loading what="Loading the page" />}>
              <AppRoutes />
            </Suspense>
          </MetaProvider>
        </SessionProvider>
      </AriaRouter>
    </BrowserRouter>
  </StrictMode>,
);
