/**
 * The signed-in user's notifications: the unread count for the bell (polled every minute and
 * on window focus: one index-only count), a page of the list, marking read, and preferences.
 * Marking read writes the answer into the cached lists and the count; nothing refetches.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Notification, NotificationPreference } from '../../contracts';
import { api, type Page } from './client';

export const notificationKeys = {
  all: ['notifications'] as const,
  count: ['notifications', 'unread-count'] as const,
  list: (lng: string, page: number, unread: boolean, limit: number) =>
    ['notifications', 'list', lng, page, unread, limit] as const,
  preferences: ['notification-preferences'] as const,
};

const MINUTE = 60_000;

/** GET /notifications/unread-count, every minute and when the window regains focus. */
export function useUnreadCount() {
  return useQuery({
    queryKey: notificationKeys.count,
    queryFn: ({ signal }) =>
      api.get<{ count: number }>('/notifications/unread-count', { signal }).then((r) => r.count),
    refetchInterval: MINUTE,
    refetchOnWindowFocus: true,
    staleTime: 10_000,
  });
}

/** A page of GET /notifications (texts in the user's language, so the language is in the key). */
export function useNotifications(
  o: { page?: number; unread?: boolean; limit?: number; enabled?: boolean } = {},
) {
  const { i18n } = useTranslation();
  const page = o.page ?? 1;
  const unread = o.unread ?? false;
  const limit = o.limit ?? 20;
  return useQuery({
    queryKey: notificationKeys.list(i18n.language, page, unread, limit),
    queryFn: ({ signal }) =>
      api.get<Page<Notification>>('/notifications', {
        query: { page, limit, unread: unread || undefined },
        signal,
      }),
    placeholderData: keepPreviousData,
    enabled: o.enabled ?? true,
  });
}

type ListCache = Page<Notification>;

/** POST /notifications/:id/read: the cached lists show it read and the count drops. */
export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<Notification>(`/notifications/${id}/read`, {}),
    onSuccess: (saved) => {
      let wasUnread = false;
      for (const [key, page] of qc.getQueriesData<ListCache>({
        queryKey: [...notificationKeys.all, 'list'],
      })) {
        if (!page) continue;
        if (page.data.some((n) => n.id === saved.id && !n.readAt)) wasUnread = true;
        qc.setQueryData(key, {
          ...page,
          data: page.data.map((n) => (n.id === saved.id ? { ...n, readAt: saved.readAt } : n)),
        });
      }
      if (wasUnread) qc.setQueryData<number>(notificationKeys.count, (c) => Math.max(0, (c ?? 1) - 1));
    },
  });
}

/** POST /notifications/read-all: every cached one shows read, the count is 0. */
export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ marked: number }>('/notifications/read-all', {}),
    onSuccess: () => {
      const now = new Date().toISOString();
      for (const [key, page] of qc.getQueriesData<ListCache>({
        queryKey: [...notificationKeys.all, 'list'],
      })) {
        if (page)
          qc.setQueryData(key, {
            ...page,
            data: page.data.map((n) => ({ ...n, readAt: n.readAt ?? now })),
          });
      }
      qc.setQueryData(notificationKeys.count, 0);
    },
  });
}

/** GET /me/notification-preferences: every kind, on/off and its e-mail mode. */
export function useNotificationPreferences() {
  return useQuery({
    queryKey: notificationKeys.preferences,
    queryFn: ({ signal }) =>
      api
        .get<{ data: NotificationPreference[] }>('/me/notification-preferences', { signal })
        .then((r) => r.data),
  });
}

/** PUT /me/notification-preferences; the answer replaces the cached preferences. */
export function useSaveNotificationPreferences() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (data: NotificationPreference[]) =>
      api
        .put<{ data: NotificationPreference[] }>('/me/notification-preferences', { data })
        .then((r) => r.data),
    onSuccess: (saved) => qc.setQueryData(notificationKeys.preferences, saved),
  });
}
