import { Button, Group, Paper, Spoiler, Stack, Text, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useAgreement, useProvisions } from '../../api/agreements';
import { canManageReference } from '../../api/permissions';
import { useRoadmapsOfAgreement } from '../../api/roadmaps';
import { useMe } from '../../api/session';
import { LocalizedText, useLocalize } from '../../components/LocalizedText';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { AgreementDetails } from './components/AgreementDetails';
import { AgreementDialog } from './components/AgreementDialog';
import { AmendmentsSection } from './components/AmendmentsSection';
import { DocumentsSection } from './components/DocumentsSection';
import { useMeasuresByProvision } from './components/ProvisionItem';
import { ProvisionsSection } from './components/ProvisionsSection';
import { ImportProvisionsButton } from '../provision-import/ImportProvisionsButton';

/**
 * One agreement: its details and parties, full text, documents, amendments, and its
 * provisions in reading order, each with its spheres and the measures that implement it.
 * The secretariat edits all of it here.
 */
export default function AgreementPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const l = useLocalize();
  const admin = canManageReference(useMe());
  const agreement = useAgreement(id);
  const provisions = useProvisions(id);
  const roadmaps = useRoadmapsOfAgreement(id);
  const measures = useMeasuresByProvision((roadmaps.data ?? []).map((r) => r.id));
  const [editing, setEditing] = useState(false);
  const a = agreement.data;

  const amendedBy = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const am of a?.amendments ?? [])
      for (const pid of am.changedProvisionIds) map.set(pid, [...(map.get(pid) ?? []), l.str(am.title)]);
    return map;
  }, [a, l]);

  return (
    <QueryState query={agreement}>
      {a && (
        <Stack gap="md">
          <PageHeader
            title={<LocalizedText value={a.title} />}
            documentTitle={l.str(a.title)}
            breadcrumbs={[{ label: t('agreements.title'), to: '/agreements' }, { label: l.str(a.title) }]}
            actions={
              <Group gap="xs">
                {admin && (
                  <Button
                    variant="light"
                    leftSection={<IconPencil size={16} aria-hidden />}
                    onClick={() => setEditing(true)}
                  >
                    {t('common.edit')}
                  </Button>
                )}
                <ImportProvisionsButton agreementId={a.id} />
              </Group>
            }
          />
          <AgreementDetails agreement={a} roadmaps={roadmaps.data ?? []} />
          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="agr-text">
            <Title order={2} fz="lg" id="agr-text" mb="sm">
              {t('agreements.fullText')}
            </Title>
            {a.fullText ? (
              <Spoiler
                maxHeight={220}
                showLabel={t('agreements.showText')}
                hideLabel={t('agreements.hideText')}
              >
                <Text fz="sm" style={{ whiteSpace: 'pre-line' }} data-testid="agreement-full-text">
                  <LocalizedText value={a.fullText} />
                </Text>
              </Spoiler>
            ) : (
              <Text fz="sm" c="gray.8">
                {t('workbench.agreement.noFullText')}
              </Text>
            )}
          </Paper>
          <DocumentsSection agreementId={a.id} />
          <AmendmentsSection agreement={a} provisions={provisions.data ?? []} />
          <ProvisionsSection agreement={a} measures={measures} amendedBy={amendedBy} />
          {editing && <AgreementDialog editing={a} onClose={() => setEditing(false)} />}
        </Stack>
      )}
    </QueryState>
  );
}
