/**
 * "What changed" between two states of a roadmap's plan (issue 9 §3): measures added, removed
 * and changed, each change with its field, old and new value. Pure: the services load the two
 * sides (baselines, or the plan as it stood at the end of a day) and apply visibility before
 * and after calling it, so that a party never learns of the other party's internal measures.
 */
import { PLAN_FIELDS } from '../contracts/baselines';
import type { I18nText } from '../contracts/common';
import type { MeasureStatus, Tier } from '../contracts/enums';
import { codeSortKey, daysBetween } from './measures';
import { type Actor, canReadMeasure } from './policies';

export interface PlanResponsible {
  organisationId: string;
  partyId: string;
  role: 'lead' | 'co_executor';
}

/** One measure of a plan as a baseline keeps it. */
export interface PlanItem {
  measureId: string;
  parentId: string | null;
  code: string;
  title: I18nText;
  startDate: string;
  dueDate: string;
  tier: Tier;
  ownerPartyId: string | null;
  status: MeasureStatus;
  progress: number;
  responsible: PlanResponsible[];
  sphereIds: string[];
}

/** The fields a diff compares, in the order changes are listed. */
export { PLAN_FIELDS };
export type PlanField = (typeof PLAN_FIELDS)[number];

/** One changed field: old and new value; dates with the days moved; lists with what was added and removed. */
export interface PlanChange {
  field: PlanField;
  old?: string | number | I18nText | null;
  new?: string | number | I18nText | null;
  /** Days a date moved (positive: later). */
  days?: number;
  added?: string[];
  removed?: string[];
}

export interface ChangedItem {
  item: PlanItem;
  before: PlanItem;
  changes: PlanChange[];
}

export interface PlanDiff {
  added: PlanItem[];
  removed: PlanItem[];
  changed: ChangedItem[];
}

// sort keys computed once per code: a diff may list tens of thousands of measures
const keyCache = new Map<string, string>();
const sortKey = (code: string) => {
  let k = keyCache.get(code);
  if (k === undefined) {
    if (keyCache.size > 200_000) keyCache.clear();
    k = codeSortKey(code);
    keyCache.set(code, k);
  }
  return k;
};
const byCode = (a: { code: string }, b: { code: string }) => {
  const x = sortKey(a.code);
  const y = sortKey(b.code);
  return x < y ? -1 : x > y ? 1 : 0;
};

const respKey = (r: PlanResponsible) => `${r.organisationId}:${r.role}`;
const sameTitle = (a: I18nText, b: I18nText) =>
  (a.ru ?? '') === (b.ru ?? '') && (a.kk ?? '') === (b.kk ?? '') && (a.en ?? '') === (b.en ?? '');

/** The changes of one measure between two states (empty when it is the same). */
export function itemChanges(a: PlanItem, b: PlanItem): PlanChange[] {
  const out: PlanChange[] = [];
  for (const field of PLAN_FIELDS) {
    switch (field) {
      case 'title':
        if (!sameTitle(a.title, b.title)) out.push({ field, old: a.title, new: b.title });
        break;
      case 'startDate':
      case 'dueDate':
        if (a[field] !== b[field])
          out.push({ field, old: a[field], new: b[field], days: daysBetween(a[field], b[field]) });
        break;
      case 'responsible': {
        // organisation ids; a changed role lists the organisation as removed and added
        const was = new Set(a.responsible.map(respKey));
        const now = new Set(b.responsible.map(respKey));
        const org = (k: string) => k.slice(0, k.indexOf(':'));
        const added = [...now]
          .filter((k) => !was.has(k))
          .map(org)
          .sort();
        const removed = [...was]
          .filter((k) => !now.has(k))
          .map(org)
          .sort();
        if (added.length || removed.length) out.push({ field, added, removed });
        break;
      }
      case 'sphereIds': {
        const was = new Set(a.sphereIds);
        const now = new Set(b.sphereIds);
        const added = [...now].filter((k) => !was.has(k)).sort();
        const removed = [...was].filter((k) => !now.has(k)).sort();
        if (added.length || removed.length) out.push({ field, added, removed });
        break;
      }
      default:
        if (a[field] !== b[field]) out.push({ field, old: a[field], new: b[field] });
    }
  }
  return out;
}

/**
 * Compares two plans. Either side may hold only the measures that can differ (a diff of two
 * baselines loads only rows whose fingerprints differ): a measure on one side only is added
 * or removed, one on both sides is changed when a field differs. Each list is in code order.
 */
export function diffPlans(from: readonly PlanItem[], to: readonly PlanItem[]): PlanDiff {
  const before = new Map(from.map((m) => [m.measureId, m]));
  const after = new Map(to.map((m) => [m.measureId, m]));
  const added = to.filter((m) => !before.has(m.measureId)).sort(byCode);
  const removed = from.filter((m) => !after.has(m.measureId)).sort(byCode);
  const changed: ChangedItem[] = [];
  for (const b of to) {
    const a = before.get(b.measureId);
    if (!a) continue;
    const changes = itemChanges(a, b);
    if (changes.length) changed.push({ item: b, before: a, changes });
  }
  changed.sort((x, y) => byCode(x.item, y.item));
  return { added, removed, changed };
}

/** The items of a plan the actor may see (the tier rule of canReadMeasure on the frozen row). */
export const visiblePlan = (actor: Actor, items: readonly PlanItem[]) =>
  items.filter((m) => canReadMeasure(actor, m));

export type DiffKind = 'added' | 'removed' | 'changed';

export interface DiffFilter {
  sphereId?: string;
  partyId?: string;
  kinds?: readonly DiffKind[];
  /** Keep only changed measures with a change of one of these fields. */
  fields?: readonly PlanField[];
}

const touches = (m: PlanItem, f: DiffFilter) =>
  (!f.sphereId || m.sphereIds.includes(f.sphereId)) &&
  (!f.partyId || m.ownerPartyId === f.partyId || m.responsible.some((r) => r.partyId === f.partyId));

/** Narrows a diff: a measure matches a sphere or party filter when either of its states does. */
export function filterDiff(d: PlanDiff, f: DiffFilter): PlanDiff {
  const kinds = new Set(f.kinds?.length ? f.kinds : ['added', 'removed', 'changed']);
  const fields = f.fields?.length ? new Set<string>(f.fields) : null;
  return {
    added: kinds.has('added') && !fields ? d.added.filter((m) => touches(m, f)) : [],
    removed: kinds.has('removed') && !fields ? d.removed.filter((m) => touches(m, f)) : [],
    changed: kinds.has('changed')
      ? d.changed
          .filter((c) => touches(c.item, f) || touches(c.before, f))
          .map((c) => (fields ? { ...c, changes: c.changes.filter((x) => fields.has(x.field)) } : c))
          .filter((c) => c.changes.length > 0)
      : [],
  };
}

/** How many measures each list of a diff holds. */
export const diffCounts = (d: PlanDiff) => ({
  added: d.added.length,
  removed: d.removed.length,
  changed: d.changed.length,
});

/**
 * One page of a diff: `limit` measures from `offset` over changed, then added, then removed —
 * the order a reader meets them — each list keeping its own order.
 */
export function diffPage(d: PlanDiff, offset: number, limit: number): PlanDiff {
  let skip = offset;
  let left = limit;
  const take = <T>(list: readonly T[]): T[] => {
    const out = list.slice(Math.min(skip, list.length), Math.min(skip, list.length) + left);
    skip = Math.max(0, skip - list.length);
    left -= out.length;
    return out;
  };
  const changed = take(d.changed);
  const added = take(d.added);
  const removed = take(d.removed);
  return { added, removed, changed };
}
