/**
 * The bell in the header: the unread count (polled every minute and on window focus) and a
 * popover with the latest notifications, mark all read, and a link to the whole list.
 */
import { ActionIcon, Anchor, Button, Group, Indicator, Popover, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBell } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMarkAllRead, useNotifications, useUnreadCount } from '../../api/notifications';
import { QueryState } from '../../components';
import { NotificationList } from './components/NotificationList';

const LATEST = 8;

/** The header's notification bell. */
export function NotificationBell() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const count = useUnreadCount().data ?? 0;
  const latest = useNotifications({ limit: LATEST, enabled: opened });
  const markAll = useMarkAllRead();
  const label = count > 0 ? t('notify.bellUnread', { count }) : t('notify.bell');
  return (
    <Popover
      opened={opened}
      onChange={(o) => (o ? undefined : close())}
      position="bottom-end"
      width={360}
      withinPortal
      shadow="md"
    >
      <Popover.Target>
        <ActionIcon
          variant="subtle"
          color="gray.8"
          size="md"
          aria-label={label}
          onClick={toggle}
          data-testid="notification-bell"
        >
          <Indicator
            label={count > 99 ? '99+' : count}
            disabled={count === 0}
            size={16}
            offset={2}
            color="red.8"
          >
            <IconBell size={20} aria-hidden />
          </Indicator>
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown role="dialog" aria-label={t('notify.title')} maw="calc(100vw - 16px)">
        <Group justify="space-between" mb="xs" gap={4}>
          <Text fw={600}>{t('notify.title')}</Text>
          <Button
            size="compact-xs"
            variant="subtle"
            disabled={count === 0}
            loading={markAll.isPending}
            onClick={() => markAll.mutate()}
          >
            {t('notify.markAllRead')}
          </Button>
        </Group>
        <QueryState query={latest} isEmpty={latest.data?.data.length === 0} empty={t('notify.empty')}>
          {() => (
            <ScrollArea.Autosize mah={360} type="auto">
              <NotificationList items={latest.data?.data ?? []} onOpen={close} />
            </ScrollArea.Autosize>
          )}
        </QueryState>
        <Anchor component={Link} to="/notifications" fz="sm" mt="xs" display="block" onClick={close}>
          {t('notify.viewAll')}
        </Anchor>
      </Popover.Dropdown>
    </Popover>
  );
}
