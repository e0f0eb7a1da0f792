/**
 * Editing a list of responsible organisations (lead / co-executor), used by the measure
 * form and by the roadmap's bulk edit. A coordinator may change only its own party's
 * organisations (domain/policies.ts responsibleChangeAllowed), so the other party's rows
 * are shown but locked, and only its own organisations are offered.
 */
import { ActionIcon, Button, Group, Select, Stack, Text } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { RESPONSIBLE_ROLES, type Organisation, type Party, type ResponsibleRole } from '../../../contracts';
import { orgLabel, textOf } from '../roadmap/format';

/** One entry as the API takes it. */
export interface ResponsibleEntry {
  organisationId: string;
  role: ResponsibleRole;
}

/** Props of the responsible-list editor. */
export interface ResponsibleEditorProps {
  value: ResponsibleEntry[];
  onChange: (next: ResponsibleEntry[]) => void;
  organisations: readonly Organisation[];
  parties: readonly Party[];
  /** The only party whose organisations may change; null: any (admins). */
  editablePartyId: string | null;
  /** Error messages by entry index (from zod or the API), and one for the whole list. */
  errors?: Record<number, string>;
  listError?: string;
  disabled?: boolean;
  /** Labels the group for assistive technology. */
  label: string;
}

/** A list of organisation + role rows with add and remove. */
export function ResponsibleEditor({
  value,
  onChange,
  organisations,
  parties,
  editablePartyId,
  errors = {},
  listError,
  disabled = false,
  label,
}: ResponsibleEditorProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const orgById = new Map(organisations.map((o) => [o.id, o]));
  const taken = new Set(value.map((v) => v.organisationId));
  const groups = parties
    .filter((p) => editablePartyId === null || p.id === editablePartyId)
    .map((p) => ({
      group: textOf(p.name, lang),
      items: organisations
        .filter((o) => o.partyId === p.id)
        .map((o) => ({ value: o.id, label: orgLabel(o, lang) || textOf(o.name, lang) }))
        .sort((a, b) => a.label.localeCompare(b.label, lang)),
    }))
    .filter((g) => g.items.length > 0);
  const locked = (e: ResponsibleEntry) => {
    if (editablePartyId === null || !e.organisationId) return false;
    return orgById.get(e.organisationId)?.partyId !== editablePartyId;
  };
  const update = (i: number, patch: Partial<ResponsibleEntry>) =>
    onChange(value.map((v, j) => (j === i ? { ...v, ...patch } : v)));

  return (
    <Stack gap="xs" role="group" aria-label={label}>
      {value.map((entry, i) => {
        const org = orgById.get(entry.organisationId);
        const name = org ? orgLabel(org, lang) : '';
        const isLocked = disabled || locked(entry);
        const party = org ? parties.find((p) => p.id === org.partyId) : undefined;
        return (
          // a new entry has no organisation yet, and thus no identity other than its place
          <Group key={entry.organisationId || `new-${i}`} gap="xs" align="flex-start" wrap="wrap">
            {isLocked ? (
              <Stack gap={0} style={{ flex: '1 1 220px' }}>
                <Text size="sm" fw={500}>
                  {name || t('measure.unavailable')}
                </Text>
                <Text size="xs" c="#495057">
                  {party ? t('measure.partyOf', { party: textOf(party.name, lang) }) : ''}
                  {' · '}
                  {t(`enums.responsibleRole.${entry.role}`)}
                  {!disabled && ` · ${t('measure.ownParty')}`}
                </Text>
              </Stack>
            ) : (
              <>
                <Select
                  style={{ flex: '1 1 220px' }}
                  label={`${t('measure.organisation')} ${i + 1}`}
                  placeholder={t('measure.noOrganisation')}
                  searchable
                  value={entry.organisationId || null}
                  onChange={(v) => update(i, { organisationId: v ?? '' })}
                  data={groups.map((g) => ({
                    group: g.group,
                    items: g.items.filter((o) => o.value === entry.organisationId || !taken.has(o.value)),
                  }))}
                  error={errors[i]}
                  comboboxProps={{ withinPortal: true }}
                />
                <Select
                  style={{ flex: '0 1 230px' }}
                  label={`${t('measure.role')} ${i + 1}`}
                  value={entry.role}
                  allowDeselect={false}
                  onChange={(v) => v && update(i, { role: v as ResponsibleRole })}
                  data={RESPONSIBLE_ROLES.map((r) => ({ value: r, label: t(`enums.responsibleRole.${r}`) }))}
                  comboboxProps={{ withinPortal: true }}
                />
                <ActionIcon
                  variant="subtle"
                  color="red.9"
                  mt={26}
                  aria-label={t('measure.removeResponsible', { name: name || String(i + 1) })}
                  onClick={() => onChange(value.filter((_, j) => j !== i))}
                >
                  <IconX size={18} />
                </ActionIcon>
              </>
            )}
          </Group>
        );
      })}
      {listError && (
        <Text size="sm" c="#c92a2a" role="alert">
          {listError}
        </Text>
      )}
      {!disabled && (
        <Button
          variant="default"
          size="xs"
          style={{ alignSelf: 'flex-start' }}
          onClick={() => onChange([...value, { organisationId: '', role: 'co_executor' }])}
        >
          {t('measure.addResponsible')}
        </Button>
      )}
    </Stack>
  );
}
