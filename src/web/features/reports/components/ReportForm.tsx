/**
 * The editable part of a draft or returned report: the claimed status and progress, the
 * narrative in each language and the evidence links. Saves with the version read; a stale
 * version or a refused value comes back as the server's message.
 */
import {
  ActionIcon,
  Button,
  Group,
  NativeSelect,
  NumberInput,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MEASURE_STATUSES, type MeasureStatus, type Report } from '../../../../contracts';
import { isApiError } from '../../../api/client';
import { useUpdateReport } from '../../../api/reports';
import { ErrorAlert } from '../../../components';
import { type IndicatorValueDraft, IndicatorValuesInput } from '../../indicators/IndicatorValuesInput';

const LANGS = ['ru', 'kk', 'en'] as const;

/** The indicator values sent: those with a value (an empty one is not reported). */
const filled = (values: readonly IndicatorValueDraft[]) => values.filter((v) => v.value.trim() !== '');

/**
 * The server's messages about `indicatorValues.N.…` (N counts the values sent), keyed by the
 * index in `values` that the inputs show them at.
 */
function indicatorErrors(error: unknown, values: readonly IndicatorValueDraft[]): Record<number, string> {
  const out: Record<number, string> = {};
  const sent = filled(values);
  for (const d of isApiError(error) ? error.details : []) {
    const m = /^indicatorValues\.(\d+)\./.exec(d.path);
    const id = m ? sent[Number(m[1])]?.indicatorId : undefined;
    if (id) out[values.findIndex((v) => v.indicatorId === id)] = d.message;
  }
  return out;
}

export function ReportForm({ report }: { report: Report }) {
  const { t } = useTranslation();
  const save = useUpdateReport(report.id);
  const [status, setStatus] = useState<MeasureStatus>(report.status);
  const [progress, setProgress] = useState<number>(report.progress);
  const [narrative, setNarrative] = useState({
    ru: report.narrative?.ru ?? '',
    kk: report.narrative?.kk ?? '',
    en: report.narrative?.en ?? '',
  });
  const [links, setLinks] = useState(report.evidenceLinks.map((x) => ({ ...x })));
  const [values, setValues] = useState<IndicatorValueDraft[]>(
    report.indicatorValues.map((v) => ({
      indicatorId: v.indicatorId,
      value: String(v.value),
      source: v.source ?? '',
    })),
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      {
        version: report.version,
        status,
        progress,
        narrative,
        evidenceLinks: links.filter((x) => x.url.trim() !== ''),
        // an indicator left empty is not reported; the server reads «12,5» as 12.5
        indicatorValues: filled(values).map((v) => ({
          indicatorId: v.indicatorId,
          value: v.value.trim(),
          source: v.source.trim() || null,
        })),
      },
      {
        onSuccess: () =>
          notifications.show({
            color: 'green',
            message: t('reports.report.saved'),
            closeButtonProps: { 'aria-label': t('common.close') },
          }),
      },
    );
  };
  const setLink = (i: number, k: 'url' | 'title', v: string) =>
    setLinks((ls) => ls.map((x, j) => (j === i ? { ...x, [k]: v } : x)));

  return (
    <form onSubmit={submit} noValidate data-testid="report-form">
      <Stack gap="sm">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <NativeSelect
            label={t('reports.report.status')}
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value as MeasureStatus)}
            data={MEASURE_STATUSES.map((s) => ({ value: s, label: t(`enums.status.${s}`) }))}
            w={{ base: '100%', xs: 240 }}
          />
          <NumberInput
            label={t('reports.report.progress')}
            value={progress}
            onChange={(v) => setProgress(typeof v === 'number' ? v : Number(v) || 0)}
            min={0}
            max={100}
            clampBehavior="strict"
            allowDecimal={false}
            w={{ base: '100%', xs: 160 }}
          />
        </Group>
        <Text fw={600}>{t('reports.report.narrative')}</Text>
        {LANGS.map((lng) => (
          <Textarea
            key={lng}
            label={t('reports.report.narrativeLang', { lang: t(`locales.${lng}`) })}
            lang={lng}
            value={narrative[lng]}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setNarrative((n) => ({ ...n, [lng]: v }));
            }}
            autosize
            minRows={lng === 'ru' ? 3 : 2}
            maxLength={20000}
          />
        ))}
        <Text fw={600}>{t('reports.report.links')}</Text>
        {links.map((x, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: links have no identity of their own while edited
          <Group key={i} gap="xs" align="flex-end" wrap="wrap">
            <TextInput
              label={t('reports.report.linkUrl')}
              type="url"
              value={x.url}
              onChange={(e) => setLink(i, 'url', e.currentTarget.value)}
              style={{ flex: '2 1 220px' }}
            />
            <TextInput
              label={t('reports.report.linkTitle')}
              value={x.title}
              onChange={(e) => setLink(i, 'title', e.currentTarget.value)}
              style={{ flex: '1 1 160px' }}
            />
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={t('reports.report.removeLink', { n: i + 1 })}
              onClick={() => setLinks((ls) => ls.filter((_, j) => j !== i))}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button variant="default" onClick={() => setLinks((ls) => [...ls, { url: '', title: '' }])}>
            {t('reports.report.addLink')}
          </Button>
        </Group>
        <IndicatorValuesInput
          measureId={report.measureId}
          value={values}
          onChange={setValues}
          errors={indicatorErrors(save.error, values)}
        />
        <ErrorAlert error={save.error} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('reports.report.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
