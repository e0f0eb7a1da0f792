/**
 * A Gantt-style SVG chart of measures. Each bar is a link to its measure, reachable with
 * Tab and named in words (code, title, dates, status, progress, overdue). Overdue bars are
 * hatched, outlined and carry a "!" mark, so they are told apart without colour.
 */
import { Box } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { forwardRef, useImperativeHandle, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n';
import { snapToTick, type TimelineRow, ticks, timeRange, xOf, type Zoom } from './layout';
import { OVERDUE, TODAY } from './palette';
import type { BaselineDates } from '../changes/TimelineBaseline';
import { TimelineBar } from './TimelineBar';
import { HEADER, rowHeight, TimelineLabels } from './TimelineLabels';

/** Props: rows to draw (from rowsOf), the zoom and today's date. */
export interface TimelineChartProps {
  rows: readonly TimelineRow[];
  zoom: Zoom;
  /** `YYYY-MM-DD`; a prop so that tests and screenshots are reproducible. */
  today: string;
  /** Dates in a chosen baseline, drawn as thin bars under the current ones. */
  baseline?: BaselineDates;
}

/** Lets the page scroll the chart to today. */
export interface TimelineChartHandle {
  scrollToToday: () => void;
}

/** The chart: a label column and a horizontally scrolling SVG, row for row. */
export const TimelineChart = forwardRef<TimelineChartHandle, TimelineChartProps>(function TimelineChart(
  { rows, zoom, today, baseline },
  ref,
) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  const scroller = useRef<HTMLDivElement>(null);

  const measures = useMemo(() => rows.flatMap((r) => (r.kind === 'bar' ? [r.measure] : [])), [rows]);
  const range = useMemo(() => timeRange(measures, today, zoom), [measures, today, zoom]);
  const width = Math.ceil(xOf(range.end, range.start, zoom));
  const marks = useMemo(() => ticks(range, zoom), [range, zoom]);
  const todayX = xOf(today, range.start, zoom);

  const tops: number[] = [];
  let y = HEADER;
  for (const r of rows) {
    tops.push(y);
    y += rowHeight(r);
  }
  const height = y + 8;

  useImperativeHandle(
    ref,
    () => ({
      // lands on a period boundary, so the first period label on screen is never cut
      scrollToToday: () => {
        const el = scroller.current;
        if (!el) return;
        const wanted = Math.max(0, todayX - el.clientWidth / 3);
        const left = snapToTick(
          wanted,
          marks.map((d) => xOf(d, range.start, zoom)),
        );
        el.scrollTo?.({ left, behavior: 'smooth' });
      },
    }),
    [todayX, marks, range.start, zoom],
  );

  const monthFmt = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const tickLabel = (iso: string) => {
    const year = iso.slice(0, 4);
    if (zoom === 'year') return year;
    if (zoom === 'quarter')
      return t('timeline.quarterLabel', { q: Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + 1, year });
    return monthFmt.format(new Date(`${iso}T00:00:00Z`));
  };

  // bars nested under their group, so that a screen reader hears which sphere or organisation
  const segments: { key: string; label: string; bars: number[] }[] = [];
  rows.forEach((r, i) => {
    if (r.kind === 'group')
      segments.push({ key: r.key, label: r.section ? `${r.section}: ${r.label}` : r.label, bars: [] });
    else if (r.kind === 'bar') segments[segments.length - 1]?.bars.push(i);
  });

  return (
    <Box style={{ display: 'flex', border: '1px solid #dee2e6', borderRadius: 6, background: '#fff' }}>
      <style>{CHART_CSS}</style>
      <TimelineLabels rows={rows} width={phone ? 150 : 380} />
      <div ref={scroller} style={{ overflowX: 'auto', flex: 1, minWidth: 0 }} data-testid="timeline-scroller">
        <svg
          width={width}
          height={height}
          aria-label={t('timeline.chartLabel')}
          style={{ display: 'block', fontFamily: 'inherit' }}
        >
          <defs>
            <pattern
              id="accord-tl-hatch"
              width="6"
              height="6"
              patternUnits="userSpaceOnUse"
              patternTransform="rotate(45)"
            >
              <rect width="6" height="6" fill={OVERDUE.fill} />
              <line x1="0" y1="0" x2="0" y2="6" stroke={OVERDUE.stroke} strokeWidth="2.5" />
            </pattern>
          </defs>
          {/* grid and period labels */}
          {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: a decorative SVG group, nothing in it is focusable */}
          <g aria-hidden="true">
            {marks.map((d) => {
              const x = xOf(d, range.start, zoom);
              return (
                <g key={d} data-tick={d}>
                  <line x1={x} x2={x} y1={0} y2={height} stroke="#e9ecef" />
                  <text x={x + 4} y={24} fontSize={12} fill="#343a40">
                    {tickLabel(d)}
                  </text>
                </g>
              );
            })}
            <line x1={0} x2={width} y1={HEADER - 0.5} y2={HEADER - 0.5} stroke="#dee2e6" />
            {rows.map((r, i) =>
              r.kind === 'bar' ? null : (
                <rect
                  key={r.key}
                  x={0}
                  y={tops[i]}
                  width={width}
                  height={rowHeight(r)}
                  fill={r.kind === 'section' ? '#e9ecef' : '#f8f9fa'}
                />
              ),
            )}
          </g>
          {segments.map((seg) => (
            // biome-ignore lint/a11y/useSemanticElements: SVG has no fieldset; the group names the sphere or organisation of its bars
            // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: an SVG g is not interactive; the bars inside are links
            <g key={seg.key} role="group" aria-label={seg.label}>
              {seg.bars.map((i) => {
                const r = rows[i];
                return r.kind === 'bar' ? (
                  <TimelineBar
                    key={r.key}
                    row={r}
                    top={tops[i]}
                    rangeStart={range.start}
                    zoom={zoom}
                    baseline={baseline ? (baseline.get(r.measure.id) ?? null) : undefined}
                  />
                ) : null;
              })}
            </g>
          ))}
          {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: a decorative SVG group, nothing in it is focusable */}
          <g data-testid="today-line" aria-hidden="true">
            <line
              x1={todayX}
              x2={todayX}
              y1={HEADER - 6}
              y2={height}
              stroke={TODAY.stroke}
              strokeWidth={2}
              strokeDasharray="4 3"
            />
            <text x={todayX + 4} y={HEADER - 4} fontSize={11} fontWeight={700} fill={TODAY.text}>
              {t('timeline.today')}
            </text>
          </g>
        </svg>
      </div>
    </Box>
  );
});

const CHART_CSS = `
.accord-tl-section { display: flex; align-items: center; padding: 0 8px; font-weight: 700; font-size: 14px; background: #e9ecef; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
.accord-tl-group { display: flex; align-items: center; padding: 0 8px; font-weight: 600; font-size: 13px; background: #f8f9fa; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
.accord-tl-label { display: flex; align-items: center; gap: 4px; font-size: 12.5px; line-height: 15px; padding-inline-end: 6px; overflow: hidden; }
.accord-tl-text { flex: 1; min-width: 0; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; overflow-wrap: break-word; }
.accord-tl-label strong { font-variant-numeric: tabular-nums; }
.accord-tl-also { flex: none; font-size: 11px; font-weight: 700; color: #495057; border: 1px solid #adb5bd; border-radius: 8px; padding: 0 4px; line-height: 14px; }
.accord-tl-bar { cursor: pointer; outline: none; }
.accord-tl-bar:hover rect[data-part="bar"] { filter: brightness(0.93); }
.accord-tl-bar .accord-tl-focus { stroke: transparent; stroke-width: 2.5; }
.accord-tl-bar:focus-visible .accord-tl-focus, .accord-tl-bar:focus .accord-tl-focus { stroke: #1c5ea8; }
`;
