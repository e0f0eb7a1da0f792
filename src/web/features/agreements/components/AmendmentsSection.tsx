/** What amends this agreement (and what it amends): links, dates, and the provisions changed. */
import { Anchor, List, Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Agreement, Provision } from '../../../../contracts';
import { useAgreement } from '../../../api/agreements';
import { LocalizedText } from '../../../components/LocalizedText';
import { useFormat } from '../../../i18n';

/** The section; shown only when the agreement amends another or is amended. */
export function AmendmentsSection({
  agreement,
  provisions,
}: {
  agreement: Agreement;
  provisions: Provision[];
}) {
  const { t } = useTranslation();
  const { formatDate } = useFormat();
  const amended = useAgreement(agreement.amendsAgreementId ?? undefined);
  const number = new Map(provisions.map((p) => [p.id, p.number]));
  if (!agreement.amendsAgreementId && agreement.amendments.length === 0) return null;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="agr-amendments">
      <Title order={2} fz="lg" id="agr-amendments" mb="sm">
        {t('workbench.amendments.title')}
      </Title>
      {agreement.amendsAgreementId && (
        <Text fz="sm" mb="sm">
          {t('workbench.amendments.amends')}{' '}
          <Anchor component={Link} to={`/agreements/${agreement.amendsAgreementId}`} c="blue.9">
            {amended.data ? <LocalizedText value={amended.data.title} /> : '…'}
          </Anchor>
        </Text>
      )}
      {agreement.amendments.length > 0 && (
        <>
          <Text fz="sm" fw={600}>
            {t('workbench.amendments.amendedBy')}
          </Text>
          <List size="sm" mt={4} data-testid="amendments">
            {agreement.amendments.map((a) => (
              <List.Item key={a.id}>
                <Anchor component={Link} to={`/agreements/${a.id}`} c="blue.9">
                  <LocalizedText value={a.title} />
                </Anchor>{' '}
                <Text span fz="xs" c="gray.8">
                  (
                  {[formatDate(a.signedOn), t(`enums.agreementStatus.${a.status}`)]
                    .filter(Boolean)
                    .join(', ')}
                  )
                </Text>
                {a.changedProvisionIds.length > 0 && (
                  <Text fz="xs">
                    {t('workbench.amendments.changes', {
                      numbers: a.changedProvisionIds.map((id) => number.get(id) ?? '…').join(', '),
                    })}
                  </Text>
                )}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Paper>
  );
}
