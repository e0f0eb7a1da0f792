/** An agreement's documents: download for every reader; attach (PDF, DOCX) and delete for the secretariat. */
import { ActionIcon, Anchor, FileButton, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPaperclip, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgreementDocument } from '../../../../contracts';
import {
  documentUrl,
  useAgreementDocuments,
  useDeleteDocument,
  useUploadDocument,
} from '../../../api/agreements';
import { canManageReference } from '../../../api/permissions';
import { useMe } from '../../../api/session';
import { ErrorAlert, QueryState } from '../../../components/QueryState';
import { useFormat } from '../../../i18n';
import { ConfirmDialog } from '../../../components/Dialogs';

/** The section. */
export function DocumentsSection({ agreementId }: { agreementId: string }) {
  const { t } = useTranslation();
  const { formatDate, formatNumber } = useFormat();
  const admin = canManageReference(useMe());
  const docs = useAgreementDocuments(agreementId);
  const upload = useUploadDocument(agreementId);
  const remove = useDeleteDocument(agreementId);
  const [deleting, setDeleting] = useState<AgreementDocument | null>(null);
  const list = docs.data ?? [];
  const kb = (n: number) =>
    t('workbench.documents.kb', { size: formatNumber(Math.max(1, Math.round(n / 1024))) });

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="agr-documents">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} fz="lg" id="agr-documents">
          {t('workbench.documents.title')}
        </Title>
        {admin && (
          <FileButton
            onChange={(f) => f && upload.mutate(f)}
            accept="application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,.pdf,.docx"
          >
            {(props) => (
              <Button
                {...props}
                variant="light"
                loading={upload.isPending}
                leftSection={<IconPaperclip size={16} aria-hidden />}
              >
                {t('workbench.documents.attach')}
              </Button>
            )}
          </FileButton>
        )}
      </Group>
      {upload.error ? <ErrorAlert error={upload.error} /> : null}
      <QueryState query={docs} isEmpty={list.length === 0} empty={t('workbench.documents.none')}>
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {list.map((d) => (
            <Group key={d.id} component="li" gap="xs" wrap="wrap" data-testid="agreement-document">
              <Anchor
                href={documentUrl(d.id)}
                download={d.fileName}
                c="blue.9"
                fz="sm"
                style={{ overflowWrap: 'anywhere' }}
              >
                {d.fileName}
              </Anchor>
              <Text span fz="xs" c="gray.8">
                {kb(d.size)} · {formatDate(d.uploadedAt.slice(0, 10))} ·{' '}
                <span title={d.sha256}>
                  {t('workbench.documents.checksum', { hash: `${d.sha256.slice(0, 12)}…` })}
                </span>
              </Text>
              {admin && (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  onClick={() => {
                    remove.reset();
                    setDeleting(d);
                  }}
                  aria-label={`${t('common.delete')}: ${d.fileName}`}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              )}
            </Group>
          ))}
        </Stack>
      </QueryState>
      {deleting && (
        <ConfirmDialog
          onClose={() => setDeleting(null)}
          title={t('workbench.documents.deleteTitle')}
          error={remove.error}
          busy={remove.isPending}
          confirmLabel={t('common.delete')}
          onConfirm={() => remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
        >
          <Text fz="sm">{t('workbench.documents.deleteText', { name: deleting.fileName })}</Text>
        </ConfirmDialog>
      )}
    </Paper>
  );
}
