import { act, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../../i18n';
import { buildMeasure, fakeApi, renderPage } from '../../roadmap/testing';
import { MeasureList } from './MeasureList';

const rows = Array.from({ length: 8 }, (_, i) => buildMeasure(`1.${i + 1}`, { overdue: true }));
let restore: (() => void) | undefined;
afterEach(async () => {
  restore?.();
  await act(() => setLanguage('ru'));
});

/** The measure API answering one page of eight rows with the given count. */
function serve(total: number, totalIsExact: boolean) {
  const api = fakeApi((req) =>
    req.path === '/measures' ? { body: { data: rows, page: 1, limit: 8, total, totalIsExact } } : undefined,
  );
  restore = api.restore;
}

const list = (
  <MeasureList
    query={{ roadmapId: rows[0].roadmapId, overdue: true, leaf: true }}
    empty="—"
    allHref="/roadmap?overdue=1&leaf=1"
    asOf="2026-06-01"
    testId="overdue-list"
  />
);
const SLOW = { timeout: 8000 };
/** Intl writes no-break spaces between groups of digits. */
const shown = async () =>
  (await screen.findByTestId('overdue-list-shown', {}, SLOW)).textContent?.replace(/\s/g, ' ');

describe('dashboard measure list totals', () => {
  it('says «более 10 000» when the server stopped counting', async () => {
    serve(10_000, false);
    renderPage(list);
    expect(await shown()).toBe('Показано 8 из более 10 000');
    expect(screen.getByRole('link', { name: 'Показать все' })).toHaveAttribute(
      'href',
      '/roadmap?overdue=1&leaf=1',
    );
  });

  it('gives the exact number when it is exact', async () => {
    serve(10_000, true);
    renderPage(list);
    expect(await shown()).toBe('Показано 8 из 10 000');
  });

  it('words a floor in Kazakh and English too', async () => {
    serve(10_000, false);
    await act(() => setLanguage('kk'));
    const { unmount } = renderPage(list);
    expect(await shown()).toBe('10 000-нан астам ішінен 8 көрсетілген');
    unmount();
    await act(() => setLanguage('en'));
    renderPage(list);
    expect(await shown()).toBe('Showing 8 of more than 10,000');
  });
});
