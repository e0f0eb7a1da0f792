/**
 * A report's evidence files: download links for all who see the report; for its writers,
 * while it is editable, deletion and an upload with a progress bar (XMLHttpRequest's upload
 * progress) whose refusal (size, type) is the server's message.
 */
import { ActionIcon, Anchor, Button, FileInput, Group, Stack, Table, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Report } from '../../../../contracts';
import { evidenceHref, useDeleteEvidence, useUploadEvidence } from '../../../api/reports';
import { ErrorAlert, Section, UploadProgress } from '../../../components';
import { useFormat } from '../../../i18n';

const ACCEPT = '.pdf,.docx,.xlsx,.png,.jpg,.jpeg,.gif,.webp';

const size = (n: number, fmt: (v: number) => string) =>
  n >= 1024 * 1024 ? `${fmt(Math.round((n / 1024 / 1024) * 10) / 10)} MB` : `${fmt(Math.ceil(n / 1024))} KB`;

export function EvidenceSection({ report, editable }: { report: Report; editable: boolean }) {
  const { t } = useTranslation();
  const { formatDate, formatNumber } = useFormat();
  const upload = useUploadEvidence(report.id);
  const remove = useDeleteEvidence(report.id);
  const [file, setFile] = useState<File | null>(null);
  const [share, setShare] = useState(0);
  const send = () => {
    if (!file) return;
    setShare(0);
    upload.mutate({ report, file, onProgress: setShare }, { onSuccess: () => setFile(null) });
  };
  const files = report.evidenceFiles;
  return (
    <Section id="report-evidence" title={t('reports.evidence.title')}>
      <Stack gap="sm">
        {files.length === 0 ? (
          <Text size="sm">{t('reports.evidence.none')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={320}>
            <Table verticalSpacing={4}>
              <Table.Tbody>
                {files.map((f) => (
                  <Table.Tr key={f.id}>
                    <Table.Td className="accord-wrap">
                      <Anchor
                        href={evidenceHref(f.id)}
                        aria-label={t('reports.evidence.download', { name: f.fileName })}
                      >
                        {f.fileName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{size(f.size, (v) => formatNumber(v))}</Table.Td>
                    <Table.Td>{formatDate(f.uploadedAt)}</Table.Td>
                    {editable && (
                      <Table.Td>
                        <ActionIcon
                          variant="default"
                          aria-label={t('reports.evidence.deleteLabel', { name: f.fileName })}
                          loading={remove.isPending && remove.variables?.fileId === f.id}
                          onClick={() => remove.mutate({ fileId: f.id, version: report.version })}
                        >
                          <IconTrash size={16} aria-hidden />
                        </ActionIcon>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <ErrorAlert error={remove.error ?? upload.error} />
        {editable && (
          <Group align="flex-end" gap="sm" wrap="wrap">
            <FileInput
              label={t('reports.evidence.choose')}
              value={file}
              onChange={setFile}
              accept={ACCEPT}
              clearable
              style={{ flex: '1 1 260px' }}
              data-testid="evidence-input"
            />
            <Button onClick={send} disabled={!file} loading={upload.isPending}>
              {t('reports.evidence.upload')}
            </Button>
          </Group>
        )}
        {upload.isPending && <UploadProgress share={share} label={t('reports.evidence.upload')} />}
      </Stack>
    </Section>
  );
}
