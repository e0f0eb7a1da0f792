/**
 * The one shape every import reader produces: a grid of cells, row by row, whatever the file
 * (XLSX, CSV, a Word table). Text stays text, numbers stay numbers (dates read from XLSX date
 * cells arrive as `YYYY-MM-DD` strings), an empty cell is null.
 */

/** One cell of an imported table. */
export type Cell = string | number | null;

/** The table of one sheet, file or Word table; `rows[i]` is line `i + 1` of the source. */
export interface Grid {
  rows: Cell[][];
}

/** The size limits of roadmap imports, per format (the README repeats them). */
export const IMPORT_LIMITS = {
  xlsxBytes: 20 * 1024 * 1024,
  csvBytes: 20 * 1024 * 1024,
  docxBytes: 10 * 1024 * 1024,
  /** Rows of one table (header and notes included). */
  rows: 50_000,
  columns: 100,
  /** What the ZIP entries of an XLSX or DOCX may unpack to in all, as declared. */
  unpackedBytes: 300 * 1024 * 1024,
  /** The most one entry may expand by (a zip bomb expands thousands of times). */
  ratio: 200,
  /** Characters of one cell. */
  cellChars: 20_000,
} as const;

/**
 * The text of a cell, trimmed; '' for an empty one. The apostrophe an export puts before a
 * text that would run as a formula (`'=…`) is taken off.
 */
export function cellText(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  const s = String(c).trim();
  return /^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s;
}
