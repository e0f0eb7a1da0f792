import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppRoutes } from '../App';
import { jsonResponse, renderWithProviders } from '../test-utils';

function userWithRole(role: 'admin' | 'viewer') {
  return {
    id: '00000000-0000-4000-8000-000000000002',
    email: `${role}@accord.local`,
    name: role === 'admin' ? 'Администратор' : 'Марина Ковалёва',
    role,
    organisationId: null,
    partyId: null,
    locale: 'ru',
    disabled: false,
    lastSignInAt: null,
    version: 1,
    createdAt: '2025-11-12T00:00:00Z',
    updatedAt: '2025-11-12T00:00:00Z',
  };
}

/** A signed-in session and empty lists for every other request. */
function serverFor(role: 'admin' | 'viewer') {
  return vi.fn(async (input: RequestInfo | URL) => {
    const url = String(input);
    if (url.startsWith('/api/v1/session'))
      return jsonResponse(200, { user: userWithRole(role), expiresAt: null });
    return jsonResponse(200, { data: [], page: 1, limit: 50, total: 0 });
  });
}

afterEach(() => vi.unstubAllGlobals());

describe('the app shell', () => {
  it('offers administration to an admin, with the current page marked', async () => {
    vi.stubGlobal('fetch', serverFor('admin'));
    renderWithProviders(<AppRoutes />, { path: '/admin/users' });
    // jsdom applies no CSS, so the burger drawer's copy is present too; the first is the header's.
    const [nav] = await screen.findAllByRole('navigation', { name: 'Основная навигация' });
    expect(within(nav).getByRole('link', { name: 'Администрирование' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'Пользователи' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Меню пользователя: Администратор' })).toBeInTheDocument();
  });

  it('hides administration from a viewer and answers "not found" at its address', async () => {
    vi.stubGlobal('fetch', serverFor('viewer'));
    renderWithProviders(<AppRoutes />, { path: '/admin/users' });
    // jsdom applies no CSS, so the burger drawer's copy is present too; the first is the header's.
    const [nav] = await screen.findAllByRole('navigation', { name: 'Основная навигация' });
    expect(within(nav).queryByRole('link', { name: 'Администрирование' })).toBeNull();
    expect(within(nav).getByRole('link', { name: 'Соглашения' })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { level: 1, name: 'Страница не найдена' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Перейти к содержимому' })).toHaveAttribute('href', '#main');
  });

  it('sends a visitor without a session to sign-in, remembering the page', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse(401, { error: { code: 'unauthenticated', message: 'Sign in first' } })),
    );
    renderWithProviders(<AppRoutes />, { path: '/agreements?q=x' });
    expect(await screen.findByRole('heading', { name: 'Вход в Accord' })).toBeInTheDocument();
    expect(screen.getByLabelText('Электронная почта')).toBeInTheDocument();
  });
});
