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
  profile: () => import('./features/profile/ProfilePage'),
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
const ProfilePage = lazy(pages.profile);
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
    admin: second === 'users' ? pages.users : pages.organisations,
    profile: pages.profile,
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
