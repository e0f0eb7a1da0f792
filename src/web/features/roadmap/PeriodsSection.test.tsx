import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Period } from '../../../contracts';
import { PeriodsSection } from './PeriodsSection';
import { buildRoadmap, buildUser, fakeApi, id, renderPage } from './testing';

const roadmap = buildRoadmap({ reportingFrequency: 'quarterly', reportDueDays: 10 });
const period = (code: string, startDate: string, endDate: string, state: Period['state']): Period => ({
  id: id('p'),
  roadmapId: roadmap.id,
  code,
  startDate,
  endDate,
  reportDueDate: endDate,
  state,
  closedAt: null,
  lockedAt: null,
  reopenedAt: null,
  version: 1,
});
const admin = buildUser({ role: 'admin' });

let restore: (() => void) | undefined;
afterEach(() => restore?.());

describe('PeriodsSection', () => {
  it('lists the periods with their states in Russian and closes an open one with its version', async () => {
    const q1 = period('2026-Q1', '2026-01-01', '2026-03-31', 'closed');
    const q2 = period('2026-Q2', '2026-04-01', '2026-06-30', 'open');
    const api = fakeApi((req) => {
      if (req.path === `/roadmaps/${roadmap.id}/periods`) return { body: { data: [q1, q2] } };
      if (req.method === 'POST' && req.path === `/periods/${q2.id}/close`)
        return { body: { ...q2, state: 'closed', version: 2 } };
      return undefined;
    });
    restore = api.restore;
    renderPage(<PeriodsSection roadmap={roadmap} />, { user: admin });
    expect(await screen.findByRole('heading', { name: 'Периоды отчётности' })).toBeTruthy();
    expect(screen.getByText(/ежеквартально/)).toBeTruthy();
    const row = await screen.findByTestId('period-2026-Q2');
    expect(within(row).getByText('Открыт')).toBeTruthy();
    expect(within(screen.getByTestId('period-2026-Q1')).getByText('Закрыт')).toBeTruthy();
    await userEvent.click(within(row).getByRole('button', { name: 'Закрыть период 2026-Q2' }));
    await waitFor(() =>
      expect(within(screen.getByTestId('period-2026-Q2')).getByText('Закрыт')).toBeTruthy(),
    );
    expect(api.log.find((r) => r.method === 'POST')?.body).toEqual({ version: 1 });
  });

  it('asks for the reason to reopen and shows the server refusal in words', async () => {
    const q1 = period('2026-Q1', '2026-01-01', '2026-03-31', 'locked');
    const api = fakeApi((req) => {
      if (req.path === `/roadmaps/${roadmap.id}/periods`) return { body: { data: [q1] } };
      if (req.path === `/periods/${q1.id}/reopen`)
        return {
          status: 409,
          body: {
            error: {
              code: 'version_conflict',
              message: 'Отчётный период изменился с тех пор, как вы его открыли',
              details: [],
            },
          },
        };
      return undefined;
    });
    restore = api.restore;
    renderPage(<PeriodsSection roadmap={roadmap} />, { user: admin });
    await userEvent.click(await screen.findByRole('button', { name: 'Открыть снова период 2026-Q1' }));
    const dialog = await screen.findByRole('dialog', { name: 'Открыть снова период 2026-Q1' });
    await userEvent.type(within(dialog).getByLabelText(/Причина/), 'Сторона прислала исправленный отчёт');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Открыть снова' }));
    expect(
      await within(dialog).findByText('Отчётный период изменился с тех пор, как вы его открыли'),
    ).toBeTruthy();
    expect(api.log.find((r) => r.method === 'POST')?.body).toEqual({
      version: 1,
      reason: 'Сторона прислала исправленный отчёт',
    });
  });
});
