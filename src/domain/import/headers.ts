/**
 * Finding the table in a grid: the header row under a title and notes (and a second header
 * row naming the parties under «Ответственные исполнители»), the row that numbers the
 * columns, and the field of every column — recognised by its header or set by a mapping.
 */
import { type Cell, cellText, type Grid } from './grid';
import { fieldOfHeader, type ImportField, isImportField, normalise } from './vocab';

/** A party as headers name it. */
export interface PartyRef {
  id: string;
  code: string;
  names: readonly string[];
}

/** A column of the table and what it holds (null: ignored). */
export interface Column {
  index: number;
  header: string;
  field: ImportField | null;
}

/** Where the table is and what its columns hold. */
export interface TableLayout {
  columns: Column[];
  /** Index of the first body row in the grid. */
  bodyStart: number;
}

/** A mapping: header text (or column number, 1-based) → field, or null to ignore the column. */
export type ColumnMapping = Record<string, string | null>;

const SCAN_ROWS = 30;

/** Distinctive five-letter stems of each party's names (Казахстан → «казах», matching «казахстанская»). */
function partyStems(parties: readonly PartyRef[]) {
  const words = (p: PartyRef) =>
    p.names.flatMap((n) => normalise(n).split(/[^\p{L}]+/u)).filter((w) => w.length >= 5);
  const counts = new Map<string, number>();
  for (const p of parties)
    for (const s of new Set(words(p).map((w) => w.slice(0, 5)))) counts.set(s, (counts.get(s) ?? 0) + 1);
  return parties.map((p) => ({
    party: p,
    stems: [...new Set(words(p).map((w) => w.slice(0, 5)))].filter((s) => counts.get(s) === 1),
  }));
}

/** The party a header names (by code as a word, or a distinctive stem of its name), or null. */
export function partyOfHeader(header: string, parties: readonly PartyRef[]): PartyRef | null {
  const codes = parties.filter((p) => new RegExp(`(^|[^A-Za-z])${p.code}([^A-Za-z]|$)`).test(header));
  if (codes.length === 1) return codes[0];
  const h = normalise(header);
  const hits = partyStems(parties).filter((s) => s.stems.some((st) => h.includes(st)));
  return hits.length === 1 ? hits[0].party : null;
}

function fieldOf(header: string, parties: readonly PartyRef[]): ImportField | null {
  const f = fieldOfHeader(header);
  if (f !== 'responsible') return f;
  const p = partyOfHeader(header, parties);
  return p ? `responsible:${p.code}` : 'responsible';
}

function mapped(
  mapping: ColumnMapping | undefined,
  header: string,
  index: number,
): ImportField | null | undefined {
  if (!mapping) return undefined;
  const key = Object.keys(mapping).find(
    (k) => k === String(index + 1) || (header && normalise(k) === normalise(header)),
  );
  if (key === undefined) return undefined;
  const v = mapping[key];
  return v && isImportField(v) ? v : null;
}

/** True for the row under a header that numbers the columns («1 2 3 4 5 6»). */
export function isNumberingRow(row: readonly Cell[]): boolean {
  const vals = row.map(cellText).filter(Boolean);
  if (vals.length < 2) return false;
  return vals.every(
    (v, i) => /^\d+\.?$/.test(v) && Number.parseInt(v, 10) === Number.parseInt(vals[0], 10) + i,
  );
}

/**
 * The layout of the table in `grid`: the first of the first 30 rows that names the most
 * known columns (at least two, one of them the title), or null when no row does.
 */
export function findLayout(
  grid: Grid,
  parties: readonly PartyRef[],
  mapping?: ColumnMapping,
): TableLayout | null {
  let best: { row: number; columns: Column[]; score: number } | null = null;
  const scan = Math.min(grid.rows.length, SCAN_ROWS);
  for (let r = 0; r < scan; r++) {
    const row = grid.rows[r];
    if (isNumberingRow(row)) continue;
    const columns = row.map((c, index) => {
      const header = cellText(c);
      const m = mapped(mapping, header, index);
      return { index, header, field: m !== undefined ? m : header ? fieldOf(header, parties) : null };
    });
    const fields = columns.filter((c) => c.field);
    const score = fields.length;
    if (score >= 2 && fields.some((c) => c.field === 'title') && (!best || score > best.score))
      best = { row: r, columns, score };
  }
  if (!best) return null;
  let bodyStart = best.row + 1;
  const sub = grid.rows[bodyStart];
  if (sub && !isNumberingRow(sub)) {
    const named = sub.map((c) => (cellText(c) ? partyOfHeader(cellText(c), parties) : null));
    const texts = sub.map(cellText).filter(Boolean);
    if (texts.length > 0 && named.filter(Boolean).length === texts.length) {
      // a second header row: «Ответственные исполнители» spans the parties' columns
      for (let i = 0; i < sub.length; i++) {
        const party = named[i];
        if (!party) continue;
        let j = i;
        while (j > 0 && !best.columns[j]?.header) j--;
        const top = best.columns[j]?.header ?? '';
        const header = `${top} (${cellText(sub[i])})`.trim();
        const m = mapped(mapping, header, i);
        const col = {
          index: i,
          header,
          field:
            m !== undefined
              ? m
              : fieldOfHeader(top) === 'responsible'
                ? (`responsible:${party.code}` as const)
                : null,
        };
        best.columns[i] = col;
      }
      bodyStart++;
    }
  }
  if (grid.rows[bodyStart] && isNumberingRow(grid.rows[bodyStart])) bodyStart++;
  return { columns: best.columns, bodyStart };
}

/**
 * When no row names known columns: the row most likely to be the header (the first of the
 * first 30 with the most texts), so that a person can map its columns by hand.
 */
export function guessHeaders(grid: Grid, parties: readonly PartyRef[]): Column[] {
  let best: Cell[] = [];
  let most = 0;
  for (const row of grid.rows.slice(0, SCAN_ROWS)) {
    const n = row.filter((c) => cellText(c)).length;
    if (n > most && !isNumberingRow(row)) {
      most = n;
      best = row;
    }
  }
  return best.map((c, index) => ({
    index,
    header: cellText(c),
    field: cellText(c) ? fieldOf(cellText(c), parties) : null,
  }));
}
