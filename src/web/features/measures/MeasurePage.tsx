/**
 * The measure page (`/measures/:id`): every field, the provisions it implements, the
 * responsible bodies of each party, dependencies, children and history; an edit form for
 * those allowed to edit (the policy decides which fields).
 */
import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Grid,
  Group,
  List,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Measure } from '../../../contracts';
import { editableMeasureFields } from '../../../domain/policies';
import { isApiError } from '../../api/client';
import {
  useMeasure,
  useMeasureChildren,
  useMeasuresByIds,
  useProvisionsByIds,
  useReference,
  useRoadmaps,
  useSession,
} from '../../api/hooks';
import {
  EmptyState,
  ErrorAlert,
  Flags,
  LoadingState,
  LocalizedText,
  PageHeader,
  ProgressBar,
  QueryState,
  StatusBadge,
} from '../../components';
import { useFormat } from '../../i18n';
import { actorOf, factsOf, orgLabel, textOf } from '../roadmap/format';
import { roadmapHref } from '../roadmap/urlState';
import { MeasureEditForm } from './MeasureEditForm';
import { MeasureHistory } from './MeasureHistory';

function Section({ title, children, id }: { title: string; children: ReactNode; id: string }) {
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id}>
      <Title order={2} fz="lg" mb="sm" id={id}>
        {title}
      </Title>
      {children}
    </Card>
  );
}

/** A term/value list that stacks on phones. */
function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <Box
      component="dl"
      m={0}
      style={{
        display: 'grid',
        gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))',
        gap: '12px 24px',
      }}
    >
      {items.map(([k, v]) => (
        <div key={k}>
          <Text component="dt" size="xs" c="gray.8" fw={600} tt="uppercase" style={{ letterSpacing: 0.3 }}>
            {k}
          </Text>
          <Text component="dd" m={0} size="sm">
            {v}
          </Text>
        </div>
      ))}
    </Box>
  );
}

/** The measure page, lazily loaded by the router. */
export default function MeasurePage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { formatDate, formatDateTime, formatNumber } = useFormat();
  const session = useSession();
  const user = session.data?.user ?? null;
  const measure = useMeasure(id);
  const ref = useReference();
  const roadmaps = useRoadmaps();
  const [editing, setEditing] = useState(false);
  const [savedNote, setSavedNote] = useState(false);

  const m = measure.data;
  const provisions = useProvisionsByIds(m?.provisionIds ?? []);
  const deps = useMeasuresByIds(m?.dependsOn ?? []);
  const parent = useMeasuresByIds(m?.parentId ? [m.parentId] : []);
  const children = useMeasureChildren(m?.id, (m?.childCount ?? 0) > 0);
  const roadmap = roadmaps.data?.find((r) => r.id === m?.roadmapId);
  const allowed = useMemo(
    () => (user && m ? editableMeasureFields(actorOf(user), factsOf(m)) : []),
    [user, m],
  );

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
  const partiesOf = ref.parties.filter((p) => m.responsible.some((r) => r.partyId === p.id));
  const measureLink = (x: Measure) => (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Anchor component={Link} to={`/measures/${x.id}`} size="sm" style={{ minWidth: 0 }}>
        <strong>{x.code}</strong> {textOf(x.title, lang)}
      </Anchor>
      <StatusBadge status={x.status} size="sm" />
      <Flags overdue={x.overdue} atRisk={x.atRisk} compact />
    </Group>
  );

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
          allowed.length > 0 && !editing ? (
            <Button
              leftSection={<IconPencil size={16} aria-hidden />}
              onClick={() => {
                setSavedNote(false);
                setEditing(true);
              }}
            >
              {t('measure.edit')}
            </Button>
          ) : undefined
        }
      />
      <Group gap="sm" mb="md" wrap="wrap">
        <StatusBadge status={m.status} size="lg" />
        <Flags overdue={m.overdue} atRisk={m.atRisk} />
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

        <Section title={t('measure.details')} id="measure-details">
          <Stack gap="md">
            {m.description && (
              <LocalizedText value={m.description} component="p" className="accord-measure-description" />
            )}
            <Facts
              items={[
                [t('fields.code'), m.code],
                [t('fields.startDate'), formatDate(m.startDate)],
                [
                  t('fields.dueDate'),
                  <span key="due" style={m.overdue ? { color: '#c92a2a', fontWeight: 700 } : undefined}>
                    {formatDate(m.dueDate)}
                  </span>,
                ],
                [t('fields.status'), t(`enums.status.${m.status}`)],
                [t('fields.progress'), t('common.percent', { value: m.progress })],
                [t('fields.completionLevel'), t(`enums.completionLevel.${m.completionLevel}`)],
                [t('fields.completionForm'), t(`enums.completionForm.${m.completionForm}`)],
                [t('fields.weight'), formatNumber(m.weight)],
                [t('fields.tier'), t(`enums.tier.${m.tier}`)],
                ...(m.ownerPartyId
                  ? ([[t('fields.ownerPartyId'), textOf(ref.partyById.get(m.ownerPartyId)?.name, lang)]] as [
                      string,
                      ReactNode,
                    ][])
                  : []),
                [
                  t('fields.sphereIds'),
                  m.sphereIds.map((s) => textOf(ref.sphereById.get(s)?.name, lang)).join(', ') ||
                    t('common.empty'),
                ],
                [
                  t('measure.parent'),
                  parentMeasure ? (
                    <Anchor key="parent" component={Link} to={`/measures/${parentMeasure.id}`} size="sm">
                      {parentMeasure.code} {textOf(parentMeasure.title, lang)}
                    </Anchor>
                  ) : (
                    t('common.empty')
                  ),
                ],
                [
                  t('measure.roadmap'),
                  <Anchor key="rm" component={Link} to={roadmapHref({ roadmap: m.roadmapId })} size="sm">
                    {roadmap ? textOf(roadmap.title, lang) : t('nav.roadmap')}
                  </Anchor>,
                ],
                [t('fields.childCount'), formatNumber(m.childCount)],
                [t('fields.createdAt'), formatDateTime(m.createdAt)],
                [t('fields.updatedAt'), formatDateTime(m.updatedAt)],
                [t('fields.version'), String(m.version)],
              ]}
            />
          </Stack>
        </Section>

        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Section title={t('measure.responsible')} id="measure-responsible">
              {partiesOf.length === 0 ? (
                <EmptyState>{t('measure.noResponsible')}</EmptyState>
              ) : (
                <Stack gap="sm">
                  {partiesOf.map((p) => (
                    <div key={p.id}>
                      <Text fw={600} size="sm" component="h3" m={0}>
                        {textOf(p.name, lang)}
                      </Text>
                      <List size="sm" spacing={2} mt={4}>
                        {m.responsible
                          .filter((r) => r.partyId === p.id)
                          .sort((a, b) => (a.role === b.role ? 0 : a.role === 'lead' ? -1 : 1))
                          .map((r) => (
                            <List.Item key={r.organisationId}>
                              {r.role === 'lead' ? (
                                <strong>{orgLabel(ref.orgById.get(r.organisationId), lang)}</strong>
                              ) : (
                                orgLabel(ref.orgById.get(r.organisationId), lang)
                              )}{' '}
                              — {t(`enums.responsibleRole.${r.role}`)}
                            </List.Item>
                          ))}
                      </List>
                    </div>
                  ))}
                </Stack>
              )}
            </Section>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Section title={t('measure.provisions')} id="measure-provisions">
              {m.provisionIds.length === 0 ? (
                <EmptyState>{t('measure.noProvisions')}</EmptyState>
              ) : (
                <QueryState query={provisions}>
                  <List size="sm" spacing={6}>
                    {(provisions.data ?? []).map((p, i) =>
                      p ? (
                        <List.Item key={p.id}>
                          <Anchor component={Link} to={`/agreements/${p.agreementId}`} size="sm" fw={600}>
                            {t('agreements.provisionNumber', { number: p.number })}
                          </Anchor>{' '}
                          <LocalizedText value={p.text} />
                        </List.Item>
                      ) : (
                        <List.Item key={m.provisionIds[i]}>{t('measure.unavailable')}</List.Item>
                      ),
                    )}
                  </List>
                </QueryState>
              )}
            </Section>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Section title={t('measure.dependencies')} id="measure-dependencies">
              {m.dependsOn.length === 0 ? (
                <EmptyState>{t('measure.noDependencies')}</EmptyState>
              ) : (
                <QueryState query={deps}>
                  <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                    {(deps.data ?? []).map((d, i) => (
                      <li key={m.dependsOn[i]}>{d ? measureLink(d) : t('measure.unavailable')}</li>
                    ))}
                  </Stack>
                </QueryState>
              )}
            </Section>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Section title={t('measure.children')} id="measure-children">
              {m.childCount === 0 ? (
                <EmptyState>{t('measure.noChildren')}</EmptyState>
              ) : (
                <QueryState query={children}>
                  <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                    {(children.data ?? []).map((c) => (
                      <li key={c.id}>{measureLink(c)}</li>
                    ))}
                  </Stack>
                </QueryState>
              )}
            </Section>
          </Grid.Col>
        </Grid>

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
