import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderWithProviders } from '../../test-utils';
import SignInPage from './SignInPage';

const user = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'viewer@accord.local',
  name: 'Марина',
  role: 'viewer',
  organisationId: null,
  partyId: null,
  locale: 'ru',
  disabled: false,
  lastSignInAt: null,
  version: 1,
  createdAt: '2025-11-12T00:00:00Z',
  updatedAt: '2025-11-12T00:00:00Z',
};

/** A stand-in for the server's /session route: no session yet, one password accepted. */
function fakeServer() {
  return vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    if (url.startsWith('/api/v1/session') && (init?.method ?? 'GET') === 'GET') {
      return jsonResponse(401, { error: { code: 'unauthenticated', message: 'Sign in first', details: [] } });
    }
    if (url.startsWith('/api/v1/session') && init?.method === 'POST') {
      const body = JSON.parse(String(init.body));
      if (body.password === 'right-password') return jsonResponse(200, { user, expiresAt: null });
      return jsonResponse(401, {
        error: {
          code: 'unauthenticated',
          message: 'Wrong e-mail or password',
          details: [],
          requestId: 'req-1',
        },
      });
    }
    return jsonResponse(404, { error: { code: 'not_found', message: 'no route' } });
  });
}

function renderAt(path: string) {
  return renderWithProviders(
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route path="/agreements" element={<h1>Agreements page</h1>} />
      <Route path="/" element={<h1>Home page</h1>} />
    </Routes>,
    { path },
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('SignInPage', () => {
  it('labels its fields and says what is missing without calling the server', async () => {
    const fetch = fakeServer();
    vi.stubGlobal('fetch', fetch);
    renderAt('/sign-in');
    await userEvent.click(await screen.findByRole('button', { name: 'Войти' }));
    expect(screen.getByLabelText('Электронная почта')).toHaveAccessibleDescription('Обязательное поле');
    expect(screen.getByLabelText('Пароль')).toHaveAccessibleDescription('Обязательное поле');
    expect(fetch.mock.calls.filter(([, init]) => init?.method === 'POST')).toHaveLength(0);
  });

  it('says in the page language that the e-mail or password is wrong', async () => {
    vi.stubGlobal('fetch', fakeServer());
    renderAt('/sign-in');
    await userEvent.type(await screen.findByLabelText('Электронная почта'), 'viewer@accord.local');
    await userEvent.type(screen.getByLabelText('Пароль'), 'wrong-password');
    await userEvent.click(screen.getByRole('button', { name: 'Войти' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Не удалось войти');
    expect(alert).toHaveTextContent('Неверный адрес электронной почты или пароль.');
    expect(alert).not.toHaveTextContent('Wrong e-mail or password');
    expect(alert).not.toHaveTextContent('[object Object]');
    expect(screen.getByText('Электронная почта').closest('form')).toBeInTheDocument();
  });

  it('returns to the page asked for after signing in', async () => {
    vi.stubGlobal('fetch', fakeServer());
    renderAt('/sign-in?next=%2Fagreements&reason=expired');
    expect(await screen.findByText('Сеанс завершён. Войдите снова.')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Электронная почта'), 'viewer@accord.local');
    await userEvent.type(screen.getByLabelText('Пароль'), 'right-password');
    await userEvent.click(screen.getByRole('button', { name: 'Войти' }));
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Agreements page' })).toBeInTheDocument());
  });

  it('ignores a `next` that leads off the site', async () => {
    vi.stubGlobal('fetch', fakeServer());
    renderAt('/sign-in?next=%2F%2Fevil.example');
    await userEvent.type(await screen.findByLabelText('Электронная почта'), 'viewer@accord.local');
    await userEvent.type(screen.getByLabelText('Пароль'), 'right-password');
    await userEvent.click(screen.getByRole('button', { name: 'Войти' }));
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Home page' })).toBeInTheDocument());
  });
});
