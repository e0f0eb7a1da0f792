/**
 * The measure page (`/measures/:id`): every field, the provisions it implements, the
 * responsible bodies of each party, dependencies, children and history; an edit form for
 * those allowed to edit (the policy decides which fields).
 */
import { Alert, Badge, Box, Button, Card, Group, Stack, Text } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useMeasure, useMeasuresByIds } from '../../api/measures';
import { useEditableFields } from '../../api/permissions';
import { useReference } from '../../api/reference';
import { useRoadmaps } from '../../api/roadmaps';
import { useSession } from '../../api/session';
import {
  ErrorAlert,
  Flags,
  LoadingState,
  PageHeader,
  ProgressBar,
  Section,
  StatusBadge,
} from '../../components';
import { Comments } from '../comments/Comments';
import { textOf } from '../roadmap/format';
import { roadmapHref } from '../roadmap/urlState';
import { IndicatorsSection } from '../indicators/IndicatorsSection';
import { JointStatusSection } from './components/JointStatusSection';
import { JointStateBadge } from '../reconciliation/components/JointStateBadge';
import { MeasureDetails } from './components/MeasureDetails';
import { MeasureRelations } from './components/MeasureRelations';
import { MeasureEditForm } from './MeasureEditForm';
import { MeasureHistory } from './MeasureHistory';
import { MeasureActions } from './workbench/MeasureActions';
import { MeasureReports } from '../reports/components/MeasureReports';
import { PlanHistorySection } from '../changes/PlanHistorySection';

/** The measure page, lazily loaded by the router. */
export default function MeasurePage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const user = useSession().data?.user ?? null;
  const measure = useMeasure(id);
  const ref = useReference();
  const roadmaps = useRoadmaps();
  const [editing, setEditing] = useState(false);
  const [savedNote, setSavedNote] = useState(false);

  const m = measure.data;
  const parent = useMeasuresByIds(m?.parentId ? [m.parentId] : []);
  const roadmap = roadmaps.data?.find((r) => r.id === m?.roadmapId);
  const allowed = useEditableFields(m);

  if (measure.isLoading) return <LoadingState />;
  if (measure.error || !m) {
    const notFound = isApiError(measure.error) && measure.error.status === 404;
    return (
      <>
        <PageHeader title={t('measure.title')} breadcrumbs={[{ label: t('nav.roadmap'), to: '/roadmap' }]} />
        {notFound ? (
          <Alert color="orange" variant="light" role="alert">
            {t('measure.notFound')}
          </Alert>
        ) : (
          <ErrorAlert error={measure.error} onRetry={() => measure.refetch()} />
        )}
      </>
    );
  }

  const title = textOf(m.title, lang);
  const parentMeasure = parent.data?.[0] ?? null;

  return (
    <Box>
      <PageHeader
        title={`${m.code} ${title}`}
        documentTitle={`${m.code} ${title}`}
        breadcrumbs={[
          {
            label: roadmap ? textOf(roadmap.title, lang) : t('nav.roadmap'),
            to: roadmapHref({ roadmap: m.roadmapId }),
          },
          ...(parentMeasure ? [{ label: parentMeasure.code, to: `/measures/${parentMeasure.id}` }] : []),
          { label: m.code },
        ]}
        actions={
          <Group gap="xs">
            {allowed.length > 0 && !editing && (
              <Button
                leftSection={<IconPencil size={16} aria-hidden />}
                onClick={() => {
                  setSavedNote(false);
                  setEditing(true);
                }}
              >
                {t('measure.edit')}
              </Button>
            )}
            {user && <MeasureActions measure={m} roadmap={roadmap} user={user} />}
          </Group>
        }
      />
      <Group gap="sm" mb="md" wrap="wrap">
        <StatusBadge status={m.status} size="lg" />
        <Flags overdue={m.overdue} atRisk={m.atRisk} lateReport={m.lateReport} />
        {m.disputed && <JointStateBadge state="disputed" />}
        <ProgressBar value={m.progress} label={t('fields.progress')} w={220} />
        <Badge variant="outline" color="gray" c="gray.9" radius="sm" tt="none">
          {t(`enums.tier.${m.tier}`)}
        </Badge>
      </Group>
      {user && allowed.length === 0 && (
        <Text size="sm" c="gray.8" mb="md">
          {t('measure.readOnly')}
        </Text>
      )}
      {savedNote && (
        <Alert
          color="green"
          variant="light"
          mb="md"
          role="status"
          withCloseButton
          onClose={() => setSavedNote(false)}
          closeButtonLabel={t('common.close')}
        >
          <Text size="sm" c="#1b5e20" fw={600}>
            {t('common.saved')}
          </Text>
        </Alert>
      )}

      <Stack gap="md">
        {editing && user && (
          <Card withBorder padding="md">
            <MeasureEditForm
              key={m.version}
              measure={m}
              user={user}
              roadmap={roadmap}
              parties={ref.parties}
              spheres={ref.spheres}
              organisations={ref.organisations}
              onDone={(saved) => {
                setEditing(false);
                setSavedNote(!!saved);
              }}
              onReload={() => measure.refetch()}
            />
          </Card>
        )}
        <MeasureDetails
          measure={m}
          parent={parentMeasure}
          roadmap={roadmap}
          partyById={ref.partyById}
          sphereById={ref.sphereById}
        />
        <MeasureRelations measure={m} parties={ref.parties} orgById={ref.orgById} />
        <Comments target={{ kind: 'measure', id: m.id }} />
        <MeasureReports measureId={m.id} />
        <JointStatusSection measureId={m.id} partyById={ref.partyById} />
        <IndicatorsSection measure={m} partyById={ref.partyById} />
        <PlanHistorySection measure={m} />
        <Section title={t('measure.history')} id="measure-history">
          <MeasureHistory
            measureId={m.id}
            reference={{ partyById: ref.partyById, sphereById: ref.sphereById, orgById: ref.orgById }}
          />
        </Section>
      </Stack>
    </Box>
  );
}
