/** A list of notifications: each links to its item (opening it marks it read), unread ones marked. */
import { ActionIcon, Anchor, Box, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Notification } from '../../../../contracts';
import { useMarkRead } from '../../../api/notifications';
import { useFormat } from '../../../i18n';

/** One notification: its sentence as a link, its kind and time, and a mark-read button while unread. */
function NotificationRow({ n, onOpen }: { n: Notification; onOpen?: () => void }) {
  const { t } = useTranslation();
  const { formatDateTime } = useFormat();
  const markRead = useMarkRead();
  const unread = !n.readAt;
  return (
    <Group
      component="li"
      gap="xs"
      wrap="nowrap"
      align="flex-start"
      py={6}
      data-testid="notification"
      data-unread={unread || undefined}
      style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
    >
      <Box
        aria-hidden
        mt={7}
        style={{
          width: 8,
          height: 8,
          flex: 'none',
          borderRadius: 4,
          background: unread ? 'var(--mantine-color-blue-7)' : 'transparent',
        }}
      />
      <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
        <Anchor
          component={Link}
          to={n.link}
          fz="sm"
          fw={unread ? 600 : 400}
          className="accord-wrap"
          onClick={() => {
            if (unread) markRead.mutate(n.id);
            onOpen?.();
          }}
        >
          {n.title}
        </Anchor>
        <Text fz="xs" c="gray.7">
          {unread ? `${t('notify.unread')} · ` : ''}
          {t(`notify.kinds.${n.kind}`)} · <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
        </Text>
      </Stack>
      {unread && (
        <Tooltip label={t('notify.markRead')} withinPortal>
          <ActionIcon
            variant="subtle"
            aria-label={`${t('notify.markRead')}: ${n.title}`}
            onClick={() => markRead.mutate(n.id)}
            loading={markRead.isPending}
          >
            <IconCheck size={16} aria-hidden />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}

/** The rows of a page of notifications, as a list. */
export function NotificationList({ items, onOpen }: { items: Notification[]; onOpen?: () => void }) {
  return (
    <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {items.map((n) => (
        <NotificationRow key={n.id} n={n} onOpen={onOpen} />
      ))}
    </Box>
  );
}
