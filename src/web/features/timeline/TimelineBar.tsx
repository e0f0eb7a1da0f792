import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useFormat } from '../../i18n';
import { textOf } from '../roadmap/format';
import { barGeometry, type TimelineRow, type Zoom } from './layout';
import { AT_RISK, OVERDUE, STATUS_FILL } from './palette';

/** Height of a bar row and of the bar drawn in it. */
export const BAR_ROW = 38;
const BAR_H = 16;

/** One bar's row as the chart draws it. */
export interface TimelineBarProps {
  row: Extract<TimelineRow, { kind: 'bar' }>;
  top: number;
  rangeStart: string;
  zoom: Zoom;
  /** The measure's dates in a chosen baseline (null: not in it). */
  baseline?: { startDate: string; dueDate: string } | null;
}

/**
 * One measure's bar: a link to the measure named in words (code, title, dates, status,
 * progress, overdue, the other groups it also appears in), hatched and marked when overdue.
 */
export function TimelineBar({ row, top: rowTop, rangeStart, zoom, baseline }: TimelineBarProps) {
  const { t, i18n } = useTranslation();
  const { formatDate } = useFormat();
  const navigate = useNavigate();
  const m = row.measure;
  const { x, width: w } = barGeometry(m, rangeStart, zoom);
  const top = rowTop + (BAR_ROW - BAR_H) / 2;
  const fill = STATUS_FILL[m.status];
  const label = [
    t('timeline.barLabel', {
      code: m.code,
      title: textOf(m.title, i18n.language),
      start: formatDate(m.startDate),
      due: formatDate(m.dueDate),
      status: t(`enums.status.${m.status}`),
      progress: m.progress,
    }),
    m.overdue ? t('flags.overdue') : null,
    m.atRisk ? t('flags.atRisk') : null,
    row.alsoIn.length ? t('timeline.alsoIn', { groups: row.alsoIn.join(', ') }) : null,
    baseline
      ? t('changes.baselineBar', { start: formatDate(baseline.startDate), due: formatDate(baseline.dueDate) })
      : null,
  ]
    .filter(Boolean)
    .join('. ');
  const href = `/measures/${m.id}`;
  return (
    <a
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
        stroke={m.overdue ? OVERDUE.stroke : 'none'}
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
      {baseline && (
        <rect
          data-part="baseline"
          x={barGeometry(baseline, rangeStart, zoom).x}
          width={barGeometry(baseline, rangeStart, zoom).width}
          y={top + BAR_H + 2}
          height={4}
          rx={2}
          fill="#495057"
        />
      )}
      {m.overdue && (
        <g data-overdue-mark="" transform={`translate(${x + w + 9}, ${top + BAR_H / 2})`}>
          <circle r={7} fill={OVERDUE.stroke} />
          <text y={4} textAnchor="middle" fontSize={11} fontWeight={700} fill="#fff">
            !
          </text>
        </g>
      )}
      {m.atRisk && !m.overdue && (
        <g data-atrisk-mark="" transform={`translate(${x + w + 9}, ${top + BAR_H / 2})`}>
          <path d="M0 -7 L7 6 L-7 6 Z" fill={AT_RISK.fill} stroke={AT_RISK.stroke} strokeWidth={1} />
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
}
