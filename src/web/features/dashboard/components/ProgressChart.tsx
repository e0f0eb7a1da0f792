import { useTranslation } from 'react-i18next';
import { formatPercent } from '../../../i18n';

/** One bar: a sphere or a party and its weighted progress. */
export interface ProgressRow {
  key?: string;
  name: string;
  progress: number;
}

const TICKS = [0, 25, 50, 75, 100];
const GRID =
  'linear-gradient(to right, transparent calc(25% - 1px), var(--mantine-color-gray-3) calc(25% - 1px), var(--mantine-color-gray-3) 25%, transparent 25%, transparent calc(50% - 1px), var(--mantine-color-gray-3) calc(50% - 1px), var(--mantine-color-gray-3) 50%, transparent 50%, transparent calc(75% - 1px), var(--mantine-color-gray-3) calc(75% - 1px), var(--mantine-color-gray-3) 75%, transparent 75%)';

/**
 * A horizontal bar chart of progress (0–100 %), drawn with plain HTML and CSS. A charting
 * library (recharts, ~130 kB gzip) would take the sign-in + dashboard path over its 300 kB
 * budget for what is a list of labelled bars; as a list it is also read naturally by
 * screen readers, each bar with its name and value.
 */
export default function ProgressChart({ rows, label }: { rows: ProgressRow[]; label: string }) {
  const { i18n } = useTranslation();
  const pct = (v: number) => formatPercent(v, i18n.resolvedLanguage);
  return (
    <figure style={{ margin: 0 }} aria-label={label}>
      <ul
        style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 6 }}
        data-testid="progress-chart"
      >
        {rows.map((r) => {
          const v = Math.max(0, Math.min(100, r.progress));
          return (
            <li
              key={r.key ?? r.name}
              style={{
                display: 'grid',
                gridTemplateColumns: 'minmax(90px, 34%) 1fr',
                alignItems: 'center',
                gap: 10,
              }}
            >
              <span
                style={{
                  fontSize: 13,
                  lineHeight: 1.2,
                  textAlign: 'right',
                  color: 'var(--mantine-color-gray-9)',
                }}
              >
                {r.name}
              </span>
              <span
                style={{
                  position: 'relative',
                  height: 22,
                  backgroundImage: GRID,
                  display: 'flex',
                  alignItems: 'center',
                  borderLeft: '1px solid var(--mantine-color-gray-5)',
                }}
              >
                <span
                  aria-hidden
                  style={{
                    width: `${v}%`,
                    height: 16,
                    background: 'var(--mantine-color-blue-7)',
                    borderRadius: '0 3px 3px 0',
                    minWidth: v > 0 ? 2 : 0,
                  }}
                />
                <span
                  style={{
                    fontSize: 12,
                    marginLeft: 6,
                    color: 'var(--mantine-color-gray-9)',
                    whiteSpace: 'nowrap',
                  }}
                >
                  {pct(r.progress)}
                </span>
              </span>
            </li>
          );
        })}
      </ul>
      <div
        aria-hidden
        style={{ display: 'grid', gridTemplateColumns: 'minmax(90px, 34%) 1fr', gap: 10, marginTop: 4 }}
      >
        <span />
        <span
          style={{ position: 'relative', height: 16, fontSize: 11, color: 'var(--mantine-color-gray-7)' }}
        >
          {TICKS.map((tk) => (
            <span
              key={tk}
              style={{
                position: 'absolute',
                left: `${tk}%`,
                transform: tk === 0 ? 'none' : tk === 100 ? 'translateX(-100%)' : 'translateX(-50%)',
              }}
            >
              {pct(tk)}
            </span>
          ))}
        </span>
      </div>
    </figure>
  );
}
