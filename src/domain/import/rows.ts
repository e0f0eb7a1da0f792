/**
 * Reading the body of an import table, row by row: each cell by its column's field, with a
 * problem (line, column, reason) for every cell that does not read; a row with only a title
 * and no dates or bodies is a section (it becomes a parent).
 */
import type { CompletionForm, MeasureStatus, Tier } from '../../contracts/enums';
import { type Message, msg } from '../../contracts/messages';
import { type Cell, cellText, type Grid } from './grid';
import type { Column, TableLayout } from './headers';
import {
  type DateSpan,
  type NamedBody,
  normaliseCode,
  parseDateSpan,
  parseNumber,
  parsePercent,
  splitBodies,
} from './values';
import { completionFormOf, keyOfLabel, STATUS_LABELS, TIER_LABELS } from './vocab';

/** One problem of an import: the source line (1-based), the column's header and the reason. */
export interface ImportProblem {
  row: number;
  column: string;
  message: Message;
}

/** The bodies one cell names, and the party of its column (null: any party). */
export interface BodyCell {
  partyCode: string | null;
  column: string;
  bodies: NamedBody[];
}

/** A row of the table as read (references not yet matched). */
export interface ReadRow {
  line: number;
  section: boolean;
  code: string | null;
  parentCode: string | null;
  title: { ru?: string; kk?: string; en?: string };
  description?: string | null;
  spheres?: string[];
  provisions?: string[];
  bodyCells?: BodyCell[];
  start?: DateSpan;
  due?: DateSpan;
  form?: { form: CompletionForm; text: string | null };
  status?: MeasureStatus;
  progress?: number;
  tier?: Tier;
  weight?: number;
}

const list = (t: string) =>
  t
    .split(/[;\n\r]+/)
    .map((s) => s.trim())
    .filter(Boolean);

// «1. Сотрудничество в сфере транспорта» → code 1 and the title; «I. …» has no usable code.
const SECTION_CODE = /^(\d{1,4}(?:\.\d{1,4})+\.?|\d{1,4}\.)\s+(\S.*)$/s;
const ROMAN_HEAD = /^[IVXLC]+\.\s+(\S.*)$/s;

function readCell(row: ReadRow, col: Column, cell: Cell, problems: ImportProblem[]) {
  const text = cellText(cell);
  const bad = (key: Parameters<typeof msg>[0], params?: Parameters<typeof msg>[1]) =>
    problems.push({ row: row.line, column: col.header, message: msg(key, params) });
  const f = col.field;
  if (!f) return;
  if (f.startsWith('responsible')) {
    row.bodyCells ??= [];
    row.bodyCells.push({
      partyCode: f.includes(':') ? f.split(':')[1] : null,
      column: col.header,
      bodies: splitBodies(text),
    });
    return;
  }
  switch (f) {
    case 'code':
      row.code = normaliseCode(cell) || null;
      return;
    case 'parentCode':
      row.parentCode = normaliseCode(cell) || null;
      return;
    case 'title':
      if (text) row.title.ru = text;
      return;
    case 'titleKk':
      if (text) row.title.kk = text;
      return;
    case 'titleEn':
      if (text) row.title.en = text;
      return;
    case 'description':
      row.description = text || null;
      return;
    case 'sphere':
      row.spheres = list(text);
      return;
    case 'provision':
      row.provisions = list(text);
      return;
  }
  if (!text) return;
  switch (f) {
    case 'startDate':
    case 'dueDate': {
      const span = parseDateSpan(typeof cell === 'number' ? cell : text);
      if (!span) return bad('import.date', { value: text });
      if (f === 'startDate') row.start = span;
      else row.due = span;
      return;
    }
    case 'completionForm': {
      const r = completionFormOf(text);
      row.form = { form: r.form, text: r.exact ? null : text };
      return;
    }
    case 'status': {
      const s = keyOfLabel(STATUS_LABELS, text);
      if (!s) return bad('import.status', { value: text });
      row.status = s;
      return;
    }
    case 'progress': {
      const p = parsePercent(typeof cell === 'number' ? cell : text);
      if (p === null) return bad('import.percent', { value: text });
      row.progress = p;
      return;
    }
    case 'tier': {
      const t = keyOfLabel(TIER_LABELS, text);
      if (!t) return bad('import.tier', { value: text });
      row.tier = t;
      return;
    }
    case 'weight': {
      const w = parseNumber(cell);
      if (w === null || w < 0 || w > 1000) return bad('import.weight', { value: text });
      row.weight = w;
      return;
    }
  }
}

/**
 * The rows of the table below its header. Blank rows are skipped; a row whose only text is
 * one cell (a heading spanning the table) or that has a title but no dates and no bodies is a
 * section.
 */
export function readRows(grid: Grid, layout: TableLayout, problems: ImportProblem[]): ReadRow[] {
  const out: ReadRow[] = [];
  const mappedCols = layout.columns.filter((c) => c.field);
  for (let r = layout.bodyStart; r < grid.rows.length; r++) {
    const cells = grid.rows[r];
    const texts = [...new Set(cells.map(cellText).filter(Boolean))];
    if (texts.length === 0) continue;
    const line = r + 1;
    const row: ReadRow = { line, section: false, code: null, parentCode: null, title: {} };
    if (texts.length === 1) {
      // one text across the row: a heading; «1. Транспорт» carries its code
      const m = SECTION_CODE.exec(texts[0]);
      const roman = ROMAN_HEAD.exec(texts[0]);
      row.section = true;
      row.code = m ? normaliseCode(m[1]) : null;
      row.title.ru = (m ? m[2] : roman ? roman[1] : texts[0]).trim();
      out.push(row);
      continue;
    }
    const local: ImportProblem[] = [];
    for (const col of mappedCols) readCell(row, col, cells[col.index] ?? null, local);
    const hasBodies = row.bodyCells?.some((b) => b.bodies.length > 0) ?? false;
    if (
      !row.due &&
      !row.start &&
      !hasBodies &&
      !row.form &&
      row.status === undefined &&
      row.progress === undefined
    ) {
      row.section = true;
      if (!row.title.ru && row.code) continue;
    }
    problems.push(...local);
    out.push(row);
  }
  return out;
}
