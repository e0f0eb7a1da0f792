/** The measure's relations: responsible bodies by party, provisions, dependencies and children. */
import { Anchor, Grid, Group, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Measure, Organisation, Party } from '../../../../contracts';
import { useProvisionsByIds } from '../../../api/agreements';
import { useMeasureChildren, useMeasuresByIds } from '../../../api/measures';
import { EmptyState, Flags, LocalizedText, QueryState, Section, StatusBadge } from '../../../components';
import { orgLabel, textOf } from '../../roadmap/format';

/** A linked measure with its status and flags. */
function MeasureLink({ measure: x }: { measure: Measure }) {
  const { i18n } = useTranslation();
  return (
    <Group gap="xs" wrap="wrap" align="flex-start">
      <Anchor
        component={Link}
        to={`/measures/${x.id}`}
        size="sm"
        className="accord-wrap"
        style={{ flex: '1 1 200px' }}
      >
        <strong>{x.code}</strong> {textOf(x.title, i18n.language)}
      </Anchor>
      <StatusBadge status={x.status} size="sm" />
      <Flags overdue={x.overdue} atRisk={x.atRisk} compact />
    </Group>
  );
}

const plainList = { listStyle: 'none', padding: 0, margin: 0 } as const;

/** Responsible bodies of each party, leads first. */
function Responsible({ measure: m, parties, orgById }: MeasureRelationsProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const partiesOf = parties.filter((p) => m.responsible.some((r) => r.partyId === p.id));
  if (partiesOf.length === 0) return <EmptyState>{t('measure.noResponsible')}</EmptyState>;
  return (
    <Stack gap="sm">
      {partiesOf.map((p) => (
        <div key={p.id}>
          <Text fw={600} size="sm" component="h3" m={0}>
            {textOf(p.name, lang)}
          </Text>
          <List size="sm" spacing={2} mt={4}>
            {m.responsible
              .filter((r) => r.partyId === p.id)
              .sort((a, b) => (a.role === b.role ? 0 : a.role === 'lead' ? -1 : 1))
              .map((r) => {
                const name = orgLabel(orgById.get(r.organisationId), lang);
                return (
                  <List.Item key={r.organisationId}>
                    {r.role === 'lead' ? <strong>{name}</strong> : name} —{' '}
                    {t(`enums.responsibleRole.${r.role}`)}
                  </List.Item>
                );
              })}
          </List>
        </div>
      ))}
    </Stack>
  );
}

/** Props: the measure and the reference lists that name its bodies. */
export interface MeasureRelationsProps {
  measure: Measure;
  parties: readonly Party[];
  orgById: ReadonlyMap<string, Organisation>;
}

/** Four sections in two columns (one on phones). */
export function MeasureRelations(props: MeasureRelationsProps) {
  const { measure: m } = props;
  const { t } = useTranslation();
  const provisions = useProvisionsByIds(m.provisionIds);
  const deps = useMeasuresByIds(m.dependsOn);
  const children = useMeasureChildren(m.id, m.childCount > 0);
  const half = { base: 12, md: 6 } as const;
  return (
    <Grid gap="md">
      <Grid.Col span={half}>
        <Section title={t('measure.responsible')} id="measure-responsible">
          <Responsible {...props} />
        </Section>
      </Grid.Col>
      <Grid.Col span={half}>
        <Section title={t('measure.provisions')} id="measure-provisions">
          {m.provisionIds.length === 0 ? (
            <EmptyState>{t('measure.noProvisions')}</EmptyState>
          ) : (
            <QueryState query={provisions}>
              <List size="sm" spacing={6}>
                {(provisions.data ?? []).map((p, i) =>
                  p ? (
                    <List.Item key={p.id}>
                      <Anchor component={Link} to={`/agreements/${p.agreementId}`} size="sm" fw={600}>
                        {t('agreements.provisionNumber', { number: p.number })}
                      </Anchor>{' '}
                      <LocalizedText value={p.text} />
                    </List.Item>
                  ) : (
                    <List.Item key={m.provisionIds[i]}>{t('measure.unavailable')}</List.Item>
                  ),
                )}
              </List>
            </QueryState>
          )}
        </Section>
      </Grid.Col>
      <Grid.Col span={half}>
        <Section title={t('measure.dependencies')} id="measure-dependencies">
          {m.dependsOn.length === 0 ? (
            <EmptyState>{t('measure.noDependencies')}</EmptyState>
          ) : (
            <QueryState query={deps}>
              <Stack gap={6} component="ul" style={plainList}>
                {(deps.data ?? []).map((d, i) => (
                  <li key={m.dependsOn[i]}>{d ? <MeasureLink measure={d} /> : t('measure.unavailable')}</li>
                ))}
              </Stack>
            </QueryState>
          )}
        </Section>
      </Grid.Col>
      <Grid.Col span={half}>
        <Section title={t('measure.children')} id="measure-children">
          {m.childCount === 0 ? (
            <EmptyState>{t('measure.noChildren')}</EmptyState>
          ) : (
            <QueryState query={children}>
              <Stack gap={6} component="ul" style={plainList}>
                {(children.data ?? []).map((c) => (
                  <li key={c.id}>
                    <MeasureLink measure={c} />
                  </li>
                ))}
              </Stack>
            </QueryState>
          )}
        </Section>
      </Grid.Col>
    </Grid>
  );
}
