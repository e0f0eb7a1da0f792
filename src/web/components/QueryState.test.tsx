import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError, NETWORK_ERROR } from '../api/client';
import { renderWithProviders } from '../test-utils';
import { QueryState } from './QueryState';

describe('QueryState', () => {
  it('shows the server message, the field details and a retry that refetches', async () => {
    const refetch = vi.fn();
    const error = new ApiError(422, 'rule_violation', 'the due date is before the start date', [
      { path: 'dueDate', message: 'must not be before startDate' },
    ]);
    renderWithProviders(
      <QueryState query={{ isLoading: false, error, refetch }}>
        <p>content</p>
      </QueryState>,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Нарушено правило');
    expect(alert).toHaveTextContent('the due date is before the start date');
    expect(alert).toHaveTextContent('dueDate: must not be before startDate');
    expect(screen.queryByText('content')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Повторить' }));
    expect(refetch).toHaveBeenCalledOnce();
  });

  it('says in words that the server cannot be reached', () => {
    const error = new ApiError(0, NETWORK_ERROR, 'Failed to fetch');
    renderWithProviders(<QueryState query={{ error }} />);
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Нет связи с сервером. Проверьте подключение и повторите.',
    );
  });

  it('never prints [object Object] for an unknown thrown value', () => {
    renderWithProviders(<QueryState query={{ error: { weird: true } }} />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Непредвиденная ошибка. Повторите попытку.');
    expect(alert).not.toHaveTextContent('[object Object]');
  });

  it('shows loading, empty and content states', () => {
    const loading = renderWithProviders(<QueryState query={{ isLoading: true }}>x</QueryState>);
    expect(screen.getByRole('status')).toHaveTextContent('Загрузка…');
    loading.unmount();
    const empty = renderWithProviders(
      <QueryState query={{ isLoading: false }} isEmpty empty="Соглашений не найдено.">
        x
      </QueryState>,
    );
    expect(screen.getByText('Соглашений не найдено.')).toBeInTheDocument();
    empty.unmount();
    renderWithProviders(
      <QueryState query={[{ isLoading: false }, { isPending: false }]}>content</QueryState>,
    );
    expect(screen.getByText('content')).toBeInTheDocument();
  });
});
