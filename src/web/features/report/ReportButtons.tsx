/**
 * «Отчёт для комиссии (PDF)» and «(DOCX)»: each opens a small dialog with the as-of day, the
 * day changes are counted from and the document's language, then downloads the file.
 */
import { Button, Group, Modal, NativeSelect, Stack, Text } from '@mantine/core';
import { IconFileText, IconFileTypePdf } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../../../contracts';
import { msg, render } from '../../../contracts/messages';
import { useDownloadReport } from '../../api/report';
import { DateInput, ErrorAlert, isIsoDate } from '../../components';
import { fieldErrors } from '../../components/errors';
import { currentLocale } from '../../i18n';
import { todayIso } from '../roadmap/format';

const LANGUAGE_NAMES: Record<Locale, string> = { ru: 'Русский', kk: 'Қазақша', en: 'English' };

/** The two buttons and their dialog, for one roadmap. */
export function ReportButtons({ roadmapId }: { roadmapId: string }) {
  const { t } = useTranslation();
  const [format, setFormat] = useState<'pdf' | 'docx' | null>(null);
  return (
    <>
      <Group gap="xs" wrap="wrap" data-testid="report-buttons">
        <Button variant="light" leftSection={<IconFileTypePdf size={16} />} onClick={() => setFormat('pdf')}>
          {t('commissionReport.pdf')}
        </Button>
        <Button variant="light" leftSection={<IconFileText size={16} />} onClick={() => setFormat('docx')}>
          {t('commissionReport.docx')}
        </Button>
      </Group>
      {format && <ReportDialog roadmapId={roadmapId} format={format} onClose={() => setFormat(null)} />}
    </>
  );
}

function ReportDialog(p: { roadmapId: string; format: 'pdf' | 'docx'; onClose: () => void }) {
  const { t } = useTranslation();
  const download = useDownloadReport(p.roadmapId);
  const [asOf, setAsOf] = useState(todayIso());
  const [since, setSince] = useState('');
  const [locale, setLocale] = useState<Locale>(currentLocale());
  const [format, setFormat] = useState(p.format);
  const [local, setLocal] = useState<Record<string, string>>({});
  const errors = { ...fieldErrors(download.error, t), ...local };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const m: Record<string, string> = {};
    const notADate = render(currentLocale(), msg('date.format'));
    if (asOf && !isIsoDate(asOf)) m.asOf = notADate;
    if (since && !isIsoDate(since)) m.since = notADate;
    setLocal(m);
    if (Object.keys(m).length) return;
    download.mutate(
      { format, asOf: asOf || undefined, since: since || undefined, locale },
      { onSuccess: p.onClose },
    );
  };

  return (
    <Modal
      opened
      onClose={p.onClose}
      title={t('commissionReport.title')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text fz="sm" c="gray.8">
            {t('commissionReport.intro')}
          </Text>
          <DateInput
            label={t('commissionReport.asOf')}
            description={t('commissionReport.asOfHint')}
            value={asOf}
            onChange={setAsOf}
            error={errors.asOf}
            data-autofocus
          />
          <DateInput
            label={t('commissionReport.since')}
            description={t('commissionReport.sinceHint')}
            value={since}
            onChange={setSince}
            max={asOf || undefined}
            error={errors.since}
          />
          <Group grow align="flex-start">
            <NativeSelect
              label={t('commissionReport.language')}
              value={locale}
              onChange={(e) => setLocale(e.currentTarget.value as Locale)}
              data={LOCALES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
              error={errors.locale}
            />
            <NativeSelect
              label={t('commissionReport.format')}
              value={format}
              onChange={(e) => setFormat(e.currentTarget.value as 'pdf' | 'docx')}
              data={[
                { value: 'pdf', label: 'PDF' },
                { value: 'docx', label: 'DOCX' },
              ]}
            />
          </Group>
          {download.error && !Object.keys(fieldErrors(download.error, t)).length ? (
            <ErrorAlert error={download.error} />
          ) : null}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={p.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={download.isPending} data-testid="report-download">
              {download.isPending ? t('commissionReport.preparing') : t('commissionReport.download')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
