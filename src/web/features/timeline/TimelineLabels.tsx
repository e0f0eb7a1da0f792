import { useTranslation } from 'react-i18next';
import { textOf } from '../roadmap/format';
import type { TimelineRow } from './layout';
import { BAR_ROW } from './TimelineBar';

/** Heights of the header and of the heading rows, shared with the chart. */
export const HEADER = 40;
export const GROUP_ROW = 34;
export const SECTION_ROW = 36;

/** The height of a row of any kind. */
export const rowHeight = (r: TimelineRow) =>
  r.kind === 'section' ? SECTION_ROW : r.kind === 'group' ? GROUP_ROW : BAR_ROW;

/**
 * The label column beside the chart: party and group headings, then each measure's code
 * and full title on up to two lines; the rest of a longer title, and the other groups where
 * the measure also appears («+1»), are in the tooltip. Visual only: every bar's link
 * already carries the full name, so this column is hidden from screen readers.
 */
export function TimelineLabels({ rows, width }: { rows: readonly TimelineRow[]; width: number }) {
  const { t, i18n } = useTranslation();
  return (
    <div aria-hidden="true" style={{ width, flex: 'none', borderRight: '1px solid #dee2e6' }}>
      <div style={{ height: HEADER, borderBottom: '1px solid #dee2e6' }} />
      {rows.map((r) => {
        if (r.kind === 'section')
          return (
            <div key={r.key} className="accord-tl-section" style={{ height: SECTION_ROW }}>
              {r.label}
            </div>
          );
        if (r.kind === 'group')
          return (
            <div key={r.key} className="accord-tl-group" style={{ height: GROUP_ROW }} title={r.label}>
              {r.label}
            </div>
          );
        const title = `${r.measure.code} ${textOf(r.measure.title, i18n.language)}`;
        const also = r.alsoIn.length ? t('timeline.alsoIn', { groups: r.alsoIn.join(', ') }) : '';
        return (
          <div
            key={r.key}
            className="accord-tl-label"
            style={{ height: BAR_ROW, paddingInlineStart: 8 + Math.min(r.measure.depth, 4) * 8 }}
            title={also ? `${title}. ${also}` : title}
            data-label-code={r.measure.code}
          >
            <span className="accord-tl-text">
              <strong>{r.measure.code}</strong> {textOf(r.measure.title, i18n.language)}
            </span>
            {also && (
              <span className="accord-tl-also" data-also-in={r.alsoIn.join('|')}>
                +{r.alsoIn.length}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}
