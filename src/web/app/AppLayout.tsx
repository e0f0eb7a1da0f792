import { AppShell, Avatar, Burger, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconChevronDown,
  IconFileText,
  IconLayoutDashboard,
  IconListTree,
  IconLogout,
  IconScale,
  IconSettings,
  IconTimeline,
  IconGavel,
  IconUser,
} from '@tabler/icons-react';
import { type ReactNode, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import type { Locale } from '../../contracts';
import { useMe } from '../api/session';
import { canManageReference, seesReconciliation } from '../api/permissions';
import { useSignOut, useUpdateProfile } from '../api/session';
import { explainError } from '../components/errors';
import { LanguageSelect } from '../components/LanguageSelect';
import { LoadingState } from '../components/QueryState';
import { setLanguage } from '../i18n';
import { ErrorBoundary } from './ErrorBoundary';
import { signInHref } from './session';
import { Logo } from '../components/Logo';
import { SearchBox } from '../features/search/SearchBox';
import { reportNavItems } from '../features/reports/nav';
import { NotificationBell } from '../features/notifications/NotificationBell';

interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
  /** Active when the current path starts with this (besides `to` itself). */
  prefix?: string;
  end?: boolean;
}

function useNavItems(): NavItem[] {
  const { t } = useTranslation();
  const me = useMe();
  const items: NavItem[] = [
    { to: '/', label: t('nav.dashboard'), icon: <IconLayoutDashboard size={18} aria-hidden />, end: true },
    { to: '/agreements', label: t('nav.agreements'), icon: <IconFileText size={18} aria-hidden /> },
    {
      to: '/roadmap',
      label: t('nav.roadmap'),
      icon: <IconListTree size={18} aria-hidden />,
      prefix: '/measures/',
    },
    { to: '/timeline', label: t('nav.timeline'), icon: <IconTimeline size={18} aria-hidden /> },
    { to: '/meetings', label: t('meetings.nav'), icon: <IconGavel size={18} aria-hidden /> },
  ];
  items.push(...reportNavItems(me, t));
  if (seesReconciliation(me))
    items.push({ to: '/reconciliation', label: t('joint.nav'), icon: <IconScale size={18} aria-hidden /> });
  if (canManageReference(me)) {
    items.push({
      to: '/admin/organisations',
      label: t('nav.admin'),
      icon: <IconSettings size={18} aria-hidden />,
      prefix: '/admin/',
    });
  }
  return items;
}

function isActive(item: NavItem, path: string) {
  if (item.end) return path === item.to;
  return (
    path === item.to || path.startsWith(`${item.to}/`) || (!!item.prefix && path.startsWith(item.prefix))
  );
}

/**
 * The main navigation, a column of links by role with `aria-current="page"` on the current
 * one; it sits inside AppShell.Navbar, which is itself the <nav> landmark.
 */
function MainNav({ onNavigate }: { onNavigate?: () => void }) {
  const { pathname } = useLocation();
  const items = useNavItems();
  return (
    <div className="nav-vertical">
      <Group
        component="ul"
        gap={2}
        wrap="nowrap"
        style={{ listStyle: 'none', margin: 0, padding: 0, flexDirection: 'column', alignItems: 'stretch' }}
      >
        {items.map((item) => (
          <li key={item.to}>
            <Link
              to={item.to}
              className="nav-link"
              aria-current={isActive(item, pathname) ? 'page' : undefined}
              onClick={onNavigate}
            >
              {item.icon}
              {item.label}
            </Link>
          </li>
        ))}
      </Group>
    </div>
  );
}

/** Language switch for a signed-in user: applies at once, then saves it to the profile. */
export function useLanguageSwitch() {
  const { t } = useTranslation();
  const update = useUpdateProfile();
  return (lng: Locale) => {
    void setLanguage(lng);
    update.mutate(
      { locale: lng },
      {
        onError: (e) => {
          const ex = explainError(e, t);
          notifications.show({ color: 'red', title: ex.title, message: ex.message || ex.title });
        },
      },
    );
  };
}

function initials(name: string) {
  return (
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((p) => p[0]?.toUpperCase())
      .join('') || '?'
  );
}

function UserMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const signOut = useSignOut();
  return (
    <Menu position="bottom-end" width={220} withinPortal>
      <Menu.Target>
        <UnstyledButton
          aria-label={t('nav.userMenu', { name: me.name })}
          style={{ borderRadius: 6, padding: '4px 6px' }}
          data-testid="user-menu"
        >
          <Group gap={6} wrap="nowrap">
            <Avatar size={30} color="blue" radius="xl" aria-hidden>
              {initials(me.name)}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="xl" truncate maw={160}>
              {me.name}
            </Text>
            <IconChevronDown size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          {me.email} · {t(`enums.role.${me.role}`)}
        </Menu.Label>
        <Menu.Item component={Link} to="/profile" leftSection={<IconUser size={16} aria-hidden />}>
          {t('nav.profile')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item
          leftSection={<IconLogout size={16} aria-hidden />}
          onClick={() =>
            signOut.mutate(undefined, {
              onSettled: () => navigate(signInHref('/', 'signedOut'), { replace: true }),
            })
          }
        >
          {t('nav.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/**
 * The signed-in frame: a skip link, a header with search, language, notifications and the
 * user menu, the navigation in a column beside the page (a burger drawer below 1200 px);
 * pages render in <main>.
 */
export default function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  const switchLanguage = useLanguageSwitch();
  // From 1200 px the navigation is a column beside the page (the header has no room for
  // every role's entries); below, a drawer behind the burger, rendered only while open so
  // its links are never focusable off screen.
  const narrow = useMediaQuery('(max-width: 74.99em)', false, { getInitialValueInEffect: false });

  // biome-ignore lint/correctness/useExhaustiveDependencies: the burger drawer closes whenever the page changes
  useEffect(() => {
    close();
  }, [pathname, close]);

  return (
    <>
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: { lg: 230, base: 280 }, breakpoint: 'lg', collapsed: { mobile: !opened } }}
        padding={{ base: 'sm', sm: 'md', lg: 'lg' }}
      >
        <AppShell.Header>
          <Group h="100%" px={{ base: 'sm', sm: 'md' }} justify="space-between" wrap="nowrap" gap="sm">
            <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="lg"
                size="sm"
                aria-label={opened ? t('nav.closeMenu') : t('nav.openMenu')}
                aria-expanded={opened}
                aria-controls="mobile-nav"
              />
              <Link to="/" className="brand" aria-label={`${t('app.name')} — ${t('nav.dashboard')}`}>
                <Logo />
                <Text span inherit visibleFrom="xs">
                  {t('app.name')}
                </Text>
              </Link>
            </Group>
            <Group gap="xs" wrap="nowrap">
              <SearchBox />
              <LanguageSelect onChange={switchLanguage} />
              <NotificationBell />
              <UserMenu />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="sm" id="mobile-nav" aria-label={t('nav.main')}>
          {(!narrow || opened) && <MainNav onNavigate={close} />}
        </AppShell.Navbar>
        <AppShell.Main id="main" tabIndex={-1} style={{ maxWidth: '100vw' }}>
          <ErrorBoundary resetKey={pathname}>
            <Suspense fallback={<LoadingState />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </AppShell.Main>
      </AppShell>
    </>
  );
}
