/** All the user's notifications, newest first, a page at a time; unread only on demand. */
import { Button, Paper, Switch } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMarkAllRead, useNotifications, useUnreadCount } from '../../api/notifications';
import { PageHeader, Pager, QueryState } from '../../components';
import { NotificationList } from './components/NotificationList';

const PAGE = 20;

/** The notifications page, lazily loaded by the router. */
export default function NotificationsPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [unread, setUnread] = useState(false);
  const list = useNotifications({ page, unread, limit: PAGE });
  const count = useUnreadCount().data ?? 0;
  const markAll = useMarkAllRead();
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / PAGE));
  return (
    <>
      <PageHeader
        title={t('notify.title')}
        actions={
          <Button
            variant="light"
            disabled={count === 0}
            loading={markAll.isPending}
            onClick={() => markAll.mutate()}
          >
            {t('notify.markAllRead')}
          </Button>
        }
      />
      <Paper withBorder p="md" radius="md" maw={900}>
        <Switch
          mb="sm"
          label={t('notify.unreadOnly')}
          checked={unread}
          onChange={(e) => {
            setUnread(e.currentTarget.checked);
            setPage(1);
          }}
        />
        <QueryState
          query={list}
          isEmpty={list.data?.data.length === 0}
          empty={unread ? t('notify.emptyUnread') : t('notify.empty')}
        >
          {() => <NotificationList items={list.data?.data ?? []} />}
        </QueryState>
        <Pager pages={pages} page={page} onChange={setPage} mt="md" />
      </Paper>
    </>
  );
}
