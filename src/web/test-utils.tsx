/** Helpers for component tests: render inside the app's providers and a memory router. */
import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { Providers } from './app/Providers';

/** A QueryClient that never retries, so a failing request fails the test at once. */
export function testQueryClient() {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, gcTime: 0 }, mutations: { retry: false } },
  });
}

/** Renders `ui` with i18n, Mantine, TanStack Query and a router at `path`. */
export function renderWithProviders(ui: ReactElement, { path = '/', client = testQueryClient() } = {}) {
  return {
    client,
    ...render(
      <Providers client={client}>
        <MemoryRouter initialEntries={[path]}>{ui}</MemoryRouter>
      </Providers>,
    ),
  };
}

/** A JSON `Response` as the API would send it. */
export function jsonResponse(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}
