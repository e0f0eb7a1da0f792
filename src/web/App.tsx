import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { useMe } from './api/session';
import { canManageReference } from './api/permissions';
import AppLayout from './app/AppLayout';
import { ErrorBoundary } from './app/ErrorBoundary';
import { Providers } from './app/Providers';
import { makeQueryClient } from './app/queryClient';
import { FullPageLoader, RequireAuth, SessionWatcher } from './app/session';

// Every page is its own chunk: sign-in + dashboard load only what they use.
const pages = {
  signIn: () => import('./features/auth/SignInPage'),
  dashboard: () => import('./features/dashboard/DashboardPage'),
  agreements: () => import('./features/agreements/AgreementsPage'),
  agreement: () => import('./features/agreements/AgreementPage'),
  roadmap: () => import('./features/roadmap/RoadmapPage'),
  measure: () => import('./features/measures/MeasurePage'),
  timeline: () => import('./features/timeline/TimelinePage'),
  organisations: () => import('./features/admin/OrganisationsPage'),
  users: () => import('./features/admin/UsersPage'),
  audit: () => import('./features/admin/AuditPage'),
  profile: () => import('./features/profile/ProfilePage'),
  provisionImport: () => import('./features/provision-import/ProvisionImportPage'),
  myReports: () => import('./features/reports/MyReportsPage'),
  report: () => import('./features/reports/ReportPage'),
  approvals: () => import('./features/reports/ApprovalQueuePage'),
  notifications: () => import('./features/notifications/NotificationsPage'),
  reconciliation: () => import('./features/reconciliation/ReconciliationPage'),
  meetings: () => import('./features/meetings/MeetingsPage'),
  meeting: () => import('./features/meetings/MeetingPage'),
  changeRequests: () => import('./features/changes/ChangeRequestsPage'),
  import: () => import('./features/import/ImportPage'),
};
const SignInPage = lazy(pages.signIn);
const DashboardPage = lazy(pages.dashboard);
const AgreementsPage = lazy(pages.agreements);
const AgreementPage = lazy(pages.agreement);
const RoadmapPage = lazy(pages.roadmap);
const MeasurePage = lazy(pages.measure);
const TimelinePage = lazy(pages.timeline);
const OrganisationsPage = lazy(pages.organisations);
const UsersPage = lazy(pages.users);
const AuditPage = lazy(pages.audit);
const ProfilePage = lazy(pages.profile);
const ProvisionImportPage = lazy(pages.provisionImport);
const MyReportsPage = lazy(pages.myReports);
const ReportPage = lazy(pages.report);
const ApprovalQueuePage = lazy(pages.approvals);
const NotificationsPage = lazy(pages.notifications);
const ReconciliationPage = lazy(pages.reconciliation);
const MeetingsPage = lazy(pages.meetings);
const MeetingPage = lazy(pages.meeting);
const ChangeRequestsPage = lazy(pages.changeRequests);
const ImportPage = lazy(pages.import);
const NotFound = lazy(() => import('./app/NotFound'));

/**
 * Starts loading the code of the page the browser opened right away, in parallel with the
 * session check, instead of after it: one round trip less before the first figures.
 */
export function preloadPage(pathname: string): void {
  const [first = '', second] = pathname.split('/').slice(1);
  const loader: Record<string, (() => Promise<unknown>) | undefined> = {
    '': pages.dashboard,
    'sign-in': pages.signIn,
    agreements: second ? pages.agreement : pages.agreements,
    roadmap: pages.roadmap,
    measures: pages.measure,
    timeline: pages.timeline,
    admin: second === 'users' ? pages.users : second === 'audit' ? pages.audit : pages.organisations,
    profile: pages.profile,
    reports: second === 'approval' ? pages.approvals : second ? pages.report : pages.myReports,
    notifications: pages.notifications,
    reconciliation: pages.reconciliation,
    meetings: second ? pages.meeting : pages.meetings,
    'change-requests': pages.changeRequests,
  };
  void loader[first]?.().catch(() => {
    /* React.lazy will load it again and show the error where the page renders */
  });
}

/** Administration is not shown to others at all: they get "not found". */
function AdminOnly({ children }: { children: React.ReactNode }) {
  const me = useMe();
  return canManageReference(me) ? children : <NotFound />;
}

/** The route table; exported without a router so tests can mount it in a MemoryRouter. */
export function AppRoutes() {
  return (
    <>
      <SessionWatcher />
      <Routes>
        <Route
          path="/sign-in"
          element={
            <ErrorBoundary>
              <Suspense fallback={<FullPageLoader />}>
                <SignInPage />
              </Suspense>
            </ErrorBoundary>
          }
        />
        <Route
          element={
            <RequireAuth>
              <AppLayout />
            </RequireAuth>
          }
        >
          <Route index element={<DashboardPage />} />
          <Route path="agreements" element={<AgreementsPage />} />
          <Route path="agreements/:id" element={<AgreementPage />} />
          <Route
            path="agreements/:id/import-provisions"
            element={
              <AdminOnly>
                <ProvisionImportPage />
              </AdminOnly>
            }
          />
          <Route path="roadmap" element={<RoadmapPage />} />
          <Route
            path="roadmap/import"
            element={
              <AdminOnly>
                <ImportPage />
              </AdminOnly>
            }
          />
          <Route path="measures/:id" element={<MeasurePage />} />
          <Route path="timeline" element={<TimelinePage />} />
          <Route path="admin" element={<Navigate to="/admin/organisations" replace />} />
          <Route
            path="admin/organisations"
            element={
              <AdminOnly>
                <OrganisationsPage />
              </AdminOnly>
            }
          />
          <Route
            path="admin/users"
            element={
              <AdminOnly>
                <UsersPage />
              </AdminOnly>
            }
          />
          <Route
            path="admin/audit"
            element={
              <AdminOnly>
                <AuditPage />
              </AdminOnly>
            }
          />
          <Route path="profile" element={<ProfilePage />} />
          <Route path="reports" element={<MyReportsPage />} />
          <Route path="reports/approval" element={<ApprovalQueuePage />} />
          <Route path="reports/:id" element={<ReportPage />} />
          <Route path="notifications" element={<NotificationsPage />} />
          <Route path="reconciliation" element={<ReconciliationPage />} />
          <Route path="meetings" element={<MeetingsPage />} />
          <Route path="meetings/:id" element={<MeetingPage />} />
          <Route path="change-requests" element={<ChangeRequestsPage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </>
  );
}

const queryClient = makeQueryClient();

/** The Accord web app. */
export default function App() {
  return (
    <Providers client={queryClient}>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </Providers>
  );
}
