import { Center, Container, Loader } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { onUnauthenticated } from '../api/client';
import { sessionKey, useSession } from '../api/session';
import { ErrorAlert } from '../components/QueryState';
import { currentLocale, setLanguage } from '../i18n';

/** The sign-in address that brings the user back to `path` afterwards. */
export function signInHref(path: string, reason?: 'expired' | 'signedOut'): string {
  const sp = new URLSearchParams();
  if (path && path !== '/' && !path.startsWith('/sign-in')) sp.set('next', path);
  if (reason) sp.set('reason', reason);
  const s = sp.toString();
  return s ? `/sign-in?${s}` : '/sign-in';
}

/** Only same-site paths are followed after sign-in (no `//evil.example`). */
export function safeNext(next: string | null): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next.startsWith('/sign-in') ? '/' : next;
}

/** A centred spinner for the whole page, announced to screen readers. */
export function FullPageLoader() {
  const { t } = useTranslation();
  return (
    <Center mih="60vh" role="status" aria-label={t('app.loading')}>
      <Loader aria-hidden />
    </Center>
  );
}

/** Renders children for a signed-in user; otherwise sends them to sign-in and back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <FullPageLoader />;
  if (session.error) {
    return (
      <Container size="sm" py="xl">
        <ErrorAlert error={session.error} onRetry={() => session.refetch()} />
      </Container>
    );
  }
  if (!session.data) return <Navigate to={signInHref(location.pathname + location.search)} replace />;
  return <>{children}</>;
}

/**
 * Keeps the session and the UI in step: a 401 from any request (the session expired) leads
 * to sign-in with a note, and the signed-in user's saved language is applied.
 */
export function SessionWatcher() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const session = useSession();
  const user = session.data?.user;

  useEffect(
    () =>
      onUnauthenticated(() => {
        if (window.location.pathname.startsWith('/sign-in')) return;
        navigate(signInHref(window.location.pathname + window.location.search, 'expired'), { replace: true });
        qc.setQueryData(sessionKey, null);
      }),
    [navigate, qc],
  );

  // The user's saved language wins on sign-in and on every change of it (another tab, the profile page).
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new user (sign-in) re-applies the language even when the locale value is unchanged
  useEffect(() => {
    if (user?.locale && user.locale !== currentLocale()) void setLanguage(user.locale);
  }, [user?.id, user?.locale]);

  return null;
}
