import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { buildMeasure, buildOrg, buildParty, buildSphere, renderPage } from '../roadmap/testing';
import { createRef } from 'react';
import { groupMeasures, rowsOf, snapToTick, type Zoom } from './layout';
import { TimelineChart, type TimelineChartHandle } from './TimelineChart';
import { TimelineLegend } from './TimelineLegend';

const transport = buildSphere('transport', 'Транспорт', 1);
const energy = buildSphere('energy', 'Энергетика', 2);
const kz = buildParty('KZ', 'Казахстан');
const ru = buildParty('RU', 'Россия');
const mintrans = buildOrg(kz, 'Минтранс РК');
const mintransRu = buildOrg(ru, 'Минтранс России');
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
const longTitle =
  'Провести совместный мониторинг пропускной способности автомобильных пунктов пропуска на границе';
const twoSpheres = buildMeasure('3.1', {
  title: { ru: longTitle },
  startDate: '2026-02-01',
  dueDate: '2026-06-30',
  sphereIds: [transport.id, energy.id],
  status: 'completed',
  progress: 100,
  responsible: [{ organisationId: mintransRu.id, partyId: ru.id, role: 'lead' }],
});
const dropped = buildMeasure('3.2', {
  startDate: '2026-02-01',
  dueDate: '2026-04-30',
  sphereIds: [energy.id],
  status: 'cancelled',
  atRisk: true,
});
const measures = [january, fromFebruary, fromToday, late, twoSpheres, dropped];
const order = [
  { id: transport.id, label: 'Транспорт' },
  { id: energy.id, label: 'Энергетика' },
];

function chart(zoom: Zoom = 'month', by: 'sphere' | 'organisation' = 'sphere') {
  const rows = rowsOf(
    groupMeasures(
      measures,
      by,
      by === 'sphere'
        ? order
        : [
            { id: mintrans.id, label: 'Минтранс РК', section: 'Казахстан' },
            { id: mintransRu.id, label: 'Минтранс России', section: 'Россия' },
          ],
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
    ).toEqual(['1.1', '1.2', '3.1']);
    unmount();
    renderPage(chart('month', 'organisation'));
    expect(
      within(screen.getByRole('group', { name: 'Казахстан: Минтранс РК' })).getAllByRole('link'),
    ).toHaveLength(1);
    expect(
      within(screen.getByRole('group', { name: 'Россия: Минтранс России' })).getAllByRole('link'),
    ).toHaveLength(1);
    expect(within(screen.getByRole('group', { name: 'Без организации' })).getAllByRole('link')).toHaveLength(
      4,
    );
  });

  it('groups by party first, then organisation: each party is a heading above its organisations', () => {
    const { container } = renderPage(chart('month', 'organisation'));
    const headings = [...container.querySelectorAll('.accord-tl-section, .accord-tl-group')].map(
      (el) => `${el.className.includes('section') ? '#' : '-'} ${el.textContent}`,
    );
    expect(headings).toEqual([
      '# Казахстан',
      '- Минтранс РК',
      '# Россия',
      '- Минтранс России',
      '- Без организации',
    ]);
  });

  it('marks a measure that also appears in another group, in both groups', () => {
    const { container } = renderPage(chart('month', 'sphere'));
    const inTransport = within(screen.getByRole('group', { name: 'Транспорт' }))
      .getAllByRole('link')
      .find((a) => a.getAttribute('data-measure-code') === '3.1')!;
    const inEnergy = within(screen.getByRole('group', { name: 'Энергетика' }))
      .getAllByRole('link')
      .find((a) => a.getAttribute('data-measure-code') === '3.1')!;
    expect(inTransport).toHaveAccessibleName(/Также в: Энергетика$/);
    expect(inEnergy).toHaveAccessibleName(/Также в: Транспорт$/);
    const marks = [...container.querySelectorAll('[data-label-code="3.1"] [data-also-in]')];
    expect(marks.map((m) => [m.textContent, m.getAttribute('data-also-in')])).toEqual([
      ['+1', 'Энергетика'],
      ['+1', 'Транспорт'],
    ]);
    // a measure in one group only carries no mark
    expect(container.querySelector('[data-label-code="1.1"] [data-also-in]')).toBeNull();
    expect(bar('1.1').link).not.toHaveAccessibleName(/Также в/);
  });

  it('shows the full title in the label column, wrapped, with the whole title as its tooltip', () => {
    const { container } = renderPage(chart());
    const label = container.querySelector('[data-label-code="3.1"]')!;
    expect(longTitle.length).toBeGreaterThan(60);
    expect(label.querySelector('.accord-tl-text')!.textContent).toBe(`3.1 ${longTitle}`);
    expect(label.getAttribute('title')).toBe(`3.1 ${longTitle}. Также в: Энергетика`);
    // wrapped to at most two lines rather than cut on one
    const css = [...container.querySelectorAll('style')].map((el) => el.textContent).join('\n');
    expect(css).toMatch(/\.accord-tl-text \{[^}]*-webkit-line-clamp: 2/);
    expect(css).not.toMatch(/\.accord-tl-label \{[^}]*nowrap/);
  });

  it('names in the legend, in the UI language, every colour the chart draws', () => {
    const { container } = renderPage(
      <>
        <TimelineLegend />
        {chart()}
      </>,
    );
    const legend = screen.getByTestId('timeline-legend');
    const chartSvg = screen.getByLabelText('Диаграмма Ганта');
    const colours = (root: Element, selector: string) =>
      new Set(
        [...root.querySelectorAll(selector)]
          .flatMap((el) => [el.getAttribute('fill'), el.getAttribute('stroke')])
          .filter((c): c is string => !!c && c.startsWith('#') && c !== '#fff' && c !== '#000'),
      );
    // shapes carry the meaning; the text on them (the "!" and the «Сегодня» label) is lettering
    const shapes = ['rect', 'line', 'circle', 'path'];
    const within_ = (scope: string) => shapes.map((s) => `${scope} ${s}`).join(', ');
    const drawn = colours(
      chartSvg,
      [within_('.accord-tl-bar'), within_('pattern'), within_('[data-testid="today-line"]')].join(', '),
    );
    const explained = colours(legend, within_('svg'));
    expect(drawn.size).toBeGreaterThanOrEqual(10);
    for (const c of drawn) expect(explained, `colour ${c} is in the legend`).toContain(c);
    for (const status of ['Не начато', 'Выполняется', 'Выполнено', 'Отменено'])
      expect(within(legend).getByText(status)).toBeInTheDocument();
    expect(container.querySelector('[data-legend="alsoIn"]')).not.toBeNull();
  });

  it('scrolls to today onto a period boundary, so the first period label is never cut', () => {
    const handle = createRef<TimelineChartHandle>();
    const rows = rowsOf(groupMeasures(measures, 'sphere', order, 'Без сферы'));
    renderPage(<TimelineChart ref={handle} rows={rows} zoom="quarter" today={TODAY} />);
    const scroller = screen.getByTestId('timeline-scroller');
    Object.defineProperty(scroller, 'clientWidth', { value: 300 });
    const calls: number[] = [];
    scroller.scrollTo = ((o: ScrollToOptions) => calls.push(o.left ?? -1)) as typeof scroller.scrollTo;
    handle.current!.scrollToToday();
    const tickXs = [...document.querySelectorAll('[data-tick] line')].map((l) =>
      Number(l.getAttribute('x1')),
    );
    expect(calls).toHaveLength(1);
    expect(tickXs).toContain(calls[0]);
    const todayX = Number(screen.getByTestId('today-line').querySelector('line')!.getAttribute('x1'));
    expect(calls[0]).toBeLessThanOrEqual(todayX);
  });

  it('snaps a scroll position down to the last period boundary before it', () => {
    expect(snapToTick(250, [0, 126, 254, 381])).toBe(126);
    expect(snapToTick(254, [0, 126, 254, 381])).toBe(254);
    expect(snapToTick(-5, [0, 126])).toBe(0);
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
