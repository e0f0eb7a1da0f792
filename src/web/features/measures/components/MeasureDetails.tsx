/** The measure's own fields as a term/value list: dates, status, weight, tier, owner, parent, stamps. */
import { Anchor, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Measure, Party, Roadmap, Sphere } from '../../../../contracts';
import { Facts, LocalizedText, Section } from '../../../components';
import { useFormat } from '../../../i18n';
import { textOf } from '../../roadmap/format';
import { roadmapHref } from '../../roadmap/urlState';

/** Props: the measure, its parent and roadmap when loaded, and the names of parties and spheres. */
export interface MeasureDetailsProps {
  measure: Measure;
  parent: Measure | null;
  roadmap: Roadmap | undefined;
  partyById: ReadonlyMap<string, Party>;
  sphereById: ReadonlyMap<string, Sphere>;
}

/** The «Details» section of the measure page. */
export function MeasureDetails({ measure: m, parent, roadmap, partyById, sphereById }: MeasureDetailsProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { formatDate, formatDateTime, formatNumber } = useFormat();
  const items: [string, ReactNode][] = [
    [t('fields.code'), m.code],
    [t('fields.startDate'), formatDate(m.startDate)],
    [
      t('fields.dueDate'),
      <span key="due" style={m.overdue ? { color: '#c92a2a', fontWeight: 700 } : undefined}>
        {formatDate(m.dueDate)}
      </span>,
    ],
    [t('fields.status'), t(`enums.status.${m.status}`)],
    [t('fields.progress'), t('common.percent', { value: m.progress })],
    [t('fields.completionLevel'), t(`enums.completionLevel.${m.completionLevel}`)],
    [t('fields.completionForm'), t(`enums.completionForm.${m.completionForm}`)],
    [t('fields.weight'), formatNumber(m.weight)],
    [t('fields.tier'), t(`enums.tier.${m.tier}`)],
  ];
  if (m.ownerPartyId)
    items.push([t('fields.ownerPartyId'), textOf(partyById.get(m.ownerPartyId)?.name, lang)]);
  items.push(
    [
      t('fields.sphereIds'),
      m.sphereIds.map((s) => textOf(sphereById.get(s)?.name, lang)).join(', ') || t('common.empty'),
    ],
    [
      t('measure.parent'),
      parent ? (
        <Anchor key="parent" component={Link} to={`/measures/${parent.id}`} size="sm">
          {parent.code} {textOf(parent.title, lang)}
        </Anchor>
      ) : (
        t('common.empty')
      ),
    ],
    [
      t('measure.roadmap'),
      <Anchor key="rm" component={Link} to={roadmapHref({ roadmap: m.roadmapId })} size="sm">
        {roadmap ? textOf(roadmap.title, lang) : t('nav.roadmap')}
      </Anchor>,
    ],
    [t('fields.childCount'), formatNumber(m.childCount)],
    [t('fields.createdAt'), formatDateTime(m.createdAt)],
    [t('fields.updatedAt'), formatDateTime(m.updatedAt)],
    [t('fields.version'), String(m.version)],
  );
  return (
    <Section title={t('measure.details')} id="measure-details">
      <Stack gap="md">
        {m.description && (
          <LocalizedText value={m.description} component="p" className="accord-measure-description" />
        )}
        <Facts items={items} />
      </Stack>
    </Section>
  );
}
