/**
 * The measure edit form's values and the PATCH built from them: pure, so the rules (only
 * fields that are allowed and changed; empty translations left out) are testable alone.
 */
import type { I18nText, Measure } from '../../../contracts';
import type { MeasureField } from '../../api/permissions';
import type { ResponsibleEntry } from './ResponsibleEditor';

/** A multilingual text as the form holds it: every language a string. */
export type Texts = { ru: string; kk: string; en: string };

/** The form's values: what the inputs show. */
export interface FormValues {
  title: Texts;
  description: Texts;
  startDate: string;
  dueDate: string;
  completionForm: Measure['completionForm'];
  weight: number | string;
  tier: Measure['tier'];
  ownerPartyId: string;
  status: Measure['status'];
  progress: number | string;
  sphereIds: string[];
  provisionIds: string[];
  responsible: ResponsibleEntry[];
  dependsOn: string[];
}

/** I18nText → form texts. */
export const texts = (v: I18nText | null): Texts => ({ ru: v?.ru ?? '', kk: v?.kk ?? '', en: v?.en ?? '' });

/** The form's values for a measure as loaded. */
export function valuesOf(m: Measure): FormValues {
  return {
    title: texts(m.title),
    description: texts(m.description),
    startDate: m.startDate,
    dueDate: m.dueDate,
    completionForm: m.completionForm,
    weight: m.weight,
    tier: m.tier,
    ownerPartyId: m.ownerPartyId ?? '',
    status: m.status,
    progress: m.progress,
    sphereIds: [...m.sphereIds],
    provisionIds: [...m.provisionIds],
    responsible: m.responsible.map((r) => ({ organisationId: r.organisationId, role: r.role })),
    dependsOn: [...m.dependsOn],
  };
}

/** Form texts → I18nText: empty translations are left out, not sent as ''. */
function toI18n(v: Texts): I18nText {
  return { ru: v.ru, ...(v.kk.trim() ? { kk: v.kk } : {}), ...(v.en.trim() ? { en: v.en } : {}) };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const sortedSame = (a: string[], b: string[]) => same([...a].sort(), [...b].sort());

/** The PATCH body: only fields that are both allowed and changed. */
export function buildPatch(
  m: Measure,
  v: FormValues,
  allowed: readonly MeasureField[],
): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  const may = (f: MeasureField) => allowed.includes(f);
  if (may('title') && !same(toI18n(v.title), toI18n(texts(m.title)))) patch.title = toI18n(v.title);
  if (may('description')) {
    const next =
      v.description.ru.trim() || v.description.kk.trim() || v.description.en.trim()
        ? toI18n(v.description)
        : null;
    const cur = m.description ? toI18n(texts(m.description)) : null;
    if (!same(next, cur)) patch.description = next;
  }
  if (may('startDate') && v.startDate !== m.startDate) patch.startDate = v.startDate;
  if (may('dueDate') && v.dueDate !== m.dueDate) patch.dueDate = v.dueDate;
  if (may('completionForm') && v.completionForm !== m.completionForm) patch.completionForm = v.completionForm;
  if (may('weight') && Number(v.weight) !== m.weight)
    patch.weight = v.weight === '' ? Number.NaN : Number(v.weight);
  if (may('tier') && v.tier !== m.tier) patch.tier = v.tier;
  if (may('ownerPartyId')) {
    const owner = v.tier === 'internal' ? v.ownerPartyId || null : null;
    if (owner !== m.ownerPartyId) patch.ownerPartyId = owner;
  }
  if (may('status') && v.status !== m.status) patch.status = v.status;
  if (may('progress') && Number(v.progress) !== m.progress)
    patch.progress = v.progress === '' ? Number.NaN : Number(v.progress);
  if (may('sphereIds') && !sortedSame(v.sphereIds, m.sphereIds)) patch.sphereIds = v.sphereIds;
  if (may('provisionIds') && !sortedSame(v.provisionIds, m.provisionIds)) patch.provisionIds = v.provisionIds;
  if (may('dependsOn') && !sortedSame(v.dependsOn, m.dependsOn)) patch.dependsOn = v.dependsOn;
  if (may('responsible')) {
    const cur = m.responsible.map((r) => `${r.organisationId}:${r.role}`).sort();
    const next = v.responsible.map((r) => `${r.organisationId}:${r.role}`).sort();
    if (!same(cur, next)) patch.responsible = v.responsible;
  }
  return patch;
}

/**
 * Whether a PATCH changes the plan (anything but status and progress, which reports move):
 * in an approved roadmap such a change needs a reason.
 */
export const needsReason = (patch: Record<string, unknown>) =>
  Object.keys(patch).some((k) => k !== 'status' && k !== 'progress' && k !== 'reason' && k !== 'version');

/** What every section of the form gets: the values, a setter, errors by path and the policy. */
export interface SectionProps {
  values: FormValues;
  set: <K extends keyof FormValues>(k: K, v: FormValues[K]) => void;
  /** The first error at `path` or below it. */
  errAt: (path: string) => string | undefined;
  /** Errors by exact path. */
  errors: Readonly<Record<string, string>>;
  may: (f: MeasureField) => boolean;
}
