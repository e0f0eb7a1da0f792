/** Notification preferences in the profile: per kind on or off, and e-mail at once, in a digest or not. */
import { Button, Select, Stack, Switch, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EMAIL_MODES, type EmailMode, type NotificationPreference } from '../../../../contracts';
import { useNotificationPreferences, useSaveNotificationPreferences } from '../../../api/notifications';
import { ErrorAlert, QueryState, Section } from '../../../components';

/** The preferences table with one save button. */
export function NotificationPreferencesSection() {
  const { t } = useTranslation();
  const prefs = useNotificationPreferences();
  const save = useSaveNotificationPreferences();
  const [draft, setDraft] = useState<NotificationPreference[]>([]);
  useEffect(() => {
    if (prefs.data) setDraft(prefs.data);
  }, [prefs.data]);
  const set = (kind: string, change: Partial<NotificationPreference>) =>
    setDraft((d) => d.map((p) => (p.kind === kind ? { ...p, ...change } : p)));
  const modes = EMAIL_MODES.map((m) => ({ value: m, label: t(`notify.email.${m}`) }));

  return (
    <Section id="profile-notifications" title={t('notify.prefs.title')}>
      <Stack gap="sm">
        <Text fz="sm" c="gray.8">
          {t('notify.prefs.hint')}
        </Text>
        {save.error ? <ErrorAlert error={save.error} /> : null}
        <QueryState query={prefs}>
          <Table.ScrollContainer minWidth={520} scrollAreaProps={{ viewportProps: { tabIndex: 0 } }}>
            <Table verticalSpacing={6} horizontalSpacing={6} data-testid="notification-preferences">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('notify.prefs.kind')}</Table.Th>
                  <Table.Th>{t('notify.prefs.enabled')}</Table.Th>
                  <Table.Th>{t('notify.prefs.emailColumn')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {draft.map((p) => {
                  const kind = t(`notify.kinds.${p.kind}`);
                  return (
                    <Table.Tr key={p.kind}>
                      <Table.Td className="accord-wrap">{kind}</Table.Td>
                      <Table.Td>
                        <Switch
                          aria-label={t('notify.prefs.enabledLabel', { kind })}
                          checked={p.enabled}
                          onChange={(e) => set(p.kind, { enabled: e.currentTarget.checked })}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Select
                          w={{ base: 100, sm: 180 }}
                          aria-label={t('notify.prefs.emailLabel', { kind })}
                          data={modes}
                          value={p.email}
                          disabled={!p.enabled}
                          allowDeselect={false}
                          onChange={(v) => v && set(p.kind, { email: v as EmailMode })}
                          size="xs"
                        />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </QueryState>
        <Button
          w="fit-content"
          loading={save.isPending}
          onClick={() =>
            save.mutate(draft, {
              onSuccess: () => notifications.show({ color: 'green', message: t('notify.prefs.saved') }),
            })
          }
        >
          {t('notify.prefs.save')}
        </Button>
      </Stack>
    </Section>
  );
}
