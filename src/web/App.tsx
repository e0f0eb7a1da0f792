import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { useMe } from './api/hooks';
import { canManageReference } from './api/permissions';
import AppLayout from './app/AppLayout';
import { ErrorBoundary } from './app/ErrorBoundary';
import { Providers } from './app/Providers';
import { makeQueryClient } from './app/queryClient';
import { FullPageLoader, RequireAuth, SessionWatcher } from './app/session';

// Every page is its own chunk: sign-in + dashboard load only what they use.
const SignInPage = lazy(() => import('./features/auth/SignInPage'));
const DashboardPage = lazy(() => import('./features/dashboard/DashboardPage'));
const AgreementsPage = lazy(() => import('./features/agreements/AgreementsPage'));
const AgreementPage = lazy(() => import('./features/agreements/AgreementPage'));
const RoadmapPage = lazy(() => import('./features/roadmap/RoadmapPage'));
const MeasurePage = lazy(() => import('./features/measures/MeasurePage'));
const TimelinePage = lazy(() => import('./features/timeline/TimelinePage'));
const OrganisationsPage = lazy(() => import('./features/admin/OrganisationsPage'));
const UsersPage = lazy(() => import('./features/admin/UsersPage'));
const ProfilePage = lazy(() => import('./features/profile/ProfilePage'));
const NotFound = lazy(() => import('./app/NotFound'));

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
          <Route path="roadmap" element={<RoadmapPage />} />
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
          <Route path="profile" element={<ProfilePage />} />
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
