/**
 * The import page (`/roadmap/import?roadmap=…`, administrators): choose a file, see the dry
 * run (columns recognised, counts, problems by row and column, unmatched organisations with
 * suggestions, the first rows), map the columns it did not know (and save the mapping for
 * next time), then import — all or nothing.
 */
import {
  Alert,
  Anchor,
  Box,
  Button,
  Checkbox,
  FileInput,
  Group,
  NativeSelect,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { ImportResult } from '../../../contracts';
import { useImportFile, useImportMapping, useSaveImportMapping } from '../../api/imports';
import { useReference } from '../../api/reference';
import { useRoadmaps } from '../../api/roadmaps';
import { ErrorAlert, PageHeader, Section } from '../../components';
import { textOf } from '../roadmap/format';
import { ColumnMapping } from './components/ColumnMapping';
import { ImportPreview } from './components/ImportPreview';

/** The roadmap import page, lazily loaded by the router. */
export default function ImportPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const roadmaps = useRoadmaps();
  const ref = useReference();
  const roadmapId = params.get('roadmap') ?? roadmaps.data?.[0]?.id ?? '';
  const saved = useImportMapping(roadmapId || undefined);
  const run = useImportFile();
  const save = useSaveImportMapping(roadmapId);
  const [file, setFile] = useState<File | null>(null);
  const [choice, setChoice] = useState('');
  const [create, setCreate] = useState(false);
  const [keepMapping, setKeepMapping] = useState(false);
  const [mapping, setMapping] = useState<Record<string, string | null>>({});
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);

  useEffect(() => {
    if (saved.data) setMapping(saved.data.mapping);
  }, [saved.data]);

  const submit = async (dryRun: boolean) => {
    if (!file || !roadmapId) return;
    setDone(null);
    const res = await run.mutateAsync({
      roadmapId,
      file,
      dryRun,
      createOrganisations: create,
      mapping,
      choice,
    });
    if (dryRun) setPreview(res);
    else {
      setDone(res);
      setPreview(null);
      if (keepMapping) await save.mutateAsync({ mapping, version: saved.data?.version ?? null });
    }
  };
  const lang = i18n.language;
  const parties = (ref.parties ?? []).map((p) => ({ code: p.code, name: textOf(p.name, lang) }));
  const canImport = !!preview && preview.errors.length === 0 && !run.isPending;

  return (
    <Box>
      <PageHeader
        title={t('import.title')}
        breadcrumbs={[
          { label: t('roadmap.title'), to: `/roadmap?roadmap=${roadmapId}` },
          { label: t('import.title') },
        ]}
      />
      <Stack gap="md" maw={960}>
        <Section id="import-file" title={t('import.fileStep')}>
          <Stack gap="sm">
            <NativeSelect
              label={t('roadmap.chooseRoadmap')}
              value={roadmapId}
              onChange={(e) => {
                setParams({ roadmap: e.currentTarget.value });
                setPreview(null);
              }}
              data={(roadmaps.data ?? []).map((r) => ({ value: r.id, label: textOf(r.title, lang) }))}
            />
            <FileInput
              label={t('import.file')}
              description={t('import.limits')}
              accept=".xlsx,.csv,.docx"
              value={file}
              onChange={(f) => {
                setFile(f);
                setPreview(null);
              }}
              clearable
              clearButtonProps={{ 'aria-label': t('import.clearFile') }}
              data-testid="import-file"
            />
            <TextInput
              label={t('import.choice')}
              description={t('import.choiceHint')}
              value={choice}
              onChange={(e) => setChoice(e.currentTarget.value)}
            />
            <Checkbox
              label={t('import.createOrganisations')}
              checked={create}
              onChange={(e) => setCreate(e.currentTarget.checked)}
            />
            <Group>
              <Button onClick={() => submit(true)} disabled={!file} loading={run.isPending && !preview}>
                {t('import.check')}
              </Button>
            </Group>
          </Stack>
        </Section>
        {run.error && <ErrorAlert error={run.error} />}
        {done && (
          <Alert color="green" variant="light" role="status" title={t('import.done')}>
            <Text size="sm">
              {t('import.doneText', { create: done.create, update: done.update, unchanged: done.unchanged })}
            </Text>
            <Anchor component={Link} to={`/roadmap?roadmap=${roadmapId}`} size="sm">
              {t('import.openRoadmap')}
            </Anchor>
          </Alert>
        )}
        {preview && (
          <>
            <Section id="import-mapping" title={t('import.mappingStep')}>
              <Text size="sm" mb="sm" c="gray.8">
                {t('import.mappingHint')}
              </Text>
              <ColumnMapping
                columns={preview.columns}
                parties={parties}
                value={mapping}
                onChange={setMapping}
              />
              <Group mt="sm">
                <Button variant="default" onClick={() => submit(true)} loading={run.isPending}>
                  {t('import.checkAgain')}
                </Button>
                <Checkbox
                  label={t('import.saveMapping')}
                  checked={keepMapping}
                  onChange={(e) => setKeepMapping(e.currentTarget.checked)}
                />
              </Group>
            </Section>
            <ImportPreview result={preview} />
            <Group>
              <Button onClick={() => submit(false)} disabled={!canImport} loading={run.isPending}>
                {t('import.import')}
              </Button>
              {preview.errors.length > 0 && (
                <Text size="sm" c="red.8">
                  {t('import.fixFirst')}
                </Text>
              )}
            </Group>
          </>
        )}
      </Stack>
    </Box>
  );
}
