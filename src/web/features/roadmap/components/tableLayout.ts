/** The tree table's grid: column widths per layout, and its plain CSS (no CSS pipeline needed in tests). */

/** Column widths of the grid rows: phones show title and a stacked due/status/progress cell. */
export function tableColumns(phone: boolean, selectable: boolean, partyCount: number, menu = false) {
  const columns = phone
    ? [selectable ? '40px' : null, 'minmax(0, 1fr)', '124px', menu ? '40px' : null]
    : [
        selectable ? '44px' : null,
        'minmax(112px, max-content)',
        'minmax(260px, 3fr)',
        ...Array.from({ length: partyCount }, () => 'minmax(150px, 1.2fr)'),
        '132px',
        '136px',
        '120px',
        menu ? '44px' : null,
      ];
  const used = columns.filter(Boolean);
  return {
    count: used.length,
    gridTemplateColumns: used.join(' '),
    minWidth: phone ? undefined : 44 + 112 + 260 + partyCount * 150 + 132 + 136 + 120 + (menu ? 44 : 0),
  };
}

/** Layout of the grid. */
export const TABLE_CSS = `
.accord-tt { border: 1px solid #dee2e6; border-radius: 6px; background: #fff; }
.accord-tt-table { display: block; border-collapse: collapse; width: 100%; }
.accord-tt-table tbody { display: block; }
.accord-tt-head { display: block; position: sticky; top: 0; z-index: 2; background: #f8f9fa; border-bottom: 1px solid #ced4da; }
.accord-tt-row { display: grid; align-items: center; width: 100%; }
.accord-tt-body { position: absolute; top: 0; left: 0; border-bottom: 1px solid #e9ecef; background: #fff; }
.accord-tt-body:hover { background: #f8f9fa; }
.accord-tt-body:focus { outline: 3px solid #1c5ea8; outline-offset: -3px; }
.accord-tt-body:focus-visible { outline: 3px solid #1c5ea8; outline-offset: -3px; }
.accord-tt-selected, .accord-tt-selected:hover { background: #e7f5ff; }
.accord-tt-context .accord-tt-link, .accord-tt-context .accord-tt-code { color: #495057; font-style: italic; }
.accord-tt-cell { text-align: start; font-weight: inherit; padding: 4px 8px; min-width: 0; display: flex; align-items: center; gap: 4px; overflow: hidden; }
.accord-tt-head .accord-tt-cell { text-align: start; font-weight: inherit; padding-top: 10px; padding-bottom: 10px; }
.accord-tt-titlecell { align-items: center; }
.accord-tt-stack { flex-direction: column; align-items: flex-start; gap: 2px; }
.accord-tt-code { font-variant-numeric: tabular-nums; font-weight: 600; white-space: nowrap; }
.accord-tt-link { color: #1a4d7c; text-decoration: none; overflow-wrap: break-word; hyphens: auto; padding-inline-end: 4px; display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; overflow: hidden; font-size: 14px; line-height: 1.3; }
.accord-tt-link:hover { text-decoration: underline; }
`;
