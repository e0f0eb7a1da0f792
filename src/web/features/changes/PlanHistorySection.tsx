/**
 * «История плана» on the measure page: due-date moves from its history («срок перенесён с
 * 30.06.2026 (утверждённый план) на 31.12.2026 решением 27-го заседания»), the commission
 * decisions that created or changed it, its change requests, and the request dialog for a
 * coordinator of a responsible party.
 */
import { Anchor, Badge, Button, Group, List, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Measure } from '../../../contracts';
import { useMeasureHistory } from '../../api/audit';
import { useBaselines } from '../../api/baselines';
import { useChangeRequests } from '../../api/change-requests';
import { useMeasureDecisions } from '../../api/meetings';
import { mayRequestChange } from '../../api/permissions';
import { useSession } from '../../api/session';
import { ErrorAlert, formatDateText, localize, Section } from '../../components';
import { isLocale } from '../../i18n';
import { ChangeRequestDialog } from './ChangeRequestDialog';

type Snap = Record<string, unknown> | null;

export function PlanHistorySection({ measure }: { measure: Measure }) {
  const { t, i18n } = useTranslation();
  const lang = isLocale(i18n.language) ? i18n.language : 'ru';
  const date = (d: string) => formatDateText(d, lang);
  const user = useSession().data?.user ?? null;
  const history = useMeasureHistory(measure.id);
  const decisions = useMeasureDecisions(measure.id);
  const baselines = useBaselines(measure.roadmapId);
  const requests = useChangeRequests(
    { measureId: measure.id },
    !!user && (user.role === 'admin' || user.role === 'coordinator'),
  );
  const [asking, setAsking] = useState(false);
  const meetingOf = new Map((decisions.data ?? []).map((d) => [d.decisionId, d.meetingNumber]));
  const approvedAt = (baselines.data ?? []).filter((b) => b.kind === 'approval').at(-1)?.takenAt ?? null;
  const moves = (history.data?.data ?? [])
    .filter((e) => (e.before as Snap)?.dueDate && (e.after as Snap)?.dueDate)
    .reverse(); // oldest first
  const lines = moves.map((e, i) => {
    const a = e.after as Record<string, string>;
    const b = e.before as Record<string, string>;
    const approved = i === 0 && approvedAt !== null && approvedAt <= e.occurredAt;
    const n = a.decisionId ? meetingOf.get(a.decisionId) : undefined;
    return [
      `${t('planHistory.moved', { from: `${date(b.dueDate)}${approved ? ` ${t('planHistory.approved')}` : ''}`, to: date(a.dueDate) })}`,
      n
        ? t('planHistory.byDecision', { number: n })
        : a.reason
          ? t('planHistory.because', { reason: a.reason })
          : '',
    ]
      .filter(Boolean)
      .join(', ');
  });
  return (
    <Section title={t('planHistory.title')} id="measure-plan-history">
      <Stack gap="sm">
        <ErrorAlert error={history.error ?? decisions.error} />
        {lines.length === 0 && (decisions.data ?? []).length === 0 ? (
          <Text size="sm">{t('planHistory.none')}</Text>
        ) : (
          <List size="sm" spacing={4} data-testid="plan-moves">
            {lines.map((l) => (
              <List.Item key={l} className="accord-wrap">
                {l}
              </List.Item>
            ))}
          </List>
        )}
        {(decisions.data ?? []).length > 0 && (
          <>
            <Title order={3} fz="md">
              {t('planHistory.decisions')}
            </Title>
            <List size="sm" spacing={4}>
              {decisions.data!.map((d) => (
                <List.Item key={d.decisionId} className="accord-wrap">
                  <Anchor component={Link} to={`/meetings/${d.meetingId}`}>
                    {t('planHistory.decision', {
                      meeting: d.meetingNumber,
                      date: date(d.meetingDate),
                      number: d.number,
                    })}
                  </Anchor>
                  {` — ${t(`planHistory.effects.${d.effect}`)}: ${localize(d.text, lang).text}`}
                </List.Item>
              ))}
            </List>
          </>
        )}
        {(requests.data?.data ?? []).length > 0 && (
          <>
            <Title order={3} fz="md">
              {t('planHistory.requests')}
            </Title>
            <List size="sm" spacing={4}>
              {requests.data!.data.map((r) => (
                <List.Item key={r.id} className="accord-wrap">
                  <Badge
                    size="sm"
                    variant="light"
                    color={r.state === 'open' ? 'blue' : r.state === 'accepted' ? 'green' : 'gray'}
                    mr={6}
                  >
                    {t(`changeRequests.states.${r.state}`)}
                  </Badge>
                  {r.dueDate
                    ? t('changeRequests.askedDue', {
                        from: date(r.previousDueDate ?? r.currentDueDate),
                        to: date(r.dueDate),
                      })
                    : t('changeRequests.askedBodies')}
                  {` — ${r.reason}`}
                  {r.declineReason ? ` (${t('changeRequests.outcome', { reason: r.declineReason })})` : ''}
                </List.Item>
              ))}
            </List>
          </>
        )}
        {mayRequestChange(user, measure) && (
          <Group>
            <Button variant="default" onClick={() => setAsking(true)}>
              {t('planHistory.ask')}
            </Button>
          </Group>
        )}
      </Stack>
      {asking && <ChangeRequestDialog measure={measure} onClose={() => setAsking(false)} />}
    </Section>
  );
}
