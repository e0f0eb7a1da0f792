/**
 * The provision import (issue 10 §5), for admins: paste an agreement's text or upload a TXT or
 * DOCX file, review the split (numbers, texts, spheres; merge, split, remove), then save the
 * list in one go. Reached from the agreement page.
 */
import { Alert, Button, Checkbox, FileInput, Group, List, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ProvisionImportPreview } from '../../../contracts';
import { useAgreement } from '../../api/agreements';
import { usePreviewImport, useSaveImport } from '../../api/provision-import';
import { useSpheres } from '../../api/reference';
import { ErrorAlert, PageHeader, QueryState, Section, useLocalize } from '../../components';
import { ProvisionDraftRow } from './components/ProvisionDraftRow';
import { SphereKeywordsEditor } from './components/SphereKeywordsEditor';
import { type Draft, fromPreview, mergeNext, problemsOf, splitAt } from './review';

const FORMATS = 'TXT, DOCX';

/** The import page, lazily loaded by the router. */
export default function ProvisionImportPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const l = useLocalize();
  const agreement = useAgreement(id);
  const spheres = useSpheres();
  const preview = usePreviewImport(id);
  const save = useSaveImport(id);
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ProvisionImportPreview | null>(null);
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [replace, setReplace] = useState(false);

  const split = async () => {
    save.reset();
    const r = await preview.mutateAsync(file ? { file } : { text }).catch(() => null);
    if (!r) return;
    setResult(r);
    setDrafts(fromPreview(r));
  };
  const restart = () => {
    setResult(null);
    setDrafts([]);
    preview.reset();
    save.reset();
  };
  const problems = problemsOf(drafts);
  const lang = result?.language ?? 'ru';
  const submit = () =>
    save.mutate({
      replace,
      provisions: drafts.map((d) => ({
        number: d.number.trim(),
        // the API needs the Russian text; a Kazakh or English text is kept in its own language too
        text: lang === 'ru' ? { ru: d.text.trim() } : { ru: d.text.trim(), [lang]: d.text.trim() },
        sphereIds: d.sphereIds,
      })),
    });
  const a = agreement.data;

  return (
    <QueryState query={agreement}>
      {a && (
        <Stack gap="md">
          <PageHeader
            title={t('provisionImport.title')}
            documentTitle={t('provisionImport.title')}
            breadcrumbs={[
              { label: t('agreements.title'), to: '/agreements' },
              { label: l.str(a.title), to: `/agreements/${a.id}` },
              { label: t('provisionImport.title') },
            ]}
          />
          {!result ? (
            <Section id="import-source" title={t('provisionImport.sourceTitle')}>
              <Stack gap="sm">
                <Text size="sm">{t('provisionImport.intro', { formats: FORMATS })}</Text>
                <Textarea
                  label={t('provisionImport.paste')}
                  value={text}
                  onChange={(e) => setText(e.currentTarget.value)}
                  autosize
                  minRows={8}
                  maxRows={20}
                  disabled={!!file}
                />
                <FileInput
                  label={t('provisionImport.file', { formats: FORMATS })}
                  value={file}
                  onChange={setFile}
                  accept=".txt,.docx,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                  clearable
                />
                {preview.error ? <ErrorAlert error={preview.error} /> : null}
                <Group>
                  <Button onClick={split} loading={preview.isPending} disabled={!file && !text.trim()}>
                    {t('provisionImport.split')}
                  </Button>
                </Group>
              </Stack>
            </Section>
          ) : (
            <Section id="import-review" title={t('provisionImport.found', { count: drafts.length })}>
              <Stack gap="sm">
                {result.skipped.length > 0 && (
                  <details>
                    <summary>
                      <Text span size="sm">
                        {t('provisionImport.skipped', { count: result.skipped.length })}
                      </Text>
                    </summary>
                    <List size="sm" mt="xs" spacing={2}>
                      {result.skipped.map((s, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list from one dry run
                        <List.Item key={i}>
                          <strong>{t(`provisionImport.skippedKinds.${s.kind}`)}:</strong>{' '}
                          {s.text.slice(0, 200)}
                        </List.Item>
                      ))}
                    </List>
                  </details>
                )}
                <Stack component="ol" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
                  {drafts.map((d, i) => (
                    <ProvisionDraftRow
                      key={d.key}
                      draft={d}
                      index={i}
                      isLast={i === drafts.length - 1}
                      spheres={spheres.data ?? []}
                      problem={problems.get(d.key)}
                      onChange={(patch) =>
                        setDrafts((list) => list.map((x) => (x.key === d.key ? { ...x, ...patch } : x)))
                      }
                      onMerge={() => setDrafts((list) => mergeNext(list, i))}
                      onSplit={(caret) => setDrafts((list) => splitAt(list, i, caret))}
                      onRemove={() => setDrafts((list) => list.filter((x) => x.key !== d.key))}
                    />
                  ))}
                </Stack>
                {result.existing.length > 0 && (
                  <Checkbox
                    checked={replace}
                    onChange={(e) => setReplace(e.currentTarget.checked)}
                    label={t('provisionImport.replace')}
                    description={t('provisionImport.existingNumbers', {
                      numbers: result.existing.join(', '),
                    })}
                  />
                )}
                {save.error ? <ErrorAlert error={save.error} /> : null}
                {save.data && (
                  <Alert color="green" variant="light" role="status">
                    <Text size="sm" c="#1b5e20" fw={600}>
                      {t('provisionImport.saved', { count: save.data.created + save.data.updated })}{' '}
                      <Link to={`/agreements/${a.id}`}>{l.str(a.title)}</Link>
                    </Text>
                  </Alert>
                )}
                <Group>
                  <Button
                    onClick={submit}
                    loading={save.isPending}
                    disabled={drafts.length === 0 || problems.size > 0 || !!save.data}
                  >
                    {t('provisionImport.save', { count: drafts.length })}
                  </Button>
                  <Button variant="default" onClick={restart}>
                    {t('provisionImport.again')}
                  </Button>
                </Group>
              </Stack>
            </Section>
          )}
          <Section id="import-keywords" title={t('provisionImport.keywordsTitle')}>
            <SphereKeywordsEditor />
          </Section>
        </Stack>
      )}
    </QueryState>
  );
}
