/**
 * A commission meeting (`/meetings/:id`): date, place, co-chairs, agenda, decisions with the
 * measures they touch, the protocol, what changed since the previous meeting, and — for the
 * secretariat, before it is held — editing, deleting and «Провести заседание», which freezes
 * the baselines.
 */
import { Alert, Anchor, Badge, Group, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useMeeting } from '../../api/meetings';
import { mayManageMeetings } from '../../api/permissions';
import { useReference } from '../../api/reference';
import { useRoadmaps } from '../../api/roadmaps';
import { useSession } from '../../api/session';
import {
  ErrorAlert,
  Facts,
  formatDateText,
  LoadingState,
  localize,
  PageHeader,
  Section,
} from '../../components';
import { isLocale } from '../../i18n';
import { MeetingActions } from './components/MeetingActions';
import { ProtocolSection } from './components/ProtocolSection';
import { SincePrevious } from './SincePrevious';

export default function MeetingPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const lang = isLocale(i18n.language) ? i18n.language : 'ru';
  const loc = (v: Parameters<typeof localize>[0]) => localize(v, lang).text;
  const user = useSession().data?.user ?? null;
  const meeting = useMeeting(id);
  const ref = useReference();
  const roadmaps = useRoadmaps();
  const crumbs = [{ label: t('meetings.title'), to: '/meetings' }];
  if (meeting.isLoading) return <LoadingState />;
  const m = meeting.data;
  if (!m)
    return (
      <>
        <PageHeader title={t('meetings.title')} breadcrumbs={crumbs} />
        {isApiError(meeting.error) && meeting.error.status === 404 ? (
          <Alert color="orange" role="alert">
            {t('meetings.notFound')}
          </Alert>
        ) : (
          <ErrorAlert error={meeting.error} onRetry={() => meeting.refetch()} />
        )}
      </>
    );
  const title = t('meetings.numbered', { number: m.number });
  const manage = mayManageMeetings(user);
  return (
    <>
      <PageHeader
        title={title}
        breadcrumbs={[...crumbs, { label: title }]}
        actions={manage ? <MeetingActions meeting={m} /> : undefined}
      />
      <Stack gap="md">
        <Group gap="sm">
          <Badge variant="light" color={m.heldAt ? 'green' : 'blue'} size="lg">
            {m.heldAt ? t('meetings.held') : t('meetings.planned')}
          </Badge>
          {m.heldAt && (
            <Text size="sm" role="status">
              {t('meetings.heldNote', { date: formatDateText(m.heldAt.slice(0, 10), lang) })}
              {manage ? ` ${t('meetingForm.readOnly')}` : ''}
            </Text>
          )}
        </Group>
        <Section id="meeting-facts" title={title}>
          <Facts
            items={[
              [t('meetings.date'), formatDateText(m.date, lang)],
              [t('meetings.place'), loc(m.place) || '—'],
              [
                t('meetings.coChairs'),
                m.coChairs.length
                  ? m.coChairs
                      .map(
                        (c) =>
                          `${loc(c.name)}${c.position ? `, ${loc(c.position)}` : ''} (${loc(ref.partyById.get(c.partyId)?.name)})`,
                      )
                      .join('; ')
                  : '—',
              ],
              [
                t('meetings.roadmaps'),
                m.roadmapIds
                  .map((r) => loc(roadmaps.data?.find((x) => x.id === r)?.title))
                  .filter(Boolean)
                  .join('; ') || '—',
              ],
            ]}
          />
        </Section>
        <ProtocolSection meeting={m} manage={manage} />
        <Section id="meeting-agenda" title={t('meetings.agenda')}>
          {m.agenda.length ? (
            <List type="ordered" size="sm" spacing={4}>
              {m.agenda.map((a) => (
                <List.Item key={loc(a.title)} className="accord-wrap">
                  {loc(a.title)}
                </List.Item>
              ))}
            </List>
          ) : (
            <Text size="sm">{t('meetings.noAgenda')}</Text>
          )}
        </Section>
        <Section id="meeting-decisions" title={t('meetings.decisions')}>
          {m.decisions.length ? (
            <Stack gap="sm">
              {m.decisions.map((d) => (
                <div key={d.id}>
                  <Text size="sm" fw={600} className="accord-wrap">{`${d.number}. ${loc(d.text)}`}</Text>
                  <List size="sm" spacing={2}>
                    {d.measures.map((x) => (
                      <List.Item key={x.measureId}>
                        <Anchor component={Link} to={`/measures/${x.measureId}`} className="accord-wrap">
                          {`${x.code} ${loc(x.title)}`}
                        </Anchor>
                        {` — ${t(`planHistory.effects.${x.effect}`)}`}
                      </List.Item>
                    ))}
                  </List>
                </div>
              ))}
            </Stack>
          ) : (
            <Text size="sm">{t('meetings.noDecisions')}</Text>
          )}
        </Section>
        <Section id="meeting-changes" title={t('meetings.sincePrevious')}>
          <Stack gap="md">
            {m.roadmapIds.map((r) => (
              <SincePrevious key={r} roadmapId={r} meetingId={m.id} />
            ))}
          </Stack>
        </Section>
      </Stack>
    </>
  );
}
