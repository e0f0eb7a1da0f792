/**
 * What an import row changes in an existing measure: only the fields the file states, only
 * where they differ (so re-importing the same file changes nothing). Texts merge by language
 * (a Russian column leaves the Kazakh title alone); bodies are replaced only for the parties
 * whose columns the file has; a parent's status and progress are rolled up, never imported.
 */
import type { I18nText } from '../../contracts/common';
import type { Measure } from '../../contracts/roadmaps';
import type { PlannedMeasure } from './plan';

/** The fields of a measure update an import may send. */
export interface ImportPatch {
  title?: I18nText;
  description?: I18nText | null;
  startDate?: string;
  dueDate?: string;
  completionForm?: Measure['completionForm'];
  weight?: number;
  tier?: Measure['tier'];
  ownerPartyId?: string | null;
  status?: Measure['status'];
  progress?: number;
  sphereIds?: string[];
  provisionIds?: string[];
  responsible?: { organisationId: string; role: 'lead' | 'co_executor' }[];
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();
const i18nEq = (a: I18nText | null, b: I18nText | null) =>
  JSON.stringify(Object.entries(a ?? {}).sort()) === JSON.stringify(Object.entries(b ?? {}).sort());

/** The title a row gives a measure: its languages over the current ones. */
export function mergedTitle(cur: I18nText | null, t: PlannedMeasure['title']): I18nText | null {
  const ru = t.ru ?? cur?.ru;
  if (!ru) return null;
  const out: I18nText = { ...(cur ?? {}), ru };
  if (t.kk) out.kk = t.kk;
  if (t.en) out.en = t.en;
  return out;
}

/** The changes of `row` against `cur`; an empty object when the row changes nothing. */
export function importPatch(row: PlannedMeasure, cur: Measure, hasChildren: boolean): ImportPatch {
  const p: ImportPatch = {};
  const title = mergedTitle(cur.title, row.title);
  if (title && !i18nEq(title, cur.title)) p.title = title;
  if (row.section) return p;
  if (row.description !== undefined) {
    const d = row.description === null ? null : { ...(cur.description ?? {}), ru: row.description };
    if (!i18nEq(d, cur.description)) p.description = d;
  }
  if (row.startDate && row.startDate !== cur.startDate) p.startDate = row.startDate;
  if (row.dueDate && row.dueDate !== cur.dueDate) p.dueDate = row.dueDate;
  if (row.completionForm && row.completionForm !== cur.completionForm) p.completionForm = row.completionForm;
  if (row.weight !== undefined && row.weight !== cur.weight) p.weight = row.weight;
  if (row.tier && row.tier !== cur.tier) p.tier = row.tier;
  if (row.ownerPartyId !== undefined && row.tier && row.ownerPartyId !== cur.ownerPartyId)
    p.ownerPartyId = row.ownerPartyId;
  if (!hasChildren) {
    if (row.status && row.status !== cur.status) p.status = row.status;
    if (row.progress !== undefined && row.progress !== cur.progress) p.progress = row.progress;
  }
  if (row.sphereIds && !sameSet(row.sphereIds, cur.sphereIds)) p.sphereIds = row.sphereIds;
  if (row.provisionIds && !sameSet(row.provisionIds, cur.provisionIds)) p.provisionIds = row.provisionIds;
  if (row.responsible && row.bodyParties) {
    const kept = cur.responsible.filter((r) => !row.bodyParties!.includes(r.partyId));
    const next = [...kept, ...row.responsible].map((r) => ({
      organisationId: r.organisationId,
      role: r.role,
    }));
    const key = (a: { organisationId: string; role: string }[]) =>
      a.map((r) => `${r.organisationId}:${r.role}`);
    if (!sameSet(key(next), key(cur.responsible)) && next.length > 0) p.responsible = next;
  }
  return p;
}
