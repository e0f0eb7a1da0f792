import { Accordion, Anchor, Badge, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Provision } from '../../../contracts';
import { useAgreement, useProvisions } from '../../api/agreements';
import { useParties, useSpheres } from '../../api/reference';
import { useRoadmapsOfAgreement } from '../../api/roadmaps';
import { LocalizedText, useLocalize } from '../../components/LocalizedText';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, QueryState } from '../../components/QueryState';
import { useFormat } from '../../i18n';
import { ImportProvisionsButton } from '../provision-import/ImportProvisionsButton';
import { ProvisionItem, useMeasuresByProvision } from './components/ProvisionItem';

/**
 * One agreement: its details, parties, roadmaps, and its provisions grouped by sphere, each
 * with the measures that implement it and their status.
 */
export default function AgreementPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const l = useLocalize();
  const { formatDate } = useFormat();
  const agreement = useAgreement(id);
  const provisions = useProvisions(id);
  const roadmaps = useRoadmapsOfAgreement(id);
  const parties = useParties();
  const spheres = useSpheres();
  const roadmapIds = (roadmaps.data ?? []).map((r) => r.id);
  const measures = useMeasuresByProvision(roadmapIds);

  const groups = useMemo(() => {
    const list = [...(provisions.data ?? [])].sort((a, b) => a.position - b.position);
    const out: { key: string; name: React.ReactNode; items: Provision[] }[] = [];
    for (const s of spheres.data ?? []) {
      const items = list.filter((p) => p.sphereIds.includes(s.id));
      if (items.length) out.push({ key: s.id, name: <LocalizedText value={s.name} />, items });
    }
    const known = new Set((spheres.data ?? []).map((s) => s.id));
    const none = list.filter((p) => !p.sphereIds.some((sid) => known.has(sid)));
    if (none.length) out.push({ key: 'none', name: t('agreements.noSphere'), items: none });
    return out;
  }, [provisions.data, spheres.data, t]);

  const a = agreement.data;
  return (
    <QueryState query={agreement}>
      {a && (
        <Stack gap="md">
          <PageHeader
            title={<LocalizedText value={a.title} />}
            documentTitle={l.str(a.title)}
            breadcrumbs={[{ label: t('agreements.title'), to: '/agreements' }, { label: l.str(a.title) }]}
            actions={<ImportProvisionsButton agreementId={a.id} />}
          />
          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="agr-details">
            <Title order={2} fz="lg" id="agr-details" mb="sm">
              {t('common.details')}
            </Title>
            <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" component="dl" style={{ margin: 0 }}>
              {[
                [t('agreements.kind'), t(`enums.agreementKind.${a.kind}`)],
                [t('agreements.status'), t(`enums.agreementStatus.${a.status}`)],
                [t('agreements.signedOn'), formatDate(a.signedOn, 'long') || t('common.empty')],
                [
                  t('agreements.signedPlace'),
                  <LocalizedText key="p" value={a.signedPlace} empty={t('common.empty')} />,
                ],
                [t('agreements.binding'), a.binding ? t('common.yes') : t('common.no')],
                [t('agreements.provisions'), t('counts.provisions', { count: a.provisionCount })],
              ].map(([k, v]) => (
                <div key={String(k)}>
                  <Text component="dt" fz="xs" c="gray.8" fw={600}>
                    {k}
                  </Text>
                  <Text component="dd" fz="sm" m={0}>
                    {v}
                  </Text>
                </div>
              ))}
            </SimpleGrid>
            <Text fz="xs" c="gray.8" fw={600} mt="md">
              {t('agreements.parties')}
            </Text>
            <Group gap="xs" mt={4} data-testid="agreement-parties">
              {a.partyIds.map((pid) => {
                const p = parties.data?.find((x) => x.id === pid);
                return (
                  <Badge
                    key={pid}
                    variant="light"
                    color="blue"
                    radius="sm"
                    size="lg"
                    style={{ textTransform: 'none' }}
                  >
                    {p ? `${l.str(p.name)} (${p.code})` : '…'}
                  </Badge>
                );
              })}
            </Group>
            {(roadmaps.data?.length ?? 0) > 0 && (
              <>
                <Text fz="xs" c="gray.8" fw={600} mt="md">
                  {t('agreements.roadmaps')}
                </Text>
                <List size="sm" mt={4}>
                  {roadmaps.data?.map((r) => (
                    <List.Item key={r.id}>
                      <Anchor component={Link} to={`/roadmap?roadmap=${r.id}`} c="blue.9" fz="sm">
                        <LocalizedText value={r.title} />
                      </Anchor>{' '}
                      <Text span fz="xs" c="gray.8">
                        ({t(`enums.roadmapStatus.${r.status}`)},{' '}
                        {t('counts.measures', { count: r.measureCount })})
                      </Text>
                    </List.Item>
                  ))}
                </List>
              </>
            )}
          </Paper>

          <section aria-labelledby="agr-provisions">
            <Title order={2} fz="lg" id="agr-provisions" mb="sm">
              {t('agreements.bySphere')}
            </Title>
            <QueryState
              query={[provisions, spheres, roadmaps, measures]}
              isEmpty={(provisions.data?.length ?? 0) === 0}
              empty={t('agreements.noProvisions')}
            >
              {groups.length === 0 ? (
                <EmptyState>{t('agreements.noProvisions')}</EmptyState>
              ) : (
                <Accordion multiple variant="separated" defaultValue={groups.slice(0, 1).map((g) => g.key)}>
                  {groups.map((g) => (
                    <Accordion.Item key={g.key} value={g.key}>
                      <Accordion.Control>
                        <Group gap="xs">
                          <Text fw={600}>{g.name}</Text>
                          <Text span fz="sm" c="gray.8">
                            {t('counts.provisions', { count: g.items.length })}
                          </Text>
                        </Group>
                      </Accordion.Control>
                      <Accordion.Panel>
                        <Stack gap="sm">
                          {g.items.map((p) => (
                            <ProvisionItem
                              key={p.id}
                              provision={p}
                              measures={measures.byProvision.get(p.id) ?? []}
                            />
                          ))}
                        </Stack>
                      </Accordion.Panel>
                    </Accordion.Item>
                  ))}
                </Accordion>
              )}
            </QueryState>
          </section>
        </Stack>
      )}
    </QueryState>
  );
}
