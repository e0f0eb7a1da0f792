/** How much of a file has been sent: the percentage in words (announced) and a bar. */
import { Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** `share` from 0 to 1; `label` names the bar (the upload's button text). */
export function UploadProgress({ share, label }: { share: number; label: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      <Text size="sm" role="status">
        {t('reports.evidence.uploading', { percent: Math.round(share * 100) })}
      </Text>
      <Progress value={share * 100} aria-label={label} />
    </Stack>
  );
}
