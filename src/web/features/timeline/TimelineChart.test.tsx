import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { buildMeasure, buildOrg, buildParty, buildSphere, renderPage } from '../roadmap/testing';
import { groupMeasures, rowsOf, type Zoom } from './layout';
import { TimelineChart } from './TimelineChart';

const transport = buildSphere('transport', 'Транспорт', 1);
const energy = buildSphere('energy', 'Энергетика', 2);
const kz = buildParty('KZ', 'Казахстан');
const mintrans = buildOrg(kz, 'Минтранс РК');
const TODAY = '2026-03-15';

// January (31 days), then from 1 February, then a measure that starts today
const january = buildMeasure('1.1', {
  startDate: '2026-01-01',
  dueDate: '2026-01-31',
  sphereIds: [transport.id],
});
const fromFebruary = buildMeasure('1.2', {
  startDate: '2026-02-01',
  dueDate: '2026-03-31',
  sphereIds: [transport.id],
  status: 'in_progress',
  progress: 50,
});
const fromToday = buildMeasure('2.1', { startDate: TODAY, dueDate: '2026-09-30', sphereIds: [energy.id] });
const late = buildMeasure('2.2', {
  startDate: '2025-10-01',
  dueDate: '2026-02-28',
  sphereIds: [energy.id],
  overdue: true,
  responsible: [{ organisationId: mintrans.id, partyId: kz.id, role: 'lead' }],
});
const measures = [january, fromFebruary, fromToday, late];
const order = [
  { id: transport.id, label: 'Транспорт' },
  { id: energy.id, label: 'Энергетика' },
];

function chart(zoom: Zoom = 'month', by: 'sphere' | 'organisation' = 'sphere') {
  const rows = rowsOf(
    groupMeasures(
      measures,
      by,
      by === 'sphere' ? order : [{ id: mintrans.id, label: 'Минтранс РК' }],
      by === 'sphere' ? 'Без сферы' : 'Без организации',
    ),
  );
  return <TimelineChart rows={rows} zoom={zoom} today={TODAY} />;
}

const bar = (code: string) => {
  const link = screen.getAllByRole('link').find((a) => a.getAttribute('data-measure-code') === code)!;
  const rect = link.querySelector('rect[data-part="bar"]')!;
  return { link, x: Number(rect.getAttribute('x')), width: Number(rect.getAttribute('width')), rect };
};

describe('TimelineChart', () => {
  it('positions bars by their dates: a bar starts where the previous day ends', () => {
    renderPage(chart('month'));
    const a = bar('1.1');
    const b = bar('1.2');
    // 1.2 starts the day after 1.1 ends, so its left edge is 1.1's right edge
    expect(b.x).toBeCloseTo(a.x + a.width, 5);
    // 1.2 lasts 59 days, 1.1 lasts 31: widths are proportional to durations
    expect(b.width / a.width).toBeCloseTo(59 / 31, 5);
    // a bar that started earlier lies further left
    expect(bar('2.2').x).toBeLessThan(a.x);
  });

  it('draws the today line where a measure starting today begins', () => {
    renderPage(chart('quarter'));
    const line = screen.getByTestId('today-line').querySelector('line')!;
    expect(Number(line.getAttribute('x1'))).toBeCloseTo(bar('2.1').x, 5);
    expect(within(screen.getByTestId('today-line')).getByText('Сегодня')).toBeInTheDocument();
  });

  it('marks overdue bars with a mark and words, not by colour alone', () => {
    renderPage(chart());
    const overdue = bar('2.2');
    expect(overdue.link).toHaveAccessibleName(/Просрочено/);
    expect(overdue.link.querySelector('[data-overdue-mark]')).not.toBeNull();
    expect(overdue.rect.getAttribute('fill')).toBe('url(#accord-tl-hatch)');
    const onTime = bar('1.2');
    expect(onTime.link).not.toHaveAccessibleName(/Просрочено/);
    expect(onTime.link.querySelector('[data-overdue-mark]')).toBeNull();
  });

  it('names each bar in words and opens its measure on click', async () => {
    const user = userEvent.setup();
    renderPage(chart());
    const link = screen.getByRole('link', { name: /^1\.2 Мероприятие 1\.2: .*Выполняется, 50 %/ });
    expect(link).toHaveAttribute('href', `/measures/${fromFebruary.id}`);
    await user.click(link);
    expect(screen.getByTestId('location')).toHaveAttribute('data-pathname', `/measures/${fromFebruary.id}`);
  });

  it('groups bars by sphere or by lead organisation', () => {
    const { unmount } = renderPage(chart('month', 'sphere'));
    const transportGroup = screen.getByRole('group', { name: 'Транспорт' });
    expect(
      within(transportGroup)
        .getAllByRole('link')
        .map((a) => a.getAttribute('data-measure-code')),
    ).toEqual(['1.1', '1.2']);
    unmount();
    renderPage(chart('month', 'organisation'));
    expect(within(screen.getByRole('group', { name: 'Минтранс РК' })).getAllByRole('link')).toHaveLength(1);
    expect(within(screen.getByRole('group', { name: 'Без организации' })).getAllByRole('link')).toHaveLength(
      3,
    );
  });

  it('zooms: a year view is narrower than a quarter view, which is narrower than a month view', () => {
    const widths: number[] = [];
    for (const zoom of ['month', 'quarter', 'year'] as const) {
      const { unmount } = renderPage(chart(zoom));
      widths.push(bar('1.2').width);
      unmount();
    }
    expect(widths[0]).toBeGreaterThan(widths[1]);
    expect(widths[1]).toBeGreaterThan(widths[2]);
  });
});
