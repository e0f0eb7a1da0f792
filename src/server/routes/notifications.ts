/** The signed-in user's notifications and preferences, and the jobs queue for admins. */
import { IdParams } from '../../contracts/common';
import {
  JobList,
  JobNameParams,
  JobQueued,
  JobRunBody,
  JobQuery,
  MarkReadBody,
  Notification,
  NotificationList,
  NotificationPreferences,
  NotificationPreferencesUpdate,
  NotificationQuery,
  ReadAllResult,
  UnreadCount,
} from '../../contracts/notifications';
import { listJobs } from '../../services/jobs/list';
import { runJobNow } from '../../services/jobs/run-now';
import * as svc from '../../services/notifications';
import { requireActor } from '../plugins/auth';
import { ERRORS, type RouteModule } from '../types';

const tags = ['notifications'];

const routes: RouteModule = (app, { ctx }) => {
  app.get(
    '/notifications',
    {
      schema: {
        tags,
        operationId: 'listNotifications',
        summary: 'Your notifications, newest first; unread=true keeps the unread ones',
        querystring: NotificationQuery,
        response: { 200: NotificationList, 400: ERRORS[400], 401: ERRORS[401] },
      },
    },
    async (req) => svc.listNotifications(ctx, requireActor(req), req.query),
  );
  app.get(
    '/notifications/unread-count',
    {
      schema: {
        tags,
        operationId: 'countUnreadNotifications',
        summary: 'How many of your notifications are unread (the bell)',
        response: { 200: UnreadCount, 401: ERRORS[401] },
      },
    },
    async (req) => svc.unreadCount(ctx, requireActor(req)),
  );
  app.post(
    '/notifications/:id/read',
    {
      schema: {
        tags,
        operationId: 'markNotificationRead',
        summary: 'Mark one of your notifications read',
        params: IdParams,
        body: MarkReadBody,
        response: { 200: Notification, 400: ERRORS[400], 401: ERRORS[401], 404: ERRORS[404] },
      },
    },
    async (req) => svc.markRead(ctx, requireActor(req), req.params.id),
  );
  app.post(
    '/notifications/read-all',
    {
      schema: {
        tags,
        operationId: 'markAllNotificationsRead',
        summary: 'Mark all your notifications read',
        body: MarkReadBody,
        response: { 200: ReadAllResult, 401: ERRORS[401] },
      },
    },
    async (req) => svc.markAllRead(ctx, requireActor(req)),
  );
  app.get(
    '/me/notification-preferences',
    {
      schema: {
        tags,
        operationId: 'getNotificationPreferences',
        summary:
          'Your notification preferences: each kind on or off, e-mail at once, in a daily digest or off',
        response: { 200: NotificationPreferences, 401: ERRORS[401] },
      },
    },
    async (req) => svc.getPreferences(ctx, requireActor(req)),
  );
  app.put(
    '/me/notification-preferences',
    {
      schema: {
        tags,
        operationId: 'putNotificationPreferences',
        summary: 'Change your notification preferences (the kinds named; the others stay)',
        body: NotificationPreferencesUpdate,
        response: { 200: NotificationPreferences, 400: ERRORS[400], 401: ERRORS[401] },
      },
    },
    async (req) => svc.putPreferences(ctx, requireActor(req), req.body),
  );
  app.get(
    '/jobs',
    {
      schema: {
        tags: ['jobs'],
        operationId: 'listJobs',
        summary:
          'Background jobs, newest first (admin); state=failed lists those that failed after their retries',
        querystring: JobQuery,
        response: { 200: JobList, 400: ERRORS[400], 401: ERRORS[401], 403: ERRORS[403] },
      },
    },
    async (req) => listJobs(ctx, requireActor(req), req.query),
  );
  app.post(
    '/jobs/:name/run',
    {
      schema: {
        tags: ['jobs'],
        operationId: 'runJob',
        summary:
          'Run a background job now (admin): notifications-reminders, notifications-digest, notifications-deliver, periods-schedule, periods-generate',
        params: JobNameParams,
        body: JobRunBody,
        response: { 202: JobQueued, ...ERRORS },
      },
    },
    async (req, reply) => reply.code(202).send(await runJobNow(ctx, requireActor(req), req.params.name)),
  );
};

export default routes;
