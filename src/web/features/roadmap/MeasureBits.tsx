/**
 * Responsible bodies of one party in a table cell. Status, flags and progress come from
 * the shared components (src/web/components).
 */
import { Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Measure, Organisation } from '../../../contracts';
import { orgLabel } from './format';

/**
 * The lead first, in bold and named as lead for screen readers, then the co-executors.
 */
export function ResponsibleOfParty({
  measure,
  partyId,
  orgById,
}: {
  measure: Pick<Measure, 'responsible'>;
  partyId: string;
  orgById: ReadonlyMap<string, Organisation>;
}) {
  const { t, i18n } = useTranslation();
  const list = measure.responsible
    .filter((r) => r.partyId === partyId)
    .sort((a, b) => (a.role === b.role ? 0 : a.role === 'lead' ? -1 : 1));
  if (!list.length)
    return (
      <Text c="gray.8" size="sm" component="span">
        {t('common.empty')}
      </Text>
    );
  const names = list.map((r) => orgLabel(orgById.get(r.organisationId), i18n.language)).join(', ');
  return (
    <Text size="sm" component="span" lineClamp={2} title={names}>
      {list.map((r, i) => {
        const name = orgLabel(orgById.get(r.organisationId), i18n.language) || t('measure.unavailable');
        return (
          <span key={r.organisationId}>
            {i > 0 && ', '}
            {r.role === 'lead' ? (
              <>
                <strong>{name}</strong>
                <VisuallyHidden> ({t('enums.responsibleRole.lead')})</VisuallyHidden>
              </>
            ) : (
              name
            )}
          </span>
        );
      })}
    </Text>
  );
}
