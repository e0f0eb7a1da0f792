/**
 * Before/after of an audit event as rows a person can read: one per top-level field whose
 * value differs (an update stores only what changed; a creation has no before, a deletion no
 * after). Pure, so the rules are tested alone.
 */

/** One changed field. */
export interface DiffRow {
  field: string;
  before: string | null;
  after: string | null;
}

/** Fields that only describe the record, never worth a row. */
const SKIP = new Set(['version', 'createdAt', 'updatedAt']);

const show = (v: unknown): string | null => {
  if (v === undefined) return null;
  if (v === null) return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object' && v && 'ru' in v && Object.values(v).every((x) => typeof x === 'string'))
    return Object.entries(v as Record<string, string>)
      .map(([l, s]) => `${l}: ${s}`)
      .join(' · ');
  return JSON.stringify(v);
};

const asRecord = (v: unknown): Record<string, unknown> | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/** The rows of a diff; a value that is not an object is shown whole under the field «—». */
export function auditDiff(before: unknown, after: unknown): DiffRow[] {
  const b = asRecord(before);
  const a = asRecord(after);
  if ((before != null && !b) || (after != null && !a))
    return [{ field: '—', before: show(before ?? undefined), after: show(after ?? undefined) }];
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])].filter((k) => !SKIP.has(k));
  const rows: DiffRow[] = [];
  for (const k of keys) {
    const x = b?.[k];
    const y = a?.[k];
    if (JSON.stringify(x) === JSON.stringify(y)) continue;
    rows.push({ field: k, before: b ? show(x) : null, after: a ? show(y) : null });
  }
  return rows;
}
