/** The audit page's filter: entity type and id, actor, action, a time range. */
import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTION_NAMES, AUDIT_ENTITY_TYPES } from '../../../../contracts';
import { useUsers } from '../../../api/users';
import { DateInput } from '../../../components/DateInput';

/** The filter as the URL holds it (dates as YYYY-MM-DD, the rest as the API takes them). */
export interface AuditFilter {
  entityType: string;
  entityId: string;
  actorId: string;
  action: string;
  from: string;
  to: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The API query of a filter: dates become the start of `from` and the end of `to` (UTC). */
export function toQuery(f: AuditFilter) {
  return {
    entityType: f.entityType || undefined,
    entityId: UUID.test(f.entityId.trim()) ? f.entityId.trim() : undefined,
    actorId: f.actorId || undefined,
    action: f.action || undefined,
    from: f.from ? `${f.from}T00:00:00Z` : undefined,
    to: f.to ? `${f.to}T23:59:59.999Z` : undefined,
  };
}

/** The inputs. */
export function AuditFilters({
  value,
  onChange,
}: {
  value: AuditFilter;
  onChange: (patch: Partial<AuditFilter>) => void;
}) {
  const { t } = useTranslation();
  const users = useUsers({ limit: 100 });
  const badId = value.entityId.trim() !== '' && !UUID.test(value.entityId.trim());
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
      <Select
        label={t('workbench.audit.entityType')}
        clearable
        searchable
        value={value.entityType || null}
        onChange={(v) => onChange({ entityType: v ?? '' })}
        data={AUDIT_ENTITY_TYPES.map((e) => ({ value: e, label: t(`workbench.audit.entities.${e}`) }))}
      />
      <TextInput
        label={t('workbench.audit.entityId')}
        value={value.entityId}
        onChange={(e) => onChange({ entityId: e.currentTarget.value })}
        error={badId ? t('workbench.audit.badId') : undefined}
        spellCheck={false}
      />
      <Select
        label={t('workbench.audit.actor')}
        clearable
        searchable
        value={value.actorId || null}
        onChange={(v) => onChange({ actorId: v ?? '' })}
        data={(users.data?.data ?? []).map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }))}
      />
      <Select
        label={t('workbench.audit.action')}
        clearable
        searchable
        value={value.action || null}
        onChange={(v) => onChange({ action: v ?? '' })}
        data={AUDIT_ACTION_NAMES.map((a) => ({ value: a, label: a }))}
      />
      <DateInput
        label={t('workbench.audit.from')}
        value={value.from}
        onChange={(v) => onChange({ from: v })}
      />
      <DateInput
        label={t('workbench.audit.to')}
        value={value.to}
        min={value.from || undefined}
        onChange={(v) => onChange({ to: v })}
      />
    </SimpleGrid>
  );
}
