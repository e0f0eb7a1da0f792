/**
 * Reconciliation (`/reconciliation`, coordinators and admins): the disputed measures of the
 * roadmap, newest period first; choosing one shows both parties' claims side by side with the
 * confirm and dissent form for coordinators of a responsible party.
 */
import { Card, Grid, NavLink, SegmentedControl, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { JointState } from '../../../contracts';
import { useJointStatus, useJointStatuses } from '../../api/joint-statuses';
import { useReference } from '../../api/reference';
import { pickDefaultRoadmap, useRoadmaps } from '../../api/roadmaps';
import { useSession } from '../../api/session';
import { EmptyState, LocalizedText, PageHeader, QueryState } from '../../components';
import { JointStateBadge } from './components/JointStateBadge';
import { JointStatusView } from './components/JointStatusView';

const FILTERS: JointState[] = ['disputed', 'awaiting_reports', 'confirmed'];

export default function ReconciliationPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const user = useSession().data?.user ?? null;
  const roadmaps = useRoadmaps();
  const roadmap = pickDefaultRoadmap(roadmaps.data ?? []);
  const state = (FILTERS.find((f) => f === params.get('state')) ?? 'disputed') as JointState;
  const list = useJointStatuses({ roadmapId: roadmap?.id, state }, !!roadmap);
  const selectedId = params.get('id') ?? undefined;
  const detail = useJointStatus(selectedId);
  const ref = useReference();
  const set = (k: string, v: string | null) =>
    setParams((p) => {
      const n = new URLSearchParams(p);
      if (v) n.set(k, v);
      else n.delete(k);
      return n;
    });
  return (
    <>
      <PageHeader title={t('joint.pageTitle')} subtitle={t('joint.pageIntro')} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="sm">
            <SegmentedControl
              fullWidth
              size="xs"
              aria-label={t('joint.filter')}
              value={state}
              onChange={(v) => set('state', v)}
              data={FILTERS.map((f) => ({ value: f, label: t(`joint.state.${f}`) }))}
            />
            <QueryState query={list}>
              {list.data && list.data.data.length === 0 ? (
                <EmptyState>{t('joint.none')}</EmptyState>
              ) : (
                <Card withBorder padding={0} component="nav" aria-label={t('joint.listLabel')}>
                  {list.data?.data.map((j) => (
                    <NavLink
                      key={j.id}
                      component="button"
                      active={j.id === selectedId}
                      // gray keeps the active row's text at AA contrast (blue on light blue does not)
                      color="gray"
                      c="gray.9"
                      aria-current={j.id === selectedId ? 'true' : undefined}
                      onClick={() => set('id', j.id)}
                      label={
                        <Text size="sm" fw={600}>
                          {j.measure.code} · {j.period.code}
                        </Text>
                      }
                      description={
                        <Text span size="xs" c="gray.8">
                          <LocalizedText value={j.measure.title} />
                        </Text>
                      }
                      rightSection={<JointStateBadge state={j.state} />}
                    />
                  ))}
                </Card>
              )}
            </QueryState>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          {!selectedId ? (
            <Text size="sm" c="gray.8">
              {t('joint.choose')}
            </Text>
          ) : (
            <QueryState query={detail}>
              {detail.data && <JointStatusView detail={detail.data} user={user} partyById={ref.partyById} />}
            </QueryState>
          )}
        </Grid.Col>
      </Grid>
    </>
  );
}
