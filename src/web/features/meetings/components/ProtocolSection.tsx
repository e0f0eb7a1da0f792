/**
 * The meeting's protocol: a download link with its file name and size for every reader; for
 * the secretariat an upload (PDF or DOCX, up to 20 MB) with a progress bar, a confirmation
 * before a protocol already there is replaced, and the server's refusal (size, type) in the
 * user's language. A held meeting still takes its protocol: it is signed after the meeting.
 */
import { Anchor, Button, FileInput, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Meeting } from '../../../../contracts';
import { protocolHref, useUploadProtocol } from '../../../api/meetings';
import { ErrorAlert, Section, UploadProgress } from '../../../components';
import { useFormat } from '../../../i18n';
import { ConfirmDialog } from '../../../components/Dialogs';

const ACCEPT =
  '.pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** The API's limit, said before a long upload is refused at its end. */
export const PROTOCOL_MAX_BYTES = 20 * 1024 * 1024;

/** «340 КБ», «1,2 МБ» in the UI language. */
export function useFileSize() {
  const { t } = useTranslation();
  const { formatNumber } = useFormat();
  return (n: number) =>
    n >= 1024 * 1024
      ? t('meetingForm.mb', { size: formatNumber(Math.round((n / 1024 / 1024) * 10) / 10) })
      : t('meetingForm.kb', { size: formatNumber(Math.max(1, Math.ceil(n / 1024))) });
}

/** The section; `manage`: the user may attach the protocol. */
export function ProtocolSection({ meeting, manage }: { meeting: Meeting; manage: boolean }) {
  const { t } = useTranslation();
  const size = useFileSize();
  const upload = useUploadProtocol(meeting.id);
  const [file, setFile] = useState<File | null>(null);
  const [share, setShare] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const [tooBig, setTooBig] = useState(false);
  const p = meeting.protocol;

  const send = () => {
    setConfirming(false);
    if (!file) return;
    setShare(0);
    upload.mutate({ file, onProgress: setShare }, { onSuccess: () => setFile(null) });
  };
  const choose = (f: File | null) => {
    upload.reset();
    setFile(f);
    setTooBig(!!f && f.size > PROTOCOL_MAX_BYTES);
  };

  return (
    <Section id="meeting-protocol" title={t('meetings.protocol')}>
      <Stack gap="sm">
        {p ? (
          <Group gap="xs" wrap="wrap">
            <Anchor
              href={protocolHref(meeting.id)}
              download={p.fileName}
              className="accord-wrap"
              data-testid="protocol-link"
            >
              {t('meetings.download', { name: p.fileName })}
            </Anchor>
            <Text span size="sm" c="gray.8">
              {size(p.size)}
            </Text>
          </Group>
        ) : (
          <Text size="sm">{t('meetings.noProtocol')}</Text>
        )}
        {manage && (
          <Group align="flex-end" gap="sm" wrap="wrap">
            <FileInput
              label={p ? t('meetingForm.replaceProtocol') : t('meetingForm.chooseProtocol')}
              description={t('meetingForm.protocolHint')}
              value={file}
              onChange={choose}
              accept={ACCEPT}
              clearable
              error={tooBig ? t('meetingForm.tooBig', { size: size(PROTOCOL_MAX_BYTES) }) : undefined}
              style={{ flex: '1 1 260px' }}
              data-testid="protocol-input"
            />
            <Button
              onClick={() => (p ? setConfirming(true) : send())}
              disabled={!file || tooBig}
              loading={upload.isPending}
            >
              {t('meetingForm.upload')}
            </Button>
          </Group>
        )}
        <ErrorAlert error={upload.error} />
        {upload.isPending && <UploadProgress share={share} label={t('meetingForm.upload')} />}
      </Stack>
      {confirming && p && file && (
        <ConfirmDialog
          onClose={() => setConfirming(false)}
          title={t('meetingForm.replaceTitle')}
          error={null}
          busy={false}
          color="blue"
          confirmLabel={t('meetingForm.replace')}
          onConfirm={send}
        >
          <Text size="sm">{t('meetingForm.replaceText', { old: p.fileName, name: file.name })}</Text>
        </ConfirmDialog>
      )}
    </Section>
  );
}
