/**
 * «Календарь сроков»: make, replace or revoke the secret calendar URL and copy it. The URL is
 * shown once, when made (only its hash is kept), like an API token's secret.
 */
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconCalendarEvent } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarFeed } from '../../../../contracts';
import { useCalendarState, useRevokeCalendar, useRotateCalendar } from '../../../api/report';
import { ErrorAlert, QueryState, Section } from '../../../components';
import { useFormat } from '../../../i18n';
import { OneTimeSecret } from './OneTimeSecret';

/** The profile's calendar section. */
export function CalendarSection() {
  const { t } = useTranslation();
  const { formatDate } = useFormat();
  const state = useCalendarState();
  const rotate = useRotateCalendar();
  const revoke = useRevokeCalendar();
  const [made, setMade] = useState<CalendarFeed | null>(null);
  const [confirming, setConfirming] = useState(false);
  const s = state.data;

  return (
    <Section id="profile-calendar" title={t('calendarFeed.title')}>
      <Stack gap="sm">
        <Text fz="sm" c="gray.8">
          {t('calendarFeed.intro')}
        </Text>
        <QueryState query={state}>
          {s && (
            <Stack gap={2} data-testid="calendar-state">
              <Text fz="sm">
                {s.active && s.createdAt
                  ? t('calendarFeed.active', { date: formatDate(s.createdAt, 'long') })
                  : t('calendarFeed.none')}
              </Text>
              {s.active && (
                <Text fz="sm" c="gray.8">
                  {s.lastUsedAt
                    ? t('calendarFeed.lastUsed', { date: formatDate(s.lastUsedAt, 'long') })
                    : t('calendarFeed.neverUsed')}
                </Text>
              )}
            </Stack>
          )}
        </QueryState>
        {made && (
          <OneTimeSecret
            title={t('calendarFeed.created')}
            value={made.url}
            label={t('calendarFeed.url')}
            testId="calendar-url"
          />
        )}
        <ErrorAlert error={rotate.error ?? revoke.error} />
        <Group gap="xs">
          <Button
            leftSection={<IconCalendarEvent size={16} />}
            loading={rotate.isPending}
            onClick={() => rotate.mutate(undefined, { onSuccess: setMade })}
          >
            {s?.active ? t('calendarFeed.rotate') : t('calendarFeed.create')}
          </Button>
          {s?.active && (
            <Button variant="default" color="red" onClick={() => setConfirming(true)}>
              {t('calendarFeed.revoke')}
            </Button>
          )}
        </Group>
        {s?.active && (
          <Text fz="xs" c="gray.7">
            {t('calendarFeed.rotateHint')}
          </Text>
        )}
      </Stack>
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('calendarFeed.revokeTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack gap="sm">
          <Text fz="sm">{t('calendarFeed.revokeText')}</Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={revoke.isPending}
              onClick={() =>
                revoke.mutate(undefined, {
                  onSuccess: () => {
                    setMade(null);
                    setConfirming(false);
                  },
                })
              }
            >
              {t('calendarFeed.revoke')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Section>
  );
}
