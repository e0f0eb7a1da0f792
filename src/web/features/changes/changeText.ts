/** A change of a diff in words: «срок: 30.06.2026 → 31.12.2026, позже на 184 дн.». */
import type { TFunction } from 'i18next';
import type { PlanDiff } from '../../../contracts';
import { formatDateText } from '../../components';

type Change = PlanDiff['changed'][number]['changes'][number];
type Names = (id: string) => string;

const text = (v: Change['old'], lang: string): string => {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'object') return v[lang as 'ru'] || v.ru;
  return String(v);
};

/** Each change of a measure as one line; organisations, spheres and parties are named. */
export function changeLines(
  changes: readonly Change[],
  t: TFunction,
  lang: string,
  names: {
    org: Names;
    sphere: Names;
    party: Names;
    status: (s: string) => string;
    tier: (s: string) => string;
  },
): string[] {
  return changes.flatMap((c) => {
    const field = t(`changes.fields.${c.field}`);
    if (c.field === 'responsible' || c.field === 'sphereIds') {
      const name = c.field === 'responsible' ? names.org : names.sphere;
      const out: string[] = [];
      if (c.added?.length) out.push(t('changes.listAdded', { field, names: c.added.map(name).join(', ') }));
      if (c.removed?.length)
        out.push(t('changes.listRemoved', { field, names: c.removed.map(name).join(', ') }));
      return out;
    }
    if (c.field === 'startDate' || c.field === 'dueDate') {
      const from = formatDateText(String(c.old), lang);
      const to = formatDateText(String(c.new), lang);
      const days = c.days ?? 0;
      return [t(days >= 0 ? 'changes.later' : 'changes.earlier', { field, from, to, days: Math.abs(days) })];
    }
    const show = (v: Change['old']) =>
      c.field === 'status' && typeof v === 'string'
        ? names.status(v)
        : c.field === 'tier' && typeof v === 'string'
          ? names.tier(v)
          : c.field === 'ownerPartyId' && typeof v === 'string'
            ? names.party(v)
            : c.field === 'progress'
              ? `${text(v, lang)} %`
              : c.field === 'parentId'
                ? ''
                : text(v, lang);
    if (c.field === 'parentId') return [t(`changes.fields.parentId`)];
    return [t('changes.value', { field, from: show(c.old), to: show(c.new) })];
  });
}
