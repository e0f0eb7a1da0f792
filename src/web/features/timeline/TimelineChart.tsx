/**
 * A Gantt-style SVG chart of measures. Each bar is a link to its measure, reachable with
 * Tab and named in words (code, title, dates, status, progress, overdue). Overdue bars are
 * hatched, outlined and carry a "!" mark, so they are told apart without colour.
 */
import { Box } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { forwardRef, useImperativeHandle, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Measure } from '../../../contracts';
import { useFormat } from '../../i18n';
import { textOf } from '../roadmap/format';
import { barGeometry, type TimelineRow, ticks, timeRange, xOf, type Zoom } from './layout';

/** Props: rows to draw (from rowsOf), the zoom and today's date. */
export interface TimelineChartProps {
  rows: readonly TimelineRow[];
  zoom: Zoom;
  /** `YYYY-MM-DD`; a prop so that tests and screenshots are reproducible. */
  today: string;
}

/** Lets the page scroll the chart to today. */
export interface TimelineChartHandle {
  scrollToToday: () => void;
}

const HEADER = 40;
const GROUP_ROW = 34;
const BAR_ROW = 30;
const BAR_H = 16;

const STATUS_FILL: Record<Measure['status'], { track: string; done: string }> = {
  not_started: { track: '#ced4da', done: '#495057' },
  in_progress: { track: '#a5d8ff', done: '#1c5ea8' },
  completed: { track: '#8ce99a', done: '#2b8a3e' },
  cancelled: { track: '#e9ecef', done: '#868e96' },
};

/** The chart: a label column and a horizontally scrolling SVG, row for row. */
export const TimelineChart = forwardRef<TimelineChartHandle, TimelineChartProps>(function TimelineChart(
  { rows, zoom, today },
  ref,
) {
  const { t, i18n } = useTranslation();
  const { formatDate, locale } = useFormat();
  const navigate = useNavigate();
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  const scroller = useRef<HTMLDivElement>(null);
  const lang = i18n.language;

  const measures = useMemo(() => rows.flatMap((r) => (r.kind === 'bar' ? [r.measure] : [])), [rows]);
  const range = useMemo(() => timeRange(measures, today, zoom), [measures, today, zoom]);
  const width = Math.ceil(xOf(range.end, range.start, zoom));
  const marks = useMemo(() => ticks(range, zoom), [range, zoom]);
  const todayX = xOf(today, range.start, zoom);

  const tops: number[] = [];
  let y = HEADER;
  for (const r of rows) {
    tops.push(y);
    y += r.kind === 'group' ? GROUP_ROW : BAR_ROW;
  }
  const height = y + 8;

  useImperativeHandle(
    ref,
    () => ({
      scrollToToday: () => {
        const el = scroller.current;
        if (el) el.scrollTo?.({ left: Math.max(0, todayX - el.clientWidth / 3), behavior: 'smooth' });
      },
    }),
    [todayX],
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

  const renderBar = (r: Extract<TimelineRow, { kind: 'bar' }>, rowTop: number) => {
    const m = r.measure;
    const { x, width: w } = barGeometry(m, range.start, zoom);
    const top = rowTop + (BAR_ROW - BAR_H) / 2;
    const fill = STATUS_FILL[m.status];
    const label = [
      t('timeline.barLabel', {
        code: m.code,
        title: textOf(m.title, lang),
        start: formatDate(m.startDate),
        due: formatDate(m.dueDate),
        status: t(`enums.status.${m.status}`),
        progress: m.progress,
      }),
      m.overdue ? t('flags.overdue') : null,
      m.atRisk ? t('flags.atRisk') : null,
    ]
      .filter(Boolean)
      .join('. ');
    const href = `/measures/${m.id}`;
    return (
      <a
        key={r.key}
        href={href}
        className="accord-tl-bar"
        aria-label={label}
        data-measure-code={m.code}
        data-overdue={m.overdue || undefined}
        onClick={(e) => {
          if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
          e.preventDefault();
          navigate(href);
        }}
      >
        <title>{label}</title>
        <rect
          data-part="bar"
          x={x}
          y={top}
          width={w}
          height={BAR_H}
          rx={3}
          fill={m.overdue ? 'url(#accord-tl-hatch)' : fill.track}
          stroke={m.overdue ? '#c92a2a' : 'none'}
          strokeWidth={m.overdue ? 1.5 : 0}
        />
        <rect
          data-part="progress"
          x={x}
          y={top + BAR_H - 5}
          width={(w * Math.max(0, Math.min(100, m.progress))) / 100}
          height={5}
          fill={fill.done}
        />
        {m.overdue && (
          <g data-overdue-mark="" transform={`translate(${x + w + 9}, ${top + BAR_H / 2})`}>
            <circle r={7} fill="#c92a2a" />
            <text y={4} textAnchor="middle" fontSize={11} fontWeight={700} fill="#fff">
              !
            </text>
          </g>
        )}
        {m.atRisk && !m.overdue && (
          <g data-atrisk-mark="" transform={`translate(${x + w + 9}, ${top + BAR_H / 2})`}>
            <path d="M0 -7 L7 6 L-7 6 Z" fill="#fab005" stroke="#5c3c00" strokeWidth={1} />
            <text y={5} textAnchor="middle" fontSize={9} fontWeight={700} fill="#000">
              !
            </text>
          </g>
        )}
        <rect
          className="accord-tl-focus"
          x={x - 3}
          y={top - 3}
          width={w + 6 + (m.overdue || m.atRisk ? 20 : 0)}
          height={BAR_H + 6}
          rx={5}
          fill="none"
        />
      </a>
    );
  };

  // bars nested under their group, so that a screen reader hears which sphere or organisation
  const segments: { key: string; label: string; bars: number[] }[] = [];
  rows.forEach((r, i) => {
    if (r.kind === 'group') segments.push({ key: r.key, label: r.label, bars: [] });
    else segments[segments.length - 1]?.bars.push(i);
  });

  const labelWidth = phone ? 128 : 300;

  return (
    <Box style={{ display: 'flex', border: '1px solid #dee2e6', borderRadius: 6, background: '#fff' }}>
      <style>{CHART_CSS}</style>
      {/* Visual labels only: every bar's link already carries its full name. */}
      <div aria-hidden="true" style={{ width: labelWidth, flex: 'none', borderRight: '1px solid #dee2e6' }}>
        <div style={{ height: HEADER, borderBottom: '1px solid #dee2e6' }} />
        {rows.map((r) =>
          r.kind === 'group' ? (
            <div key={r.key} className="accord-tl-group" style={{ height: GROUP_ROW }}>
              {r.label}
            </div>
          ) : (
            <div
              key={r.key}
              className="accord-tl-label"
              style={{ height: BAR_ROW, paddingInlineStart: 8 + Math.min(r.measure.depth, 4) * 10 }}
              title={`${r.measure.code} ${textOf(r.measure.title, lang)}`}
            >
              <strong>{r.measure.code}</strong> {!phone && textOf(r.measure.title, lang)}
            </div>
          ),
        )}
      </div>
      <div ref={scroller} style={{ overflowX: 'auto', flex: 1, minWidth: 0 }}>
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
              <rect width="6" height="6" fill="#ffe3e3" />
              <line x1="0" y1="0" x2="0" y2="6" stroke="#c92a2a" strokeWidth="2.5" />
            </pattern>
          </defs>
          {/* grid and period labels */}
          {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: a decorative SVG group, nothing in it is focusable */}
          <g aria-hidden="true">
            {marks.map((d) => {
              const x = xOf(d, range.start, zoom);
              return (
                <g key={d}>
                  <line x1={x} x2={x} y1={0} y2={height} stroke="#e9ecef" />
                  <text x={x + 4} y={24} fontSize={12} fill="#343a40">
                    {tickLabel(d)}
                  </text>
                </g>
              );
            })}
            <line x1={0} x2={width} y1={HEADER - 0.5} y2={HEADER - 0.5} stroke="#dee2e6" />
            {rows.map((r, i) =>
              r.kind === 'group' ? (
                <rect key={r.key} x={0} y={tops[i]} width={width} height={GROUP_ROW} fill="#f8f9fa" />
              ) : null,
            )}
          </g>
          {segments.map((seg) => (
            // biome-ignore lint/a11y/useSemanticElements: SVG has no fieldset; the group names the sphere or organisation of its bars
            // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: an SVG g is not interactive; the bars inside are links
            <g key={seg.key} role="group" aria-label={seg.label}>
              {seg.bars.map((i) => {
                const r = rows[i];
                return r.kind === 'bar' ? renderBar(r, tops[i]) : null;
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
              stroke="#d6336c"
              strokeWidth={2}
              strokeDasharray="4 3"
            />
            <text x={todayX + 4} y={HEADER - 4} fontSize={11} fontWeight={700} fill="#a61e4d">
              {t('timeline.today')}
            </text>
          </g>
        </svg>
      </div>
    </Box>
  );
});

const CHART_CSS = `
.accord-tl-group { display: flex; align-items: center; padding: 0 8px; font-weight: 600; font-size: 13px; background: #f8f9fa; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
.accord-tl-label { display: flex; align-items: center; gap: 4px; font-size: 13px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; padding-inline-end: 6px; }
.accord-tl-label strong { font-variant-numeric: tabular-nums; }
.accord-tl-bar { cursor: pointer; outline: none; }
.accord-tl-bar:hover rect[data-part="bar"] { filter: brightness(0.93); }
.accord-tl-bar .accord-tl-focus { stroke: transparent; stroke-width: 2.5; }
.accord-tl-bar:focus-visible .accord-tl-focus, .accord-tl-bar:focus .accord-tl-focus { stroke: #1c5ea8; }
`;
