/** Both parties' claims side by side: status, progress, narrative, evidence, indicator values. */
import { Anchor, Card, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { JointStatusDetail, Party } from '../../../../contracts';
import { LocalizedText, ProgressBar, StatusBadge } from '../../../components';
import { useFormat } from '../../../i18n';

export interface ClaimsProps {
  detail: JointStatusDetail;
  partyById: ReadonlyMap<string, Party>;
}

export function ClaimsSideBySide({ detail, partyById }: ClaimsProps) {
  const { t } = useTranslation();
  const { formatNumber } = useFormat();
  const byParty = new Map(detail.claims.map((c) => [c.partyId, c]));
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      {detail.responsiblePartyIds.map((partyId) => {
        const c = byParty.get(partyId);
        const party = partyById.get(partyId);
        const name = party ? <LocalizedText value={party.name} /> : partyId;
        return (
          <Card
            key={partyId}
            withBorder
            padding="sm"
            component="section"
            aria-label={t('joint.claimOf', { party: party?.code ?? '' })}
          >
            <Title order={3} fz="md" mb={6}>
              {name}
            </Title>
            {!c ? (
              <Text size="sm" c="gray.8">
                {t('joint.noClaim')}
              </Text>
            ) : (
              <Stack gap={6}>
                <StatusBadge status={c.status} />
                <ProgressBar value={c.progress} label={t('fields.progress')} />
                {c.state !== 'approved' && (
                  <Text size="xs" c="gray.8">
                    {t('joint.notApprovedYet', { state: t(`joint.reportState.${c.state}`) })}
                  </Text>
                )}
                {c.narrative && (
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    <LocalizedText value={{ ru: c.narrative.ru ?? '', ...c.narrative }} />
                  </Text>
                )}
                {(c.evidenceFiles.length > 0 || c.evidenceLinks.length > 0) && (
                  <List size="sm" spacing={2} aria-label={t('joint.evidence')}>
                    {c.evidenceFiles.map((f) => (
                      <List.Item key={f.id}>
                        <Anchor href={`/api/v1/evidence/${f.id}`}>{f.name}</Anchor>{' '}
                        <Text span size="xs" c="gray.8">
                          {t('joint.kb', { size: formatNumber(Math.max(1, Math.round(f.size / 1024))) })}
                        </Text>
                      </List.Item>
                    ))}
                    {c.evidenceLinks.map((l) => (
                      <List.Item key={l.url}>
                        <Anchor href={l.url} target="_blank" rel="noreferrer">
                          {l.title || l.url}
                        </Anchor>
                      </List.Item>
                    ))}
                  </List>
                )}
                {c.indicatorValues.length > 0 && (
                  <Text size="xs" c="gray.8">
                    {t('joint.indicatorValues', { count: c.indicatorValues.length })}
                  </Text>
                )}
              </Stack>
            )}
          </Card>
        );
      })}
    </SimpleGrid>
  );
}
