/** An agreement's details: kind, status, signing, binding, parties, the roadmaps implementing it. */
import { Anchor, Badge, Group, List, Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Agreement, Roadmap } from '../../../../contracts';
import { useParties } from '../../../api/reference';
import { LocalizedText, useLocalize } from '../../../components/LocalizedText';
import { useFormat } from '../../../i18n';

/** The details panel. */
export function AgreementDetails({ agreement: a, roadmaps }: { agreement: Agreement; roadmaps: Roadmap[] }) {
  const { t } = useTranslation();
  const l = useLocalize();
  const { formatDate } = useFormat();
  const parties = useParties();
  return (
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
      {roadmaps.length > 0 && (
        <>
          <Text fz="xs" c="gray.8" fw={600} mt="md">
            {t('agreements.roadmaps')}
          </Text>
          <List size="sm" mt={4}>
            {roadmaps.map((r) => (
              <List.Item key={r.id}>
                <Anchor component={Link} to={`/roadmap?roadmap=${r.id}`} c="blue.9" fz="sm">
                  <LocalizedText value={r.title} />
                </Anchor>{' '}
                <Text span fz="xs" c="gray.8">
                  ({t(`enums.roadmapStatus.${r.status}`)}, {t('counts.measures', { count: r.measureCount })})
                </Text>
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Paper>
  );
}
