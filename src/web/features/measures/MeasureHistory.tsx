/**
 * A measure's history from the audit trail: who did what and when, with a readable
 * before → after of each changed field (dates, statuses and organisations in words, not ids).
 * An update's event holds only what changed, plus the measure's `id` and `code` to name it and,
 * in `after`, why it changed (`source`, and a `reason` when one was given).
 */
import { Badge, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEvent, I18nText, Measure, Organisation, Party, Sphere } from '../../../contracts';
import { MEASURE_UPDATE_SOURCES, type MeasureUpdateSource, useMeasureHistory } from '../../api/audit';
import { QueryState } from '../../components';
import { useFormat } from '../../i18n';
import { orgLabel, textOf } from '../roadmap/format';

/**
 * Fields that are not changes: bookkeeping and derived values every update touches, the
 * measure's identity (`id`, `code`) and the note of why it changed (`source`, `reason`).
 */
const IGNORED = new Set([
  'id',
  'code',
  'source',
  'reason',
  // the decision or change request a change followed: shown by the plan history section
  'decisionId',
  'changeRequestId',
  'version',
  'createdAt',
  'updatedAt',
  'overdue',
  'atRisk',
  'childCount',
  'depth',
  'roadmapId',
]);

const stable = (v: unknown): string => {
  if (Array.isArray(v)) return JSON.stringify(v.map(stable).sort());
  if (v && typeof v === 'object')
    return JSON.stringify(
      Object.keys(v as object)
        .sort()
        .map((k) => [k, stable((v as Record<string, unknown>)[k])]),
    );
  return JSON.stringify(v ?? null);
};

/** The fields whose values differ between two snapshots, in a stable order. */
export function changedFields(before: unknown, after: unknown): string[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !IGNORED.has(k));
  return keys.filter((k) => stable(b[k]) !== stable(a[k]));
}

/** Why an update was made, from its `after`: the source (when known) and the reason given. */
export function updateNote(after: unknown): { source: MeasureUpdateSource | null; reason: string | null } {
  const a = (after ?? {}) as Record<string, unknown>;
  const source = (MEASURE_UPDATE_SOURCES as readonly unknown[]).includes(a.source)
    ? (a.source as MeasureUpdateSource)
    : null;
  const reason = typeof a.reason === 'string' && a.reason.trim() ? a.reason.trim() : null;
  return { source, reason };
}

/** The names the history needs to turn ids into words. */
export interface HistoryReference {
  partyById: ReadonlyMap<string, Party>;
  sphereById: ReadonlyMap<string, Sphere>;
  orgById: ReadonlyMap<string, Organisation>;
}

/** The measure's audit events, newest first. */
export function MeasureHistory({ measureId, reference }: { measureId: string; reference: HistoryReference }) {
  const { t, i18n } = useTranslation();
  const { formatDate, formatDateTime } = useFormat();
  const history = useMeasureHistory(measureId);
  const lang = i18n.language;
  const events = history.data?.data ?? []; // newest first, as the API answers

  const show = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('common.empty');
    switch (field) {
      case 'title':
      case 'description':
        return textOf(value as I18nText, lang);
      case 'startDate':
      case 'dueDate':
        return formatDate(String(value));
      case 'status':
        return t(`enums.status.${value}`);
      case 'completionForm':
        return t(`enums.completionForm.${value}`);
      case 'tier':
        return t(`enums.tier.${value}`);
      case 'completionLevel':
        return t(`enums.completionLevel.${value}`);
      case 'progress':
        return t('common.percent', { value });
      case 'ownerPartyId':
        return textOf(reference.partyById.get(String(value))?.name, lang) || String(value);
      case 'parentId':
        return String(value);
      case 'sphereIds':
        return (
          (value as string[])
            .map((id) => textOf(reference.sphereById.get(id)?.name, lang) || id)
            .join(', ') || t('common.empty')
        );
      case 'provisionIds':
        return t('counts.provisions', { count: (value as string[]).length });
      case 'dependsOn':
        return t('counts.measures', { count: (value as string[]).length });
      case 'responsible':
        return (
          (value as Measure['responsible'])
            .map(
              (r) =>
                `${orgLabel(reference.orgById.get(r.organisationId), lang) || t('measure.unavailable')} (${t(`enums.responsibleRole.${r.role}`)})`,
            )
            .join('; ') || t('common.empty')
        );
      default:
        return typeof value === 'object' ? JSON.stringify(value) : String(value);
    }
  };

  // a person by name and organisation; the e-mail address only while the API sends no name
  const actor = (e: AuditEvent) => {
    if (e.actorLabel === 'system' && !e.actorName) return t('history.system');
    const who = e.actorName || e.actorLabel;
    const org = e.actorOrganisationId ? orgLabel(reference.orgById.get(e.actorOrganisationId), lang) : '';
    return t('history.by', { who: org ? t('forms.actorWithOrg', { who, org }) : who });
  };

  const actionLabel = (e: AuditEvent) => {
    const action = e.action.replace(/^measure\./, '');
    return t(`history.actions.${action}`, { defaultValue: t('history.actions.other', { action }) });
  };

  return (
    <QueryState query={history} isEmpty={events.length === 0} empty={t('measure.noHistory')}>
      <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {events.map((e) => {
          const isUpdate = e.action.endsWith('update');
          const fields = isUpdate ? changedFields(e.before, e.after) : [];
          const note = isUpdate ? updateNote(e.after) : { source: null, reason: null };
          return (
            <Paper component="li" key={e.id} withBorder p="sm">
              <Group gap="xs" justify="space-between" wrap="wrap">
                <Group gap="xs">
                  <Badge variant="light" color="gray" radius="sm" tt="none" c="gray.9">
                    {actionLabel(e)}
                  </Badge>
                  <Text size="sm" fw={600}>
                    {actor(e)}
                  </Text>
                </Group>
                <Text size="sm" c="gray.8" component="time" dateTime={e.occurredAt}>
                  {formatDateTime(e.occurredAt)}
                </Text>
              </Group>
              {(note.source || note.reason) && (
                <Text size="sm" c="gray.8" mt={4} data-testid="history-note">
                  {[
                    note.source && t(`historySource.${note.source}`),
                    note.reason && t('historySource.reason', { reason: note.reason }),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
              )}
              {isUpdate &&
                (fields.length === 0 ? (
                  <Text size="sm" c="gray.8" mt={4}>
                    {t('history.noDiff')}
                  </Text>
                ) : (
                  <Table.ScrollContainer minWidth={360} mt="xs">
                    <Table withTableBorder withColumnBorders fz="sm" verticalSpacing={4}>
                      <caption className="accord-sr-only" style={{ position: 'absolute', left: -10000 }}>
                        {t('history.changed')}
                      </caption>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th scope="col">{t('history.field')}</Table.Th>
                          <Table.Th scope="col">{t('history.from')}</Table.Th>
                          <Table.Th scope="col">{t('history.to')}</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {fields.map((f) => (
                          <Table.Tr key={f}>
                            <Table.Th scope="row" fw={500}>
                              {t(`fields.${f}`, { defaultValue: f })}
                            </Table.Th>
                            <Table.Td>
                              <del style={{ textDecorationColor: '#868e96' }}>
                                {show(f, (e.before as Record<string, unknown> | null)?.[f])}
                              </del>
                            </Table.Td>
                            <Table.Td>
                              <ins style={{ textDecoration: 'none', fontWeight: 500 }}>
                                {show(f, (e.after as Record<string, unknown> | null)?.[f])}
                              </ins>
                            </Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                ))}
            </Paper>
          );
        })}
      </Stack>
    </QueryState>
  );
}
